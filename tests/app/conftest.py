"""The app's test fixtures: a copy of the examples, the real server on a free loopback port, Chromium.

The browser is Debian's chromium-headless-shell (or chromium), installed by
tests/setup_system.sh; Playwright only drives it (`playwright install` is never needed).
In CI (CI=true) a missing browser fails the tests instead of skipping them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .app_helpers import ARTIFACTS, BROWSER_ARGS, LiveServer, copy_examples, find_chromium, make_settings


@pytest.fixture(scope="module")
def example_copy(tmp_path_factory) -> dict[str, Path]:
    return copy_examples(tmp_path_factory.mktemp("app"))


@pytest.fixture(scope="module")
def live_server(example_copy):
    server = LiveServer(make_settings(example_copy)).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch arguments, pointed at Debian's Chromium."""
    executable = find_chromium()
    if executable is None:
        message = "Chromium niet gevonden: bash tests/setup_system.sh installeert chromium-headless-shell"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": executable, "args": BROWSER_ARGS}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
