"""One module per subcommand; each has add_parser(subparsers) that sets `run`."""

from plugin.commands import calendar_cmd, check_cmd, generate_cmd, mailout_cmd, templates_cmd, workbook_cmd
from plugin.commands import addin_cmd
from plugin.commands import inspect_cmd, riv_cmd, serve_cmd, status_cmd
from plugin.commands import schedule_cmd, signals_cmd

REGISTRY = {
    "generate": generate_cmd,
    "calendar": calendar_cmd,
    "status": status_cmd,
    "workbook": workbook_cmd,
    "templates": templates_cmd,
    "check": check_cmd,
    "riv": riv_cmd,
    "inspect": inspect_cmd,
    "mailout": mailout_cmd,
    "signals": signals_cmd,
    "schedule": schedule_cmd,
    "addin": addin_cmd,
    "serve": serve_cmd,
}
