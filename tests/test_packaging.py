"""Slow end-to-end checks: the wheel carries the templates, and LibreOffice renders our documents."""

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from plugin.cli import main

REPO = Path(__file__).resolve().parents[1]
IN_CI = bool(os.environ.get("CI"))


def need(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        if IN_CI:
            pytest.fail(f"{program} is missing; tests/setup_system.sh should have installed it")
        pytest.skip(f"{program} not installed (run tests/setup_system.sh)")
    return path


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_finds_its_templates(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)], check=True,
                   capture_output=True)
    wheel = next(dist.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "plugin/_data/templates/nl/evaluatie.docx" in names
    assert "plugin/_data/checks/diagnose-termen.toml" in names
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # Dependencies come from this environment (no network needed); the project itself only
    # from the wheel: a plain path in a .pth file does not pull in the editable install.
    fresh_site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                capture_output=True, text=True, check=True).stdout.strip()
    Path(fresh_site, "deps-from-test-env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
                   check=True, capture_output=True)
    out = tmp_path / "out"
    result = subprocess.run([str(venv / "bin" / "poortwachter"), "generate", str(REPO / "examples" / "casussen.xlsx"),
                             "--out", str(out), "--case", "2025-003"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    made = sorted(p.name for p in out.rglob("*.docx"))
    assert "2025-10-13 Problem analysis.docx" in made
    located = subprocess.run([str(python), "-c", "import plugin.resources as r; print(r.templates_dir())"],
                             capture_output=True, text=True, cwd=tmp_path)
    assert "site-packages/plugin/_data/templates" in located.stdout


@pytest.mark.slow
def test_generated_document_renders_to_pdf_with_its_text(tmp_path, example_workbook):
    soffice = need("soffice")
    pdftotext = need("pdftotext")
    out = tmp_path / "out"
    assert main(["generate", str(example_workbook), "--out", str(out), "--case", "2025-001", "--doc", "trajectplan"]) == 0
    docx = next(out.rglob("*.docx"))
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / (docx.stem + ".pdf")
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("Trajectplan", "Fatima el Amrani", "Bouwbedrijf Jansen & Zn <BV>", "Intake WerkSame 2e spoor",
                     "12 januari 2026"):
        assert expected in text, expected
