"""The bundled examples give exactly the committed outputs (tests/golden/).

A refactoring must leave these identical. A deliberate change of behaviour rewrites them with
`python tests/golden/snapshot.py`, and the diff shows what changed for the user.
"""

import difflib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "golden"))
from snapshot import HERE, snapshot  # noqa: E402


def test_example_outputs_unchanged():
    for name, content in snapshot().items():
        committed = (HERE / name).read_text(encoding="utf-8")
        if content != committed:
            diff = "".join(difflib.unified_diff(committed.splitlines(True), content.splitlines(True),
                                                f"committed/{name}", f"now/{name}", n=2))
            pytest.fail(f"{name} changed (rewrite with `python tests/golden/snapshot.py` if deliberate):\n{diff[:6000]}")
