"""The wheel carries the task panes: pages, scripts, styles and icons (hatch takes every file under plugin/)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import plugin.addins

PACKAGE = Path(plugin.addins.__file__).resolve().parent
REPO = PACKAGE.parents[1]


@pytest.mark.slow
def test_wheel_holds_every_addin_file(tmp_path):
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(REPO)], check=True,
                   capture_output=True)
    with zipfile.ZipFile(next(tmp_path.glob("*.whl"))) as archive:
        names = set(archive.namelist())
    wanted = {f"plugin/addins/{p.relative_to(PACKAGE).as_posix()}" for folder in ("static", "pages")
              for p in (PACKAGE / folder).iterdir()}
    assert {"plugin/addins/static/word.js", "plugin/addins/pages/outlook.html", "plugin/addins/static/icon-80.png"} <= wanted
    assert wanted <= names, sorted(wanted - names)
