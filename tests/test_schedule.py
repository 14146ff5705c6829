"""`poortwachter schedule`: the scheduled-task files for all three systems, parsed back by their
own rules (lxml for Task Scheduler's XML, systemd-analyze verify for the units, plistlib for
launchd), the moments a run falls, and the period a scheduled run picks itself."""

from __future__ import annotations

import datetime as dt
import os
import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from signals_fixtures import signals_workbook

from plugin.cli import main
from plugin.errors import UsageError
from plugin.schedule import install as installer
from plugin.schedule import launchd, systemd, windows
from plugin.schedule.at import parse_at
from plugin.schedule.job import Job
from plugin.signals.periods import Week, resolve_month, resolve_week

NS = {"t": windows.NAMESPACE}
NOW = dt.datetime(2026, 3, 4, 12, 0)       # a Wednesday


def job(tmp_path, kind="signals", at=None, options=("--via", "smtp://mail.bureau.example:587", "--from",
                                                     "Bureau <info@bureau.example>")) -> Job:
    workbook = signals_workbook(tmp_path)
    return Job(kind, workbook.resolve(), tuple(options), parse_at(at, kind), tmp_path)


@pytest.mark.parametrize(("today", "month"), (
    (dt.date(2026, 3, 1), "2026-02"),      # the first day of a month: the month before
    (dt.date(2026, 1, 1), "2025-12"),      # across the year boundary
    (dt.date(2026, 1, 31), "2025-12"),
    (dt.date(2024, 3, 1), "2024-02"),
))
def test_month_previous(today, month):
    assert resolve_month("previous", today).key == month
    assert resolve_month("vorige", today).key == month
    assert resolve_month("2026-04", today).key == "2026-04"


@pytest.mark.parametrize(("today", "week"), (
    (dt.date(2026, 3, 2), "2026-W10"), (dt.date(2026, 3, 8), "2026-W10"),
    (dt.date(2026, 12, 31), "2026-W53"),   # 2026 has 53 ISO weeks
    (dt.date(2027, 1, 3), "2026-W53"),     # still the ISO year 2026
    (dt.date(2025, 12, 29), "2026-W01"),   # already the ISO year 2026
))
def test_week_current(today, week):
    assert resolve_week("current", today).key == week
    assert resolve_week(None, today).key == week
    assert Week.parse(week) == Week.of(today) and today in Week.parse(week)


def test_a_wrong_week_or_time_is_a_usage_error():
    for text in ("2026-W54", "2025-W53", "volgende"):
        with pytest.raises(UsageError):
            resolve_week(text, dt.date(2026, 3, 2))
    for text, kind in (("ma 25:00", "signals"), ("31 08:00", "mailout"), ("1 08:00", "signals"), ("ma 08:00", "mailout")):
        with pytest.raises(UsageError):
            parse_at(text, kind)


@pytest.mark.parametrize(("at", "kind", "now", "latest"), (
    ("ma 08:00", "signals", dt.datetime(2026, 3, 4, 12, 0), dt.datetime(2026, 3, 2, 8, 0)),
    ("ma 08:00", "signals", dt.datetime(2026, 3, 2, 7, 59), dt.datetime(2026, 2, 23, 8, 0)),
    ("ma 08:00", "signals", dt.datetime(2026, 3, 2, 8, 0), dt.datetime(2026, 3, 2, 8, 0)),
    ("1 08:00", "mailout", dt.datetime(2026, 1, 1, 7, 0), dt.datetime(2025, 12, 1, 8, 0)),
    ("1 08:00", "mailout", dt.datetime(2026, 1, 15, 7, 0), dt.datetime(2026, 1, 1, 8, 0)),
    ("28 18:30", "mailout", dt.datetime(2026, 3, 1, 9, 0), dt.datetime(2026, 2, 28, 18, 30)),
))
def test_the_last_moment_a_schedule_fell(at, kind, now, latest):
    assert parse_at(at, kind).latest(now) == latest


def test_the_command_a_task_runs(tmp_path):
    found = job(tmp_path)
    argv = found.argv()
    assert argv[:4] == [sys.executable, "-m", "plugin", "signals"] and argv[4] == str(found.workbook)
    assert argv[argv.index("--week") + 1] == "current" and argv[-2:] == ["--scheduled", "ma 08:00"]
    monthly = job(tmp_path, "mailout", "1 07:30", ("--no-pdf",))
    assert monthly.argv()[-4:] == ["--month", "previous", "--scheduled", "1 07:30"]
    mine = job(tmp_path, "mailout", None, ("--month", "2026-04"))
    assert mine.argv().count("--month") == 1        # a month given stays as given


def test_windows_task_xml(tmp_path):
    found = job(tmp_path)
    data = windows.task_xml(found, NOW)
    assert data.startswith(b"\xff\xfe")                   # UTF-16 with its byte order mark, as schtasks wants
    root = etree.fromstring(data)
    assert root.tag == f"{{{windows.NAMESPACE}}}Task" and root.get("version") == "1.2"
    assert [etree.QName(c).localname for c in root] == ["RegistrationInfo", "Triggers", "Principals", "Settings",
                                                        "Actions"]
    trigger = root.find("t:Triggers/t:CalendarTrigger", NS)
    assert trigger.findtext("t:StartBoundary", namespaces=NS) == "2026-03-09T08:00:00"     # the next Monday
    assert trigger.find("t:ScheduleByWeek/t:DaysOfWeek/t:Monday", NS) is not None
    assert trigger.findtext("t:ScheduleByWeek/t:WeeksInterval", namespaces=NS) == "1"
    assert root.findtext("t:Settings/t:StartWhenAvailable", namespaces=NS) == "true"       # missed runs caught up
    assert root.findtext("t:Settings/t:MultipleInstancesPolicy", namespaces=NS) == "IgnoreNew"
    assert root.findtext("t:Principals/t:Principal/t:LogonType", namespaces=NS) == "InteractiveToken"
    exec_ = root.find("t:Actions/t:Exec", NS)
    assert exec_.findtext("t:Command", namespaces=NS) == sys.executable
    arguments = exec_.findtext("t:Arguments", namespaces=NS)
    assert '"Bureau <info@bureau.example>"' in arguments and '--scheduled "ma 08:00"' in arguments
    assert exec_.findtext("t:WorkingDirectory", namespaces=NS) == str(tmp_path)

    monthly = etree.fromstring(windows.task_xml(job(tmp_path, "mailout", "1 08:00"), dt.datetime(2026, 12, 15)))
    trigger = monthly.find("t:Triggers/t:CalendarTrigger", NS)
    assert trigger.findtext("t:StartBoundary", namespaces=NS) == "2027-01-01T08:00:00"    # across the year
    assert trigger.findtext("t:ScheduleByMonth/t:DaysOfMonth/t:Day", namespaces=NS) == "1"
    assert len(trigger.find("t:ScheduleByMonth/t:Months", NS)) == 12


def _verify(folder: Path) -> subprocess.CompletedProcess:
    runtime = folder / "run"
    runtime.mkdir(exist_ok=True)
    units = sorted(str(p) for p in folder.glob("*.*") if p.suffix in (".service", ".timer"))
    return subprocess.run(["systemd-analyze", "verify", "--user", *units], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)})


def test_systemd_units(tmp_path):
    found = job(tmp_path, options=("--via", "outbox:map met spatie", "--from", "Bureau <info@bureau.example>"))
    folder = tmp_path / "map met 100% spatie"
    folder.mkdir()
    found = Job(found.kind, found.workbook, found.options, found.at, folder)
    timer, service = systemd.timer_unit(found), systemd.service_unit(found)
    assert "OnCalendar=Mon *-*-* 08:00:00" in timer and "Persistent=true" in timer
    assert f"Unit={found.name}.service" in timer and "WantedBy=timers.target" in timer
    assert "Type=oneshot" in service and '"outbox:map met spatie"' in service
    assert f"WorkingDirectory={tmp_path}/map met 100%% spatie" in service
    assert systemd.on_calendar(job(tmp_path, "mailout", "1 07:05")) == "*-*-01 07:05:00"
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed here")
    units = tmp_path / "units"
    units.mkdir()
    (units / f"{found.name}.service").write_text(service, encoding="utf-8")
    (units / f"{found.name}.timer").write_text(timer, encoding="utf-8")
    result = _verify(units)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
    broken = units / "kapot.service"                         # the check can fail: a unit it refuses
    broken.write_text("[Service]\nExecStart=relative/path\nOnzin=1\n", encoding="utf-8")
    assert _verify(units).returncode != 0


def test_launchd_plist(tmp_path):
    weekly = plistlib.loads(launchd.agent_plist(job(tmp_path)))
    assert weekly["Label"] == f"nl.poortwachter.{job(tmp_path).name}"
    assert weekly["StartCalendarInterval"] == {"Weekday": 1, "Hour": 8, "Minute": 0}     # launchd: Sunday is 0
    assert weekly["RunAtLoad"] is True and weekly["ProgramArguments"][-2:] == ["--scheduled", "ma 08:00"]
    assert weekly["WorkingDirectory"] == str(tmp_path)
    sunday = plistlib.loads(launchd.agent_plist(job(tmp_path, at="zo 20:15")))
    assert sunday["StartCalendarInterval"] == {"Weekday": 0, "Hour": 20, "Minute": 15}
    monthly = plistlib.loads(launchd.agent_plist(job(tmp_path, "mailout", "3 06:00")))
    assert monthly["StartCalendarInterval"] == {"Day": 3, "Hour": 6, "Minute": 0}


def test_install_and_remove_write_the_files_and_call_the_systems_tools(tmp_path):
    found = job(tmp_path)
    calls = []

    def runner(argv):
        calls.append(argv)
        return subprocess.CompletedProcess(argv, 0, "", "")

    for system in installer.SYSTEMS:
        target = installer.target(found, system, home=tmp_path / system, now=NOW)
        installer.install(target, runner)
        assert all(path.is_file() and path.read_bytes() == data for path, data in target.files)
        installer.remove(target, runner)
        assert not any(path.exists() for path, _ in target.files)
    tools = [argv[0] for argv in calls]
    assert {"schtasks", "systemctl", "launchctl"} <= set(tools)
    assert ["systemctl", "--user", "enable", "--now", f"{found.name}.timer"] in calls
    assert ["schtasks", "/Create", "/TN", f"\\Poortwachter\\{found.name}", "/XML",
            str(tmp_path / "windows" / "AppData" / "Roaming" / "Poortwachter" / "taken" / f"{found.name}.xml"),
            "/F"] in calls


def test_cli_print_checks_the_commands_options(tmp_path, capsys):
    workbook = signals_workbook(tmp_path)
    assert main(["schedule", "signals", str(workbook), "--via", "outbox:uit", "--at", "di 07:00",
                 "--system", "linux"]) == 0
    out = capsys.readouterr().out
    assert "OnCalendar=Tue *-*-* 07:00:00" in out and "--scheduled 'di 07:00'" in out
    assert main(["schedule", "signals", str(workbook), "--wekelijks"]) == 2      # not an option of signals
    assert main(["schedule", "mailout", str(workbook), "--at", "ma 08:00"]) == 2   # the mail-out is monthly
    assert main(["schedule", "mailout", str(workbook), "--system", "windows", "--no-pdf"]) == 0
    assert "<ScheduleByMonth>" in capsys.readouterr().out
