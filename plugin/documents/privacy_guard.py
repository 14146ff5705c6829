"""The AVG guard applied to one case's document or mail: which words, in which part, from which cell.

Generate and the mail-out both call `check_document`; the app can call it too. Values that
name an employer, a job or a person (the columns in EXEMPT_COLUMNS) describe the work, not
the employee's health: "Fysiotherapie Centrum West" as Werkgever or "operatieassistent" as
Functie is not a diagnosis. They are not read as health statements wherever they appear in
the document. Zoekprofiel and Persoonsprofiel describe work too: a care word there is a job
("verpleegkundige, doktersassistent"), but a diagnosis in them is still refused.
"""

from __future__ import annotations

from typing import Iterable

from plugin.core.privacy import TermHit, describe, find_in_parts, find_terms
from plugin.errors import PrivacyViolation, Problem
from plugin.workbook.load import Case

EXEMPT_COLUMNS = ("casusnummer", "naam_werknemer", "werkgever", "functie", "contactpersoon_werkgever",
                  "email_werkgever", "casemanager", "bedrijfsarts", "arbeidsdeskundige", "re_integratiebureau",
                  "coach", "dossiermap")
WORK_COLUMNS = ("zoekprofiel", "persoonsprofiel")
EXEMPT_ROW_KEYS = ("werkgever", "functie")     # on the sheet Sollicitaties
RULE = "AVG: alleen functionele beperkingen, nooit een diagnose"


def exempt_values(case: Case) -> list[str]:
    values = [case[key] for key in EXEMPT_COLUMNS]
    values += [row.get(key) for row in case.applications for key in EXEMPT_ROW_KEYS]
    return [v for v in values if isinstance(v, str) and v.strip()]


def work_values(case: Case) -> list[str]:
    return [case[key] for key in WORK_COLUMNS if isinstance(case[key], str) and case[key].strip()]


def document_hits(case: Case, parts: Iterable[tuple[str, str]]) -> list[TermHit]:
    """Medical words in the parts of one case's document or mail, each saying where it is."""
    return find_in_parts(parts, exempt_values(case), work_values(case))


def workbook_sources(case: Case, hits: list[TermHit]) -> list[Problem]:
    """The workbook cells a medical word came from, the way a user finds them in Excel."""
    from plugin.workbook.schema import CASES

    words = {hit.term.lower() for hit in hits}
    exempt, work = exempt_values(case), work_values(case)
    headers = {c.key: c.header for c in CASES.columns}
    found: list[Problem] = []

    def look(value, sheet, row, column) -> None:
        if isinstance(value, str) and any(h.term.lower() in words for h in find_terms(value, exempt, work)):
            found.append(Problem("", sheet, row, column, case_id=case.id))

    for key, value in case.data.items():
        if key not in EXEMPT_COLUMNS:
            look(value, CASES.name, case.row, headers.get(key, key))
    for name, value in case.extra.items():
        look(value, CASES.name, case.row, name)
    for records in (case.evaluations, case.activities, case.applications):
        for record in records:
            for key, value in record.items():
                if key in ("sheet", "row") or (records is case.applications and key in EXEMPT_ROW_KEYS):
                    continue
                if isinstance(value, dict):
                    for name, extra in value.items():
                        look(extra, record.get("sheet"), record.get("row"), name)
                else:
                    look(value, record.get("sheet"), record.get("row"), key.capitalize())
    return found


def violation_message(case: Case, hits: list[TermHit], template: str | None = None, template_text: str = "") -> str:
    """What was found, where in the document, and where it came from, in the user's words."""
    sources = [p.location() for p in workbook_sources(case, hits)]
    if not sources and template:
        # Not from a cell: the template's own words (also its comments, title, ...), or a word
        # the template builds around a value.
        own = any(h.term.lower() in template_text.lower() or not h.where.startswith("hoofdtekst") for h in hits)
        sources = [f"het sjabloon {template} zelf" if own else f"het sjabloon {template} (tekst rond een waarde)"]
    where = "; ".join(dict.fromkeys(sources)) or "onbekend"
    return f"medische term(en) {describe(hits)} in een document voor de werkgever ({RULE}). Afkomstig uit: {where}."


def check_document(case: Case, parts: Iterable[tuple[str, str]], template: str | None = None,
                   template_text: str = "") -> None:
    """Raise PrivacyViolation when the parts of this case's document carry a medical word."""
    hits = document_hits(case, parts)
    if hits:
        raise PrivacyViolation(violation_message(case, hits, template, template_text))
