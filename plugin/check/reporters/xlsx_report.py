"""--format xlsx: an overview sheet plus one sheet per case, for the casemanager's records.

Written as the check goes (`write`, openpyxl's write-only mode: every sheet streams to a
temporary file as its rows come), so memory does not grow with the number of dossiers. Past
SHEETS_MAX cases a sheet per case helps nobody (and spreadsheet programs slow to a crawl):
the findings and the documents of all cases are then two long sheets with a Casus column,
which the overview says.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import BinaryIO

from plugin.check.findings import SEVERITY_TEXT, CaseResult, CheckResult
from plugin.check.reporters.safe_text import clean, is_formula_like
from plugin.core.dates import format_date
from plugin.recognize.why import explain

BINARY = True
FILLS = {"error": "F4CCCC", "warning": "FFF2CC", "info": "E7EEF7"}
SHEETS_MAX = 1000          # cases; more: two long sheets instead of one per case
CASE_WIDTHS = (12, 12, 22, 12, 70, 40, 60, 40)
OVERVIEW_WIDTHS = (16, 12, 24, 16, 8, 8, 14, 8, 80)


def render(result: CheckResult) -> bytes:
    buffer = io.BytesIO()
    write(result.as_of, result.lang, result.cases, len(result.cases), buffer)
    return buffer.getvalue()


def write(as_of, lang: str, cases: Iterable[CaseResult], expected: int, out: BinaryIO) -> None:
    """The workbook, case by case, to a binary stream (or file name)."""
    from openpyxl import Workbook

    nl = lang == "nl"
    book = Workbook(write_only=True)
    sheets = _Sheets(book, lang)
    overview = sheets.new("Overzicht" if nl else "Overview", OVERVIEW_WIDTHS)
    sheets.row(overview, [("Dossiercheck per " if nl else "Dossier check as of ") + format_date(as_of, style="short")])
    long = expected > SHEETS_MAX
    if long:
        sheets.row(overview, [(f"{expected} casussen: de bevindingen en documenten van alle casussen staan op de "
                               f"bladen Bevindingen en Documenten (kolom Casus), niet op een blad per casus.") if nl else
                              (f"{expected} cases: the findings and documents of all cases are on the sheets Findings "
                               f"and Documents (column Case), not on a sheet per case.")])
    sheets.row(overview, ["Status", "Casus" if nl else "Case", "Werknemer" if nl else "Employee",
                          "Eerste ziektedag" if nl else "First sick day", "Week", "Fouten" if nl else "Errors",
                          "Waarschuwingen" if nl else "Warnings", "Info",
                          "Belangrijkste bevinding" if nl else "Main finding", "RIV"], bold=True)
    if long:
        findings = sheets.new("Bevindingen" if nl else "Findings", (12,) + CASE_WIDTHS)
        sheets.row(findings, ["Casus" if nl else "Case", *_finding_header(nl)], bold=True)
        documents = sheets.new("Documenten" if nl else "Documents", (12, 60, 22, 12, 12, 8, 60))
        sheets.row(documents, ["Casus" if nl else "Case", *_document_header(nl)], bold=True)
    for case in cases:
        counts = case.counts()
        worst = case.worst()
        riv = getattr(case, "riv", None)
        sheets.row(overview, [case.verdict.label(lang) if case.verdict else "", case.case, case.employee,
                              case.first_sick_day, case.week, counts["error"], counts["warning"], counts["info"],
                              worst.message if worst else "", riv.text(lang) if riv is not None else ""])
        if long:
            for finding in case.findings:
                sheets.row(findings, [case.case, *_finding(finding, lang)], fill=FILLS[finding.severity])
            for doc in case.documents:
                sheets.row(documents, [case.case, *_document(doc, lang)])
            continue
        sheet = sheets.new(sheets.title(case.case), CASE_WIDTHS)
        sheets.row(sheet, [f"{case.case} {case.employee}"])
        sheets.row(sheet, _finding_header(nl), bold=True)
        for finding in case.findings:
            sheets.row(sheet, _finding(finding, lang), fill=FILLS[finding.severity])
        sheets.row(sheet, [])
        sheets.row(sheet, ["Documenten in het dossier" if nl else "Documents in the dossier"])
        sheets.row(sheet, _document_header(nl))
        for doc in case.documents:
            sheets.row(sheet, _document(doc, lang))
        sheet.close()   # written out: its temporary file is closed, nothing of it stays in memory
    book.save(out)


def _finding_header(nl: bool) -> list[str]:
    return ["Regel" if nl else "Rule", "Ernst" if nl else "Severity", "Document", "Uiterlijk" if nl else "Due",
            "Bevinding" if nl else "Finding", "Bestanden" if nl else "Files", "Herstel" if nl else "Fix",
            "Grondslag" if nl else "Basis"]


def _finding(finding, lang: str) -> list:
    return [finding.rule, SEVERITY_TEXT[lang][finding.severity], finding.type or "", finding.due, finding.message,
            "\n".join(finding.paths), finding.fix, finding.basis]


def _document_header(nl: bool) -> list[str]:
    return ["Pad" if nl else "Path", "Type", "Datum" if nl else "Date", "Herkend via" if nl else "Evidence",
            "Taal" if nl else "Language", "Waarom" if nl else "Why"]


def _document(doc, lang: str) -> list:
    return [doc.path, doc.type or "", doc.date, doc.problem or doc.evidence, doc.language, explain(doc.why, lang)]


class _Sheets:
    """Write-only sheets with the report's styles: bold headers, fills, dates, defused formulas."""

    def __init__(self, book, lang: str):
        from openpyxl.styles import Font, PatternFill

        self.book = book
        self.bold = Font(bold=True)
        self.fills = {colour: PatternFill("solid", fgColor=colour) for colour in FILLS.values()}
        self.used: set[str] = set()

    def new(self, title: str, widths: tuple[int, ...]):
        from openpyxl.utils import get_column_letter

        sheet = self.book.create_sheet(title)
        self.used.add(title)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        return sheet

    def title(self, case_id: str) -> str:
        base = re.sub(r"[\[\]:*?/\\]", "_", clean(case_id))[:28] or "casus"
        title, n = base, 2
        while title in self.used:
            title, n = f"{base[:25]}_{n}", n + 1
        return title

    def row(self, sheet, values: list, bold: bool = False, fill: str | None = None) -> None:
        from openpyxl.cell import WriteOnlyCell

        cells = []
        for value in values:
            if isinstance(value, str):
                value = clean(value)   # openpyxl refuses control characters; names may hold them
            if not (bold or fill) and not hasattr(value, "year") and not (isinstance(value, str)
                                                                          and is_formula_like(value)):
                cells.append(value)
                continue
            cell = WriteOnlyCell(sheet, value=value)
            if bold:
                cell.font = self.bold
            if fill:
                cell.fill = self.fills[fill]
            if hasattr(value, "year"):
                cell.number_format = "DD-MM-YYYY"
            if isinstance(value, str) and is_formula_like(value):
                # a dossier called '=HYPERLINK(...)' stays text: a string, shown with Excel's quote prefix
                cell.data_type = "s"
                cell.quotePrefix = True
            cells.append(cell)
        sheet.append(cells)
