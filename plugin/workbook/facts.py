"""From a workbook row to the typed facts of a case (plugin.core.case_facts.CaseFacts).

The only place that knows which Casussen column feeds which fact; the calendar, the checker,
the app and the RIV work from CaseFacts. `calendar_for(case)` is the short way from a row to
its WVP calendar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plugin.core.case_facts import CaseFacts, HeldEvaluation, Recorded
from plugin.core.language import language_of
from plugin.core.sick_days import Period
from plugin.core.wvp_calendar import CaseCalendar, build_calendar

if TYPE_CHECKING:   # a type only: a re-check without a workbook does not load the workbook reader
    from plugin.workbook.load import Case

# CaseFacts field -> (Casussen column with the done date, column with a recorded reason or None).
# No reason column for the 42e-weekmelding, the arbeidsdeskundig onderzoek (no deadline of its
# own) and the WIA application: the Regeling's art. 5 covers the deadlines of the
# re-integration process, not UWV's notification or the employee's application.
MILESTONE_COLUMNS: dict[str, tuple[str, str | None]] = {
    "problem_analysis": ("datum_probleemanalyse", "reden_afwijking_probleemanalyse"),
    "plan_of_action": ("datum_plan_van_aanpak", "reden_afwijking_plan_van_aanpak"),
    "week42_notification": ("datum_42e_weekmelding", None),
    "first_year_evaluation": ("datum_eerstejaarsevaluatie", "reden_afwijking_eerstejaarsevaluatie"),
    "labour_expert_assessment": ("datum_arbeidsdeskundig_onderzoek", None),
    "second_track": ("start_2e_spoor", "reden_geen_2e_spoor"),
    "current_assessment": ("datum_actueel_oordeel", "reden_afwijking_actueel_oordeel"),
    "final_evaluation": ("datum_eindevaluatie", "reden_afwijking_eindevaluatie"),
    "wia_application": ("datum_wia_aanvraag", None),
}
_FREE_TEXT_KEYS = ("belastbaarheid", "prognose", "persoonsprofiel", "zoekprofiel")


def facts_from_case(case: Case) -> CaseFacts:
    """The facts of one workbook case (its Casussen row, Evaluaties and Verzuimperiodes)."""
    recorded = {}
    for name, (date_key, reason_key) in MILESTONE_COLUMNS.items():
        recorded[name] = Recorded(case[date_key], (case[reason_key] or "").strip() if reason_key else "")
    periods = tuple(Period(r["van"], r.get("tot"), recovered_percent(r.get("hersteld_procent")))
                    for r in case.sick_periods if r.get("van"))
    evaluations = tuple(HeldEvaluation(r["datum"], r.get("row")) for r in case.evaluations if r.get("datum"))
    return CaseFacts(
        case_id=case.id, first_sick_day=case["eerste_ziektedag"], employee=case.name or "",
        employer=case["werkgever"] or "", sick_periods=periods, extension_weeks=int(case["verlenging_wachttijd"] or 0),
        track=case["spoor"] or "", language=case["taal"] or "", dossier_folder=(case["dossiermap"] or "").strip(),
        in_workbook=True, evaluations=evaluations, evaluations_reason=(case["reden_afwijking_evaluaties"] or "").strip(),
        own_work_ruled_out=case["datum_geen_terugkeer_eigen_organisatie"], wage_sanction_end=case["einde_loonsanctie"],
        **recorded)


def recovered_percent(value: float | None) -> float | None:
    """The Hersteld % cell as a percentage: 50 is 50%; a cell formatted as a percentage gives
    0.5 for 50%, so a value up to 1 is read as a fraction (1 = 100%). Empty: None (full)."""
    if value is None:
        return None
    return float(value) * 100 if 0 < value <= 1 else float(value)


def calendar_for(case: Case) -> CaseCalendar:
    """The WVP calendar of a workbook case from its recorded dates (what `calendar` shows)."""
    return build_calendar(facts_from_case(case))


def case_language(case: Case) -> str:
    """The Taal column, else the language of the case's free text, else Dutch."""
    parts = [str(case[k] or "") for k in _FREE_TEXT_KEYS]
    for row in case.evaluations:
        parts += [str(row.get("samenvatting") or ""), str(row.get("afspraken") or "")]
    return language_of(case["taal"], parts)
