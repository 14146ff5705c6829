"""Mailboxes: where dossier evidence is read from (scan) and reports are sent through (mail-out)."""
