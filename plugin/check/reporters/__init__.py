"""Reporters turn a CheckResult into text or a file; all take the same findings."""

from plugin.check.reporters import docx_report, json_report, table_report, xlsx_report

FORMATS = {
    "table": table_report,
    "json": json_report,
    "xlsx": xlsx_report,
    "docx": docx_report,
}


def default_file_name(as_of, fmt: str) -> str:
    """The name a check report gets when the user names none: dossiercheck-2026-12-01.xlsx."""
    return f"dossiercheck-{as_of.isoformat()}.{fmt}"
