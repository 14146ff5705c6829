"""The document types of a re-integration dossier, shared by generator, checker and mail-out.

The identifiers are a public contract (JSON output, rule files, document properties).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocType:
    id: str
    title_nl: str
    title_en: str

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_nl


DOC_TYPES: dict[str, DocType] = {d.id: d for d in (
    DocType("probleemanalyse", "Probleemanalyse", "Problem analysis"),
    DocType("plan-van-aanpak", "Plan van aanpak", "Plan of action"),
    DocType("evaluatie", "Evaluatie", "Evaluation"),
    DocType("voortgangsrapportage", "Voortgangsrapportage", "Progress report"),
    DocType("42e-weekmelding", "42e-weekmelding", "Week-42 notification"),
    DocType("eerstejaarsevaluatie", "Eerstejaarsevaluatie", "First-year evaluation"),
    DocType("arbeidsdeskundig-rapport", "Arbeidsdeskundig rapport", "Labour expert report"),
    DocType("trajectplan", "Trajectplan re-integratie 2e spoor", "Second-track re-integration plan"),
    DocType("sollicitatie-overzicht", "Sollicitatie-overzicht", "Job application overview"),
    DocType("eindevaluatie", "Eindevaluatie", "Final evaluation"),
    DocType("actueel-oordeel", "Actueel oordeel bedrijfsarts", "Current assessment by the occupational physician"),
    DocType("eindrapportage", "Eindrapportage", "Final report"),
    DocType("re-integratieverslag", "Re-integratieverslag", "Re-integration report (RIV)"),
    DocType("mening-werknemer", "Mening werknemer (re-integratieverslag)", "Employee's view (re-integration report)"),
    DocType("wia-aanvraag", "WIA-aanvraag", "WIA application"),
    DocType("deskundigenoordeel", "Deskundigenoordeel", "Expert opinion (UWV)"),
    DocType("maandrapportage", "Maandrapportage", "Monthly report"),
    # Decisions of UWV (found in UWV's letters and mails; see plugin.recognize.classify.UWV_PHRASES).
    DocType("verlenging-wachttijd", "Beslissing verlenging wachttijd", "Decision on extending the waiting time"),
    DocType("loonsanctie", "Loonsanctie (beslissing UWV)", "Wage sanction (UWV decision)"),
)}


# The types that count as an evaluation held (the 6-weekly rhythm of Regeling art. 4).
EVALUATION_TYPES = ("evaluatie", "voortgangsrapportage", "eerstejaarsevaluatie", "eindevaluatie", "maandrapportage")


def doc_type(identifier: str) -> DocType:
    return DOC_TYPES[identifier]
