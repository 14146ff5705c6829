"""What a run says about a document it plans: why it is dated today, why it is not made again,
that it comes after its deadline, what to add when an evaluation has no row. In the user's words,
naming the sheet and column to fill in; plugin.documents.generate attaches them to its results.
"""

from __future__ import annotations

import datetime as dt

from plugin.core.dates import format_date
from plugin.core.doctypes import DOC_TYPES
from plugin.core.privacy import medical_terms
from plugin.core.wvp_calendar import MILESTONES, build_calendar
from plugin.documents.horizon import case_as_of
from plugin.documents.one_off import ONE_OFF_DOCS, Made
from plugin.workbook.facts import MILESTONE_COLUMNS, facts_from_case
from plugin.workbook.load import Case
from plugin.workbook.schema import CASES, EVALUATIONS


def _short(date: dt.date) -> str:
    return format_date(date, style="short")


def no_evaluation_on(case: Case, date: dt.date | None) -> str:
    """What to do when an evaluation is asked for on a day the sheet Evaluaties has no row for."""
    columns = ", ".join(c.header for c in EVALUATIONS.columns[1:4])
    add = f"voeg er een toe op blad Evaluaties (Casusnummer {case.id}, {columns}, …)"
    dates = sorted({r["datum"] for r in case.evaluations if r.get("datum")})
    if not dates:
        return f"geen rij op blad Evaluaties voor casus {case.id}; {add}"
    shown = ", ".join(_short(d) for d in dates[-12:])
    return (f"geen rij op blad Evaluaties voor {_short(date)}; {add} of kies een van: "
            f"{'…, ' if len(dates) > 12 else ''}{shown}")


def dated_today_note(column: str | None, today: dt.date) -> str:
    if column is None:
        return (f"gedateerd op vandaag ({_short(today)}): dit document heeft geen datumkolom in de werkmap; "
                "kies een datum met --date")
    header = next((c.header for c in CASES.columns if c.key == column), column)
    return (f"gedateerd op vandaag ({_short(today)}): kolom '{header}' is leeg in de werkmap; vul de datum in "
            "of kies er een met --date")


def made_before_note(doc: str, before: Made) -> str:
    title = DOC_TYPES[doc].title_nl.lower() if doc in DOC_TYPES else doc
    return f"niet opnieuw gemaakt: een {title} wordt eenmaal gemaakt en staat al {before.describe()}"


def late_notes(case: Case, doc: str, date: dt.date) -> tuple[str, ...]:
    """A warning when a one-off document that proves a milestone is made after its deadline, with
    the deadline as known on that date and the reason the workbook records (Regeling procesgang
    art. 5 allows a departure with a reason; UWV judges it). A reason with a medical word is not
    quoted (AVG)."""
    if doc not in ONE_OFF_DOCS:
        return ()
    definition = next((m for m in MILESTONES if m.doc_type == doc), None)
    if definition is None or definition.facts_field is None:
        return ()
    calendar = build_calendar(facts_from_case(case_as_of(case, date)))
    milestone = calendar.milestone(definition.code)
    if milestone.due is None or date <= milestone.due or milestone.not_applicable:
        return ()
    title = DOC_TYPES[doc].title_nl.lower() if doc in DOC_TYPES else doc
    note = (f"let op: {title} van {_short(date)} komt na de uiterlijke datum {_short(milestone.due)} "
            f"(week {milestone.week}, {milestone.basis})")
    reason_key = MILESTONE_COLUMNS.get(definition.facts_field, (None, None))[1]
    reason = (case[reason_key] or "").strip() if reason_key else ""
    header = next((c.header for c in CASES.columns if c.key == reason_key), "")
    if reason and medical_terms(reason):
        note += f"; de reden in kolom '{header}' bevat een medisch woord en wordt niet geciteerd (AVG)"
    elif reason:
        note += f"; reden in de werkmap: \u201c{reason}\u201d"
    elif header:
        note += f"; leg de reden vast in kolom '{header}' (Regeling procesgang art. 5)"
    return (note,)
