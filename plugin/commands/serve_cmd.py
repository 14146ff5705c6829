"""poortwachter serve WORKBOOK: the local app in the browser (cases, documents, check, mail-out)."""

from __future__ import annotations

import os
import socket
import sys
import threading
import webbrowser
from pathlib import Path

from plugin.errors import PoortwachterError

DEFAULT_PORT = 8765


class ServeError(PoortwachterError):
    """The app cannot start as asked (port, folder, certificate)."""


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="de app in de browser starten (alleen op deze computer)",
                       description="Start Poortwachter als app in de browser: casussen met hun WVP-week en "
                                   "stoplicht, documenten maken, de dossiercheck en de mail-out. Alleen bereikbaar "
                                   "vanaf deze computer, met een token per start.")
    p.add_argument("workbook", type=Path, help="de werkmap (.xlsx)")
    p.add_argument("--dossiers", type=Path, help="map met één submap per casus (standaard: 'dossiers' naast de werkmap)")
    p.add_argument("--out", type=Path, default=Path("output"), help="map voor gemaakte documenten (standaard: output)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"poort (standaard {DEFAULT_PORT}; bezet: een vrije)")
    p.add_argument("--no-browser", action="store_true", help="de browser niet openen")
    p.add_argument("--https", action="store_true", help="via https met een eigen certificaat (nodig voor de Office-add-ins)")
    p.add_argument("--certs", type=Path, help="map voor het certificaat bij --https")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="taal van de app (standaard nl)")
    p.add_argument("--templates", type=Path, help="map met eigen Word-sjablonen")
    p.add_argument("--via", metavar="URI", help="mail-out route (standaard outbox naast de werkmap)")
    p.add_argument("--profiles", type=Path, help="profielenbestand (TOML) voor --via")
    p.add_argument("--mailbox", action="append", metavar="URI",
                   help="ook deze mailbox als bewijs gebruiken, zoals bij check (herhaalbaar)")
    p.add_argument("--rules", type=Path, help="map of bestand met eigen regels (zoals bij check)")
    p.add_argument("--cache", type=Path, metavar="BESTAND", help="scancache van de dossiercheck (zoals bij check)")
    p.add_argument("--no-cache", action="store_true", help="de dossiercheck leest elk bestand opnieuw")
    p.set_defaults(run=run)


def _bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1: the port asked for, else any free one."""
    for candidate in (port, 0):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind(("127.0.0.1", candidate))
            sock.listen(128)   # connections wait in the queue until the server runs: the link works at once
        except OSError:
            sock.close()
            continue
        return sock
    raise ServeError("geen vrije poort op 127.0.0.1")


def run(args) -> int:
    from plugin.app.server import configure_logging, make_server
    from plugin.app.settings import Settings
    from plugin.resources import templates_dir
    from plugin.workbook.load import load_workbook

    if not args.workbook.is_file():
        raise ServeError(f"werkmap niet gevonden: {args.workbook}")
    load_workbook(args.workbook)   # a workbook that cannot be opened at all: say so now, not in the browser
    if args.dossiers is not None and not args.dossiers.is_dir():
        raise ServeError(f"dossiermap niet gevonden: {args.dossiers}")
    if args.templates is not None and not args.templates.is_dir():
        raise ServeError(f"sjablonenmap niet gevonden: {args.templates}")
    certs = None
    if args.https:
        try:
            from plugin.addins.certs import ensure_certificate
        except ImportError:
            raise ServeError("--https vraagt het pakket 'cryptography' (pip install -e .)") from None
        certs = ensure_certificate(args.certs)
    token = _token()
    sock = _bind(args.port)
    port = sock.getsockname()[1]
    settings = Settings(workbook=args.workbook.resolve(), dossiers=args.dossiers.resolve() if args.dossiers else None,
                        out=args.out.resolve(), templates=(args.templates or templates_dir()).resolve(),
                        via=args.via, profiles=args.profiles, token=token, lang=args.lang, port=port,
                        https=bool(certs), cache=args.cache, no_cache=args.no_cache,
                        mailboxes=tuple(args.mailbox or ()), rules=args.rules)
    scheme = "https" if certs else "http"
    url = f"{scheme}://127.0.0.1:{port}/?token={token}"
    if args.port and port != args.port:
        print(f"Poort {args.port} is bezet; de app gebruikt poort {port}.")
        if certs:
            print(f"Let op: de Office-add-ins zoeken de app op poort {args.port}. Stop het programma dat die poort "
                  f"gebruikt, of maak de manifesten opnieuw en laad ze opnieuw:\n"
                  f"    poortwachter addin manifest --word --url https://localhost:{port} --out word.xml --force\n"
                  f"    poortwachter addin manifest --outlook --url https://localhost:{port} --out outlook.xml --force")
    print(f"Poortwachter draait op {scheme}://127.0.0.1:{port}/ (alleen vanaf deze computer).")
    dossiers = settings.dossier_root()
    print(f"Werkmap: {settings.workbook}\nDossiermap: {dossiers or 'geen (geef --dossiers MAP voor de dossiercheck)'}"
          + "".join(f"\nMailbox: {uri}" for uri in settings.mailboxes) + f"\nDocumenten naar: {settings.out}")
    if not settings.sources(None).has_evidence:
        print("Let op: zonder dossiers of mailbox volgt de status van elke casus alleen de werkmap.")
    print(f"Open in de browser:\n\n    {url}\n")
    print("Scripts en de Office-add-ins sturen: Authorization: Bearer <token uit de link>. Stoppen: Ctrl+C.")
    configure_logging()
    from plugin.addins.web import EXTENSION

    server = make_server(settings, certs=certs, extensions=(EXTENSION,))
    opener = None if args.no_browser else open_file(url)
    if opener is not None:
        threading.Timer(0.8, lambda: webbrowser.open(opener.as_uri())).start()
    sys.stdout.flush()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:   # Ctrl+C is how the app is stopped: not an error
        pass
    finally:
        if opener is not None:
            remove_open_file(opener)
        stop_readers()
    print("Poortwachter is gestopt.")
    return 0


def stop_readers() -> None:
    """Stop the reader worker processes (plugin.readers.guarded) before Python exits.

    They were forked while uvicorn's signal handlers were installed, so they keep those: the
    SIGTERM that multiprocessing sends its daemon children at exit only asks them to stop
    serving, and Python would wait for them for ever. Told to stop through their pipe, they do."""
    from plugin.readers import guarded

    guarded.shutdown()


def _token() -> str:
    """POORTWACHTER_TOKEN when it is set (and long enough), else a new random one."""
    from plugin.app.login import check_token
    from plugin.app.settings import new_token
    from plugin.errors import UsageError

    given = os.environ.get("POORTWACHTER_TOKEN")
    if given is None or given == "":
        return new_token()
    try:
        return check_token(given)
    except UsageError as exc:
        raise ServeError(str(exc)) from None


OPEN_PAGE = """<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={url}">
<title>Poortwachter</title></head><body><p><a href="{url}">Poortwachter openen</a></p>
<script>window.location.replace({url_js});</script></body></html>"""


def open_file(url: str) -> Path:
    """A page only you can read that sends the browser on to the link (as Jupyter opens its browser).

    The browser is started with this file's file:// address, never with the link itself: a
    program's command line is readable by every user of the computer (/proc/PID/cmdline,
    `ps`), and the link holds the token. The file is created in a new private folder (0700)
    with mode 0600 from the start, and removed when the server stops."""
    import html
    import json
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="poortwachter-"))
    path = folder / "open.html"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(OPEN_PAGE.format(url=html.escape(url, quote=True), url_js=json.dumps(url)))
    return path


def remove_open_file(path: Path) -> None:
    try:
        path.unlink()
        path.parent.rmdir()
    except OSError:
        pass
