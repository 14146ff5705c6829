"""What a document is: its type, date and issuer (classify) and what its text says about a deadline
(statements). Shared by the dossier check and the mailbox scan, which both depend on it."""
