"""Mail: mailboxes read for evidence (mailboxes/) and the monthly mail-out (mailout/)."""
