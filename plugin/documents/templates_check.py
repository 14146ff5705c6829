"""Validate a folder of templates: every tag parses, every variable exists, and no part of
the template (body, header, comments, title, ...) carries a medical word (the AVG guard).

Each template is compiled and rendered against a synthetic case with every field filled
and with every list both filled and empty, so a typo anywhere in it is found before a
real case needs the document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from plugin.core.doctypes import DOC_TYPES
from plugin.errors import PrivacyViolation, TemplateProblem
from plugin.documents.privacy_guard import check_document
from plugin.documents.render import CompiledTemplate
from plugin.workbook.schema import CASES, SHEETS
from plugin.workbook.load import Case
from plugin.workbook.facts import calendar_for


@dataclass(frozen=True)
class TemplateReport:
    path: Path
    problem: str | None


def sample_case(with_rows: bool = True, spoor: str = "1+2") -> Case:
    start = dt.date(2025, 1, 6)
    data = {}
    for column in CASES.columns:
        data[column.key] = {"date": start + dt.timedelta(days=70), "int": 0, "number": 36}.get(column.kind, "voorbeeld")
    data.update(casusnummer="VOORBEELD-1", eerste_ziektedag=start, spoor=spoor, taal="nl",
                email_werkgever="hr@example.nl", reden_geen_2e_spoor="")
    case = Case("VOORBEELD-1", 2, data, {"Eigen kolom": "waarde"})
    if with_rows:
        for sheet, attribute in ((SHEETS[1], "evaluations"), (SHEETS[2], "activities"), (SHEETS[3], "applications")):
            record = {c.key: (start + dt.timedelta(days=100) if c.kind == "date" else "voorbeeld") for c in sheet.columns}
            record.update(row=2, sheet=sheet.name, extra={})
            getattr(case, attribute).append(record)
    return case


def check_folder(folder: Path) -> list[TemplateReport]:
    from plugin.documents.context import build_context

    reports = []
    paths = sorted(p for p in folder.rglob("*.docx") if not p.name.startswith("~$"))
    for path in paths:
        lang = path.parent.name if path.parent.name in ("nl", "en") else "nl"
        doc = path.stem if path.stem in DOC_TYPES else "probleemanalyse"
        problem = None
        try:
            template = CompiledTemplate(path, lang)
            for with_rows in (True, False):
                for spoor in ("1", "2"):
                    case = sample_case(with_rows, spoor)
                    calendar = calendar_for(case)
                    index = 0 if (doc == "evaluatie" and with_rows) else None
                    if doc == "evaluatie" and not with_rows:
                        continue
                    period = (dt.date(2025, 5, 1), dt.date(2025, 5, 31))
                    context = build_context(case, calendar, doc, lang, dt.date(2025, 6, 2), path.name, index,
                                            period=period)
                    document = template.render(context, {"Casusnummer": case.id})
                    # A medical word in the template itself (a comment, the title) would stop every document.
                    check_document(case, document.parts, f"{lang}/{path.name}", template.static_text)
        except (TemplateProblem, PrivacyViolation) as exc:
            problem = str(exc)
        reports.append(TemplateReport(path, problem))
    return reports
