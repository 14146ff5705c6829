"""One module per subcommand; each has add_parser(subparsers) that sets `run`.

REGISTRY maps each command to its module, imported when first used: `poortwachter check`
imports the check alone, not the app, the mail-out and the generator (half a second saved on
every run, most of a warm check's time).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from types import ModuleType

_MODULES = {
    "generate": "generate_cmd",
    "calendar": "calendar_cmd",
    "status": "status_cmd",
    "workbook": "workbook_cmd",
    "templates": "templates_cmd",
    "check": "check_cmd",
    "riv": "riv_cmd",
    "inspect": "inspect_cmd",
    "mailout": "mailout_cmd",
    "signals": "signals_cmd",
    "schedule": "schedule_cmd",
    "addin": "addin_cmd",
    "serve": "serve_cmd",
}


class _Registry(Mapping):
    def __getitem__(self, name: str) -> ModuleType:
        return importlib.import_module(f"plugin.commands.{_MODULES[name]}")

    def __iter__(self):
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


REGISTRY: Mapping[str, ModuleType] = _Registry()
