"""Issue 8, arguments: careless arguments are usage errors (exit 2) that say what to fix."""

from __future__ import annotations

import pytest

from plugin.cli import main


@pytest.mark.parametrize("command", [["calendar", "casussen.xlsx"], ["check", "."]])
@pytest.mark.parametrize("value", ["0000-01-01", "01-01-0000", "0025-03-01"])
def test_impossible_year_in_as_of_is_a_usage_error(command, value, capsys):
    with pytest.raises(SystemExit) as stop:
        main([*command, "--as-of", value])
    assert stop.value.code == 2
    assert "jaartal" in capsys.readouterr().err


def test_two_digit_year_still_means_this_century(tmp_path):
    from plugin.commands.common import date_arg

    assert date_arg("1-3-25").year == 2025


def test_workbook_new_into_a_missing_folder_is_a_clear_error(tmp_path, capsys):
    target = tmp_path / "bestaat" / "niet" / "casussen.xlsx"
    assert main(["workbook", "new", str(target)]) == 2
    err = capsys.readouterr().err
    assert "bestaat niet" in err and "al" not in err.split()
    assert not (tmp_path / "bestaat").exists()


def test_workbook_new_still_refuses_to_overwrite(tmp_path, capsys):
    target = tmp_path / "casussen.xlsx"
    assert main(["workbook", "new", str(target)]) == 0
    assert main(["workbook", "new", str(target)]) == 2
    assert "bestaat al" in capsys.readouterr().err
