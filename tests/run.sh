#!/usr/bin/env bash
# The test command: system programs, a virtual environment with the project, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup_system.sh
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test]'
exec .venv/bin/python -m pytest "$@"
