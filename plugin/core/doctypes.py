"""The document types of a re-integration dossier: one record per type, read by everyone.

The generator (which types it makes, how their files are named and dated), the classifier
(the words that name a type), the calendar (the milestone a type proves), the timeline (its
short label), the checker (which types count as an evaluation) and the Word pane's content
check all read the record, so a new type is one entry in DOC_TYPES.

The identifiers are a public contract (JSON output, rule files, document properties).
Pure data, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from plugin.core import doc_parts
from plugin.core.doc_parts import Part


@dataclass(frozen=True)
class DocType:
    id: str
    title_nl: str
    title_en: str
    # Recognition (plugin.recognize.classify): patterns for a file name, subject or heading.
    # Matching ignores case; a space means "optional space, '-' or '_'"; a pattern must stand
    # as whole word(s); (?-i:XX) marks abbreviations that count only in capitals.
    keywords: tuple[str, ...] = ()
    # Precedence when several types match one text: lower first, so a type whose words hold
    # another's comes first ("eindevaluatie" before "evaluatie").
    match_rank: int = 100
    milestone: str | None = None     # the calendar milestone a document of this type proves
    evaluation: bool = False         # counts as an evaluation held (the 6-weekly rhythm, Regeling art. 4)
    short: str | None = None         # label on the 104-week picture for its milestone (Dutch)
    short_en: str | None = None      # the same in English
    parts: tuple[Part, ...] = ()     # minimum content (plugin.documents.minimum_content)
    # Generation (plugin.documents.generate):
    generated: int = 0               # made without --doc when a template exists; its place in that order (0: not)
    file_label: tuple[str, str] | None = None   # (nl, en) in a generated file's name; None: the title
    date_column: str | None = None   # the Casussen column that dates a generated document
    periodic: bool = False           # covers a period: needs --month (or the mail-out)
    generate_when: str | None = None  # the case condition for generating it (generate.GENERATE_WHEN)

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_nl

    def short_label(self, lang: str) -> str | None:
        return (self.short_en or self.short) if lang == "en" else self.short

    def file_labels(self) -> tuple[str, str]:
        return self.file_label or (self.title_nl, self.title_en)


DOC_TYPES: dict[str, DocType] = {d.id: d for d in (
    DocType("probleemanalyse", "Probleemanalyse", "Problem analysis",
            keywords=("probleem ?analyse", "(?-i:PA)", "problem analysis"), match_rank=170,
            milestone="probleemanalyse", short="PA", short_en="PA", parts=doc_parts.PROBLEM_ANALYSIS,
            generated=1, file_label=("Probleemanalyse", "Problem analysis"), date_column="datum_probleemanalyse"),
    DocType("plan-van-aanpak", "Plan van aanpak", "Plan of action",
            keywords=("plan van aanpak", "pva", "plan of action", "action plan", "return to work plan"), match_rank=190,
            milestone="plan_van_aanpak", short="PvA", short_en="PoA", parts=doc_parts.PLAN_OF_ACTION,
            generated=2, file_label=("Plan van aanpak", "Plan of action"), date_column="datum_plan_van_aanpak"),
    DocType("evaluatie", "Evaluatie", "Evaluation",
            keywords=(r"\w*evaluatie(?!moment)\w*", "voortgangs ?gesprek", "bijstelling", r"\w*evaluation",
                      "review meeting"), match_rank=180,
            evaluation=True, parts=doc_parts.EVALUATION,
            generated=4, file_label=("Evaluatie", "Evaluation"), generate_when="evaluaties"),
    # A 2e-spoor bureau's progress records go by many names ("Tussenrapportage re-integratietraject").
    # The plan van aanpak adjusted (Regeling art. 4: evaluated and "zo nodig bijgesteld"; BW 7:658a
    # lid 3). A title that names the plan in relation to another document is the plan: "Plan van
    # aanpak (herzien na EJE)". It records an evaluation of the plan, so it counts as one.
    DocType("bijstelling-plan-van-aanpak", "Bijstelling plan van aanpak", "Revised plan of action",
            keywords=("bijstelling (?:van )?(?:het )?(?:plan van aanpak|pva)",
                      r"(?:plan van aanpak|pva)\W{0,3}(?:herzien|bijgesteld|bijstelling|aangepast|gewijzigd|versie 2|update)",
                      "(?:herziene?|bijgestelde?|aangepaste?|gewijzigde?) (?:plan van aanpak|pva)",
                      r"plan of action\W{0,3}(?:revised|updated|amended|adjusted|update)",
                      "(?:revised|updated|amended|adjusted) (?:plan of action|action plan|return to work plan)"),
            match_rank=175, evaluation=True, parts=doc_parts.PLAN_OF_ACTION),
    DocType("voortgangsrapportage", "Voortgangsrapportage", "Progress report",
            keywords=("voortgangs ?(?:rapportage|rapport|verslag)", "progress report", "(?-i:VGR)",
                      "tussen ?(?:rapportage|rapport|verslag)", "interim (?:report|progress report)",
                      "progress update"), match_rank=150,
            evaluation=True, parts=doc_parts.EVALUATION),
    DocType("42e-weekmelding", "42e-weekmelding", "Week-42 notification",
            keywords=(r"42 ?(?:e|ste|nd)? (?:weeks?|weken)(?: ?melding)?", "week 42",
                      "ziekmelding (?:bij |aan )?(?:het )?uwv", "uwv ziekmelding",
                      "ziekmelding (?:van )?(?:een |uw )?langdurig(?:e)? zieke werknemer",
                      "(?:ziek)?melding (?:bij )?langdurig verzuim",
                      "long term (?:sickness|absence) (?:report|notification)"), match_rank=30,
            milestone="42e_weekmelding", short="42e wk", short_en="Wk 42"),
    DocType("eerstejaarsevaluatie", "Eerstejaarsevaluatie", "First-year evaluation",
            keywords=("(?:eerste|1e|1ste) jaars evaluatie", "eje", "first year (?:evaluation|review)", "jaar evaluatie",
                      "evaluatie (?:na )?(?:het )?eerste (?:ziekte)?jaar"), match_rank=10,
            milestone="eerstejaarsevaluatie", evaluation=True, short="EJE", short_en="FYE", parts=doc_parts.EVALUATION),
    DocType("arbeidsdeskundig-rapport", "Arbeidsdeskundig rapport", "Labour expert report",
            keywords=("arbeidsdeskundig(?:e)? (?:onderzoek|rapport(?:age)?|advies|verslag)",
                      "arbeidsdeskundige?", "(?-i:AD)", "ad rapport(?:age)?",
                      "labou?r expert(?: report)?", "vocational expert(?: report)?"), match_rank=120,
            milestone="arbeidsdeskundig_onderzoek", short="AD", short_en="LE"),
    DocType("trajectplan", "Trajectplan re-integratie 2e spoor", "Second-track re-integration plan",
            keywords=("traject ?plan", "re ?integratie ?plan", "(?:2e|tweede) spoor ?plan",
                      "plan (?:van aanpak )?(?:2e|tweede) spoor", "second track (?:re ?integration )?plan",
                      "re ?integration plan"), match_rank=130,
            milestone="start_2e_spoor", short="2e spoor", short_en="Track 2", parts=doc_parts.SECOND_TRACK_PLAN,
            generated=3, file_label=("Trajectplan", "Second-track plan"), date_column="start_2e_spoor",
            generate_when="tweede_spoor"),
    DocType("sollicitatie-overzicht", "Sollicitatie-overzicht", "Job application overview",
            keywords=("sollicitatie(?:s| ?overzicht| ?activiteiten| ?lijst)?",
                      "(?:job )?applications? (?:overview|list)", "job applications?"), match_rank=140),
    DocType("eindevaluatie", "Eindevaluatie", "Final evaluation",
            keywords=("eind evaluatie", "final evaluation"), match_rank=20,
            milestone="eindevaluatie", evaluation=True, short="Eindev.", short_en="Final ev.", parts=doc_parts.EVALUATION),
    DocType("actueel-oordeel", "Actueel oordeel bedrijfsarts", "Current assessment by the occupational physician",
            keywords=("actueel (?:medisch )?oordeel", "(?-i:AO) (?:BA|bedrijfsarts)", "current (?:medical )?assessment"),
            match_rank=40, milestone="actueel_oordeel", short="AO", short_en="CA"),
    DocType("eindrapportage", "Eindrapportage", "Final report",
            keywords=("eind rapport(?:age)?", "eind verslag", "final report"), match_rank=110,
            parts=doc_parts.FINAL_REPORT,
            generated=5, file_label=("Eindrapportage", "Final report"), date_column="datum_eindevaluatie",
            generate_when="tweede_spoor_of_einde"),
    DocType("re-integratieverslag", "Re-integratieverslag", "Re-integration report (RIV)",
            keywords=("re ?integratie verslag", "riv", "re ?integration report"), match_rank=90,
            milestone="re_integratieverslag", short="RIV", short_en="RIR"),
    DocType("mening-werknemer", "Mening werknemer (re-integratieverslag)", "Employee's view (re-integration report)",
            keywords=("(?:mening|visie|zienswijze) (?:van )?(?:de )?werknemer", "employee'?s? (?:view|opinion)"),
            match_rank=80),
    DocType("wia-aanvraag", "WIA-aanvraag", "WIA application",
            keywords=("wia aanvraag", "aanvraag wia", "wia application", "application for wia"), match_rank=100,
            milestone="wia_aanvraag", short="WIA", short_en="WIA"),
    DocType("deskundigenoordeel", "Deskundigenoordeel", "Expert opinion (UWV)",
            keywords=("deskundigen oordeel", "expert opinion", "second opinion uwv"), match_rank=50),
    DocType("maandrapportage", "Maandrapportage", "Monthly report",
            keywords=("maand ?(?:rapportage|rapport|verslag)", "monthly report"), match_rank=160,
            evaluation=True, periodic=True),
    # Decisions of UWV (found in UWV's letters and mails; see plugin.recognize.classify.UWV_PHRASES):
    # after the RIV-toets (art. 25 lid 9 WIA; "loondoorbetalingsverplichting" is the imposed one)
    # and on a joint request to extend the waiting time (art. 24 WIA).
    DocType("verlenging-wachttijd", "Beslissing verlenging wachttijd", "Decision on extending the waiting time",
            keywords=("verlenging (?:van )?(?:de )?wachttijd", "wachttijd (?:wordt |is )?verlengd",
                      "vrijwillige verlenging(?: (?:van )?(?:de )?loondoorbetaling)?",
                      "verlenging (?:van )?(?:de )?loondoorbetaling", "uitstel (?:van )?(?:de )?wia ?aanvraag",
                      "(?:voluntary )?extension of the waiting (?:time|period)",
                      "waiting (?:time|period) (?:is |has been )?extended"), match_rank=70),
    DocType("loonsanctie", "Loonsanctie (beslissing UWV)", "Wage sanction (UWV decision)",
            keywords=("loon ?sanctie", "sanctie besluit", "wage sanction",
                      "verlenging (?:van )?(?:de )?loondoorbetalingsverplichting",
                      "loondoorbetalingsverplichting (?:wordt |is )?verlengd"), match_rank=60),
)}


# The types that count as an evaluation held (the 6-weekly rhythm of Regeling art. 4).
EVALUATION_TYPES = tuple(d.id for d in DOC_TYPES.values() if d.evaluation)


def doc_type(identifier: str) -> DocType:
    return DOC_TYPES[identifier]


def proof_of(milestone: str) -> str | None:
    """The document type that proves a calendar milestone (None: no document does)."""
    return next((d.id for d in DOC_TYPES.values() if d.milestone == milestone), None)
