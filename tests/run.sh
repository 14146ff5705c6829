#!/usr/bin/env bash
# The test command: system programs, a virtual environment with the project, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup_system.sh
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test]'
# Microsoft's npm packages for the add-in tests, exactly as locked (npm registry only; again when the lock changes).
node_dir=tests/addins/node
if command -v npm >/dev/null 2>&1; then
  if [ ! -f "$node_dir/node_modules/.package-lock.json" ] || [ "$node_dir/package-lock.json" -nt "$node_dir/node_modules/.package-lock.json" ]; then
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
else
  echo "run.sh: npm is missing, so the add-in checks cannot run (they fail in CI)" >&2
fi
exec .venv/bin/python -m pytest "$@"
