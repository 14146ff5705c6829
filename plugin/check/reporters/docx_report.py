"""--format docx: a Dutch (or English) dossier-check report that can go into the dossier."""

from __future__ import annotations

import io

from plugin.core.dates import format_date
from plugin.recognize.why import explain
from plugin.check.findings import SEVERITY_TEXT, CheckResult
from plugin.check.reporters.safe_text import clean_value

BINARY = True
DETAIL_MAX = 2000   # cases; a bigger check's docx holds the overview only (and says so): json/xlsx have the rest


def render(result: CheckResult) -> bytes:
    from docx import Document
    from docx.shared import Pt

    from plugin.check.reporters import docx_layout as layout

    result = clean_value(result)   # XML takes no control characters or undecodable bytes from file names

    lang, nl = result.lang, result.lang == "nl"
    words = SEVERITY_TEXT[lang]
    d = lambda v: format_date(v, lang) if v else "—"  # noqa: E731
    document = Document()
    document.styles["Normal"].font.size = Pt(10.5)
    layout.page(document)
    document.add_heading("Dossiercheck re-integratiedossiers" if nl else "Re-integration dossier check", 0)
    document.add_paragraph((f"Peildatum {d(result.as_of)}. Gecontroleerd: {result.root}. Getoetst aan de termijnen van "
                            "de Wet verbetering poortwachter zoals UWV ze bij de RIV-toets hanteert.") if nl else
                           (f"As of {d(result.as_of)}. Checked: {result.root}. Tested against the deadlines of the "
                            "Wet verbetering poortwachter as UWV applies them in the RIV assessment."))
    layout.traffic_light(document, result, nl)
    lights = [layout.case_light(case.counts()) for case in result.cases]
    status = {"error": words["error"], "warning": words["warning"], "ok": "in orde" if nl else "in order"}
    table = layout.table(document, ["Status", "Casus" if nl else "Case", "Werknemer" if nl else "Employee", "Week",
                                    "Fouten" if nl else "Errors", "Waarschuwingen" if nl else "Warnings",
                                    "Belangrijkste bevinding" if nl else "Main finding"],
                         [[case.verdict.label(lang) if case.verdict else status[light], case.case, case.employee, str(case.week or "?"), str(case.counts()["error"]),
                           str(case.counts()["warning"]), case.worst().message if case.worst() else ""]
                          for case, light in zip(result.cases, lights)], [0, 0, 1, 0, 0, 0, 5])
    for row, light in zip(table.rows[1:], lights):
        layout.colour_cell(row.cells[0], "info" if light == "ok" else light)
        if light == "ok":
            layout.shade(row.cells[0], layout.FILLS["ok"])
    if result.summary_only:
        document.add_paragraph((f"Dit rapport toont alleen het overzicht van {len(result.cases)} casussen: per casus "
                                f"de bevindingen en documenten staan in het rapport als xlsx of json "
                                f"(--format xlsx).") if nl else
                               (f"This report shows the overview of {len(result.cases)} cases only: each case's "
                                f"findings and documents are in the xlsx or json report (--format xlsx)."))
    for case in result.cases if not result.summary_only else ():
        # The heading, its line and the timeline stay on one page (never a heading at a page's foot).
        document.add_heading(f"{case.case} — {case.employee}", 1).paragraph_format.keep_with_next = True
        if case.verdict is not None:
            status = document.add_paragraph(case.verdict.label(lang))
            status.runs[0].bold = True
            status.paragraph_format.keep_with_next = True
        info = document.add_paragraph((f"Eerste ziektedag: {d(case.first_sick_day)}; week op de peildatum: {case.week or '?'}; "
                                f"dossiermap: {case.folder or 'geen'}; {len(case.documents)} documenten gelezen.") if nl else
                               (f"First sick day: {d(case.first_sick_day)}; week as of: {case.week or '?'}; "
                                f"folder: {case.folder or 'none'}; {len(case.documents)} documents read.")
                               + (f" {case.riv.text(lang)}." if case.riv is not None else ""))
        info.paragraph_format.keep_with_next = True
        layout.timeline_picture(document, case, result.as_of, lang)
        if not case.findings:
            document.add_paragraph("Geen bevindingen." if nl else "No findings.")
            _documents(document, case, lang)
            continue
        grid = layout.table(document, ["Regel" if nl else "Rule", "Ernst" if nl else "Severity",
                                       "Uiterlijk" if nl else "Due", "Bevinding" if nl else "Finding",
                                       "Herstel" if nl else "Fix"],
                            [[f.rule, words[f.severity], format_date(f.due, lang, "short") if f.due else "",
                              f.message + ("\n" + "\n".join(layout.breakable(p) for p in f.paths) if f.paths else ""),
                              f.fix if f.severity != "info" else ""] for f in case.findings], [0, 0, 0, 3, 2])
        for row, finding in zip(grid.rows[1:], case.findings):
            layout.colour_cell(row.cells[1], finding.severity)
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
    from plugin.check.reporters import docx_layout as layout

    layout.table(document, ["Bestand" if nl else "File", "Type", "Datum" if nl else "Date", "Waarom" if nl else "Why"],
                 [[layout.breakable(doc.path), doc.type or "—", format_date(doc.date, lang, "short") if doc.date else "—",
                   explain(doc.why, lang)] for doc in case.documents], [3, 0, 0, 2])

