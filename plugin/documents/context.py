"""The data a template sees (documented for template editors in the README).

Only plain dicts, lists, strings, numbers and dates go in, so a sandboxed template can
reach nothing else.
"""

from __future__ import annotations

import datetime as dt

from plugin.core.doctypes import doc_type
from plugin.core.wvp_calendar import STATUS_TEXT, CaseCalendar
from plugin.workbook.load import Case

_ROW_KEYS = {
    "evaluations": ("datum", "soort", "deelnemers", "samenvatting", "afspraken", "volgende_evaluatie"),
    "activities": ("datum", "activiteit", "status", "resultaat"),
    "applications": ("datum", "werkgever", "functie", "resultaat"),
}


def _rows(case: Case, attribute: str, calendar: CaseCalendar) -> list[dict]:
    rows = []
    for record in getattr(case, attribute):
        row = {k: record.get(k) for k in _ROW_KEYS[attribute]}
        row["week"] = calendar.week_at(record["datum"]) if record.get("datum") else None
        row["extra"] = dict(record.get("extra") or {})
        rows.append(row)
    return rows


def milestone_rows(calendar: CaseCalendar, lang: str, as_of: dt.date) -> list[dict]:
    labels = STATUS_TEXT[lang]
    return [{"code": m.code, "naam": m.title(lang), "uiterlijk": m.due, "gedaan": m.done, "week": m.week,
             "status": labels[m.status(as_of)], "partij": m.party, "grondslag": m.basis}
            for m in calendar.milestones]


def build_context(case: Case, calendar: CaseCalendar, doc: str, lang: str, date: dt.date,
                  template_name: str, evaluation_index: int | None = None, today: dt.date | None = None,
                  period: tuple[dt.date, dt.date] | None = None) -> dict:
    """Everything one document's template may use.

    evaluation_index: the evaluation this document reports on (evaluatie documents).
    period: (first, last day) a periodic report covers, e.g. a month (maandrapportage).
    """
    kalender = milestone_rows(calendar, lang, date)
    evaluaties = _rows(case, "evaluations", calendar)
    activiteiten = _rows(case, "activities", calendar)
    sollicitaties = _rows(case, "applications", calendar)
    casus = dict(case.data)
    casus["eerste_ziektedag"] = calendar.first_sick_day
    context = {
        "casus": casus,
        "extra": dict(case.extra),
        "document": {"type": doc, "titel": doc_type(doc).title(lang), "datum": date,
                     "week": calendar.week_at(date), "taal": lang, "sjabloon": template_name},
        "kalender": kalender,
        "mijlpalen": {row["code"]: row for row in kalender},
        "evaluaties": evaluaties,
        "activiteiten": activiteiten,
        "sollicitaties": sollicitaties,
        "verzuimperiodes": [{"van": p.start, "tot": p.end, "hersteld_procent": p.recovered_percent}
                            for p in calendar.clock.periods],
        "vandaag": today or dt.date.today(),
    }
    if evaluation_index is not None:
        current = evaluaties[evaluation_index]
        previous = evaluaties[evaluation_index - 1] if evaluation_index > 0 else None
        since = previous["datum"] if previous else None
        until = current["datum"]

        def in_period(row: dict) -> bool:
            return row["datum"] is not None and (since is None or row["datum"] > since) and row["datum"] <= until

        context["evaluatie"] = current
        context["vorige_evaluatie"] = previous
        context["activiteiten_periode"] = [r for r in activiteiten if in_period(r)]
        context["sollicitaties_periode"] = [r for r in sollicitaties if in_period(r)]
    if period is not None:
        first, last = period

        def within(row: dict) -> bool:
            return row["datum"] is not None and first <= row["datum"] <= last

        context["periode"] = {"van": first, "tot": last}
        context["evaluaties_periode"] = [r for r in evaluaties if within(r)]
        context["activiteiten_periode"] = [r for r in activiteiten if within(r)]
        context["sollicitaties_periode"] = [r for r in sollicitaties if within(r)]
    return context

