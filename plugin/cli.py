"""The `poortwachter` command: parse arguments, run one subcommand, map errors to exit codes.

Exit codes: 0 clean, 1 findings or some cases failed, 2 usage or input error, 3 crash.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from pathlib import Path

from plugin import __version__
from plugin.commands import REGISTRY
from plugin.errors import PoortwachterError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="poortwachter",
        description="Re-integratiedossiers volgens de Wet verbetering poortwachter: documenten maken, "
                    "de WVP-kalender tonen, dossiers controleren en maandrapportages mailen.")
    parser.add_argument("--version", action="version", version=f"poortwachter {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    for name, module in REGISTRY.items():
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except PoortwachterError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - the last line of defence: log it, say where
        log = Path(tempfile.gettempdir()) / "poortwachter-crash.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
        print(f"Onverwachte fout in Poortwachter. Details staan in {log}; stuur dat bestand mee als je het meldt.",
              file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
