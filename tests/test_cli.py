"""The error boundary: usage errors, missing resources, crashes and -v, through the real entry point."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from plugin import cli
from plugin.crashlog import write_crash_log
from plugin.errors import MissingResource, UsageError


def test_usage_error_is_exit_2_on_stderr(capsys, tmp_path):
    code = cli.main(["templates", "check", str(tmp_path / "nope")])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.startswith("Fout: map niet gevonden")


def test_unknown_case_is_usage_error(capsys):
    code = cli.main(["calendar", "examples/casussen.xlsx", "--case", "9999-999"])
    assert code == 2
    assert "casus niet gevonden: 9999-999" in capsys.readouterr().err


def test_missing_resource_is_input_error_not_crash(monkeypatch, capsys):
    def missing():
        raise MissingResource("de map 'templates' van Poortwachter is niet gevonden (installatie onvolledig?)")

    monkeypatch.setattr("plugin.commands.templates_cmd.templates_dir", missing)
    assert cli.main(["templates", "check"]) == 2
    assert "installatie onvolledig" in capsys.readouterr().err


def test_usage_error_is_a_poortwachter_error():
    assert issubclass(UsageError, Exception) and issubclass(MissingResource, Exception)


def test_crash_goes_to_private_per_user_log(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(sys, "platform", "linux")

    def boom(args):
        raise RuntimeError("dossier /data/2025-001 Fatima el Amrani")

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda *only: _with_run(parser, boom))
    assert cli.main(["templates", "check"]) == 3
    err = capsys.readouterr().err
    logs = list((tmp_path / "state" / "poortwachter" / "crashes").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in err
    assert stat.S_IMODE(logs[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(logs[0].parent.stat().st_mode) == 0o700
    assert "RuntimeError" in logs[0].read_text()


def _with_run(parser, run):
    original = parser.parse_args

    def parse_args(argv=None):
        args = original(argv)
        args.run = run
        return args

    parser.parse_args = parse_args
    return parser


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="POSIX only")
def test_crash_log_never_writes_through_a_planted_link(tmp_path):
    folder = tmp_path / "crashes"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    # plant links under every name the next crashes could take
    for stamp_guess in range(3):
        (folder / f"crash-link-{stamp_guess}.log").symlink_to(victim)
    path = write_crash_log("trace", folder)
    assert path.parent == folder and not path.is_symlink()
    assert victim.read_text() == "keep"
    assert write_crash_log("again", folder) != path  # a new file per crash


def test_verbose_shows_timing_on_stderr(tmp_path):
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path))
    quiet = subprocess.run([sys.executable, "-m", "plugin", "calendar", "examples/casussen.xlsx", "--as-of", "2026-01-01"],
                           capture_output=True, text=True, env=env)
    loud = subprocess.run([sys.executable, "-m", "plugin", "calendar", "examples/casussen.xlsx", "--as-of", "2026-01-01",
                           "-v"], capture_output=True, text=True, env=env)
    assert "klaar in" not in quiet.stderr
    assert "calendar klaar in" in loud.stderr
    assert quiet.stdout == loud.stdout


def test_configure_logging_levels():
    cli.configure_logging(0)
    assert logging.getLogger("plugin").level == logging.WARNING
    cli.configure_logging(1)
    assert logging.getLogger("plugin").level == logging.INFO
    cli.configure_logging(2)
    assert logging.getLogger("plugin").level == logging.DEBUG
    cli.configure_logging(0)


def test_a_reader_that_stops_reading_is_not_a_crash():
    """`poortwachter status ... | head`: the pipe closes early; no crash log, no error text."""
    import subprocess
    import sys as _sys
    from pathlib import Path as _Path

    examples = _Path(__file__).resolve().parents[1] / "examples"
    process = subprocess.Popen([_sys.executable, "-m", "plugin", "status", str(examples / "casussen.xlsx"),
                                "--as-of", "2026-12-05"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()   # the reader is gone before anything is written
    error = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Onverwachte fout" not in error and "Traceback" not in error
