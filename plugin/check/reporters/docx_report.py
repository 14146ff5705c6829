"""--format docx: a Dutch (or English) dossier-check report that can go into the dossier."""

from __future__ import annotations

import io

from plugin.core.dates import format_date
from plugin.recognize.why import explain
from plugin.check.findings import SEVERITY_TEXT, CheckResult
from plugin.core.words import word, words
from plugin.check.reporters.safe_text import clean_value

BINARY = True
DETAIL_MAX = 2000   # cases; a bigger check's docx holds the overview only (and says so): json/xlsx have the rest


def render(result: CheckResult) -> bytes:
    from docx import Document
    from docx.shared import Pt

    from plugin.check.reporters import docx_layout as layout

    result = clean_value(result)   # XML takes no control characters or undecodable bytes from file names

    lang = result.lang
    severity, w = SEVERITY_TEXT[lang], words(lang)
    d = lambda v: format_date(v, lang) if v else "—"  # noqa: E731
    document = Document()
    document.styles["Normal"].font.size = Pt(10.5)
    layout.page(document)
    document.add_heading(w["report_title"], 0)
    document.add_paragraph(word("report_intro", lang, date=d(result.as_of), root=result.root))
    layout.traffic_light(document, result, lang)
    lights = [layout.case_light(case.counts()) for case in result.cases]
    status = {"error": severity["error"], "warning": severity["warning"], "ok": w["in_order"]}
    table = layout.table(document, [w["status"], w["case"], w["employee"], w["week"], w["report_errors"],
                                    w["report_warnings"], w["report_main_finding"]],
                         [[case.verdict.label(lang) if case.verdict else status[light], case.case, case.employee, str(case.week or "?"), str(case.counts()["error"]),
                           str(case.counts()["warning"]), case.worst().message if case.worst() else ""]
                          for case, light in zip(result.cases, lights)], [0, 0, 1, 0, 0, 0, 5])
    for row, light in zip(table.rows[1:], lights):
        layout.colour_cell(row.cells[0], "info" if light == "ok" else light)
        if light == "ok":
            layout.shade(row.cells[0], layout.FILLS["ok"])
    if result.summary_only:
        document.add_paragraph(word("report_summary_only", lang, cases=len(result.cases)))
    for case in result.cases if not result.summary_only else ():
        # The heading, its line and the timeline stay on one page (never a heading at a page's foot).
        document.add_heading(f"{case.case} — {case.employee}", 1).paragraph_format.keep_with_next = True
        if case.verdict is not None:
            status = document.add_paragraph(case.verdict.label(lang))
            status.runs[0].bold = True
            status.paragraph_format.keep_with_next = True
        riv = f" {case.riv.text(lang)}." if case.riv is not None else ""
        info = document.add_paragraph(word("report_case_line", lang, date=d(case.first_sick_day), week=case.week or "?",
                                           folder=case.folder or w["none"], documents=len(case.documents)) + riv)
        info.paragraph_format.keep_with_next = True
        layout.timeline_picture(document, case, result.as_of, lang)
        if not case.findings:
            document.add_paragraph(w["no_findings"])
            _documents(document, case, lang)
            continue
        grid = layout.table(document, [w["rule"], w["severity"], w["due"], w["finding"], w["fix"]],
                            [[f.rule, severity[f.severity], format_date(f.due, lang, "short") if f.due else "",
                              f.message + ("\n" + "\n".join(layout.breakable(p) for p in f.paths) if f.paths else ""),
                              f.fix if f.severity != "info" else ""] for f in case.findings], [0, 0, 0, 3, 2])
        for row, finding in zip(grid.rows[1:], case.findings):
            layout.colour_cell(row.cells[1], finding.severity)
        _documents(document, case, lang)
    document.add_paragraph(w["report_no_medical"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _documents(document, case, lang: str) -> None:
    """The documents read for the case: type, date and why each counts (or why it does not)."""
    if not case.documents:
        return
    w = words(lang)
    document.add_paragraph(w["documents"]).runs[0].bold = True
    from plugin.check.reporters import docx_layout as layout

    layout.table(document, [w["path"], w["type"], w["date"], w["report_why"]],
                 [[layout.breakable(doc.path), doc.type or "—", format_date(doc.date, lang, "short") if doc.date else "—",
                   explain(doc.why, lang)] for doc in case.documents], [3, 0, 0, 2])

