"""Reporters turn a CheckResult into text or a file; all take the same findings.

FORMATS maps a format to its module, imported when used (a JSON report never loads
python-docx or openpyxl)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from types import ModuleType

_MODULES = {"table": "table_report", "json": "json_report", "xlsx": "xlsx_report", "docx": "docx_report"}


class _Formats(Mapping):
    def __getitem__(self, fmt: str) -> ModuleType:
        return importlib.import_module(f"plugin.check.reporters.{_MODULES[fmt]}")

    def __iter__(self):
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATS: Mapping[str, ModuleType] = _Formats()


def default_file_name(as_of, fmt: str) -> str:
    """The name a check report gets when the user names none: dossiercheck-2026-12-01.xlsx."""
    return f"dossiercheck-{as_of.isoformat()}.{fmt}"
