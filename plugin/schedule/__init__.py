"""Runs by itself: the operating system's own scheduled task for the mail-out and the signals.

No scheduler or daemon of our own. `poortwachter schedule` writes (and with --install
registers) a Windows Task Scheduler task, a systemd user timer or a launchd agent that runs
`poortwachter mailout|signals ... --scheduled AT` at the chosen time; a run missed while the
computer was off is caught up once at the next start, and the ledgers make sure nothing is
sent twice.

at        the time of a run (--at "ma 08:00", "1 08:00") and the moment it last fell
job       the command line a task runs, and the task's name
windows   Task Scheduler XML (schtasks /Create /XML)
systemd   a user .service and .timer (Persistent=true)
launchd   a LaunchAgent plist (StartCalendarInterval, RunAtLoad)
install   where each file goes and the commands that register or remove it
runlog    the short log a scheduled run writes and the app shows
"""
