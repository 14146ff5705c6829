"""The service layer: the one place that answers each product question.

Every surface (the CLI in plugin/commands, the app in plugin/app, the task panes in
plugin/addins, the reports) calls one of these and only translates its records. Services
return records and raise the project's errors (plugin.errors); they never print.

- sources.py     what one question is asked about: workbook, dossiers, mailboxes, cache, day
- evidence.py    the scan cache and the mailboxes, opened once per question (one scan at a time)
- check.py       the dossier check: every case's documents, findings and verdict
- cases.py       the cases overview (one verdict per case) and one case in full
- generation.py  making documents from the workbook
- mailout.py     the monthly mail-out: preview, send, history
- inspect.py     what a text or a message is (document type, missing parts, medical words, case)
"""
