"""--format docx: a Dutch (or English) dossier-check report that can go into the dossier."""

from __future__ import annotations

import io

from plugin.core.dates import format_date
from plugin.check.classify import explain
from plugin.check.findings import SEVERITY_TEXT, CheckResult
from plugin.check.reporters.safe_text import clean_value

BINARY = True


def render(result: CheckResult) -> bytes:
    from docx import Document
    from docx.shared import Pt

    result = clean_value(result)   # XML takes no control characters or undecodable bytes from file names

    lang, nl = result.lang, result.lang == "nl"
    words = SEVERITY_TEXT[lang]
    d = lambda v: format_date(v, lang) if v else "—"  # noqa: E731
    document = Document()
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_heading("Dossiercheck re-integratiedossiers" if nl else "Re-integration dossier check", 0)
    document.add_paragraph((f"Peildatum {d(result.as_of)}. Gecontroleerd: {result.root}. Getoetst aan de termijnen van "
                            "de Wet verbetering poortwachter zoals UWV ze bij de RIV-toets hanteert.") if nl else
                           (f"As of {d(result.as_of)}. Checked: {result.root}. Tested against the deadlines of the "
                            "Wet verbetering poortwachter as UWV applies them in the RIV assessment."))
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    _widths(table, (2.4, 5.0, 1.5, 2.0, 3.6))
    for cell, text in zip(table.rows[0].cells, ("Casus" if nl else "Case", "Werknemer" if nl else "Employee",
                                                 "Week", "Fouten" if nl else "Errors", "Waarschuwingen" if nl else "Warnings")):
        cell.text = text
    for case in result.cases:
        counts = case.counts()
        row = table.add_row().cells
        for cell, text in zip(row, (case.case, case.employee, str(case.week or "?"), str(counts["error"]),
                                    str(counts["warning"]))):
            cell.text = text
    _header(table)
    for case in result.cases:
        document.add_heading(f"{case.case} — {case.employee}", 1)
        document.add_paragraph((f"Eerste ziektedag: {d(case.first_sick_day)}; week op de peildatum: {case.week or '?'}; "
                                f"dossiermap: {case.folder or 'geen'}; {len(case.documents)} documenten gelezen.") if nl else
                               (f"First sick day: {d(case.first_sick_day)}; week as of: {case.week or '?'}; "
                                f"folder: {case.folder or 'none'}; {len(case.documents)} documents read."))
        if not case.findings:
            document.add_paragraph("Geen bevindingen." if nl else "No findings.")
            _documents(document, case, lang)
            continue
        grid = document.add_table(rows=1, cols=4)
        grid.style = "Table Grid"
        _widths(grid, (2.0, 2.6, 7.9, 4.5))
        for cell, text in zip(grid.rows[0].cells, ("Regel" if nl else "Rule", "Ernst" if nl else "Severity",
                                                    "Bevinding" if nl else "Finding", "Herstel" if nl else "Fix")):
            cell.text = text
        for finding in case.findings:
            row = grid.add_row().cells
            row[0].text = finding.rule
            row[1].text = words[finding.severity]
            row[2].text = finding.message + ("\n" + "\n".join(finding.paths) if finding.paths else "")
            row[3].text = finding.fix if finding.severity != "info" else ""
        _header(grid)
        _documents(document, case, lang)
    document.add_paragraph(("Dit rapport bevat geen medische gegevens; het noemt alleen documenten, datums en termijnen."
                            if nl else "This report holds no medical data; it names documents, dates and deadlines only."))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _documents(document, case, lang: str) -> None:
    """The documents read for the case: type, date and why each counts (or why it does not)."""
    if not case.documents:
        return
    nl = lang == "nl"
    document.add_paragraph("Documenten in het dossier" if nl else "Documents in the dossier").runs[0].bold = True
    grid = document.add_table(rows=1, cols=4)
    grid.style = "Table Grid"
    _widths(grid, (6.5, 3.2, 2.2, 5.1))
    for cell, text in zip(grid.rows[0].cells, ("Bestand" if nl else "File", "Type", "Datum" if nl else "Date",
                                                "Waarom" if nl else "Why")):
        cell.text = text
    for doc in case.documents:
        row = grid.add_row().cells
        row[0].text = doc.path
        row[1].text = doc.type or "—"
        row[2].text = format_date(doc.date, lang) if doc.date else "—"
        row[3].text = explain(doc.why, lang)
    _header(grid)


def _widths(table, centimetres) -> None:
    from docx.shared import Cm

    table.autofit = False
    for column, width in zip(table.columns, centimetres):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, centimetres):
            cell.width = Cm(width)


def _header(table) -> None:
    """Bold first row; later rows get the column widths of the first (python-docx sets them per cell)."""
    from docx.shared import Pt

    widths = [cell.width for cell in table.rows[0].cells]
    for cell in table.rows[0].cells:
        for run in (r for p in cell.paragraphs for r in p.runs):
            run.bold = True
    for row in table.rows[1:]:
        for cell, width in zip(row.cells, widths):
            cell.width = width
            for run in (r for p in cell.paragraphs for r in p.runs):
                run.font.size = Pt(9.5)
