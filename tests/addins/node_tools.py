"""Running Microsoft's npm tools (TypeScript, the manifest converter) from tests/addins/node.

tests/run.sh installs them (`npm ci` in that folder, from the npm registry). Without Node or
the packages a test fails in CI and is skipped elsewhere, saying how to install them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

NODE = Path(__file__).resolve().parent / "node"
BIN = NODE / "node_modules" / ".bin"


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def npx(tool: str, *args: str, cwd: Path = NODE, timeout: int = 300) -> subprocess.CompletedProcess:
    """`npx --no-install TOOL ARGS` in cwd: the folder's own copy, never a download at test time."""
    if shutil.which("npx") is None or shutil.which("node") is None:
        _missing("Node.js and npm are not installed; the add-in checks need them (Debian: nodejs, npm)")
    if not (BIN / tool).exists():
        _missing(f"{tool} is not installed in {NODE}; run tests/run.sh or `cd {NODE} && npm ci`")
    env = {**os.environ, "npm_config_update_notifier": "false", "npm_config_audit": "false",
           "npm_config_fund": "false", "NO_COLOR": "1"}
    return subprocess.run(["npx", "--no-install", tool, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
