"""poortwachter addin: the Word and Outlook add-ins' manifests and the localhost certificate."""

from __future__ import annotations

import sys
from pathlib import Path

from plugin.addins.certs import certificate_info, default_cert_dir, trust_commands
from plugin.addins.manifest import DEFAULT_URL, outlook_manifest, word_manifest
from plugin.output import write_atomic

PLATFORMS = (("windows", "Windows (Opdrachtprompt, als jezelf; Windows vraagt om bevestiging)"),
             ("macos", "macOS (Terminal; vraagt je wachtwoord)"),
             ("linux", "Linux (Terminal; de laatste regel is voor Chrome/Chromium, pakket libnss3-tools)"))


def add_parser(sub) -> None:
    p = sub.add_parser("addin", help="Word- en Outlook-invoegtoepassing: manifest en certificaat",
                       description="Maakt het manifest waarmee je Poortwachter in Word of Outlook laadt, en het "
                                   "certificaat voor https://localhost dat Office vereist.")
    verbs = p.add_subparsers(dest="addin_command", metavar="manifest|certs")
    m = verbs.add_parser("manifest", help="het XML-manifest voor Word of Outlook schrijven",
                         description="Schrijft het manifest (XML) om de invoegtoepassing te sideloaden.")
    which = m.add_mutually_exclusive_group(required=True)
    which.add_argument("--word", action="store_const", const="word", dest="host", help="Word (taakvenster)")
    which.add_argument("--outlook", action="store_const", const="outlook", dest="host", help="Outlook (berichten lezen)")
    m.add_argument("--out", type=Path, metavar="BESTAND", help="naar dit bestand schrijven (standaard: op het scherm)")
    m.add_argument("--url", default=DEFAULT_URL,
                   help=f"adres van `poortwachter serve --https` (standaard {DEFAULT_URL})")
    m.add_argument("--force", action="store_true", help="een bestaand bestand overschrijven")
    m.set_defaults(run=run_manifest)
    c = verbs.add_parser("certs", help="het localhost-certificaat maken en tonen hoe je het vertrouwt",
                         description="Maakt (of hergebruikt) het certificaat voor https://localhost en toont de "
                                     "opdrachten om het op Windows, macOS en Linux te vertrouwen.")
    c.add_argument("--dir", type=Path, default=None, metavar="MAP",
                   help=f"map voor certificaat en sleutel (standaard {default_cert_dir()})")
    c.set_defaults(run=run_certs)
    p.set_defaults(run=lambda args: _usage(p))


def _usage(parser) -> int:
    parser.print_help(sys.stderr)
    return 2


def run_manifest(args) -> int:
    data = word_manifest(args.url) if args.host == "word" else outlook_manifest(args.url)
    if args.out is None:
        sys.stdout.write(data.decode("utf-8"))
        return 0
    write_atomic(args.out, data, force=args.force)
    print(f"Manifest voor {'Word' if args.host == 'word' else 'Outlook'} geschreven: {args.out}")
    print("Volgende stap: sideload dit bestand (zie README, 'Word en Outlook (add-ins)').")
    return 0


def run_certs(args) -> int:
    info = certificate_info(args.dir)
    state = "nieuw gemaakt" if info.created else "bestaat al en is geldig"
    print(f"Certificaat ({state}): {info.cert_path}")
    print(f"Sleutel (alleen voor jou leesbaar): {info.key_path}")
    print(f"Geldig tot: {info.not_after:%Y-%m-%d}")
    print(f"SHA-256-vingerafdruk: {info.sha256}")
    if info.created:
        print("\nDit certificaat is nieuw: vertrouw het eenmalig op deze computer, anders weigert Office de pagina's.")
    print("\nVertrouwen (eenmalig per certificaat):")
    commands = trust_commands(info.cert_path)
    for key, label in PLATFORMS:
        print(f"\n  {label}:")
        for line in commands[key]:
            print(f"    {line}")
    print(f"\nStart daarna de server met: {serve_command(info.cert_path.parent if args.dir is not None else None)}")
    return 0


def serve_command(cert_dir: Path | None) -> str:
    """The `serve` line to print: with --certs when the certificate is not in the default folder,
    or serve would make (and the user would have to trust) a second one there."""
    command = "poortwachter serve WERKMAP --https"
    if cert_dir is None:
        return command
    return f'{command} --certs "{cert_dir}"'   # quoted: settings folders hold spaces on Windows and macOS
