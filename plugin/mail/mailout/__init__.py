"""Mail-out: each employer the monthly report of its own case, by e-mail, exactly once.

plan (who gets what) -> report (the .docx and PDF) -> message (subject, body, MIME) ->
safety (right recipient, right case, no medical terms) -> ledger (state before and after
every send) -> transports (outbox, SMTP, Exchange, Graph). `run.run_mailout` ties them
together; only plugin.commands.mailout_cmd prints.
"""
