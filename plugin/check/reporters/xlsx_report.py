"""--format xlsx: an overview sheet plus one sheet per case, for the casemanager's records."""

from __future__ import annotations

import io
import re

from plugin.core.dates import format_date
from plugin.recognize.classify import explain
from plugin.check.findings import SEVERITY_TEXT, CheckResult
from plugin.check.reporters.safe_text import clean_value, is_formula_like

BINARY = True
FILLS = {"error": "F4CCCC", "warning": "FFF2CC", "info": "E7EEF7"}


def render(result: CheckResult) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    result = clean_value(result)   # openpyxl refuses control characters; names may hold them

    nl = result.lang == "nl"
    words = SEVERITY_TEXT[result.lang]
    book = Workbook()
    overview = book.active
    overview.title = "Overzicht" if nl else "Overview"
    overview.append([("Dossiercheck per " if nl else "Dossier check as of ") + format_date(result.as_of, style="short")])
    overview.append(["Status", "Casus" if nl else "Case", "Werknemer" if nl else "Employee", "Eerste ziektedag" if nl else
                     "First sick day", "Week", "Fouten" if nl else "Errors", "Waarschuwingen" if nl else "Warnings",
                     "Info", "Belangrijkste bevinding" if nl else "Main finding", "RIV"])
    for cell in overview[2]:
        cell.font = Font(bold=True)
    used_titles: set[str] = {overview.title}
    for case in result.cases:
        counts = case.counts()
        worst = case.worst()
        overview.append([case.verdict.label(result.lang) if case.verdict else "", case.case, case.employee,
                         case.first_sick_day, case.week, counts["error"], counts["warning"],
                         counts["info"], worst.message if worst else "",
                         case.riv.text(result.lang) if case.riv is not None else ""])
        sheet = book.create_sheet(_title(case.case, used_titles))
        sheet.append([f"{case.case} {case.employee}"])
        sheet.append(["Regel" if nl else "Rule", "Ernst" if nl else "Severity", "Document", "Uiterlijk" if nl else "Due",
                      "Bevinding" if nl else "Finding", "Bestanden" if nl else "Files", "Herstel" if nl else "Fix",
                      "Grondslag" if nl else "Basis"])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for finding in case.findings:
            sheet.append([finding.rule, words[finding.severity], finding.type or "", finding.due, finding.message,
                          "\n".join(finding.paths), finding.fix, finding.basis])
            for cell in sheet[sheet.max_row]:
                cell.fill = PatternFill("solid", fgColor=FILLS[finding.severity])
        sheet.append([])
        sheet.append(["Documenten in het dossier" if nl else "Documents in the dossier"])
        sheet.append(["Pad" if nl else "Path", "Type", "Datum" if nl else "Date", "Herkend via" if nl else "Evidence",
                      "Taal" if nl else "Language", "Waarom" if nl else "Why"])
        for doc in case.documents:
            sheet.append([doc.path, doc.type or "", doc.date, doc.problem or doc.evidence, doc.language,
                          explain(doc.why, result.lang)])
        for column, width in zip("ABCDEFGH", (12, 12, 22, 12, 70, 40, 60, 40)):
            sheet.column_dimensions[column].width = width
        for row in sheet.iter_rows():
            for cell in row:
                if hasattr(cell.value, "year"):
                    cell.number_format = "DD-MM-YYYY"
    for column, width in zip("ABCDEFGHI", (16, 12, 24, 16, 8, 8, 14, 8, 80)):
        overview.column_dimensions[column].width = width
    for row in overview.iter_rows(min_row=3):
        if row[3].value:
            row[3].number_format = "DD-MM-YYYY"
    for sheet in book.worksheets:
        _defuse_formulas(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _title(case_id: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", case_id)[:28] or "casus"
    title, n = base, 2
    while title in used:
        title, n = f"{base[:25]}_{n}", n + 1
    used.add(title)
    return title


def _defuse_formulas(sheet) -> None:
    """A dossier called '=HYPERLINK(...)' stays text: stored as a string, shown with Excel's quote prefix."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and is_formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
