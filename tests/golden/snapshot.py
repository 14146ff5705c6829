"""The bundled examples' outputs as plain text, to prove a refactoring changed no behaviour.

    python tests/golden/snapshot.py          # rewrite tests/golden/*.txt|json after a deliberate change

The test (tests/test_golden.py) makes the same snapshot in a temporary folder and compares.
Dates are pinned (--as-of, --date) so the snapshot does not age.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from doctext import doc_text  # noqa: E402

AS_OF = "2026-12-01"
DOC_DATE = "2026-06-01"
HERE = Path(__file__).resolve().parent


def _run(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "plugin", *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{args}: exit {done.returncode}\n{done.stderr}")
    return done.stdout


def snapshot() -> dict[str, str]:
    """File name -> content, for every golden file."""
    check = json.loads(_run("check", "examples/dossiers", "--workbook", "examples/casussen.xlsx",
                            "--as-of", AS_OF, "--format", "json"))
    calendar = _run("calendar", "examples/casussen.xlsx", "--as-of", AS_OF)
    with tempfile.TemporaryDirectory() as tmp:
        _run("generate", "examples/casussen.xlsx", "--out", tmp, "--date", DOC_DATE)
        documents = {}
        for path in sorted(Path(tmp).rglob("*.docx")):
            documents[path.relative_to(tmp).as_posix()] = doc_text(path)
    return {
        "check.json": json.dumps(check, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
        "calendar.txt": calendar,
        "documents.json": json.dumps(documents, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
    }


if __name__ == "__main__":
    for name, content in snapshot().items():
        (HERE / name).write_text(content, encoding="utf-8")
        print("wrote", HERE / name)
