"""Windows Task Scheduler: the task as XML for `schtasks /Create /TN NAME /XML FILE`.

Schema 1.2 (http://schemas.microsoft.com/windows/2004/02/mit/task), elements in the order Task
Scheduler itself exports them. A CalendarTrigger weekly (ScheduleByWeek) or monthly
(ScheduleByMonth, all twelve months); StartWhenAvailable=true runs a start that was missed
(computer off or asleep) as soon as possible afterwards, once (Task Scheduler waits about 10
minutes first); IgnoreNew never starts a second run beside a running one. It runs as the user
who registered it, only while that user is logged on (InteractiveToken: no password is
stored), with least privileges, also on battery. The file is UTF-16, as schtasks expects.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from xml.sax.saxutils import escape

from plugin.schedule.at import ENGLISH
from plugin.schedule.job import Job

NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def next_start(job: Job, now: dt.datetime) -> dt.datetime:
    """The first scheduled moment after now: the trigger's StartBoundary (a start in the past could
    count as missed the moment the task is registered)."""
    latest = job.at.latest(now)
    if job.at.weekly:
        return latest + dt.timedelta(days=7)
    month = latest.month % 12 + 1
    return latest.replace(year=latest.year + (latest.month == 12), month=month)


def task_xml(job: Job, now: dt.datetime | None = None) -> bytes:
    start = next_start(job, now or dt.datetime.now()).strftime("%Y-%m-%dT%H:%M:%S")
    if job.at.weekly:
        schedule = (f"<ScheduleByWeek><DaysOfWeek><{ENGLISH[job.at.weekday]} /></DaysOfWeek>"
                    "<WeeksInterval>1</WeeksInterval></ScheduleByWeek>")
    else:
        months = "".join(f"<{m} />" for m in MONTHS)
        schedule = (f"<ScheduleByMonth><DaysOfMonth><Day>{job.at.day}</Day></DaysOfMonth>"
                    f"<Months>{months}</Months></ScheduleByMonth>")
    command, *arguments = job.argv()
    text = f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="{NAMESPACE}">
  <RegistrationInfo>
    <Description>{escape(job.description)}</Description>
    <URI>\\Poortwachter\\{escape(job.name)}</URI>
  </RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <StartBoundary>{start}</StartBoundary>
      <Enabled>true</Enabled>
      {schedule}
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <AllowStartOnDemand>true</AllowStartOnDemand>
    <Enabled>true</Enabled>
    <Hidden>false</Hidden>
    <ExecutionTimeLimit>PT2H</ExecutionTimeLimit>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(command)}</Command>
      <Arguments>{escape(subprocess.list2cmdline(arguments))}</Arguments>
      <WorkingDirectory>{escape(str(job.cwd))}</WorkingDirectory>
    </Exec>
  </Actions>
</Task>
"""
    return text.encode("utf-16")     # with a byte order mark, as the declaration says


def task_path(job: Job) -> str:
    """The task's name in Task Scheduler (folder Poortwachter)."""
    return f"\\Poortwachter\\{job.name}"


def install_commands(job: Job, xml_file: str) -> list[list[str]]:
    return [["schtasks", "/Create", "/TN", task_path(job), "/XML", xml_file, "/F"]]


def remove_commands(job: Job) -> list[list[str]]:
    return [["schtasks", "/Delete", "/TN", task_path(job), "/F"]]
