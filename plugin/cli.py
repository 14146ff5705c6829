"""The `poortwachter` command: parse arguments, run one subcommand, map errors to exit codes.

Exit codes: 0 clean, 1 findings or some cases failed, 2 usage or input error, 3 crash.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import time
import traceback

from plugin import __version__
from plugin.commands import REGISTRY
from plugin.crashlog import write_crash_log
from plugin.errors import PoortwachterError

log = logging.getLogger("plugin.cli")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or with `only` the parser of that one command (its module alone imported)."""
    parser = argparse.ArgumentParser(
        prog="poortwachter",
        description="Re-integratiedossiers volgens de Wet verbetering poortwachter: documenten maken, "
                    "de WVP-kalender tonen, dossiers controleren en maandrapportages mailen.")
    parser.add_argument("--version", action="version", version=f"poortwachter {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="laat zien wat er gebeurt (wachten en opnieuw proberen, tijden); -vv voor meer")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    for name in ([only] if only in REGISTRY else REGISTRY):
        REGISTRY[name].add_parser(sub)
    for command in sub.choices.values():  # `poortwachter check -v ...` works as well as `poortwachter -v check`
        command.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


# The cycle collector runs after every 700 net allocations by default: a re-check of 40,000
# files makes millions of short-lived records (none in cycles that matter) and paid 2% of its
# time for 190 collections; at 5,000 it is a handful.
GC_THRESHOLD = (5000, 20, 20)


def main(argv: list[str] | None = None) -> int:
    gc.set_threshold(*GC_THRESHOLD)
    words = sys.argv[1:] if argv is None else argv
    command = next((word for word in words if not word.startswith("-")), None)
    parser = build_parser(command) if command in REGISTRY else build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    started = time.perf_counter()
    try:
        code = int(args.run(args) or 0)
        log.info("%s klaar in %.2f s (exitcode %d)", args.command, time.perf_counter() - started, code)
        return code
    except PoortwachterError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader stopped reading (`poortwachter status ... | head`): not a crash. Point stdout at
        # nothing, so Python's own flush at exit cannot fail again.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except Exception:  # noqa: BLE001 - the last line of defence: log it, say where
        try:
            where = f"Details staan in {write_crash_log(traceback.format_exc())}; stuur dat bestand mee als je het meldt."
        except OSError as exc:
            where = f"Er kon geen crashlog worden geschreven ({exc})."
        print(f"Onverwachte fout in Poortwachter. {where}", file=sys.stderr)
        return 3


def configure_logging(verbosity: int) -> None:
    """Warnings always; -v shows progress (retries, waits, timings); -vv everything of ours."""
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S"))
    root = logging.getLogger("plugin")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


if __name__ == "__main__":
    sys.exit(main())
