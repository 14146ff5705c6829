"""Linux: a systemd user service and timer (~/.config/systemd/user/NAME.service and NAME.timer).

OnCalendar fires weekly ("Mon *-*-* 08:00:00") or monthly ("*-*-01 08:00:00");
Persistent=true runs a start that was missed while the computer was off once, at the next
boot or login (systemd.timer(5)). The service is Type=oneshot: no daemon, it runs and ends.
A user timer runs while the user is logged in (or always, after `loginctl enable-linger`).
"""

from __future__ import annotations

import shlex

from plugin.schedule.at import ENGLISH
from plugin.schedule.job import Job


def _quote(argument: str) -> str:
    """One argument for ExecStart= (systemd.service(5) quoting; % is a specifier and is doubled)."""
    text = argument.replace("%", "%%")
    if text and all(ch.isalnum() or ch in "-_./:=@+,~" for ch in text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def on_calendar(job: Job) -> str:
    at = job.at
    if at.weekly:
        return f"{ENGLISH[at.weekday][:3]} *-*-* {at.hour:02d}:{at.minute:02d}:00"
    return f"*-*-{at.day:02d} {at.hour:02d}:{at.minute:02d}:00"


def service_unit(job: Job) -> str:
    return (f"[Unit]\nDescription={job.description}\n\n"
            "[Service]\nType=oneshot\n"
            f"WorkingDirectory={str(job.cwd).replace('%', '%%')}\n"      # a path as it is: no quotes here
            f"ExecStart={' '.join(_quote(a) for a in job.argv())}\n")


def timer_unit(job: Job) -> str:
    return (f"[Unit]\nDescription={job.description}\n\n"
            f"[Timer]\nOnCalendar={on_calendar(job)}\nPersistent=true\nUnit={job.name}.service\n\n"
            "[Install]\nWantedBy=timers.target\n")


def install_commands(job: Job) -> list[list[str]]:
    return [["systemctl", "--user", "daemon-reload"], ["systemctl", "--user", "enable", "--now", f"{job.name}.timer"]]


def remove_commands(job: Job) -> list[list[str]]:
    return [["systemctl", "--user", "disable", "--now", f"{job.name}.timer"]]


def shell_line(argv: list[str]) -> str:
    return shlex.join(argv)
