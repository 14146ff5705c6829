"""The sections of the re-integratieverslag, in the order of Regeling procesgang art. 6.

Art. 6 lists what the re-integratieverslag holds: the administrative data and the job, the
first sick day, the probleemanalyse and the plan van aanpak with their updates, the
evaluations (the eerstejaarsevaluatie and the latest one), the records of the activities and
interventions (the 2e spoor among them), the bedrijfsarts' actueel oordeel, the eindevaluatie
and the employee's own view. The arbeidsdeskundig rapport is no item of its own in art. 6;
UWV expects it where the 2e spoor began (UWV Werkwijzer poortwachter: practice), so it gets
its own section and is asked for only through the check's finding (WVP007). Everything else
(the 42e-weekmelding, UWV's letters, unrecognised papers) goes under "overig".

One record per section: its id (a public contract: riv.json), its titles, the document types
it holds and when a RIV without it is incomplete. Pure data.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    id: str
    title_nl: str
    title_en: str
    basis: str                       # where art. 6 (or practice) asks for it
    types: tuple[str, ...] = ()      # the document types filed here
    # When a RIV without a document here has a gap: "always", "tweede_spoor" (when the case is in
    # the 2e spoor) or "" (never by itself; a finding of the check may still ask for it).
    required: str = ""

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_nl


SECTIONS: tuple[Section, ...] = (
    Section("administratief", "Administratieve gegevens, bedrijf en functie, eerste ziektedag",
            "Administrative data, the business and the job, first sick day",
            "Regeling procesgang art. 6 (administratieve gegevens, bedrijf, functie, eerste ziektedag)"),
    Section("probleemanalyse", "Probleemanalyse en bijstellingen", "Problem analysis and its updates",
            "Regeling procesgang art. 6 en art. 2", ("probleemanalyse",), "always"),
    Section("plan-van-aanpak", "Plan van aanpak en bijstellingen", "Plan of action and its updates",
            "Regeling procesgang art. 6 en art. 4", ("plan-van-aanpak", "bijstelling-plan-van-aanpak"), "always"),
    Section("evaluaties", "Evaluaties", "Evaluations",
            "Regeling procesgang art. 6 en art. 4 (regelmatige evaluatie)", ("evaluatie", "maandrapportage"), "always"),
    Section("eerstejaarsevaluatie", "Eerstejaarsevaluatie", "First-year evaluation",
            "Regeling procesgang art. 6 en art. 4 lid 2", ("eerstejaarsevaluatie",), "always"),
    Section("arbeidsdeskundig-rapport", "Arbeidsdeskundig rapport", "Labour expert report",
            "UWV Werkwijzer poortwachter (praktijk: vóór het 2e spoor)", ("arbeidsdeskundig-rapport",)),
    Section("tweede-spoor", "Activiteiten en interventies, 2e spoor (trajectplan, voortgang, sollicitaties)",
            "Activities and interventions, second track (plan, progress reports, applications)",
            "Regeling procesgang art. 6 (verslagen van activiteiten en interventies)",
            ("trajectplan", "voortgangsrapportage", "sollicitatie-overzicht", "eindrapportage"), "tweede_spoor"),
    Section("actueel-oordeel", "Actueel oordeel van de bedrijfsarts", "Current assessment by the occupational physician",
            "Regeling procesgang art. 6", ("actueel-oordeel",), "always"),
    Section("eindevaluatie", "Eindevaluatie", "Final evaluation",
            "Regeling procesgang art. 6; UWV (de eindevaluatie als eigen document is praktijk)", ("eindevaluatie",),
            "always"),
    Section("mening-werknemer", "Mening van de werknemer", "The employee's view",
            "Regeling procesgang art. 6; Wet WIA art. 25 lid 3", ("mening-werknemer",), "always"),
    Section("overig", "Overige correspondentie (o.a. 42e-weekmelding, brieven van UWV)",
            "Other correspondence (incl. the week-42 notification, UWV's letters)",
            "Regeling procesgang art. 6 (overige relevante stukken)"),
)

SECTION_IDS = tuple(s.id for s in SECTIONS)
_BY_TYPE = {t: s.id for s in SECTIONS for t in s.types}


def section(section_id: str) -> Section:
    return next(s for s in SECTIONS if s.id == section_id)


def section_of(doc_type: str | None) -> str:
    """The section a document of this type is filed in ('overig' for any other or no type)."""
    return _BY_TYPE.get(doc_type or "", "overig")
