"""A document's date is its horizon: the case as it was known on that day.

The context builder (plugin.documents.context) shows a template only this view, so the default
templates and a user's own alike tell what was true on the document's date: past events with
their outcome, later ones not at all, and planned dates computed from what was known then. A
plan van aanpak of March 2025 must not know 2026: to UWV such a document looks backdated.

What "known on day D" means (D itself included):

- Evaluaties, Activiteiten, Sollicitaties: the rows dated on or before D, with what they say
  (status, result, the planned next evaluation: written on that day).
- Verzuimperiodes: the periods begun by D; one that ended after D was still running on D.
- Every date column of Casussen (Datum probleemanalyse, Start 2e spoor, Datum WIA-aanvraag,
  Geen terugkeer eigen organisatie per, ...): empty when later than D, so a milestone is done
  only when it was done by D, and every due date follows from that.
- Spoor: a 2 in it counts from Start 2e spoor on; before that date the case was in the 1e spoor.
- A Reden ... column whose text names a date later than D was written after D: left out.
- Verlenging wachttijd: the workbook records no date for the joint request (art. 24 WIA); see
  `extension_known_from`.
- Einde loonsanctie: UWV imposes it on the WIA application (art. 25 lid 9 WIA); the workbook
  records no date of that decision, so it counts from the end of the waiting time it extends.
  UNCLEAR by nature: UWV's letter usually comes a few weeks earlier; documents in those weeks
  do not mention it rather than claim knowledge the workbook cannot date.
- Free text without a date (Belastbaarheid, Prognose, Persoonsprofiel, Zoekprofiel, unknown
  columns) holds one value in the workbook, the latest: it is shown as recorded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from plugin.core.dates import find_dates
from plugin.core.sick_days import SickClock
from plugin.core.wvp_calendar import sick_clock
from plugin.workbook.facts import facts_from_case
from plugin.workbook.load import Case
from plugin.workbook.schema import CASES

# Dates that say when something happened; the two handled on their own below are not here.
_EVENT_DATES = tuple(c.key for c in CASES.columns
                     if c.kind == "date" and c.key not in ("eerste_ziektedag", "einde_loonsanctie"))
_REASONS = tuple(c.key for c in CASES.columns if c.key.startswith("reden_"))
_ROWS = ("evaluations", "activities", "applications")


def case_as_of(case: Case, date: dt.date) -> Case:
    """The case as its records stood on `date`; the case itself when nothing in it is later."""
    data = dict(case.data)
    for key in _EVENT_DATES:
        if data.get(key) is not None and data[key] > date:
            data[key] = None
    for key in _REASONS:
        if data.get(key) and any(found > date for _, found in find_dates(str(data[key]))):
            data[key] = None
    start2 = case["start_2e_spoor"]
    if start2 is not None and start2 > date and "2" in (data.get("spoor") or ""):
        data["spoor"] = "1"   # the 2e spoor had not started yet
    rows = {name: [r for r in getattr(case, name) if r.get("datum") is not None and r["datum"] <= date]
            for name in _ROWS}
    periods = [_period_on(r, date) for r in case.sick_periods if r.get("van") is None or r["van"] <= date]
    view = dataclasses.replace(case, data=data, sick_periods=periods, **rows)
    extension, sanction_end = case["verlenging_wachttijd"], case["einde_loonsanctie"]
    if extension or sanction_end:
        clock = _clock(dataclasses.replace(view, data={**data, "verlenging_wachttijd": 0, "einde_loonsanctie": None}))
        if extension and date < extension_known_from(clock):
            data["verlenging_wachttijd"] = 0
        waiting_time_end = clock.end_of_week(104 + int(data.get("verlenging_wachttijd") or 0))
        if sanction_end and (waiting_time_end is None or date <= waiting_time_end):
            data["einde_loonsanctie"] = None
    unchanged = data == case.data and periods == case.sick_periods \
        and all(len(rows[name]) == len(getattr(case, name)) for name in _ROWS)
    return case if unchanged else view


def extension_known_from(clock: SickClock) -> dt.date:
    """From when a document knows of a voluntary extension of the waiting time (art. 24 WIA).

    The workbook records the extension without the date of the joint request. An extension only
    moves the milestones from the actueel oordeel on (WVP.md), and it is asked for in the last
    months of the waiting time, when the WIA application comes near (practice). So a document
    dated before the actueel-oordeel window of the unextended waiting time (week 87) shows the
    waiting time without it, which is what the employer could know for certain then. UNCLEAR:
    a request made earlier is not dated anywhere in the workbook.
    """
    end_of_week_86 = clock.end_of_week(86)
    return end_of_week_86 + dt.timedelta(days=1) if end_of_week_86 else dt.date.max


def waiting_time_start(case: Case, date: dt.date) -> dt.date:
    """The first sick day of the waiting time `date` falls in (a gap of four weeks or more starts a new one)."""
    return _clock(case_as_of(case, date)).first_day


def _period_on(row: dict, date: dt.date) -> dict:
    """A Verzuimperiodes row as it stood on `date`: not yet ended (nor recovered) when its end is later."""
    if row.get("tot") is not None and row["tot"] > date:
        return {**row, "tot": None, "hersteld_procent": None}
    return row


def _clock(case: Case) -> SickClock:
    return sick_clock(facts_from_case(case))[0]
