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
from plugin.core.words import word, words
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

    w = words(lang)
    book = Workbook(write_only=True)
    sheets = _Sheets(book, lang)
    overview = sheets.new(w["summary"], OVERVIEW_WIDTHS)
    sheets.row(overview, [word("report_sheet_title", lang, date=format_date(as_of, style="short"))])
    long = expected > SHEETS_MAX
    if long:
        sheets.row(overview, [word("report_long", lang, cases=expected)])
    sheets.row(overview, [w["status"], w["case"], w["employee"], w["first_sick_day"], w["week"], w["report_errors"],
                          w["report_warnings"], w["report_info"], w["report_main_finding"], w["report_riv"]], bold=True)
    if long:
        findings = sheets.new(w["findings_short"], (12,) + CASE_WIDTHS)
        sheets.row(findings, [w["case"], *_finding_header(w)], bold=True)
        documents = sheets.new(w["report_documents"], (12, 60, 22, 12, 12, 8, 60))
        sheets.row(documents, [w["case"], *_document_header(w)], bold=True)
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
        sheets.row(sheet, _finding_header(w), bold=True)
        for finding in case.findings:
            sheets.row(sheet, _finding(finding, lang), fill=FILLS[finding.severity])
        sheets.row(sheet, [])
        sheets.row(sheet, [w["documents"]])
        sheets.row(sheet, _document_header(w))
        for doc in case.documents:
            sheets.row(sheet, _document(doc, lang))
        sheet.close()   # written out: its temporary file is closed, nothing of it stays in memory
    book.save(out)


def _finding_header(w: dict[str, str]) -> list[str]:
    return [w["rule"], w["severity"], w["document"], w["due"], w["finding"], w["report_files"], w["fix"], w["basis"]]


def _finding(finding, lang: str) -> list:
    return [finding.rule, SEVERITY_TEXT[lang][finding.severity], finding.type or "", finding.due, finding.message,
            "\n".join(finding.paths), finding.fix, finding.basis]


def _document_header(w: dict[str, str]) -> list[str]:
    return [w["report_path"], w["type"], w["date"], w["report_evidence"], w["language"], w["report_why"]]


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
