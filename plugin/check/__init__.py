"""The dossier check: scan folders, classify documents, evaluate rules, report findings."""
