"""macOS: a LaunchAgent (~/Library/LaunchAgents/nl.poortwachter.NAME.plist) for launchd.

StartCalendarInterval fires weekly (Weekday, Hour, Minute; launchd counts Sunday as 0) or
monthly (Day, Hour, Minute). launchd runs a start missed during sleep at wake, but not one
missed while the Mac was off; RunAtLoad starts the job at every login too, and the run itself
(`--scheduled AT`) then does nothing unless the last scheduled moment passed without a
finished run: so a missed run is caught up once. Output goes to a log next to the workbook.
"""

from __future__ import annotations

import os
import plistlib

from plugin.schedule.job import Job


def label(job: Job) -> str:
    return f"nl.poortwachter.{job.name}"


def agent_plist(job: Job) -> bytes:
    at = job.at
    interval = {"Hour": at.hour, "Minute": at.minute}
    if at.weekly:
        interval["Weekday"] = (at.weekday + 1) % 7      # launchd: 0 (and 7) is Sunday
    else:
        interval["Day"] = at.day
    log = str(job.workbook.with_name(f"{job.workbook.stem}.{job.kind}.launchd.log"))
    return plistlib.dumps({
        "Label": label(job),
        "ProgramArguments": job.argv(),
        "WorkingDirectory": str(job.cwd),
        "StartCalendarInterval": interval,
        "RunAtLoad": True,
        "ProcessType": "Background",
        "StandardOutPath": log,
        "StandardErrorPath": log,
    })


def install_commands(job: Job, plist_file: str) -> list[list[str]]:
    domain = f"gui/{os.getuid()}" if hasattr(os, "getuid") else "gui/501"
    return [["launchctl", "bootout", f"{domain}/{label(job)}"], ["launchctl", "bootstrap", domain, plist_file]]


def remove_commands(job: Job) -> list[list[str]]:
    domain = f"gui/{os.getuid()}" if hasattr(os, "getuid") else "gui/501"
    return [["launchctl", "bootout", f"{domain}/{label(job)}"]]
