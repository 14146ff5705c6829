"""The minimum content of each document type: WVP.md "minimum content of the documents we generate".

Each part is recognised by words a writer uses for it (Dutch and English), as whole words
anywhere in the text. A writing aid for the Word task pane and /api/inspect, not a legal
verdict: UWV judges the content, and a part can be present in other words. Sources:
Regeling procesgang art. 2 (probleemanalyse), art. 4 (plan van aanpak, evaluaties),
UWV Werkwijzer poortwachter (trajectplan 2e spoor, eindrapportage / RIV).

The lists are named here and attached to their types in plugin.core.doctypes (one record
per type); plugin.documents.minimum_content matches them against a text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    id: str
    label_nl: str
    label_en: str
    words: tuple[str, ...]   # regex alternatives, matched case-insensitively as whole words

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_nl


def _p(id_, nl, en, *words) -> Part:
    return Part(id_, nl, en, words)


ACTIVITIES = _p("activiteiten", "activiteiten", "activities", r"activiteit\w*", r"activit(?:y|ies)", r"interventie\w*",
                r"interventions?", r"acties?", r"actions?")

PROBLEM_ANALYSIS = (
    _p("belastbaarheid", "functionele beperkingen en mogelijkheden (belastbaarheid)",
       "functional limitations and capacity", r"belastbaar\w*", r"beperking\w*", r"mogelijkhe\w*",
       r"limitations?", r"capacity", r"functional"),
    _p("werk", "wat dat betekent voor eigen en ander werk", "what that means for own and other work",
       r"eigen (?:werk|functie)", r"ander(?:e)? (?:werk|functie)", r"passend(?:e)? (?:arbeid|werk)",
       r"own (?:work|job)", r"other (?:work|jobs?)", r"suitable work"),
    _p("prognose", "prognose", "prognosis", r"prognose", r"prognosis", r"verwacht(?:e|ing)? (?:duur|herstel)",
       r"expected (?:duration|recovery)"),
    _p("advies", "advies over de re-integratie", "advice on re-integration", r"advies\w*", r"adviseer\w*",
       r"advice", r"advise[sd]?", r"recommend\w*"),
)
PLAN_OF_ACTION = (
    ACTIVITIES,
    _p("doel", "doelen", "goals", r"doel\w*", r"goals?", r"objectives?", r"aims?"),
    _p("termijnen", "termijnen of tijdpad", "time frames", r"termijn\w*", r"tijdpad", r"planning", r"datum",
       r"uiterlijk", r"time ?frames?", r"deadlines?", r"schedule", r"weken", r"weeks"),
    _p("evaluatiemomenten", "afgesproken evaluatiemomenten", "agreed evaluation moments", r"evaluatie\w*",
       r"evaluat\w*", r"bijstell\w*", r"reviews?"),
    _p("casemanager", "de casemanager (naam)", "the named case manager", r"case ?manager"),
)
EVALUATION = (
    _p("voortgang", "voortgang ten opzichte van het plan", "progress against the plan", r"voortgang",
       r"verloop", r"progress"),
    _p("afspraken", "afspraken (nagekomen of niet)", "agreements (kept or not)", r"afspra\w*", r"agreements?",
       r"agreed"),
    _p("acties", "bijgestelde acties", "updated actions", r"acties?", r"actions?", r"bijstell\w*",
       r"activiteit\w*", r"next steps?", r"vervolgstap\w*"),
    _p("contacten", "contacten (wie, waarom, afspraken, vervolg)", "contacts (who, why, agreements, next step)",
       r"contact\w*", r"gesprek\w*", r"deelnemers?", r"aanwezig\w*", r"participants?", r"meetings?"),
    _p("volgende", "datum van de volgende evaluatie", "date of the next evaluation",
       r"volgende (?:evaluatie|afspraak|gesprek|bespreking)", r"next (?:evaluation|review|meeting)"),
)
SECOND_TRACK_PLAN = (
    _p("persoonsprofiel", "persoonsprofiel (startpositie)", "personal profile (starting position)",
       r"persoonsprofiel", r"personal profile", r"startpositie", r"starting position"),
    _p("zoekprofiel", "zoekprofiel (beroepen, sectoren)", "search profile (occupations, sectors)",
       r"zoekprofiel", r"search profile", r"zoekrichting\w*", r"target occupations?"),
    ACTIVITIES,
    _p("periode", "periode van het traject", "period", r"periode", r"looptijd", r"duur", r"period",
       r"duration", r"start(?:datum)?"),
    _p("rapportage", "rapportagemomenten", "reporting moments", r"rapportage\w*", r"voortgangs\w*",
       r"reporting", r"reports?"),
    _p("rollen", "wie doet wat", "who does what", r"verantwoordelijk\w*", r"rolverdeling", r"wie doet wat",
       r"uitvoerder", r"re-?integratiebureau", r"coach", r"responsib\w*", r"who does what"),
)
FINAL_REPORT = (
    _p("gedaan", "wat er is gedaan", "what was done", r"activiteit\w*", r"ondernomen", r"uitgevoerd\w*",
       r"activit(?:y|ies)", r"carried out", r"undertaken"),
    _p("medewerking", "hoe de werknemer meewerkte", "how the employee cooperated", r"medewerking",
       r"meegewerkt", r"inzet", r"coöperat\w*", r"cooperat\w*", r"commitment"),
    _p("sollicitaties", "sollicitaties", "applications", r"sollicit\w*", r"applications?", r"applied"),
    _p("resultaat", "resultaat en verdiencapaciteit", "result and earning capacity", r"resultaat",
       r"resultaten", r"verdiencapaciteit", r"results?", r"outcome", r"earning capacity"),
    _p("vervolg", "vervolgstappen", "next steps", r"vervolg\w*", r"volgende stap\w*", r"next steps?",
       r"follow-?up"),
)
