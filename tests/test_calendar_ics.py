"""`poortwachter calendar --format ics`, parsed back with the icalendar library: the dates on the
calendar's edge cases, UIDs that stay the same across exports, lapsed milestones cancelled."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from conftest import cases_sheet, minimal_case, write_workbook

from plugin.cli import main
from plugin.services.calendar_feed import feed
from plugin.services.sources import Sources
from plugin.signals import ics
from plugin.workbook.load import load_workbook

AS_OF = dt.date(2026, 3, 2)


@pytest.fixture
def workbook(tmp_path):
    cases = [
        # week 42 ends on Easter Sunday 2026: Easter Monday is a holiday, the melding is due Tuesday
        minimal_case(Casusnummer="E-01", **{"Naam werknemer": "Paula Pasen", "Eerste ziektedag": dt.date(2025, 6, 16),
                                            "Casemanager": "Anna Bakker"}),
        # week 42 ends Thursday 24 December 2026: both Christmas days and the weekend pass
        minimal_case(Casusnummer="E-02", **{"Naam werknemer": "Kees Kerst", "Eerste ziektedag": dt.date(2026, 3, 6),
                                            "Casemanager": "Bert Smit"}),
        # week 42 ends Thursday 2 April 2026: Goede Vrijdag is no ATW holiday, so the earlier date
        minimal_case(Casusnummer="E-03", **{"Naam werknemer": "Vera Vrijdag", "Eerste ziektedag": dt.date(2025, 6, 13),
                                            "Casemanager": "Anna Bakker"}),
        # samentelling: 4 weeks sick, 2 weeks fit, sick again: week 6 ends two weeks later
        minimal_case(Casusnummer="E-04", **{"Naam werknemer": "Sam Samen", "Eerste ziektedag": dt.date(2025, 1, 6)}),
        # a voluntary extension of 13 weeks: the WIA application and the end move with it
        minimal_case(Casusnummer="E-05", **{"Naam werknemer": "Lotte Lang", "Eerste ziektedag": dt.date(2025, 1, 6),
                                            "Verlenging wachttijd (weken)": 13}),
        # recovered on 1 February 2026: what lay ahead lapses
        minimal_case(Casusnummer="E-06", **{"Naam werknemer": "Henk Hersteld", "Eerste ziektedag": dt.date(2025, 10, 1),
                                            "Datum probleemanalyse": dt.date(2025, 11, 1),
                                            "Datum plan van aanpak": dt.date(2025, 11, 10)}),
    ]
    periods = [["Casusnummer", "Van", "Tot"],
               ["E-04", dt.date(2025, 1, 6), dt.date(2025, 2, 2)], ["E-04", dt.date(2025, 2, 17), None],
               ["E-06", dt.date(2025, 10, 1), dt.date(2026, 2, 1)]]
    return write_workbook(tmp_path / "casussen.xlsx", {"Casussen": cases_sheet(*cases), "Verzuimperiodes": periods})


def events_of(text: str) -> dict[tuple[str, str], icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["METHOD"] == "PUBLISH" and calendar["VERSION"] == "2.0"
    found = {}
    for event in calendar.walk("VEVENT"):
        summary = str(event["SUMMARY"])
        case = summary.split(" · ")[1].split()[0]
        found[(case, summary.split(" · ")[0])] = event
    return found


def export(workbook, now=None) -> str:
    return feed(Sources(load_workbook(workbook), as_of=AS_OF), now=now).text


def start(event) -> dt.date:
    return event.decoded("DTSTART")


def test_dates_on_the_calendars_edge_cases(workbook):
    events = events_of(export(workbook))
    melding = "42e-weekmelding aan UWV"
    assert start(events[("E-01", melding)]) == dt.date(2026, 4, 7)
    assert start(events[("E-02", melding)]) == dt.date(2026, 12, 28)
    assert start(events[("E-03", melding)]) == dt.date(2026, 4, 3)
    assert start(events[("E-04", "Probleemanalyse")]) == dt.date(2025, 3, 2)        # 28 + 14 sick days
    assert start(events[("E-05", "WIA-aanvraag met re-integratieverslag")]) == dt.date(2025, 1, 6) + dt.timedelta(
        weeks=93 + 13, days=-1)
    assert start(events[("E-05", "Einde wachttijd")]) == dt.date(2025, 1, 6) + dt.timedelta(weeks=117, days=-1)
    assert "Wet WIA art. 64 lid 3" in str(events[("E-05", "WIA-aanvraag met re-integratieverslag")]["DESCRIPTION"])
    for event in events.values():                         # all-day: DTSTART a date, DTEND the day after
        assert isinstance(start(event), dt.date) and not isinstance(start(event), dt.datetime)
        assert event.decoded("DTEND") == start(event) + dt.timedelta(days=1)


def test_each_event_says_its_basis_and_reminds_a_week_ahead(workbook):
    event = events_of(export(workbook))[("E-01", "42e-weekmelding aan UWV")]
    description = str(event["DESCRIPTION"])
    assert "Casus E-01 · Paula Pasen" in description and "Uiterlijk 07-04-2026 (week 43)" in description
    assert "Grondslag: Ziektewet art. 38 lid 1" in description
    (alarm,) = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY" and alarm.decoded("TRIGGER") == -dt.timedelta(days=6, hours=15)
    assert event["STATUS"] == "CONFIRMED" and event["TRANSP"] == "TRANSPARENT"


def test_uids_stay_the_same_and_sequence_grows_across_exports(workbook):
    first = events_of(export(workbook, dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.timezone.utc)))
    second = events_of(export(workbook, dt.datetime(2026, 3, 9, 8, 0, tzinfo=dt.timezone.utc)))
    assert {k: str(e["UID"]) for k, e in first.items()} == {k: str(e["UID"]) for k, e in second.items()}
    assert len({str(e["UID"]) for e in first.values()}) == len(first)       # one per case and milestone
    assert all(int(second[k]["SEQUENCE"]) > int(first[k]["SEQUENCE"]) for k in first)
    assert str(first[("E-01", "Probleemanalyse")]["UID"]) == ics.uid_for("E-01", "probleemanalyse")
    assert "E-01" not in str(first[("E-01", "Probleemanalyse")]["UID"])       # no case number readable in it


def test_a_recovered_case_cancels_what_lapsed(workbook):
    events = events_of(export(workbook))
    assert events[("E-06", "Eerstejaarsevaluatie")]["STATUS"] == "CANCELLED"
    assert "Vervalt: hersteld op 01-02-2026" in str(events[("E-06", "Eerstejaarsevaluatie")]["DESCRIPTION"])
    assert not events[("E-06", "Eerstejaarsevaluatie")].walk("VALARM")
    assert events[("E-06", "Volgende evaluatie")]["STATUS"] == "CANCELLED"
    assert events[("E-06", "Probleemanalyse (gedaan)")]["STATUS"] == "CONFIRMED"
    # the cancellation has the UID of the entry an earlier export made
    assert str(events[("E-06", "Eerstejaarsevaluatie")]["UID"]) == ics.uid_for("E-06", "eerstejaarsevaluatie")


def test_lines_are_folded_and_escaped_as_rfc_5545_says():
    long = ics.Event("u@poortwachter", "C", "x", dt.date(2026, 1, 1), "Plan; van, aanpak", "é" * 100 + "\nregel 2")
    text = ics.render([long], "WVP")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert "SUMMARY:Plan\\; van\\, aanpak" in text and text.endswith("END:VCALENDAR\r\n")
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["DESCRIPTION"]) == "é" * 100 + "\nregel 2"


def test_cli_writes_one_file_per_casemanager(workbook, tmp_path, capsys):
    folder = tmp_path / "agenda"
    assert main(["calendar", str(workbook), "--format", "ics", "--per-casemanager", str(folder),
                 "--as-of", AS_OF.isoformat()]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["Anna Bakker.ics", "Bert Smit.ics", "zonder casemanager.ics"]
    anna = icalendar.Calendar.from_ical((folder / "Anna Bakker.ics").read_bytes())
    assert anna["X-WR-CALNAME"] == "WVP · Anna Bakker"
    assert {str(e["SUMMARY"]).split(" · ")[1].split()[0] for e in anna.walk("VEVENT")} == {"E-01", "E-03"}


def test_cli_out_and_case(workbook, tmp_path, capsys):
    out = tmp_path / "e01.ics"
    assert main(["calendar", str(workbook), "--format", "ics", "--case", "E-01", "--out", str(out)]) == 0
    assert {k[0] for k in events_of(out.read_text(encoding="utf-8"))} == {"E-01"}
    assert main(["calendar", str(workbook), "--out", str(out)]) == 2          # --out belongs to --format ics
    assert main(["calendar", str(workbook), "--case", "E-01"]) in (0, 1)     # the text output is as it was
    assert "E-01  Paula Pasen" in capsys.readouterr().out


def test_an_event_with_a_medical_word_is_left_out_and_named(tmp_path, capsys):
    path = write_workbook(tmp_path / "c.xlsx", {"Casussen": cases_sheet(minimal_case(
        Casusnummer="M-1", **{"Reden geen 2e spoor": "herstel na de knieoperatie binnen 3 maanden verwacht"}))})
    assert main(["calendar", str(path), "--format", "ics", "--out", str(tmp_path / "m.ics")]) == 1
    text = (tmp_path / "m.ics").read_text(encoding="utf-8")
    assert "knieoperatie" not in text and "Probleemanalyse" in text       # only that event is left out
    assert "Weggelaten: casus M-1, start_2e_spoor: medische term(en)" in capsys.readouterr().err
