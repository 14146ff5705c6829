"""The data a template sees (documented for template editors in the README).

Only plain dicts, lists, strings, numbers and dates go in, so a sandboxed template can
reach nothing else. Everything is as of the document's date (plugin.documents.horizon): the
rows, the casus columns, the track, the WVP calendar and its evaluations held, so every
template, ours or a user's, tells only what was true on that date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from plugin.core.doctypes import doc_type
from plugin.core.wvp_calendar import (DEFS, STATUS_TEXT, CaseCalendar, Milestone, build_calendar,
                                      recorded_evaluation_dates)
from plugin.documents.horizon import case_as_of
from plugin.workbook.facts import facts_from_case
from plugin.workbook.load import Case

_ROW_KEYS = {
    "evaluations": ("datum", "soort", "deelnemers", "samenvatting", "afspraken", "volgende_evaluatie"),
    "activities": ("datum", "activiteit", "status", "resultaat"),
    "applications": ("datum", "werkgever", "functie", "resultaat"),
}
# Evaluations the calendar counts as held without a row on the sheet Evaluaties: their column, milestone.
_HELD_BY_COLUMN = (("datum_eerstejaarsevaluatie", "eerstejaarsevaluatie"), ("datum_eindevaluatie", "eindevaluatie"))


def _row(record: dict, keys: tuple[str, ...], calendar: CaseCalendar) -> dict:
    row = {k: record.get(k) for k in keys}
    row["week"] = calendar.week_at(record["datum"]) if record.get("datum") else None
    row["extra"] = dict(record.get("extra") or {})
    return row


def _rows(case: Case, attribute: str, calendar: CaseCalendar) -> list[dict]:
    return [_row(record, _ROW_KEYS[attribute], calendar) for record in getattr(case, attribute)]


def milestone_rows(calendar: CaseCalendar, lang: str, as_of: dt.date) -> list[dict]:
    labels = STATUS_TEXT[lang]
    return [{"code": m.code, "naam": m.title(lang), "uiterlijk": m.due, "gedaan": m.done, "week": m.week,
             "status": _status(m, as_of, labels), "partij": m.party, "grondslag": m.basis}
            for m in calendar.milestones]


def _status(milestone: Milestone, as_of: dt.date, labels: dict[str, str]) -> str:
    """The status word a document shows. A milestone the workbook has no column for (the
    re-integratieverslag, the end of the waiting time) is open or due soon by its date; once its
    date has passed the workbook cannot tell, so the document says nothing ("niet bijgehouden"
    is the calendar's word, not the employer's)."""
    status = milestone.status(as_of)
    if status == "not_tracked":
        status = dataclasses.replace(milestone, tracked=True).status(as_of)
        if status == "overdue":
            return ""
    return labels[status]


def evaluations_held(case: Case, calendar: CaseCalendar, lang: str) -> list[tuple[dict | None, dict]]:
    """The evaluations the calendar counts as held, in date order, each as (its Evaluaties
    record or None, the row a template sees). The eerstejaarsevaluatie and the eindevaluatie
    count too (Regeling procesgang art. 4 lid 2; UWV): without a row of their own they get one
    with their date and kind only."""
    by_date: dict[dt.date, list[dict]] = {}
    for record in case.evaluations:
        by_date.setdefault(record["datum"], []).append(record)
    kinds = {case[column]: DEFS[code].title_nl if lang == "nl" else DEFS[code].title_en
             for column, code in _HELD_BY_COLUMN if case[column]}
    held = []
    for date in recorded_evaluation_dates(facts_from_case(case)):
        if date < calendar.first_sick_day:
            continue   # an earlier waiting time's: it does not count for this one
        for record in by_date.get(date) or [None]:
            row = _row(record or {"datum": date, "soort": kinds.get(date)}, _ROW_KEYS["evaluations"], calendar)
            held.append((record, row))
    return held


def _calendar_as_of(case: Case, view: Case, calendar: CaseCalendar | None) -> CaseCalendar:
    if view is case and calendar is not None:
        return calendar
    return build_calendar(facts_from_case(view))


def build_context(case: Case, calendar: CaseCalendar | None, doc: str, lang: str, date: dt.date,
                  template_name: str, evaluation_index: int | None = None, today: dt.date | None = None,
                  period: tuple[dt.date, dt.date] | None = None) -> dict:
    """Everything one document's template may use, as known on `date`.

    calendar: the case's calendar from all its records (calendar_for(case)); reused when nothing
    in the case is later than `date`, else the calendar is built again from what was known then.
    evaluation_index: the evaluation this document reports on (evaluatie documents), an index
    into case.evaluations.
    period: (first, last day) a periodic report covers, e.g. a month (maandrapportage).
    """
    view = case_as_of(case, date)
    calendar = _calendar_as_of(case, view, calendar)
    kalender = milestone_rows(calendar, lang, date)
    held = evaluations_held(view, calendar, lang)
    evaluaties = [row for _, row in held]
    activiteiten = _rows(view, "activities", calendar)
    sollicitaties = _rows(view, "applications", calendar)
    casus = dict(view.data)
    casus["eerste_ziektedag"] = calendar.first_sick_day
    context = {
        "casus": casus,
        "extra": dict(view.extra),
        "document": {"type": doc, "titel": doc_type(doc).title(lang), "datum": date,
                     "week": calendar.week_at(date), "taal": lang, "sjabloon": template_name},
        "kalender": kalender,
        "mijlpalen": {row["code"]: row for row in kalender},
        "evaluaties": evaluaties,
        "volgende_evaluatie": _next_evaluation(evaluaties, calendar, date),
        "activiteiten": activiteiten,
        "sollicitaties": sollicitaties,
        "verzuimperiodes": [{"van": p.start, "tot": p.end, "hersteld_procent": p.recovered_percent}
                            for p in calendar.clock.periods],
        "vandaag": today or dt.date.today(),
    }
    if evaluation_index is not None:
        record = case.evaluations[evaluation_index]
        current = next((row for rec, row in held if rec is record), None) \
            or _row(record, _ROW_KEYS["evaluations"], calendar)
        earlier = [row for _, row in held if row["datum"] < current["datum"]]
        previous = earlier[-1] if earlier else None
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


def _next_evaluation(held: list[dict], calendar: CaseCalendar, date: dt.date) -> dict:
    """The next evaluation as known on `date`: the date the latest evaluation planned (when still
    ahead) and the calendar's latest date for it (6 weeks of sick time after the last one held,
    Regeling procesgang art. 4; UWV), None where there is none."""
    planned = held[-1]["volgende_evaluatie"] if held else None
    window = next((gap for gap in reversed(calendar.evaluations) if gap.done is None), None)
    return {"gepland": planned if planned and planned > date else None,
            "uiterlijk": window.due if window else None,
            "na": window.after if window else None}
