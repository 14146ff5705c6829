"""Who gets which report for a month: active cases with an employer address, and their document.

A case is active in a month when its WVP sick clock covers a day of that month (so it did
not recover before the month) and the waiting time (week 104, plus any extension) had not
ended before the month began. The report is the latest evaluatie held in the month, else
a maandrapportage over the month's Evaluaties, Activiteiten and Sollicitaties rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plugin.core.dates import format_date
from plugin.core.month import Month, MonthError  # noqa: F401 - re-exported for the mail-out
from plugin.workbook.cells import CellError, email_address
from plugin.workbook.load import Case, Workbook
from plugin.core.wvp_calendar import CaseCalendar
from plugin.workbook.facts import calendar_for, case_language



@dataclass(frozen=True)
class Report:
    """What goes to one employer for one case and month."""

    case_id: str
    recipient: str
    lang: str
    doc: str                        # evaluatie | maandrapportage
    date: dt.date                   # the document date
    evaluation_index: int | None    # evaluatie: the row on the sheet Evaluaties


@dataclass(frozen=True)
class Skip:
    case_id: str
    reason: str
    problem: bool = False   # the user must fix something (exit 1), not merely nothing to send


def inactive_reason(calendar_: CaseCalendar, month: Month) -> str | None:
    """Why a case gets no report this month (None: it is active)."""
    periods = calendar_.clock.periods
    if periods[0].start > month.last:
        return f"nog niet ziek in {month.key} (eerste ziektedag {format_date(periods[0].start, style='short')})"
    if not any(p.start <= month.last and (p.end is None or p.end >= month.first) for p in periods):
        recovered = calendar_.clock.recovered_on
        if recovered and recovered < month.first:
            return f"hersteld op {format_date(recovered, style='short')}, vóór {month.key}"
        return f"niet ziek in {month.key}"
    end = next((m.due for m in calendar_.milestones if m.code == "einde_wachttijd"), None)
    if end is not None and end < month.first:
        return f"wachttijd geëindigd op {format_date(end, style='short')}"
    return None


def plan_month(workbook: Workbook, month: Month, case_ids: list[str] | None = None,
               today: dt.date | None = None) -> tuple[list[Report], list[Skip]]:
    """The reports to send and the cases skipped, with the reason, in workbook order."""
    today = today or dt.date.today()
    reports: list[Report] = []
    skips: list[Skip] = []
    blocked = workbook.blocked_ids()
    for case_id in case_ids or list(workbook.cases):
        case = workbook.cases.get(case_id)
        if case is None:
            skips.append(Skip(case_id, "casus staat niet in de werkmap"))
            continue
        if case_id in blocked:
            skips.append(Skip(case_id, "fouten in de werkmap (zie boven); eerst herstellen"))
            continue
        reason = inactive_reason(calendar_for(case), month)
        if reason:
            skips.append(Skip(case_id, f"niet actief: {reason}"))
            continue
        address = (case["email_werkgever"] or "").strip()
        if not address:
            skips.append(Skip(case_id, "geen e-mailadres werkgever (kolom E-mail werkgever)"))
            continue
        try:
            address = email_address(address)   # the same rule as the workbook check
        except CellError as exc:
            skips.append(Skip(case_id, f"ongeldig e-mailadres werkgever {address!r}: {exc}", problem=True))
            continue
        reports.append(choose_report(case, month, address, today))
    return reports, skips


def choose_report(case: Case, month: Month, recipient: str, today: dt.date) -> Report:
    lang = case_language(case)
    held = [i for i, row in enumerate(case.evaluations)
            if row.get("datum") and month.first <= row["datum"] <= month.last]
    if held:
        index = held[-1]   # the sheet is sorted by date: the latest of the month
        return Report(case.id, recipient, lang, "evaluatie", case.evaluations[index]["datum"], index)
    return Report(case.id, recipient, lang, "maandrapportage", min(month.last, max(today, month.first)), None)
