"""The WVP calendar of one case: every milestone with its due date, what is done, what is late.

Sources per milestone are in MILESTONES (see also WVP.md). The checker reuses this module;
it supplies its own 'done' dates (from documents) through `done_overrides`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from plugin.core.case_facts import CaseFacts
from plugin.core.dates import format_date
from plugin.core.doctypes import proof_of
from plugin.core.words import MILESTONE_STATUS
from plugin.core.sick_days import DAY, Period, SickClock, as_the_law_sees, chains, next_working_day

EVALUATION_INTERVAL = dt.timedelta(weeks=6)
# PRACTICE, not law: once return in the own organisation is ruled out, the 2e spoor starts
# "zodra" (as soon as possible, UWV Werkwijzer poortwachter). The law gives no number of days;
# UWV accepts a trajectplan that starts within about six weeks of the arbeidsdeskundige's
# conclusion (the same six weeks it allows after the eerstejaarsevaluatie), so that is the
# grace period: the milestone is open from the conclusion on and late after these weeks.
SECOND_TRACK_GRACE = dt.timedelta(weeks=6)
DUE_SOON = dt.timedelta(weeks=2)  # "binnenkort": the one definition (calendar, check, app)

STATUS_TEXT = MILESTONE_STATUS   # the words for each status, from the one catalogue


@dataclass(frozen=True)
class MilestoneDef:
    code: str
    title_nl: str
    title_en: str
    party: str
    basis: str
    facts_field: str | None  # the CaseFacts field recording it (None: not recorded, not tracked)
    # A deadline set by statute (Ziektewet, Wet WIA), not by the Regeling procesgang: a reason
    # (Regeling art. 5, which covers the Regeling's own terms) never softens it.
    statutory: bool = False

    @property
    def doc_type(self) -> str | None:
        """The document type that proves it (the type's record names its milestone, core/doctypes.py)."""
        return _PROOF.get(self.code)


MILESTONES: tuple[MilestoneDef, ...] = (
    MilestoneDef("probleemanalyse", "Probleemanalyse", "Problem analysis", "bedrijfsarts",
                 "Regeling procesgang art. 2", "problem_analysis"),
    MilestoneDef("plan_van_aanpak", "Plan van aanpak", "Plan of action", "werkgever en werknemer",
                 "Regeling procesgang art. 4", "plan_of_action"),
    MilestoneDef("42e_weekmelding", "42e-weekmelding aan UWV", "Week-42 notification to UWV", "werkgever",
                 "Ziektewet art. 38 lid 1", "week42_notification", statutory=True),
    MilestoneDef("eerstejaarsevaluatie", "Eerstejaarsevaluatie", "First-year evaluation", "werkgever en werknemer",
                 "Regeling procesgang art. 4 lid 2", "first_year_evaluation"),
    MilestoneDef("arbeidsdeskundig_onderzoek", "Arbeidsdeskundig onderzoek", "Labour expert assessment", "arbodienst",
                 "praktijk (geen wettelijke termijn)", "labour_expert_assessment"),
    MilestoneDef("start_2e_spoor", "Start 2e spoor", "Start of the second track", "werkgever",
                 "UWV Werkwijzer poortwachter", "second_track"),
    MilestoneDef("actueel_oordeel", "Actueel oordeel bedrijfsarts", "Current assessment by the physician", "bedrijfsarts",
                 "Regeling procesgang art. 6", "current_assessment"),
    MilestoneDef("eindevaluatie", "Eindevaluatie", "Final evaluation", "werkgever en werknemer",
                 "UWV (re-integratieverslag)", "final_evaluation"),
    MilestoneDef("re_integratieverslag", "Re-integratieverslag compleet", "Re-integration report complete", "werkgever",
                 "Wet WIA art. 25 lid 3", None, statutory=True),
    MilestoneDef("wia_aanvraag", "WIA-aanvraag met re-integratieverslag", "WIA application with the report", "werknemer",
                 "Wet WIA art. 64 lid 3", "wia_application", statutory=True),
    MilestoneDef("einde_wachttijd", "Einde wachttijd", "End of the waiting time", "",
                 "Wet WIA art. 23", None, statutory=True),
)
DEFS = {m.code: m for m in MILESTONES}
_PROOF = {code: proof_of(code) for code in DEFS}


@dataclass(frozen=True)
class Milestone:
    code: str
    title_nl: str
    title_en: str
    party: str
    basis: str
    due: dt.date | None
    week: int | None               # the WVP week it is due in
    window_start: dt.date | None = None
    done: dt.date | None = None
    tracked: bool = True
    not_applicable: str | None = None  # reason it no longer applies
    reason: str = ""                   # recorded reason for departing from the deadline (Regeling art. 5)
    not_applicable_en: str | None = None

    def lapsed_because(self, lang: str = "nl") -> str | None:
        """Why the milestone no longer applies, in the user's language."""
        return self.not_applicable_en if lang == "en" and self.not_applicable_en else self.not_applicable

    def title(self, lang: str = "nl") -> str:
        return self.title_en if lang == "en" else self.title_nl

    def status(self, as_of: dt.date) -> str:
        if self.not_applicable and not self.done:
            return "not_applicable"
        if self.done:
            return "done_late" if self.due and self.done > self.due else "done"
        if not self.tracked:
            return "not_tracked"
        if self.due is None:
            return "open"
        if self.due < as_of:
            return "overdue"
        if self.due - as_of <= DUE_SOON:
            return "due_soon"
        return "open"


@dataclass(frozen=True)
class EvaluationGap:
    """The period after an evaluation (or the plan van aanpak) in which the next one was due."""

    after: dt.date
    due: dt.date
    done: dt.date | None  # the next evaluation, if any

    @property
    def late(self) -> bool:
        return self.done is not None and self.done > self.due


@dataclass
class CaseCalendar:
    case_id: str
    clock: SickClock
    extension_weeks: int
    milestones: list[Milestone]
    evaluations: list[EvaluationGap]
    notes: list[str] = field(default_factory=list)   # in Dutch; notes_en holds the same in English
    # Periods of earlier waiting times, ended by 4 weeks or more of fitness: they do not count.
    earlier_periods: tuple[Period, ...] = ()
    notes_en: list[str] = field(default_factory=list)

    def notes_in(self, lang: str) -> list[str]:
        return self.notes_en if lang == "en" and len(self.notes_en) == len(self.notes) else self.notes

    @property
    def first_sick_day(self) -> dt.date:
        return self.clock.first_day

    @property
    def restarted_on(self) -> dt.date | None:
        """The first day of the current waiting time when an earlier one ended before it."""
        return self.clock.first_day if self.earlier_periods else None

    def milestone(self, code: str) -> Milestone:
        return next(m for m in self.milestones if m.code == code)

    def week_at(self, date: dt.date) -> int:
        return self.clock.week_at(date)


def _short(value: dt.date) -> str:
    return format_date(value, style="short")


def sick_clock(facts: CaseFacts) -> tuple[SickClock, list[tuple[str, str]], tuple[Period, ...]]:
    """The chain of sick periods that counts now, notes (nl, en) on how it was formed, and the periods
    of earlier waiting times (a gap of 4 weeks or more starts a new clock at week 1)."""
    notes = []
    periods = as_the_law_sees(list(facts.sick_periods))
    first = facts.first_sick_day
    if first and not any(p.start <= first and (p.end is None or first <= p.end) for p in periods):
        if periods and any(p.start > first for p in periods):
            notes.append((f"Eerste ziektedag {_short(first)} valt in geen enkele verzuimperiode; toegevoegd als periode.",
                          f"First day of sickness {_short(first)} is in no sick period; added as a period."))
        periods.append(Period(first, None) if all(p.start < first for p in periods) else Period(first, first))
    groups = chains(periods) if periods else [[Period(first, None)]]
    chain, earlier = groups[-1], tuple(p for group in groups[:-1] for p in group)
    if earlier:
        healthy = (chain[0].start - earlier[-1].end - DAY).days
        notes.append((f"Nieuwe wachttijd vanaf {_short(chain[0].start)}: na {healthy} dagen hersteld (4 weken of meer) "
                      f"begint de klok opnieuw bij week 1. De periode(s) tot {_short(earlier[-1].end)} en de documenten "
                      "daarvan tellen niet mee.",
                      f"New waiting time from {_short(chain[0].start)}: after {healthy} days fit (4 weeks or more) the "
                      f"clock restarts at week 1. The period(s) up to {_short(earlier[-1].end)} and their documents do "
                      "not count."))
    if len(chain) > 1:
        notes.append((f"Samentelling: {len(chain)} verzuimperiodes tellen op vanaf {_short(chain[0].start)}.",
                      f"Periods added up: {len(chain)} sick periods count from {_short(chain[0].start)}."))
    for period in facts.sick_periods:
        if period.partial and period.start >= chain[0].start:
            notes.append((f"Gedeeltelijk hersteld ({period.recovered_percent:g}%) op {_short(period.end)}: de wachttijd "
                          "loopt door; alleen volledig herstel voor het eigen werk beëindigt die.",
                          f"Partly recovered ({period.recovered_percent:g}%) on {_short(period.end)}: the waiting time "
                          "runs on; only full recovery for the own job ends it."))
    if chain[-1].end is not None:
        notes.append((f"Hersteld op {_short(chain[-1].end)}: mijlpalen daarna vervallen.",
                      f"Recovered on {_short(chain[-1].end)}: later milestones lapse."))
    return SickClock(tuple(chain)), notes, earlier


def build_calendar(facts: CaseFacts, done_overrides: dict[str, dt.date] | None = None,
                   evaluation_dates: list[dt.date] | None = None, recorded_done: bool = True) -> CaseCalendar:
    """Compute all milestones for a case.

    done_overrides: milestone code -> done date, replacing the recorded one (used by the checker).
    evaluation_dates: dates of held evaluations; default the recorded evaluations plus the
    eerstejaarsevaluatie and eindevaluatie dates.
    recorded_done: False to ignore the recorded done dates (the checker trusts documents only).
    """
    if not isinstance(facts, CaseFacts):
        raise TypeError("build_calendar takes CaseFacts; for a workbook row use "
                        "plugin.workbook.facts.calendar_for(case) or facts_from_case(case)")
    clock, notes, earlier = sick_clock(facts)
    ext = int(facts.extension_weeks or 0)
    done = {m.code: facts.recorded(m.facts_field).date for m in MILESTONES if m.facts_field and recorded_done}
    done.update(done_overrides or {})
    # A milestone done before this waiting time began was done for an earlier one: it does not count.
    done = {code: date for code, date in done.items() if date is None or date >= clock.first_day}

    def week_end(week: int) -> dt.date | None:
        return clock.end_of_week(week)

    due: dict[str, tuple[dt.date | None, int | None, dt.date | None]] = {}
    due["probleemanalyse"] = (week_end(6), 6, None)
    pa_done = done.get("probleemanalyse")
    if pa_done:
        # Regeling art. 4: the plan within two weeks after the probleemanalyse. UNCLEAR: whether
        # these two weeks pause while the employee is fit between periods that add up (the
        # evaluation windows do); we count calendar days, the stricter reading.
        pva_due = pa_done + dt.timedelta(weeks=2)
        due["plan_van_aanpak"] = (pva_due, clock.week_at(pva_due), None)
    else:
        due["plan_van_aanpak"] = (week_end(8), 8, None)
    week42 = week_end(42)
    due["42e_weekmelding"] = (next_working_day(week42 + dt.timedelta(days=1)) if week42 else None, 43, None)
    due["eerstejaarsevaluatie"] = (week_end(52), 52, week_end(45) and week_end(45) + dt.timedelta(days=1))
    due["arbeidsdeskundig_onderzoek"] = (None, None, None)
    # UWV Werkwijzer (practice): the 2e spoor by six weeks after the eerstejaarsevaluatie. A late
    # eerstejaarsevaluatie buys no time: the six weeks run from week 52 at the latest (~week 58).
    eje_due, eje_done = due["eerstejaarsevaluatie"][0], done.get("eerstejaarsevaluatie")
    eje = min(d for d in (eje_done, eje_due) if d) if (eje_done or eje_due) else None
    start2 = eje + EVALUATION_INTERVAL if eje else None
    window2 = None
    ruled_out = facts.own_work_ruled_out
    if ruled_out and (start2 is None or ruled_out + SECOND_TRACK_GRACE < start2):
        # "Zodra" return in the own organisation is not in view: open from that date, late after
        # the grace period (practice, see SECOND_TRACK_GRACE).
        start2, window2 = ruled_out + SECOND_TRACK_GRACE, ruled_out
    due["start_2e_spoor"] = (start2, clock.week_at(start2) if start2 else None, window2)
    due["actueel_oordeel"] = (week_end(91 + ext), 91 + ext, week_end(86 + ext) and week_end(86 + ext) + dt.timedelta(days=1))
    due["eindevaluatie"] = (week_end(91 + ext), 91 + ext, None)
    due["re_integratieverslag"] = (week_end(91 + ext), 91 + ext, None)
    due["wia_aanvraag"] = (week_end(93 + ext), 93 + ext, None)
    due["einde_wachttijd"] = (week_end(104 + ext), 104 + ext, None)

    recovered = clock.recovered_on
    no_second_track = facts.second_track.reason
    milestones = []
    for definition in MILESTONES:
        date, week, window = due[definition.code]
        reason = reason_en = None
        if recovered and (date is None or date > recovered) and not done.get(definition.code):
            reason, reason_en = f"hersteld op {_short(recovered)}", f"recovered on {_short(recovered)}"
        if definition.code == "start_2e_spoor" and no_second_track and not done.get(definition.code):
            reason, reason_en = f"vastgelegde reden: {no_second_track}", f"recorded reason: {no_second_track}"
        milestones.append(Milestone(definition.code, definition.title_nl, definition.title_en, definition.party,
                                    definition.basis, date, week, window, done.get(definition.code),
                                    tracked=definition.facts_field is not None or definition.code in done,
                                    not_applicable=reason, reason=facts.recorded(definition.facts_field).reason,
                                    not_applicable_en=reason_en))
    if ext:
        notes.append((f"Wachttijd vrijwillig verlengd met {ext} weken (art. 24 WIA).",
                      f"Waiting time voluntarily extended by {ext} weeks (art. 24 WIA)."))
    # A loonsanctie (WIA art. 25 lid 9) extends the wage payment and the re-integration duties:
    # evaluations and the 2e spoor go on. The milestones themselves (RIV, WIA application) were
    # due before the sanction and keep their dates; a new RIV for the repair is UWV's call.
    if facts.wage_sanction_end:
        notes.append((f"Loonsanctie tot {_short(facts.wage_sanction_end)}: evaluaties en het 2e spoor lopen door tot "
                      "die datum (art. 25 lid 9 WIA).",
                      f"Wage sanction until {_short(facts.wage_sanction_end)}: evaluations and the second track go on "
                      "until then (art. 25(9) WIA)."))
    held = evaluation_dates if evaluation_dates is not None else recorded_evaluation_dates(facts)
    held = [d for d in held if d >= clock.first_day]
    gaps = evaluation_gaps(done.get("plan_van_aanpak"), held, milestones, clock, facts.wage_sanction_end)
    return CaseCalendar(facts.case_id, clock, ext, milestones, gaps, [nl for nl, _ in notes], earlier,
                        [en for _, en in notes])


def recorded_evaluation_dates(facts: CaseFacts) -> list[dt.date]:
    """The evaluations the records say were held, with the eerstejaars- and eindevaluatie."""
    dates = [e.date for e in facts.evaluations]
    dates += [d for d in (facts.first_year_evaluation.date, facts.final_evaluation.date) if d]
    return sorted(set(dates))


def evaluation_gaps(plan_date: dt.date | None, held: list[dt.date], milestones: list[Milestone],
                    clock: SickClock | None = None, sanction_end: dt.date | None = None) -> list[EvaluationGap]:
    """Each 6-week window from the plan van aanpak onwards, and the evaluation that closed it.

    A window counts sick time only: it pauses while the employee is fit between periods that
    add up (clock given). The last window is open (done None) unless the waiting time ended,
    the case closed or the employee recovered; a loonsanctie keeps it open until its end.
    """
    if plan_date is None:
        return []
    ends = {m.code: m for m in milestones}
    stop = ends["wia_aanvraag"].done or ends["einde_wachttijd"].due
    if sanction_end and (stop is None or sanction_end > stop):
        stop = sanction_end
    recovered = ends["einde_wachttijd"].not_applicable

    def window_end(start: dt.date) -> dt.date | None:
        return clock.after(start, EVALUATION_INTERVAL) if clock is not None else start + EVALUATION_INTERVAL

    gaps = []
    previous = plan_date
    for date in sorted(d for d in set(held) if d > plan_date):
        due = window_end(previous) or previous + EVALUATION_INTERVAL
        gaps.append(EvaluationGap(previous, due, date))
        previous = date
    due = window_end(previous)
    if not recovered and due is not None and (stop is None or due <= stop):
        gaps.append(EvaluationGap(previous, due, None))
    return gaps
