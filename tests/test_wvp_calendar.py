import datetime as dt

import pytest

from plugin.core.case_facts import CaseFacts, HeldEvaluation, Recorded
from plugin.core.sick_days import Period, SickClock, current_chain, dutch_public_holidays, next_working_day
from plugin.core.wvp_calendar import build_calendar

D = dt.date


def make_case(first=D(2025, 1, 6), periods=(), evaluations=(), **fields) -> CaseFacts:
    return CaseFacts("C-1", first, employee="A", employer="B", sick_periods=tuple(Period(a, b) for a, b in periods),
                     evaluations=tuple(HeldEvaluation(d, i + 2) for i, d in enumerate(evaluations)), **fields)


def due(calendar, code):
    return calendar.milestone(code).due


def test_week_n_ends_on_sick_day_7n():
    calendar = build_calendar(make_case(first=D(2025, 1, 6)))  # a Monday
    assert due(calendar, "probleemanalyse") == D(2025, 2, 16)      # day 42
    assert due(calendar, "plan_van_aanpak") == D(2025, 3, 2)       # day 56
    assert due(calendar, "eerstejaarsevaluatie") == D(2026, 1, 4)  # day 364
    assert calendar.milestone("eerstejaarsevaluatie").window_start == D(2025, 11, 17)  # week 46 starts
    assert due(calendar, "start_2e_spoor") == D(2026, 2, 15)       # 6 weeks after the eerstejaarsevaluatie due
    assert due(calendar, "re_integratieverslag") == D(2026, 10, 4)  # week 91
    assert due(calendar, "wia_aanvraag") == D(2026, 10, 18)        # week 93
    assert due(calendar, "einde_wachttijd") == D(2027, 1, 3)       # week 104
    assert calendar.week_at(D(2025, 1, 6)) == 1 and calendar.week_at(D(2025, 1, 13)) == 2
    assert calendar.week_at(D(2025, 1, 5)) == 0


def test_week_42_notification_is_due_the_first_working_day_after_week_42():
    # Week 42 of a sickness starting Mon 2025-01-06 ends Sun 2025-10-26 -> Mon 27 Oct.
    assert due(build_calendar(make_case(first=D(2025, 1, 6))), "42e_weekmelding") == D(2025, 10, 27)
    # Ending on Wed 2025-12-24 -> 25 and 26 Dec are holidays -> Mon 29 Dec.
    first = D(2025, 12, 24) - dt.timedelta(days=293)
    assert due(build_calendar(make_case(first=first)), "42e_weekmelding") == D(2025, 12, 29)


def test_plan_van_aanpak_is_due_two_weeks_after_the_probleemanalyse():
    calendar = build_calendar(make_case(problem_analysis=Recorded(D(2025, 2, 20))))
    assert due(calendar, "plan_van_aanpak") == D(2025, 3, 6)
    assert calendar.milestone("probleemanalyse").status(D(2025, 3, 1)) == "done_late"


def test_samentelling_skips_the_gap_and_a_long_gap_starts_again():
    periods = [(D(2025, 1, 6), D(2025, 1, 19)), (D(2025, 2, 10), None)]  # 14 sick days, 21-day gap
    calendar = build_calendar(make_case(first=D(2025, 1, 6), periods=periods))
    assert calendar.first_sick_day == D(2025, 1, 6)
    assert due(calendar, "probleemanalyse") == D(2025, 2, 10) + dt.timedelta(days=42 - 14 - 1)
    assert any("Samentelling" in note for note in calendar.notes)
    long_gap = [(D(2025, 1, 6), D(2025, 1, 19)), (D(2025, 2, 17), None)]  # exactly 28 days between: new chain
    assert build_calendar(make_case(first=D(2025, 1, 6), periods=long_gap)).first_sick_day == D(2025, 2, 17)


def test_first_sick_day_outside_the_periods_is_the_current_period():
    calendar = build_calendar(make_case(first=D(2025, 3, 3), periods=[(D(2025, 1, 6), D(2025, 2, 14))]))
    assert calendar.first_sick_day == D(2025, 1, 6)
    assert calendar.clock.recovered_on is None


def test_voluntary_extension_moves_only_the_end_milestones():
    plain = build_calendar(make_case())
    extended = build_calendar(make_case(extension_weeks=13))
    for code in ("probleemanalyse", "42e_weekmelding", "eerstejaarsevaluatie"):
        assert due(plain, code) == due(extended, code)
    for code in ("actueel_oordeel", "eindevaluatie", "re_integratieverslag", "wia_aanvraag", "einde_wachttijd"):
        assert due(extended, code) == due(plain, code) + dt.timedelta(weeks=13)


def test_recovery_makes_later_milestones_lapse():
    calendar = build_calendar(make_case(periods=[(D(2025, 1, 6), D(2025, 4, 30))]))
    assert calendar.milestone("probleemanalyse").status(D(2025, 6, 1)) == "overdue"
    assert calendar.milestone("42e_weekmelding").status(D(2025, 12, 1)) == "not_applicable"


def test_recorded_reason_suspends_the_second_track():
    calendar = build_calendar(make_case(second_track=Recorded(reason="zicht op herstel binnen 3 maanden")))
    assert calendar.milestone("start_2e_spoor").status(D(2026, 6, 1)) == "not_applicable"


@pytest.mark.parametrize(("as_of", "status"), (
    (D(2025, 1, 20), "open"), (D(2025, 2, 3), "due_soon"), (D(2025, 2, 17), "overdue")))
def test_status_as_of(as_of, status):
    assert build_calendar(make_case()).milestone("probleemanalyse").status(as_of) == status


def test_evaluation_gaps_list_each_window():
    case = make_case(plan_of_action=Recorded(D(2025, 3, 1)), evaluations=[D(2025, 4, 10), D(2025, 7, 1)])
    gaps = build_calendar(case).evaluations
    assert [(g.after, g.due, g.done, g.late) for g in gaps] == [
        (D(2025, 3, 1), D(2025, 4, 12), D(2025, 4, 10), False),
        (D(2025, 4, 10), D(2025, 5, 22), D(2025, 7, 1), True),
        (D(2025, 7, 1), D(2025, 8, 12), None, False),
    ]


def test_sick_clock_counts_only_sick_days():
    clock = SickClock(tuple(current_chain([Period(D(2025, 1, 1), D(2025, 1, 10)), Period(D(2025, 1, 20), None)])))
    assert clock.sick_days_until(D(2025, 1, 15)) == 10
    assert clock.date_of_day(11) == D(2025, 1, 20)


def test_public_holidays_2026():
    holidays = dutch_public_holidays(2026)
    assert {D(2026, 4, 6), D(2026, 4, 27), D(2026, 5, 14), D(2026, 5, 25), D(2026, 5, 5)} <= holidays
    assert next_working_day(D(2026, 4, 4)) == D(2026, 4, 7)  # Sat, Sun, Easter Monday


def test_the_calendar_takes_case_facts_not_workbook_rows():
    with pytest.raises(TypeError, match="calendar_for"):
        build_calendar({"eerste_ziektedag": D(2025, 1, 6)})


def test_sick_periods_as_the_law_sees_them():
    from plugin.core.sick_days import as_the_law_sees, chains

    periods = [Period(D(2025, 1, 6), D(2025, 1, 31)), Period(D(2025, 3, 3), D(2025, 4, 30), 40.0),
               Period(D(2025, 6, 2), None)]
    law = as_the_law_sees(periods)
    assert law[1] == Period(D(2025, 3, 3), D(2025, 6, 1), 40.0)          # partial: runs on to the next period
    assert [len(c) for c in chains(law)] == [1, 2]                       # 30 days fit after January: new clock
    clock = SickClock(tuple(chains(law)[-1]))
    assert clock.after(D(2025, 3, 3), dt.timedelta(weeks=6)) == D(2025, 4, 14)
    ended = SickClock((Period(D(2025, 1, 6), D(2025, 1, 19)), Period(D(2025, 2, 10), D(2025, 2, 20))))
    assert ended.after(D(2025, 1, 15), dt.timedelta(days=5)) == D(2025, 2, 10)   # the 21 fit days do not count
    assert ended.after(D(2025, 2, 15), dt.timedelta(weeks=6)) is None            # the chain ended before
