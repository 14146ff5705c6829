"""Issue 8, the dossier check: odd trees and odd names give a report, never a crash or a hang."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from plugin.readers.listing import LINK_OUTSIDE, NOT_A_FILE
from plugin.check.reporters import FORMATS
from plugin.check.run import check_dossiers
from plugin.cli import main

REPO = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2025, 6, 1)
POSIX = pytest.mark.skipif(os.name != "posix", reason="links, pipes and byte names are POSIX")


def _documents(result) -> dict[str, object]:
    return {d.path: d for case in result.cases for d in case.documents}


@POSIX
def test_link_out_of_the_tree_is_listed_not_followed(tmp_path):
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "verzuim.txt").write_text("Eerste ziektedag: 3 februari 2020\nProbleemanalyse", encoding="utf-8")
    root = tmp_path / "dossiers"
    (root / "2025-001 Jan").mkdir(parents=True)
    (root / "2025-001 Jan" / "verzuim.txt").symlink_to(elsewhere / "verzuim.txt")
    (root / "2025-001 Jan" / "map").symlink_to(elsewhere)
    (root / "2025-002 Piet").symlink_to(elsewhere)   # a whole case folder that is a link
    docs = _documents(check_dossiers(root, None, AS_OF))
    link = docs["2025-001 Jan/verzuim.txt"]
    assert link.problem == LINK_OUTSIDE and link.type is None and link.first_sick_day is None
    assert docs["2025-001 Jan/map"].problem == LINK_OUTSIDE
    assert docs["2025-002 Piet/verzuim.txt"].problem == LINK_OUTSIDE


@POSIX
def test_link_inside_the_tree_is_read(tmp_path):
    root = tmp_path / "dossiers"
    (root / "2025-001 Jan").mkdir(parents=True)
    (root / "2025-001 Jan" / "pva.txt").write_text("Plan van aanpak", encoding="utf-8")
    (root / "2025-001 Jan" / "kopie.txt").symlink_to(root / "2025-001 Jan" / "pva.txt")
    assert _documents(check_dossiers(root, None, AS_OF))["2025-001 Jan/kopie.txt"].problem is None


@POSIX
def test_fifo_in_a_dossier_is_listed_and_never_opened(tmp_path):
    root = tmp_path / "dossiers"
    (root / "2025-001 Jan").mkdir(parents=True)
    os.mkfifo(root / "2025-001 Jan" / "x.docx")
    code = f"""
import datetime as dt, pathlib
from plugin.check.run import check_dossiers
r = check_dossiers(pathlib.Path({str(root)!r}), None, dt.date(2025, 6, 1))
print([d.problem for c in r.cases for d in c.documents])
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert NOT_A_FILE in done.stdout, done.stderr


def _hostile_tree(root: Path) -> Path:
    case = root / "2025-001 Jan"
    case.mkdir(parents=True)
    (case / "bel\x07 \x1b[31mrood.txt").write_text("Plan van aanpak", encoding="utf-8")
    os.makedirs(os.fsencode(root) + b"/caf\xe9 map")
    with open(os.fsencode(case) + b"/verslag \xff\xfe.txt", "w", encoding="utf-8") as handle:
        handle.write("Probleemanalyse")
    formula = root / '=HYPERLINK("https:x.nl","klik")'
    formula.mkdir(parents=True)
    (formula / "+SUM(1).txt").write_text("x", encoding="utf-8")
    with open(os.fsencode(root) + b"/caf\xe9 map/a.txt", "w") as handle:
        handle.write("x")
    return root


@POSIX
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_reporter_takes_control_characters_and_undecodable_names(tmp_path, fmt):
    result = check_dossiers(_hostile_tree(tmp_path / "d"), None, AS_OF)
    output = FORMATS[fmt].render(result)
    data = output if isinstance(output, bytes) else output.encode("utf-8")   # never a UnicodeEncodeError
    if fmt == "json":
        paths = [d["path"] for c in json.loads(data)["cases"] for d in c["documents"]]
        assert any("verslag \\xff\\xfe.txt" in p for p in paths)
        assert any("\\x07" in p for p in paths)
    if fmt == "table":
        assert "\x1b" not in output and "\x07" not in output
    if fmt in ("xlsx", "docx"):
        zipfile.ZipFile(io.BytesIO(data)).testzip()


@POSIX
def test_xlsx_report_never_holds_a_formula_from_a_name(tmp_path):
    import openpyxl

    result = check_dossiers(_hostile_tree(tmp_path / "d"), None, AS_OF)
    book = openpyxl.load_workbook(io.BytesIO(FORMATS["xlsx"].render(result)))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    assert cell.quotePrefix, cell.coordinate
                    texts.append(cell.value)
    assert any(t.startswith("=HYPERLINK(") for t in texts)
    assert any("+SUM(1).txt" in t for t in texts)


@POSIX
def test_json_on_stdout_is_valid_with_hostile_names(tmp_path):
    root = _hostile_tree(tmp_path / "d")
    for encoding in ("utf-8", "ascii"):
        done = subprocess.run([sys.executable, "-m", "plugin", "check", str(root), "--format", "json",
                               "--as-of", "2025-06-01"], capture_output=True, cwd=REPO, timeout=120,
                              env={**os.environ, "PYTHONIOENCODING": encoding})
        assert done.returncode in (0, 1), done.stderr
        json.loads(done.stdout.decode(encoding))


def test_out_into_a_missing_folder_is_an_error_and_creates_nothing(tmp_path, capsys):
    (tmp_path / "d" / "2025-001 Jan").mkdir(parents=True)
    target = tmp_path / "geen" / "map" / "r.json"
    assert main(["check", str(tmp_path / "d"), "--format", "json", "--out", str(target)]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    assert not (tmp_path / "geen").exists()


def test_mailbox_that_does_not_exist_is_an_input_error(tmp_path, capsys):
    (tmp_path / "d" / "2025-001 Jan").mkdir(parents=True)
    assert main(["check", str(tmp_path / "d"), "--mailbox", f"folder:{tmp_path / 'nergens'}"]) == 2
    assert "niet gevonden" in capsys.readouterr().err


def test_deep_forward_in_a_scanned_mailbox_does_not_stop_the_check(tmp_path, capsys):
    sys.path.insert(0, str(REPO / "tests" / "data" / "hostile"))
    from hostile_fixtures import attachment_bomb, nested_forward

    (tmp_path / "d" / "2025-001 Jan").mkdir(parents=True)
    mailbox = tmp_path / "mail" / "2025-001 Jan"
    mailbox.mkdir(parents=True)
    (mailbox / "fwd.eml").write_bytes(nested_forward(600).replace(b"Subject: Fwd", b"Subject: Fwd 2025-001", 1))
    (mailbox / "veel.eml").write_bytes(attachment_bomb(3000).replace(b"Subject: veel", b"Subject: 2025-001 veel"))
    code = main(["check", str(tmp_path / "d"), "--mailbox", f"folder:{tmp_path / 'mail'}", "--format", "json",
                 "--as-of", "2025-06-01"])
    assert code in (0, 1)
    json.loads(capsys.readouterr().out)


def test_findings_per_file_are_capped_and_the_rest_is_counted(tmp_path):
    sys.path.insert(0, str(REPO / "tests" / "data" / "hostile"))
    from hostile_fixtures import attachment_bomb
    from plugin.readers import Limits

    (tmp_path / "d" / "2025-001 Jan").mkdir(parents=True)
    (tmp_path / "d" / "2025-001 Jan" / "veel.eml").write_bytes(attachment_bomb(5000))
    result = check_dossiers(tmp_path / "d", None, AS_OF)
    findings = [f for c in result.cases for f in c.findings if any(p.startswith("2025-001 Jan/veel.eml") for p in f.paths)]
    limit = Limits().max_findings_per_file
    assert len(findings) <= limit
    assert any("grens 100 bijlagen per bericht" in f.message for f in findings)
    assert any(f"grens {limit} meldingen per bestand" in f.message for f in findings)


@POSIX
@pytest.mark.parametrize("fmt", ["json", "xlsx", "docx"])
def test_report_files_are_written_for_hostile_names(tmp_path, fmt, capsys):
    root = _hostile_tree(tmp_path / "d")
    target = tmp_path / f"rapport.{fmt}"
    assert main(["check", str(root), "--format", fmt, "--out", str(target), "--as-of", "2025-06-01"]) in (0, 1)
    assert target.stat().st_size > 0
    if fmt == "json":
        json.loads(target.read_text(encoding="utf-8"))
