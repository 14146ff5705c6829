"""A case verdict as GET /api/cases/{case} carries it (the shape the service layer answers), for
the browser tests that stub that answer: items out of order, more than five, two late."""

from __future__ import annotations

ITEMS = [
    {"code": "eerstejaarsevaluatie", "title": "Eerstejaarsevaluatie", "due": "2026-02-10", "state": "late",
     "severity": "error", "rule": "WVP011"},
    {"code": "actueel_oordeel", "title": "Actueel oordeel bedrijfsarts", "due": "2026-09-01", "state": "open",
     "severity": None, "rule": None},
    {"code": "42e_weekmelding", "title": "42e-weekmelding aan UWV", "due": "2025-12-01", "state": "late",
     "severity": "error", "rule": "WVP003"},
    {"code": "evaluatie", "title": "Evaluatie", "due": "2026-03-27", "state": "soon", "severity": "warning",
     "rule": "WVP014"},
    {"code": "eindevaluatie", "title": "Eindevaluatie", "due": "2026-09-15", "state": "open", "severity": None,
     "rule": None},
    {"code": "wia_aanvraag", "title": "WIA-aanvraag", "due": "2026-09-29", "state": "open", "severity": None,
     "rule": None},
]
# Earliest first: what the pane must show.
ORDER = ["42e-weekmelding aan UWV", "Eerstejaarsevaluatie", "Evaluatie", "Actueel oordeel bedrijfsarts",
         "Eindevaluatie", "WIA-aanvraag"]
BASIS_TEXT = "Alleen op de werkmap gebaseerd: er is geen dossiermap ingesteld."


def verdict(basis: str = "workbook") -> dict:
    return {"status": "late", "status_text": "te laat", "in_workbook": True, "basis": basis,
            "basis_text": BASIS_TEXT if basis == "workbook" else "Werkmap en dossier.", "week": 60,
            "counts": {"error": 3, "warning": 1, "info": 0}, "items": ITEMS, "next": ITEMS[2]}


def with_verdict(basis: str = "workbook"):
    return lambda data: {**data, "verdict": verdict(basis)}


def without_verdict(data: dict) -> dict:
    """The answer of a server without the verdict (today's calendar logic in the pane)."""
    return {k: v for k, v in data.items() if k != "verdict"}
