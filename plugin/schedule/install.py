"""Where a task's files go on each system, and the commands that register or remove it.

`--print` shows both and changes nothing; `--install` writes the files and runs the
commands; `--remove` runs the removal and deletes the files. Only the system's own tools
are called (schtasks, systemctl --user, launchctl), as the user, never as administrator.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from plugin.errors import PoortwachterError, UsageError
from plugin.output import write_atomic
from plugin.schedule import launchd, systemd, windows
from plugin.schedule.job import Job

SYSTEMS = ("windows", "linux", "macos")


@dataclass(frozen=True)
class Step:
    argv: list[str]
    may_fail: bool = False       # e.g. removing what is not there yet


@dataclass
class Target:
    system: str
    files: list[tuple[Path, bytes]] = field(default_factory=list)
    install: list[Step] = field(default_factory=list)
    remove: list[Step] = field(default_factory=list)


def current_system() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


def target(job: Job, system: str, home: Path | None = None, now: dt.datetime | None = None) -> Target:
    """The files and commands of this job on this system (home: the user's home folder)."""
    home = home or Path.home()
    if system == "windows":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming") if home == Path.home() \
            else home / "AppData" / "Roaming"
        path = base / "Poortwachter" / "taken" / f"{job.name}.xml"
        return Target(system, [(path, windows.task_xml(job, now))],
                      [Step(a) for a in windows.install_commands(job, str(path))],
                      [Step(a, True) for a in windows.remove_commands(job)])
    if system == "linux":
        folder = home / ".config" / "systemd" / "user"
        return Target(system, [(folder / f"{job.name}.service", systemd.service_unit(job).encode()),
                               (folder / f"{job.name}.timer", systemd.timer_unit(job).encode())],
                      [Step(a) for a in systemd.install_commands(job)],
                      [Step(a, True) for a in systemd.remove_commands(job)] +
                      [Step(["systemctl", "--user", "daemon-reload"], True)])
    if system == "macos":
        path = home / "Library" / "LaunchAgents" / f"{launchd.label(job)}.plist"
        steps = launchd.install_commands(job, str(path))
        return Target(system, [(path, launchd.agent_plist(job))], [Step(steps[0], True), *map(Step, steps[1:])],
                      [Step(a, True) for a in launchd.remove_commands(job)])
    raise UsageError(f"onbekend systeem {system!r}: kies {', '.join(SYSTEMS)}")


Runner = Callable[[list[str]], subprocess.CompletedProcess]


def _run(argv: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, timeout=60)


def install(found: Target, runner: Runner = _run) -> list[str]:
    """Write the files (replacing an earlier version of this task) and register the task."""
    done = []
    for path, data in found.files:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, force=True)
        done.append(f"geschreven: {path}")
    return done + _steps(found.install, runner)


def remove(found: Target, runner: Runner = _run) -> list[str]:
    done = _steps(found.remove, runner)
    for path, _ in found.files:
        if path.exists():
            path.unlink()
            done.append(f"verwijderd: {path}")
    return done


def _steps(steps: list[Step], runner: Runner) -> list[str]:
    done = []
    for step in steps:
        try:
            result = runner(step.argv)
        except (OSError, subprocess.SubprocessError) as exc:
            if step.may_fail:
                continue
            raise PoortwachterError(f"{step.argv[0]} kon niet worden gestart: {exc}") from None
        if result.returncode != 0 and not step.may_fail:
            detail = (result.stderr or result.stdout or "").strip()
            raise PoortwachterError(f"{' '.join(step.argv)} mislukte (exitcode {result.returncode}): {detail}")
        if result.returncode == 0:
            done.append(f"uitgevoerd: {' '.join(step.argv)}")
    return done
