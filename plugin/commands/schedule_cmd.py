"""poortwachter schedule mailout|signals WORKBOOK [options]: the operating system's own scheduled task.

Everything after the workbook that is not --at, --print, --install, --remove or --system is
an option of the scheduled command itself (`--via smtp://...`, `--dossiers DIR`) and is
checked by that command's own parser now, not at 08:00 on a Monday.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from plugin.commands import mailout_cmd, signals_cmd
from plugin.errors import UsageError
from plugin.schedule import install as installer
from plugin.schedule.at import parse_at
from plugin.schedule.job import Job
from plugin.schedule.systemd import shell_line

COMMANDS = {"mailout": mailout_cmd, "signals": signals_cmd}
OWN_FLAGS = ("--print", "--install", "--remove")


def add_parser(sub) -> None:
    p = sub.add_parser("schedule", help="de mail-out of de signalen automatisch laten lopen (taakplanner van het systeem)",
                       description="Maakt de geplande taak van het besturingssysteem zelf (Windows Taakplanner, "
                                   "systemd-timer op Linux, launchd op macOS) die 'poortwachter mailout' of "
                                   "'poortwachter signals' op het gekozen moment draait. Een run die gemist is "
                                   "omdat de computer uit stond, gaat bij de volgende start één keer alsnog. "
                                   "Zonder --install of --remove wordt alleen getoond wat er zou komen (--print).",
                       epilog="Voorbeeld: poortwachter schedule signals casussen.xlsx --via smtp://mail.bureau.nl:587 "
                              "--from 'Bureau <info@bureau.nl>' --at 'ma 08:00' --install")
    p.add_argument("what", choices=sorted(COMMANDS), help="mailout (elke maand) of signals (elke week)")
    p.add_argument("workbook", type=Path, help="de werkmap (.xlsx)")
    p.add_argument("options", nargs=argparse.REMAINDER,
                   help="opties van de opdracht zelf, plus --at WANNEER ('ma 08:00' voor signals, '1 08:00' voor "
                        "mailout), --print (standaard), --install, --remove en --system windows|linux|macos")
    p.set_defaults(run=run)


def split_options(options: list[str]) -> tuple[dict, list[str]]:
    """(schedule's own settings, the command's options)."""
    own: dict = {"at": None, "action": "--print", "system": None}
    rest: list[str] = []
    items = iter(options)
    for item in items:
        name, _, value = item.partition("=")
        if name in ("--at", "--system"):
            value = value or next(items, None)
            if value is None:
                raise UsageError(f"{name} heeft een waarde nodig")
            own[name[2:]] = value
        elif item in OWN_FLAGS:
            own["action"] = item
        elif name == "--scheduled":
            raise UsageError("--scheduled zet schedule zelf")
        else:
            rest.append(item)
    return own, rest


def check_options(job: Job) -> None:
    """Parse the task's command line with the command's own parser: a typo fails now, and argparse
    says which option (on stderr) before the error here."""
    parser = argparse.ArgumentParser(prog="poortwachter")
    COMMANDS[job.kind].add_parser(parser.add_subparsers())
    try:
        parser.parse_args(job.argv()[3:])
    except SystemExit:
        raise UsageError(f"de opties voor {job.kind} kloppen niet (zie hierboven); er is niets gepland") from None


def run(args) -> int:
    own, options = split_options(args.options)
    system = own["system"] or installer.current_system()
    if system not in installer.SYSTEMS:
        raise UsageError(f"--system {system!r}: kies {', '.join(installer.SYSTEMS)}")
    at = parse_at(own["at"], args.what)
    workbook = args.workbook.resolve()
    if not workbook.is_file() and own["action"] != "--remove":
        raise UsageError(f"werkmap niet gevonden: {args.workbook}")
    job = Job(args.what, workbook, tuple(options), at, Path(os.getcwd()))
    check_options(job)
    found = installer.target(job, system)
    if own["action"] == "--install":
        if system != installer.current_system():
            raise UsageError(f"--install kan alleen op dit systeem ({installer.current_system()}); "
                             f"gebruik --print om de bestanden voor {system} te zien")
        for line in installer.install(found):
            print(line)
        print(f"Geplande taak {job.name}: {job.description}.")
        return 0
    if own["action"] == "--remove":
        for line in installer.remove(found):
            print(line)
        print(f"Geplande taak {job.name} verwijderd.")
        return 0
    print(f"# {job.description}")
    print(f"# Wat er draait: {shell_line(job.argv())}")
    print(f"# In map: {job.cwd}")
    for path, data in found.files:
        print(f"\n# Bestand {path}:")
        print(data.decode("utf-16") if system == "windows" else data.decode("utf-8"))
    print("# Registreren (dat doet --install):")
    for step in found.install:
        print("  " + shell_line(step.argv))
    return 0
