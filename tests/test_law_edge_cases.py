"""The law's edge cases (issue 9): relapses, documents per period, partial recovery, documented
reasons, the week-91/93 duties, the 2e spoor when return is not in view, a loonsanctie.

All in memory (CaseFacts and DossierDocument records), except where the workbook columns
themselves are tested.
"""

import datetime as dt

import pytest

from conftest import cases_sheet, minimal_case, write_workbook
from plugin.check.evaluate import evaluate_case
from plugin.check.rules import load_rules
from plugin.check.scan import DossierDocument
from plugin.core.case_facts import CaseFacts, Recorded
from plugin.core.sick_days import Period
from plugin.core.wvp_calendar import DEFS, build_calendar
from plugin.workbook.facts import facts_from_case
from plugin.workbook.load import load_workbook

D = dt.date
RULES = load_rules()
BY_ID = {r.id: r for r in RULES}


def doc(type_, date):
    return DossierDocument(f"C-1/{type_} {date}.txt", type_, date, "filename", None, "nl")


def facts(first=D(2025, 1, 6), periods=(), **fields):
    return CaseFacts("C-1", first, employee="Jan", sick_periods=tuple(Period(*p) for p in periods), **fields)


def check(case, documents, as_of, rules=RULES):
    return evaluate_case(case, documents, rules, as_of, folder="C-1")


def found(result, rule=None):
    return [(f.rule, f.severity, f.due) for f in result.findings if rule is None or f.rule == rule]


# --- 1. Sick periods as the law sees them ---------------------------------------------------

@pytest.mark.parametrize(("gap_days", "new_clock"), ((27, False), (28, True), (29, True)))
def test_a_gap_of_four_weeks_or_more_starts_a_new_clock(gap_days, new_clock):
    first_end = D(2025, 1, 31)
    second = first_end + dt.timedelta(days=gap_days + 1)
    calendar = build_calendar(facts(periods=[(D(2025, 1, 6), first_end), (second, None)]))
    if new_clock:
        assert calendar.first_sick_day == second and calendar.restarted_on == second
        assert calendar.earlier_periods == (Period(D(2025, 1, 6), first_end),)
        assert calendar.milestone("probleemanalyse").due == second + dt.timedelta(days=41)
        assert any("Nieuwe wachttijd" in note and f"na {gap_days} dagen hersteld" in note for note in calendar.notes)
    else:  # samentelling: 26 sick days in January, the gap does not count
        assert calendar.first_sick_day == D(2025, 1, 6) and calendar.restarted_on is None
        assert calendar.milestone("probleemanalyse").due == second + dt.timedelta(days=42 - 26 - 1)
        assert any("Samentelling" in note for note in calendar.notes)


def test_a_relapse_needs_its_own_plan_van_aanpak():
    # The example: a full dossier for 6-1..30-6-2025, sick again from 1-9-2025 with
    # only a new probleemanalyse: the new period lacks its plan van aanpak.
    case = facts(periods=[(D(2025, 1, 6), D(2025, 6, 30)), (D(2025, 9, 1), None)])
    documents = [doc("probleemanalyse", D(2025, 2, 10)), doc("plan-van-aanpak", D(2025, 2, 20)),
                 doc("evaluatie", D(2025, 3, 30)), doc("evaluatie", D(2025, 5, 10)), doc("evaluatie", D(2025, 6, 15)),
                 doc("probleemanalyse", D(2025, 10, 1))]
    result = check(case, documents, D(2025, 12, 1))
    assert result.first_sick_day == D(2025, 9, 1) and result.week == 14
    assert ("WVP002", "error", D(2025, 10, 15)) in found(result)       # 2 weeks after the new PA
    assert not found(result, "WVP001")                                  # the new PA is on time (week 5)
    info = next(f for f in result.findings if f.rule == "WVP033")
    assert info.severity == "info" and info.due == D(2025, 9, 1) and len(info.paths) == 5
    assert "klok begon opnieuw" in info.message
    assert len(result.documents) == 6                                   # every document is still listed


def test_a_document_dated_in_the_healthy_gap_does_not_count_for_the_new_period():
    case = facts(periods=[(D(2025, 1, 6), D(2025, 3, 31)), (D(2025, 5, 5), None)])  # 34 days fit: new clock
    in_gap = [doc("probleemanalyse", D(2025, 4, 20))]
    assert ("WVP001", "error", D(2025, 6, 15)) in found(check(case, in_gap, D(2025, 7, 1)))
    # With a gap shorter than 4 weeks the periods add up, and a document in the gap counts.
    summed = facts(periods=[(D(2025, 1, 6), D(2025, 1, 19)), (D(2025, 2, 10), None)])
    on_time = [doc("probleemanalyse", D(2025, 2, 5))]
    assert not found(check(summed, on_time, D(2025, 4, 1)), "WVP001")


def test_evaluation_windows_pause_while_the_employee_is_fit():
    # Sick 6-1..30-4, fit 1-5..14-5 (14 days: the periods add up), sick again from 15-5.
    case = facts(periods=[(D(2025, 1, 6), D(2025, 4, 30)), (D(2025, 5, 15), None)],
                 plan_of_action=Recorded(D(2025, 3, 1)))
    documents = [doc("probleemanalyse", D(2025, 2, 10)), doc("plan-van-aanpak", D(2025, 2, 20)),
                 doc("evaluatie", D(2025, 4, 1)), doc("evaluatie", D(2025, 5, 25))]
    # 42 sick days after 1-4 fall on 27-5 (the 14 fit days do not count), not on 13-5.
    assert not [f for f in found(check(case, documents, D(2025, 6, 1)), "WVP003") if f[1] == "error"]
    late = documents[:3] + [doc("evaluatie", D(2025, 5, 30))]
    assert ("WVP003", "error", D(2025, 5, 27)) in found(check(case, late, D(2025, 6, 1)))
    gaps = build_calendar(case, evaluation_dates=[D(2025, 4, 1)]).evaluations
    assert gaps[-1].after == D(2025, 4, 1) and gaps[-1].due == D(2025, 5, 27)


def test_partial_recovery_does_not_end_the_waiting_time():
    partial = build_calendar(facts(periods=[(D(2025, 1, 6), D(2025, 3, 31), 50.0)]))
    assert partial.clock.recovered_on is None
    assert partial.milestone("42e_weekmelding").not_applicable is None
    assert any("Gedeeltelijk hersteld (50%) op 31-03-2025" in note for note in partial.notes)
    full = build_calendar(facts(periods=[(D(2025, 1, 6), D(2025, 3, 31), 100.0)]))
    assert full.clock.recovered_on == D(2025, 3, 31)
    # Partly recovered, then fully unfit again: one unbroken period, no gap to skip.
    again = build_calendar(facts(periods=[(D(2025, 1, 6), D(2025, 3, 31), 60.0), (D(2025, 6, 2), None)]))
    assert again.first_sick_day == D(2025, 1, 6) and again.week_at(D(2025, 6, 2)) == 22


def test_partial_recovery_column_on_verzuimperiodes(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", {
        "Casussen": cases_sheet(minimal_case(), minimal_case(Casusnummer="C-2")),
        "Verzuimperiodes": [["Casusnummer", "Van", "Tot", "Hersteld %"],
                            ["C-1", D(2025, 1, 6), D(2025, 3, 31), 0.5],     # a cell formatted as 50%
                            ["C-2", D(2025, 1, 6), D(2025, 3, 31), 150]]})
    workbook = load_workbook(path)
    assert facts_from_case(workbook.cases["C-1"]).sick_periods[0].recovered_percent == 50.0
    problems = [str(p) for p in workbook.problems]
    assert any("Hersteld %" in p and "tussen 0 en 100" in p for p in problems)
    assert workbook.blocked_ids() == {"C-2"}


# --- 2. Documented reasons ---------------------------------------------------------------------

def test_a_recorded_reason_turns_the_late_error_into_a_warning_that_quotes_it():
    late = [doc("probleemanalyse", D(2025, 2, 25))]
    assert found(check(facts(), late, D(2025, 3, 1)), "WVP001") == [("WVP001", "error", D(2025, 2, 16))]
    reason = "werknemer was in het buitenland; afspraak met werkgever verzet"
    result = check(facts(problem_analysis=Recorded(reason=reason)), late, D(2025, 3, 1))
    [finding] = [f for f in result.findings if f.rule == "WVP001"]
    assert finding.severity == "warning" and reason in finding.message and "UWV beoordeelt" in finding.message


def test_reasons_for_the_evaluations_and_the_second_track_use_the_same_mechanism():
    documents = [doc("probleemanalyse", D(2025, 2, 10)), doc("plan-van-aanpak", D(2025, 2, 20)),
                 doc("evaluatie", D(2025, 6, 1))]
    plain = found(check(facts(), documents, D(2025, 6, 2)), "WVP003")
    assert plain and {f[1] for f in plain} == {"error"}
    excused = check(facts(evaluations_reason="na depressie geen gesprekken mogelijk"), documents, D(2025, 6, 2))
    # A diagnosis in the reason is not copied into the report (AVG).
    messages = [f.message for f in excused.findings if f.rule == "WVP003"]
    assert {f.severity for f in excused.findings if f.rule == "WVP003"} == {"warning"}
    assert messages and all("weggelaten" in m and "depressie" not in m for m in messages)
    eje = [doc("eerstejaarsevaluatie", D(2025, 12, 1))]
    no_track = facts(second_track=Recorded(reason="concreet zicht op volledige terugkeer binnen 3 maanden"))
    [finding] = [f for f in check(no_track, eje, D(2026, 2, 1)).findings if f.rule == "WVP006"]
    assert finding.severity == "warning" and "binnen 3 maanden" in finding.message


def test_reason_columns_are_read_from_the_workbook(tmp_path):
    row = minimal_case(**{"Reden afwijking probleemanalyse": "bedrijfsarts ziek", "Reden afwijking evaluaties": "vakantie",
                          "Reden geen 2e spoor": "herstel in zicht", "Einde loonsanctie": D(2027, 6, 30),
                          "Geen terugkeer eigen organisatie per": D(2025, 9, 1)})
    case = load_workbook(write_workbook(tmp_path / "w.xlsx", {"Casussen": cases_sheet(row)})).cases["C-1"]
    got = facts_from_case(case)
    assert (got.problem_analysis.reason, got.evaluations_reason, got.second_track.reason) == \
        ("bedrijfsarts ziek", "vakantie", "herstel in zicht")
    assert (got.wage_sanction_end, got.own_work_ruled_out) == (D(2027, 6, 30), D(2025, 9, 1))


# --- 3. The week-91/93 duties and the 2e spoor ------------------------------------------------------

def test_a_case_past_week_93_without_and_with_its_wia_application():
    as_of = D(2026, 11, 15)  # week 97 of a sickness from 6-1-2025
    without = found(check(facts(), [doc("evaluatie", D(2026, 10, 1))], as_of))
    assert ("WVP016", "error", D(2026, 10, 18)) in without               # WIA application, week 93
    assert ("WVP014", "error", D(2026, 10, 4)) in without                # re-integratieverslag, week 91
    assert ("WVP015", "warning", D(2026, 10, 4)) in without              # the employee's view in it
    complete = [doc("evaluatie", D(2026, 10, 1)), doc("re-integratieverslag", D(2026, 9, 28)),
                doc("mening-werknemer", D(2026, 9, 28)), doc("wia-aanvraag", D(2026, 10, 12))]
    assert not {r for r, _, _ in found(check(facts(), complete, as_of))} & {"WVP014", "WVP015", "WVP016"}
    late = found(check(facts(), complete[:3] + [doc("wia-aanvraag", D(2026, 10, 25))], as_of), "WVP016")
    assert late == [("WVP016", "error", D(2026, 10, 18))]


# UWV Werkwijzer: "zodra" return in the own organisation is not in view; six weeks' grace is practice.
ZODRA = [  # (as of, documents, expected WVP006)
    (D(2025, 9, 15), [], [("WVP006", "warning", D(2025, 10, 13))]),      # inside the grace period: a warning
    (D(2025, 10, 1), [], [("WVP006", "warning", D(2025, 10, 13))]),
    (D(2025, 11, 1), [], [("WVP006", "error", D(2025, 10, 13))]),        # after it: an error
    (D(2025, 11, 1), [doc("trajectplan", D(2025, 10, 10))], []),        # started within ~6 weeks: fine
    (D(2025, 11, 1), [doc("trajectplan", D(2025, 10, 20))], [("WVP006", "error", D(2025, 10, 13))]),
    (D(2025, 8, 1), [], []),                                            # not yet ruled out
]


@pytest.mark.parametrize(("as_of", "documents", "expected"), ZODRA)
def test_the_second_track_is_due_soon_after_return_in_the_own_organisation_is_ruled_out(as_of, documents, expected):
    case = facts(own_work_ruled_out=D(2025, 9, 1))
    result = check(case, [doc("evaluatie", D(2025, 8, 1)), *documents], as_of)
    assert found(result, "WVP006") == expected
    assert all("niet in zicht" in f.message for f in result.findings if f.rule == "WVP006")
    milestone = build_calendar(case).milestone("start_2e_spoor")
    assert (milestone.window_start, milestone.due) == (D(2025, 9, 1), D(2025, 10, 13))


def test_the_labour_expert_report_is_a_warning():
    assert BY_ID["WVP007"].severity == "warning" and BY_ID["WVP007"].practice
    result = check(facts(), [doc("trajectplan", D(2026, 1, 5))], D(2026, 2, 1))
    assert found(result, "WVP007") == [("WVP007", "warning", D(2026, 1, 5))]


def test_a_loonsanctie_keeps_the_evaluations_running_past_week_104():
    documents = [doc("probleemanalyse", D(2025, 2, 10)), doc("plan-van-aanpak", D(2025, 2, 20))]
    documents += [doc("evaluatie", D(2025, 2, 20) + dt.timedelta(weeks=5 * i)) for i in range(1, 20)]  # to 17-12-2026
    as_of = D(2027, 4, 1)  # past week 104 (3-1-2027)
    assert not found(check(facts(), documents, as_of), "WVP003")
    sanctioned = facts(wage_sanction_end=D(2027, 12, 31))
    assert ("WVP003", "error", D(2027, 1, 28)) in found(check(sanctioned, documents, as_of))
    calendar = build_calendar(sanctioned, evaluation_dates=[d.date for d in documents[2:]], done_overrides={
        "plan_van_aanpak": D(2025, 2, 20)}, recorded_done=False)
    assert calendar.evaluations[-1].due == D(2027, 1, 28) and calendar.evaluations[-1].done is None
    assert any("Loonsanctie tot 31-12-2027" in note for note in calendar.notes)


def test_week_42_cites_the_ziektewet_and_practice_deadlines_say_so():
    assert "Ziektewet art. 38 lid 1" in BY_ID["WVP004"].basis and DEFS["42e_weekmelding"].basis == "Ziektewet art. 38 lid 1"
    practice = {r.id for r in RULES if r.practice}
    assert {"WVP003", "WVP006", "WVP007", "WVP009", "WVP011"} <= practice
    assert not {"WVP001", "WVP002", "WVP004", "WVP014", "WVP016"} & practice
    from plugin.check.rules_doc import render_rules_doc

    assert render_rules_doc(RULES).count("Termijn uit de praktijk") == len(practice)


def test_a_workbook_date_of_an_earlier_period_is_backed_by_that_periods_document():
    case = facts(periods=[(D(2025, 1, 6), D(2025, 6, 30)), (D(2025, 9, 1), None)],
                 problem_analysis=Recorded(D(2025, 2, 10)))
    result = check(case, [doc("probleemanalyse", D(2025, 2, 10))], D(2025, 9, 10))
    assert not found(result, "WVP020")


def test_the_calendar_does_not_count_an_earlier_periods_milestones_for_the_new_one():
    case = facts(periods=[(D(2025, 1, 6), D(2025, 6, 30)), (D(2025, 9, 1), None)],
                 problem_analysis=Recorded(D(2025, 2, 10)), plan_of_action=Recorded(D(2025, 2, 20)))
    calendar = build_calendar(case)
    assert calendar.milestone("probleemanalyse").done is None
    assert calendar.milestone("probleemanalyse").due == D(2025, 10, 12)
    assert calendar.milestone("plan_van_aanpak").due == D(2025, 10, 26) and calendar.evaluations == []


def test_the_calendar_shows_the_recorded_reason_next_to_a_late_milestone(tmp_path, capsys):
    from plugin.cli import main

    row = minimal_case(**{"Datum probleemanalyse": D(2025, 2, 25), "Reden afwijking probleemanalyse": "bedrijfsarts met verlof"})
    path = write_workbook(tmp_path / "w.xlsx", {"Casussen": cases_sheet(row)})
    main(["calendar", str(path), "--as-of", "2025-03-01"])
    assert "gedaan (te laat) (reden: bedrijfsarts met verlof)" in capsys.readouterr().out


def test_documents_dated_before_the_first_sick_day_are_named_not_silently_dropped():
    result = check(facts(), [doc("probleemanalyse", D(2024, 12, 20))], D(2025, 3, 1))
    assert ("WVP001", "error", D(2025, 2, 16)) in found(result)
    [info] = [f for f in result.findings if f.rule == "WVP033"]
    assert info.severity == "info" and "klopt de eerste ziektedag" in info.message
    assert info.paths == ("C-1/probleemanalyse 2024-12-20.txt",)
