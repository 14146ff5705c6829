"""A document's date is its horizon (plugin.documents.horizon): generated at any date of a case's
history, a document says only what was known then.

The oracle is the workbook as it stood on that date, written by hand here: the rows of later
dates deleted, later dates in Casussen emptied, the track before Start 2e spoor the 1e spoor,
sick periods still running, the extension unknown before week 87 (README). Each document made
from the full workbook must equal the one made from that workbook, contain no date later than
its own except the planned dates the calendar as of that date gives, and show the week and
track of that calendar; the context's evaluations are the calendar's evaluations held.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, cases_sheet, minimal_case, write_workbook
from plugin.core.dates import find_dates
from plugin.core.wvp_calendar import recorded_evaluation_dates
from plugin.documents.context import build_context
from plugin.documents.docx_text import visible_text
from plugin.documents.horizon import case_as_of
from plugin.resources import templates_dir
from plugin.services.generation import GenerationRequest, generate
from plugin.workbook.facts import calendar_for, facts_from_case
from plugin.workbook.load import load_workbook

D = dt.date
ONE_OFF_AND_PERIODIC = ("probleemanalyse", "plan-van-aanpak", "trajectplan", "eindrapportage", "maandrapportage")
HISTORY = {
    # 2025-001: the whole story, from the probleemanalyse to after the WIA application.
    "2025-001": (D(2025, 2, 17), D(2025, 3, 3), D(2025, 5, 23), D(2025, 12, 15), D(2026, 1, 12), D(2026, 1, 23),
                 D(2026, 6, 1), D(2026, 9, 14), D(2026, 10, 20)),
    # 2025-004: two periods that add up, an extension of 26 weeks, a reason dated 2-2-2026.
    "2025-004": (D(2025, 3, 10), D(2025, 6, 6), D(2026, 2, 2), D(2026, 10, 1), D(2026, 11, 1)),
    # 2026-006: recovered on 31-08-2026.
    "2026-006": (D(2026, 4, 20), D(2026, 6, 12), D(2026, 9, 15)),
}
EVENT_DATES = ("Datum probleemanalyse", "Datum plan van aanpak", "Datum 42e-weekmelding", "Datum eerstejaarsevaluatie",
               "Datum arbeidsdeskundig onderzoek", "Start 2e spoor", "Datum actueel oordeel", "Datum eindevaluatie",
               "Datum WIA-aanvraag", "Geen terugkeer eigen organisatie per")


def workbook_as_it_stood(source: Path, target: Path, date: dt.date) -> Path:
    """The workbook as somebody kept it up to `date` (the test's own, independent pruning)."""
    import openpyxl

    book = openpyxl.load_workbook(source)

    def columns(sheet):
        return {cell.value: cell.column - 1 for cell in sheet[1] if cell.value}

    for name, date_column in (("Evaluaties", "Datum"), ("Activiteiten", "Datum"), ("Sollicitaties", "Datum"),
                              ("Verzuimperiodes", "Van")):
        sheet = book[name]
        index = columns(sheet)[date_column]
        later = [row[0].row for row in sheet.iter_rows(min_row=2) if row[index].value and row[index].value.date() > date]
        for number in reversed(later):
            sheet.delete_rows(number)
    periods = book["Verzuimperiodes"]
    end = columns(periods)["Tot"]
    for row in periods.iter_rows(min_row=2):
        if row[end].value and row[end].value.date() > date:
            row[end].value = None                     # still sick on that date
    cases = book["Casussen"]
    col = columns(cases)
    for row in cases.iter_rows(min_row=2):
        value = {name: row[i].value for name, i in col.items()}
        start2 = value.get("Start 2e spoor")
        for name in EVENT_DATES:
            if name in col and value.get(name) and value[name].date() > date:
                row[col[name]].value = None
        if start2 and start2.date() > date and "2" in str(value.get("Spoor") or ""):
            row[col["Spoor"]].value = "1"
        reason = value.get("Reden geen 2e spoor")
        if reason and any(found > date for _, found in find_dates(str(reason))):
            row[col["Reden geen 2e spoor"]].value = None
    target_book = target / f"as-of-{date:%Y%m%d}.xlsx"
    book.save(target_book)
    workbook = load_workbook(target_book)
    for case in workbook.cases.values():   # the extension: known from week 87 (README, horizon.py)
        if case["verlenging_wachttijd"]:
            unextended = calendar_for(dataclasses.replace(case, data={**case.data, "verlenging_wachttijd": 0}))
            if date <= unextended.clock.end_of_week(86):
                _set_extension(target_book, case.id, 0)
    return target_book


def _set_extension(path: Path, case_id: str, weeks: int) -> None:
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book["Casussen"]
    col = {cell.value: cell.column - 1 for cell in sheet[1] if cell.value}
    for row in sheet.iter_rows(min_row=2):
        if row[col["Casusnummer"]].value == case_id:
            row[col["Verlenging wachttijd (weken)"]].value = weeks
    book.save(path)


def month_of(date: dt.date) -> tuple[dt.date, dt.date]:
    return date.replace(day=1), (date.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def make(workbook_path: Path, out: Path, case_id: str, docs: tuple[str, ...], date: dt.date) -> dict[str, str]:
    """doc -> the visible text of each document made for `date` (an evaluation: the one held then; the
    maandrapportage of the month it falls in)."""
    workbook = load_workbook(workbook_path)
    month = month_of(date)
    request = GenerationRequest(out, templates_dir(), (case_id,), docs, None, date, month, True, date)
    run = generate(workbook, request)
    assert not run.errors, [r.message for r in run.errors]
    return {r.doc: visible_text(r.path.read_bytes()) for r in run.results if r.path is not None and r.status == "written"}


def planned_dates(calendar, case) -> set[dt.date]:
    """Dates after the document's that follow from what was known: due dates and windows of the
    milestones, the 6-week evaluation windows, the next evaluation the rows planned, a sanction's end."""
    dates = {m.due for m in calendar.milestones} | {m.window_start for m in calendar.milestones}
    dates |= {gap.due for gap in calendar.evaluations}
    dates |= {r["volgende_evaluatie"] for r in case.evaluations}
    dates.add(case["einde_loonsanctie"])
    return {d for d in dates if d}


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("horizon")
    shutil.copy2(EXAMPLES / "casussen.xlsx", folder / "casussen.xlsx")
    return folder


@pytest.mark.parametrize(("case_id", "date"), [(c, d) for c, dates in HISTORY.items() for d in dates])
def test_every_document_tells_only_what_was_known_on_its_date(example, case_id, date):
    full = example / "casussen.xlsx"
    oracle_path = workbook_as_it_stood(full, example, date)
    oracle = load_workbook(oracle_path).cases[case_id]
    calendar = calendar_for(oracle)
    evaluations = [r["datum"] for r in oracle.evaluations]
    docs = ONE_OFF_AND_PERIODIC + (("evaluatie",) if date in evaluations else ())
    made = make(full, example / f"full-{case_id}-{date}", case_id, docs, date)
    expected = make(oracle_path, example / f"oracle-{case_id}-{date}", case_id, docs, date)
    assert set(made) == set(docs)
    allowed = planned_dates(calendar, oracle)
    week = calendar.week_at(date)
    for doc, text in made.items():
        assert text == expected[doc], f"{doc} of {date} differs from the one made from the workbook of that day"
        period_end = {month_of(date)[1]} if doc == "maandrapportage" else set()
        later = {found for _, found in find_dates(text) if found > date} - allowed - period_end
        assert not later, f"{doc} of {date} names later dates {sorted(later)}"
        if doc != "evaluatie":
            assert f"Week {week} " in text, f"{doc} of {date} is not in week {week}"


@pytest.mark.parametrize(("case_id", "date"), [(c, d) for c, dates in HISTORY.items() for d in dates])
def test_the_context_has_the_track_week_and_evaluations_of_the_calendar_of_that_date(example, case_id, date):
    full = load_workbook(example / "casussen.xlsx").cases[case_id]
    oracle = load_workbook(workbook_as_it_stood(example / "casussen.xlsx", example, date)).cases[case_id]
    calendar = calendar_for(oracle)
    context = build_context(full, calendar_for(full), "plan-van-aanpak", "nl", date, "plan-van-aanpak.docx")
    assert context["casus"]["spoor"] == oracle["spoor"]
    assert context["document"]["week"] == calendar.week_at(date)
    held = [d for d in recorded_evaluation_dates(facts_from_case(oracle)) if d >= calendar.first_sick_day]
    assert [e["datum"] for e in context["evaluaties"]] == held
    assert [(m["code"], m["uiterlijk"], m["gedaan"]) for m in context["kalender"]] \
        == [(m.code, m.due, m.done) for m in calendar.milestones]
    assert context["casus"]["verlenging_wachttijd"] == oracle["verlenging_wachttijd"]


def test_the_previous_evaluation_is_the_first_year_evaluation_when_that_came_between():
    case = load_workbook(EXAMPLES / "casussen.xlsx").cases["2025-001"]
    index = next(i for i, r in enumerate(case.evaluations) if r["datum"] == D(2026, 1, 23))
    context = build_context(case, calendar_for(case), "evaluatie", "nl", D(2026, 1, 23), "evaluatie.docx", index)
    assert context["vorige_evaluatie"]["datum"] == D(2025, 12, 15)
    assert context["vorige_evaluatie"]["soort"] == "Eerstejaarsevaluatie"
    assert [r["activiteit"] for r in context["activiteiten_periode"]] == ["Arbeidsdeskundig onderzoek",
                                                                          "Intake WerkSame 2e spoor"]
    assert context["volgende_evaluatie"]["gepland"] == D(2026, 3, 6)
    assert context["volgende_evaluatie"]["uiterlijk"] == D(2026, 3, 6)   # 6 weeks of sick time after 23-01-2026


def test_a_sanction_counts_from_the_end_of_the_waiting_time_and_a_later_recovery_is_not_known(tmp_path):
    case = minimal_case(**{"Eerste ziektedag": D(2024, 1, 8), "Einde loonsanctie": D(2026, 7, 1),
                           "Reden afwijking plan van aanpak": "Bedrijfsarts pas op 20-03-2024 beschikbaar."})
    periods = [["Casusnummer", "Van", "Tot"], ["C-1", D(2024, 1, 8), D(2026, 6, 30)]]
    workbook = load_workbook(write_workbook(tmp_path / "w.xlsx", {"Casussen": cases_sheet(case),
                                                                   "Verzuimperiodes": periods}))
    row = workbook.cases["C-1"]
    end_of_waiting_time = calendar_for(row).clock.end_of_week(104)
    before = case_as_of(row, end_of_waiting_time)
    assert before["einde_loonsanctie"] is None and before.sick_periods[0]["tot"] is None
    assert case_as_of(row, end_of_waiting_time + dt.timedelta(days=1))["einde_loonsanctie"] == D(2026, 7, 1)
    assert case_as_of(row, D(2024, 3, 1))["reden_afwijking_plan_van_aanpak"] is None   # names a later date
    assert case_as_of(row, D(2024, 3, 20))["reden_afwijking_plan_van_aanpak"]
    assert case_as_of(row, D(2026, 8, 1)) is row   # nothing later: the case itself
