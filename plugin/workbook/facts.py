"""From a workbook row to the typed facts of a case (plugin.core.case_facts.CaseFacts).

The only place that knows which Casussen column feeds which fact; the calendar, the checker,
the app and the RIV work from CaseFacts. `calendar_for(case)` is the short way from a row to
its WVP calendar.
"""

from __future__ import annotations

from plugin.core.case_facts import CaseFacts, HeldEvaluation, Recorded
from plugin.core.language import language_of
from plugin.core.sick_days import Period
from plugin.core.wvp_calendar import CaseCalendar, build_calendar
from plugin.workbook.load import Case

# CaseFacts field -> (Casussen column with the done date, column with a recorded reason or None).
MILESTONE_COLUMNS: dict[str, tuple[str, str | None]] = {
    "problem_analysis": ("datum_probleemanalyse", None),
    "plan_of_action": ("datum_plan_van_aanpak", None),
    "week42_notification": ("datum_42e_weekmelding", None),
    "first_year_evaluation": ("datum_eerstejaarsevaluatie", None),
    "labour_expert_assessment": ("datum_arbeidsdeskundig_onderzoek", None),
    "second_track": ("start_2e_spoor", "reden_geen_2e_spoor"),
    "current_assessment": ("datum_actueel_oordeel", None),
    "final_evaluation": ("datum_eindevaluatie", None),
    "wia_application": ("datum_wia_aanvraag", None),
}
_FREE_TEXT_KEYS = ("belastbaarheid", "prognose", "persoonsprofiel", "zoekprofiel")


def facts_from_case(case: Case) -> CaseFacts:
    """The facts of one workbook case (its Casussen row, Evaluaties and Verzuimperiodes)."""
    recorded = {}
    for name, (date_key, reason_key) in MILESTONE_COLUMNS.items():
        recorded[name] = Recorded(case[date_key], (case[reason_key] or "").strip() if reason_key else "")
    periods = tuple(Period(r["van"], r.get("tot")) for r in case.sick_periods if r.get("van"))
    evaluations = tuple(HeldEvaluation(r["datum"], r.get("row")) for r in case.evaluations if r.get("datum"))
    return CaseFacts(
        case_id=case.id, first_sick_day=case["eerste_ziektedag"], employee=case.name or "",
        employer=case["werkgever"] or "", sick_periods=periods, extension_weeks=int(case["verlenging_wachttijd"] or 0),
        track=case["spoor"] or "", language=case["taal"] or "", dossier_folder=(case["dossiermap"] or "").strip(),
        in_workbook=True, evaluations=evaluations, **recorded)


def calendar_for(case: Case) -> CaseCalendar:
    """The WVP calendar of a workbook case from its recorded dates (what `calendar` shows)."""
    return build_calendar(facts_from_case(case))


def case_language(case: Case) -> str:
    """The Taal column, else the language of the case's free text, else Dutch."""
    parts = [str(case[k] or "") for k in _FREE_TEXT_KEYS]
    for row in case.evaluations:
        parts += [str(row.get("samenvatting") or ""), str(row.get("afspraken") or "")]
    return language_of(case["taal"], parts)
