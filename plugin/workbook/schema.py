"""The workbook contract: sheets, columns, their types, aliases and explanations.

This table is the single source for the loader, `poortwachter workbook new` and the README.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    header: str            # the Dutch header as we write it
    key: str               # the name templates and code use
    kind: str = "text"     # text | date | int | number | email | spoor | taal
    required: bool = False
    aliases: tuple[str, ...] = ()
    help_nl: str = ""


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    optional: bool = True
    help_nl: str = ""
    by_key: dict = field(default_factory=dict, compare=False)


def _c(header, key, kind="text", required=False, aliases=(), help_nl=""):
    return Column(header, key, kind, required, tuple(aliases), help_nl)


CASES = Sheet("Casussen", (
    _c("Casusnummer", "casusnummer", required=True, aliases=("case id", "case number", "case", "casus", "dossiernummer", "case no", "casusnr",
                                                   "dossiernr", "zaaknummer", "case nr"),
       help_nl="Uniek nummer van de casus, bijvoorbeeld 2025-014."),
    _c("Naam werknemer", "naam_werknemer", required=True, aliases=("employee", "employee name", "werknemer", "naam", "medewerker",
                                                         "naam medewerker", "name"),
       help_nl="Volledige naam van de zieke werknemer."),
    _c("Werkgever", "werkgever", required=True, aliases=("employer", "organisatie", "bedrijf", "klant", "company", "client"),
       help_nl="Naam van de werkgever (zoals in de documenten moet staan)."),
    _c("Eerste ziektedag", "eerste_ziektedag", "date", True,
       ("first sick day", "first day of sickness", "first day sick", "ziek sinds", "eerste verzuimdag", "sick since",
        "datum eerste ziektedag", "1e ziektedag", "eerste ziekte dag", "first day of absence"),
       "Eerste dag van ziekte. Bij samengetelde periodes: gebruik ook het blad Verzuimperiodes."),
    _c("Functie", "functie", aliases=("job title", "position", "function"), help_nl="Functie van de werknemer."),
    _c("Contracturen per week", "contracturen", "number", aliases=("contract hours", "hours per week", "contracturen", "uren per week"),
       help_nl="Aantal contracturen per week."),
    _c("Contactpersoon werkgever", "contactpersoon_werkgever", aliases=("employer contact", "contact person", "contactpersoon"),
       help_nl="Naam van de contactpersoon bij de werkgever."),
    _c("E-mail werkgever", "email_werkgever", "email", aliases=("employer email", "employer e-mail", "email werkgever", "e-mail", "e-mail contactpersoon",
                                                         "email contactpersoon", "e-mailadres werkgever"),
       help_nl="E-mailadres waar de maandrapportage naartoe gaat."),
    _c("Casemanager", "casemanager", aliases=("case manager",), help_nl="Naam van de casemanager (staat in het plan van aanpak)."),
    _c("E-mail casemanager", "email_casemanager", "email",
       aliases=("case manager email", "case manager e-mail", "casemanager email", "email casemanager",
                "e-mailadres casemanager"),
       help_nl="E-mailadres van de casemanager: daar gaat het wekelijkse termijnsignaal heen (poortwachter signals). "
               "Leeg: het adres uit het profielenbestand ([casemanagers])."),
    _c("Bedrijfsarts", "bedrijfsarts", aliases=("occupational physician", "company doctor", "ba"), help_nl="Naam van de bedrijfsarts."),
    _c("Arbeidsdeskundige", "arbeidsdeskundige", aliases=("labour expert", "labor expert"), help_nl="Naam van de arbeidsdeskundige."),
    _c("Re-integratiebureau", "re_integratiebureau", aliases=("reintegration agency", "re-integration agency", "bureau"),
       help_nl="Bureau dat het 2e spoor uitvoert."),
    _c("Coach", "coach", aliases=("job coach", "loopbaancoach"), help_nl="Naam van de loopbaan- of jobcoach."),
    _c("Spoor", "spoor", "spoor", aliases=("track",), help_nl="1, 2 of 1+2."),
    _c("Taal", "taal", "taal", aliases=("language", "lang"), help_nl="nl of en. Leeg: automatisch bepaald, anders Nederlands."),
    _c("Dossiermap", "dossiermap", aliases=("dossier folder", "folder", "map"),
       help_nl="Naam van de map met het dossier (voor de dossiercheck)."),
    _c("Datum probleemanalyse", "datum_probleemanalyse", "date", aliases=("problem analysis date", "date problem analysis"),
       help_nl="Datum waarop de bedrijfsarts de probleemanalyse opstelde."),
    _c("Datum plan van aanpak", "datum_plan_van_aanpak", "date", aliases=("plan of action date", "date plan of action"),
       help_nl="Datum waarop het plan van aanpak is opgesteld en ondertekend."),
    _c("Datum 42e-weekmelding", "datum_42e_weekmelding", "date",
       aliases=("datum 42e weekmelding", "42nd week notification date", "week 42 notification date", "datum 42e-week melding"),
       help_nl="Datum van de ziekmelding bij UWV in week 42."),
    _c("Datum eerstejaarsevaluatie", "datum_eerstejaarsevaluatie", "date", aliases=("first-year evaluation date", "first year evaluation date"),
       help_nl="Datum van de eerstejaarsevaluatie."),
    _c("Datum arbeidsdeskundig onderzoek", "datum_arbeidsdeskundig_onderzoek", "date",
       aliases=("labour expert assessment date", "datum ad onderzoek", "datum ad-onderzoek"),
       help_nl="Datum van het rapport van de arbeidsdeskundige."),
    _c("Start 2e spoor", "start_2e_spoor", "date", aliases=("second track start", "start second track", "start tweede spoor"),
       help_nl="Startdatum van het 2e spoor."),
    _c("Datum actueel oordeel", "datum_actueel_oordeel", "date", aliases=("current assessment date",),
       help_nl="Datum van het actueel oordeel van de bedrijfsarts."),
    _c("Datum eindevaluatie", "datum_eindevaluatie", "date", aliases=("final evaluation date",), help_nl="Datum van de eindevaluatie."),
    _c("Datum WIA-aanvraag", "datum_wia_aanvraag", "date", aliases=("wia application date", "datum wia aanvraag"),
       help_nl="Datum waarop de werknemer de WIA-uitkering aanvroeg."),
    _c("Belastbaarheid", "belastbaarheid", aliases=("functional limitations", "capacity", "limitations", "beperkingen"),
       help_nl="Functionele beperkingen en mogelijkheden. NOOIT een diagnose of ziekte."),
    _c("Prognose", "prognose", aliases=("prognosis",), help_nl="Verwachting over herstel en duur (zonder medische details)."),
    _c("Persoonsprofiel", "persoonsprofiel", aliases=("person profile", "personal profile"),
       help_nl="Werkervaring, opleiding, wensen en beperkingen (voor het trajectplan)."),
    _c("Zoekprofiel", "zoekprofiel", aliases=("search profile", "job search profile"),
       help_nl="Beroepen, sectoren en soorten werk waarnaar gezocht wordt."),
    _c("Verlenging wachttijd (weken)", "verlenging_wachttijd", "int",
       aliases=("verlenging wachttijd", "extension (weeks)", "waiting time extension", "extension weeks", "vrijwillige verlenging"),
       help_nl="Vrijwillige verlenging van de wachttijd (art. 24 WIA) in weken, anders leeg."),
    _c("Reden geen 2e spoor", "reden_geen_2e_spoor", aliases=("reason no second track", "reden geen tweede spoor"),
       help_nl="Vastgelegde reden waarom het 2e spoor (nog) niet is ingezet, bijv. zicht op herstel binnen 3 maanden. "
               "De dossiercheck meldt een ontbrekend 2e spoor dan als waarschuwing met deze reden."),
    _c("Reden afwijking probleemanalyse", "reden_afwijking_probleemanalyse",
       aliases=("reason deviation problem analysis", "reden afwijking pa"),
       help_nl="Vastgelegde reden waarom de probleemanalyse later is gemaakt dan week 6 (art. 5 Regeling procesgang)."),
    _c("Reden afwijking plan van aanpak", "reden_afwijking_plan_van_aanpak",
       aliases=("reason deviation plan of action", "reden afwijking pva"),
       help_nl="Vastgelegde reden waarom het plan van aanpak later is opgesteld dan 2 weken na de probleemanalyse (art. 5 Regeling)."),
    _c("Reden afwijking evaluaties", "reden_afwijking_evaluaties", aliases=("reason deviation evaluations",),
       help_nl="Vastgelegde reden waarom een evaluatie later dan 6 weken na de vorige is gehouden."),
    _c("Reden afwijking eerstejaarsevaluatie", "reden_afwijking_eerstejaarsevaluatie",
       aliases=("reason deviation first-year evaluation", "reden afwijking eje"),
       help_nl="Vastgelegde reden waarom de eerstejaarsevaluatie na week 52 is gehouden."),
    _c("Reden afwijking actueel oordeel", "reden_afwijking_actueel_oordeel", aliases=("reason deviation current assessment",),
       help_nl="Vastgelegde reden waarom het actueel oordeel van de bedrijfsarts na week 91 komt."),
    _c("Reden afwijking eindevaluatie", "reden_afwijking_eindevaluatie", aliases=("reason deviation final evaluation",),
       help_nl="Vastgelegde reden waarom de eindevaluatie na week 91 is gehouden."),
    _c("Geen terugkeer eigen organisatie per", "datum_geen_terugkeer_eigen_organisatie", "date",
       aliases=("no return own organisation", "own work ruled out", "geen terugkeer eigen werk per"),
       help_nl="Datum waarop het dossier (arbeidsdeskundig rapport, evaluatie) zegt dat terugkeer binnen de eigen "
               "organisatie niet in zicht is: vanaf dan is het 2e spoor nodig."),
    _c("Einde loonsanctie", "einde_loonsanctie", "date", aliases=("wage sanction end", "loonsanctie tot"),
       help_nl="Einddatum van een loonsanctie van UWV: evaluaties en het 2e spoor lopen door tot die datum."),
), aliases=("cases", "casus", "case"), optional=False,
    help_nl="Eén rij per casus (per zieke werknemer).")

EVALUATIONS = Sheet("Evaluaties", (
    _c("Casusnummer", "casusnummer", required=True, aliases=CASES.columns[0].aliases),
    _c("Datum", "datum", "date", True, ("date",), "Datum van het evaluatiegesprek."),
    _c("Soort", "soort", aliases=("type", "kind"), help_nl="Bijvoorbeeld 6-wekelijkse evaluatie, eerstejaarsevaluatie, eindevaluatie."),
    _c("Deelnemers", "deelnemers", aliases=("participants", "attendees"), help_nl="Wie waren erbij."),
    _c("Samenvatting", "samenvatting", aliases=("summary",), help_nl="Voortgang ten opzichte van het plan."),
    _c("Afspraken", "afspraken", aliases=("agreements", "actions"), help_nl="Gemaakte en bijgestelde afspraken."),
    _c("Volgende evaluatie", "volgende_evaluatie", "date", aliases=("next evaluation",), help_nl="Datum van de volgende evaluatie."),
), aliases=("evaluations",), help_nl="Eén rij per evaluatiegesprek; elke rij wordt een evaluatieverslag.")

ACTIVITIES = Sheet("Activiteiten", (
    _c("Casusnummer", "casusnummer", required=True, aliases=CASES.columns[0].aliases),
    _c("Datum", "datum", "date", True, ("date",), "Datum van de activiteit."),
    _c("Activiteit", "activiteit", required=True, aliases=("activity",), help_nl="Wat er is gedaan of gepland."),
    _c("Status", "status", aliases=("state",), help_nl="Gepland, lopend, afgerond."),
    _c("Resultaat", "resultaat", aliases=("result", "outcome"), help_nl="Uitkomst."),
), aliases=("activities",), help_nl="Activiteiten en interventies in het traject.")

APPLICATIONS = Sheet("Sollicitaties", (
    _c("Casusnummer", "casusnummer", required=True, aliases=CASES.columns[0].aliases),
    _c("Datum", "datum", "date", True, ("date",), "Datum van de sollicitatie."),
    _c("Werkgever", "werkgever", aliases=("employer", "company"), help_nl="Bij welke organisatie."),
    _c("Functie", "functie", aliases=("job title", "position", "function", "vacature"), help_nl="Welke functie."),
    _c("Resultaat", "resultaat", aliases=("result", "outcome"), help_nl="Afgewezen, gesprek, aangenomen, ..."),
), aliases=("applications", "job applications"), help_nl="Sollicitaties in het 2e spoor.")

SICK_PERIODS = Sheet("Verzuimperiodes", (
    _c("Casusnummer", "casusnummer", required=True, aliases=CASES.columns[0].aliases),
    _c("Van", "van", "date", True, ("from", "start"), "Eerste ziektedag van de periode."),
    _c("Tot", "tot", "date", False, ("to", "until", "end", "hersteld"), "Laatste ziektedag (leeg als nog ziek)."),
    _c("Hersteld %", "hersteld_procent", "number", aliases=("recovered %", "hersteld procent", "herstelpercentage",
                                                          "percentage hersteld", "recovered percent"),
       help_nl="Hoeveel procent hersteld op de datum 'Tot' (leeg of 100: volledig hersteld). Minder dan 100: "
               "gedeeltelijk hersteld; de wachttijd loopt dan door."),
), aliases=("sick periods", "periods", "verzuimperioden"),
    help_nl="Ziekteperiodes die minder dan 4 weken na elkaar liggen tellen op (samentelling); na 4 weken of meer "
            "begint een nieuwe wachttijd.")

SHEETS: tuple[Sheet, ...] = (CASES, EVALUATIONS, ACTIVITIES, APPLICATIONS, SICK_PERIODS)


def normalize(header: object) -> str:
    """Match headers case-, space- and punctuation-insensitively: 'E-mail  werkgever ' == 'emailwerkgever'."""
    return re.sub(r"[\s_\-.:/()]+", "", str(header or "")).lower()


def header_index(sheet: Sheet) -> dict[str, Column]:
    """Normalized header or alias -> column."""
    index: dict[str, Column] = {}
    for column in sheet.columns:
        for name in (column.header, column.key, *column.aliases):
            index.setdefault(normalize(name), column)
    return index
