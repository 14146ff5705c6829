"""Deadline signals where casemanagers already look: a weekly e-mail per casemanager and every
WVP milestone as calendar entries (.ics).

periods     ISO weeks and the periods a scheduled run picks itself (--week current, --month previous)
recipients  who gets a case's signal: E-mail casemanager, else the profiles file's [casemanagers]
plan        per casemanager what is late and what falls due in the next N weeks (from the verdicts)
message     the signal's subject, text and HTML from the bureau's templates, and the MIME message
run         sending, exactly once per casemanager and ISO week (the mail-out's ledger and transports)
ics         the WVP calendar as RFC 5545 events (stable UIDs, lapsed milestones cancelled)
Only plugin.services.signals and plugin.services.calendar_feed call these; only commands print.
"""
