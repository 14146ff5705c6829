"""Writes examples/casussen.xlsx: seven realistic cases at different stages of the WVP.

Run `python examples/_build_workbook.py` to rebuild it. The dossier check tests depend on
these dates: change them together with examples/dossiers/.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from plugin.workbook.new import empty_workbook_bytes  # noqa: E402

D = dt.date

CASES = [
    # Casusnummer, Naam, Werkgever, Eerste ziektedag, Functie, Uren, Contact, E-mail, Casemanager, Bedrijfsarts,
    # Arbeidsdeskundige, Bureau, Coach, Spoor, Taal, Dossiermap, PA, PvA, 42e, EJE, AD, Start2, AO, EindEv, WIA,
    # Belastbaarheid, Prognose, Persoonsprofiel, Zoekprofiel, Verlenging, Reden geen 2e spoor
    ["2025-001", "Fatima el Amrani", "Bouwbedrijf Jansen & Zn <BV>", D(2025, 1, 13), "Calculator", 36,
     "Marco Jansen", "hr@jansen-zn.example", "Ellen de Wit", "Dr. R. Hoekstra", "Drs. K. Smit", "WerkSame",
     "Linda Bos", "1+2", "nl", "2025-001 El Amrani", D(2025, 2, 17), D(2025, 3, 3), D(2025, 11, 3),
     D(2025, 12, 15), D(2025, 12, 22), D(2026, 1, 12), D(2026, 8, 24), D(2026, 9, 14), D(2026, 10, 12),
     "Kan maximaal 4 uur per dag werken, verdeeld over de dag.\nNiet tillen boven 10 kg; geen werk op hoogte.\n"
     "Beperkt in werken onder hoge tijdsdruk.",
     "Geleidelijke opbouw verwacht; terugkeer in de eigen functie is binnen een jaar niet te verwachten.",
     "MBO-4 bouwkunde, 12 jaar ervaring als calculator. Sterk in cijfers en planning. Wil graag binnen de bouw blijven.",
     "Administratieve en planningsfuncties, 20-28 uur per week, regio Utrecht: werkvoorbereider, planner, "
     "medewerker inkoop.", 0, ""],
    ["2025-002", "Pieter de Vries", "Zorggroep Het Anker", D(2025, 6, 2), "Verpleegkundige", 32,
     "Ans Mulder", "personeelszaken@hetanker.example", "Ellen de Wit", "Dr. S. Verhoeven", "", "", "", "1", "",
     "", D(2025, 7, 21), D(2025, 8, 1), D(2026, 3, 23), D(2026, 5, 18), None, None, None, None, None,
     "Kan lichte fysieke taken doen, niet langer dan 30 minuten achtereen staan. Geen nachtdiensten.",
     "Herstel verloopt langzaam; deels terugkeer in aangepast werk is mogelijk.", "", "", 0, ""],
    ["2025-003", "Sarah Thompson", "Northwind Logistics B.V.", D(2025, 9, 8), "Customer service lead", 40,
     "Tom Baker", "hr@northwind.example", "James O'Neill", "Dr. P. Jansen", "", "", "", "1", "en",
     "Thompson 2025-003", D(2025, 10, 13), D(2025, 10, 24), None, None, None, None, None, None, None,
     "Can work up to six hours a day with regular breaks. No prolonged screen work over two hours without a break.",
     "Gradual return to the own job is expected within six months.", "", "", 0, ""],
    ["2025-004", "Johan Bakker", "Gemeente Zuidwaarde", D(2025, 2, 3), "Medewerker openbare ruimte", 36,
     "Ilse Kramer", "hrm@zuidwaarde.example", "Ellen de Wit", "Dr. R. Hoekstra", "Drs. K. Smit", "", "", "1",
     "nl", "", D(2025, 3, 10), D(2025, 3, 20), D(2025, 12, 15), D(2026, 2, 2), None, None, None, None, None,
     "Geen zwaar lichamelijk werk; kan lopen en fietsen binnen de wijk, maximaal 6 uur per dag.",
     "Terugkeer in aangepast eigen werk binnen drie maanden wordt verwacht.", "", "", 26,
     "Concreet zicht op structurele terugkeer in eigen werk binnen 3 maanden (bedrijfsarts, 2-2-2026)."],
    ["2026-005", "Anouk Visser", "Kapsalon Visser", D(2026, 9, 28), "Kapster", 24, "Mirjam Visser",
     "info@kapsalonvisser.example", "Ellen de Wit", "Dr. S. Verhoeven", "", "", "", "1", "nl", "",
     D(2026, 11, 2), None, None, None, None, None, None, None, None,
     "Kan 2 uur per dag staand werken; armen niet langdurig boven schouderhoogte.", "Herstel binnen 3 maanden verwacht.",
     "", "", 0, ""],
    # A complete dossier in the first track, due for its re-integratieverslag (week 91: 29-11-2026).
    ["2025-008", "Sanne Verbeek", "Tuincentrum De Linde B.V.", D(2025, 3, 3), "Verkoopmedewerker", 32,
     "Henk de Linde", "personeel@delinde.example", "Ellen de Wit", "Dr. S. Verhoeven", "Drs. K. Smit", "", "", "1",
     "nl", "", D(2025, 4, 7), D(2025, 4, 17), D(2025, 12, 22), D(2026, 1, 27), D(2026, 2, 17), None,
     D(2026, 10, 27), D(2026, 11, 9), None,
     "Kan 5 uur per dag werken, met een pauze na elke 2 uur.\nNiet tillen boven 5 kg; niet boven schouderhoogte werken.",
     "Verdere opbouw boven 24 uur per week wordt niet verwacht.", "", "", 0,
     "Passend werk in de eigen organisatie: 24 uur per week in de aangepaste eigen functie (arbeidsdeskundige, "
     "17-02-2026)."],
    ["2026-006", "Mehmet Yilmaz", "Installatietechniek Oost", D(2026, 3, 16), "Monteur", 40, "Rob Oost",
     "rob@itoost.example", "Ellen de Wit", "Dr. P. Jansen", "", "", "", "1", "nl", "", D(2026, 4, 20),
     D(2026, 4, 30), None, None, None, None, None, None, None,
     "Geen werk op hoogte; tillen tot 15 kg.", "Volledig herstel verwacht.", "", "", 0, ""],
]

# The columns the values of a CASES row are, in order.
ROW_COLUMNS = ("Casusnummer", "Naam werknemer", "Werkgever", "Eerste ziektedag", "Functie", "Contracturen per week",
               "Contactpersoon werkgever", "E-mail werkgever", "Casemanager", "Bedrijfsarts", "Arbeidsdeskundige",
               "Re-integratiebureau", "Coach", "Spoor", "Taal", "Dossiermap", "Datum probleemanalyse",
               "Datum plan van aanpak", "Datum 42e-weekmelding", "Datum eerstejaarsevaluatie",
               "Datum arbeidsdeskundig onderzoek", "Start 2e spoor", "Datum actueel oordeel", "Datum eindevaluatie",
               "Datum WIA-aanvraag", "Belastbaarheid", "Prognose", "Persoonsprofiel", "Zoekprofiel",
               "Verlenging wachttijd (weken)", "Reden geen 2e spoor")
CASEMANAGERS = {"Ellen de Wit": "e.dewit@werkwijs-reintegratie.example",
                "James O'Neill": "j.oneill@werkwijs-reintegratie.example"}

EVALUATIONS = [
    ["2025-001", D(2025, 4, 11), "6-wekelijkse evaluatie", "F. el Amrani, M. Jansen, E. de Wit",
     "Opbouw naar 2 uur per dag in aangepast werk verloopt volgens plan.", "Uitbreiden naar 3 uur per dag.", D(2025, 5, 23)],
    ["2025-001", D(2025, 5, 23), "6-wekelijkse evaluatie", "F. el Amrani, M. Jansen",
     "Opbouw stagneert op 3 uur per dag.", "Bedrijfsarts raadplegen over belastbaarheid.", D(2025, 7, 4)],
    ["2025-001", D(2025, 7, 4), "6-wekelijkse evaluatie", "F. el Amrani, M. Jansen, E. de Wit",
     "Geen verdere opbouw mogelijk in het eigen werk.", "Arbeidsdeskundig onderzoek aanvragen rond de eerstejaarsevaluatie.",
     D(2025, 8, 15)],
    ["2025-001", D(2025, 8, 15), "6-wekelijkse evaluatie", "F. el Amrani, M. Jansen", "Stabiel op 3 uur per dag.",
     "Doorgaan; volgende evaluatie over 6 weken.", D(2025, 9, 26)],
    ["2025-001", D(2025, 9, 26), "6-wekelijkse evaluatie", "F. el Amrani, M. Jansen", "Stabiel.",
     "42e-weekmelding voorbereiden.", D(2025, 11, 7)],
    ["2025-001", D(2025, 11, 7), "6-wekelijkse evaluatie", "F. el Amrani, M. Jansen, E. de Wit",
     "42e-weekmelding gedaan.", "Eerstejaarsevaluatie plannen.", D(2025, 12, 15)],
    ["2025-001", D(2026, 1, 23), "Voortgangsrapportage 2e spoor", "F. el Amrani, L. Bos (WerkSame), E. de Wit",
     "Trajectplan 2e spoor gestart; oriëntatie op werkvoorbereider en planner.", "Drie sollicitaties per maand.",
     D(2026, 3, 6)],
    ["2025-001", D(2026, 3, 6), "Voortgangsrapportage 2e spoor", "F. el Amrani, L. Bos",
     "Twee sollicitaties verstuurd, één gesprek.", "Netwerkgesprekken uitbreiden.", D(2026, 4, 17)],
    ["2025-001", D(2026, 4, 17), "Voortgangsrapportage 2e spoor", "F. el Amrani, L. Bos, M. Jansen",
     "Werkervaringsplek bij Planbureau Midden besproken.", "Werkervaringsplek starten per 1 mei.", D(2026, 5, 29)],
    ["2025-001", D(2026, 5, 29), "Voortgangsrapportage 2e spoor", "F. el Amrani, L. Bos",
     "Werkervaringsplek loopt goed, 12 uur per week.", "Uren uitbreiden naar 16.", D(2026, 7, 10)],
    ["2025-001", D(2026, 7, 10), "Voortgangsrapportage 2e spoor", "F. el Amrani, L. Bos",
     "16 uur per week op de werkervaringsplek.", "Actueel oordeel bedrijfsarts aanvragen.", D(2026, 8, 21)],
    ["2025-001", D(2026, 8, 21), "Voortgangsrapportage 2e spoor", "F. el Amrani, L. Bos, E. de Wit",
     "Actueel oordeel gepland.", "Eindevaluatie plannen.", D(2026, 9, 14)],
    ["2025-002", D(2025, 9, 12), "6-wekelijkse evaluatie", "P. de Vries, A. Mulder",
     "Aangepaste dagdiensten gestart, 2 x 3 uur per week.", "Opbouw met 2 uur per twee weken.", D(2025, 10, 24)],
    ["2025-002", D(2025, 10, 24), "6-wekelijkse evaluatie", "P. de Vries, A. Mulder, E. de Wit",
     "Opbouw naar 10 uur per week.", "Verder opbouwen.", D(2025, 12, 5)],
    ["2025-002", D(2026, 2, 20), "6-wekelijkse evaluatie", "P. de Vries, A. Mulder",
     "Evaluatie in december is niet doorgegaan. Opbouw stagneert op 12 uur per week.",
     "Bedrijfsarts vragen naar mogelijkheden.", D(2026, 4, 3)],
    ["2025-002", D(2026, 4, 3), "6-wekelijkse evaluatie", "P. de Vries, A. Mulder", "Stabiel op 12 uur.",
     "Eerstejaarsevaluatie plannen.", D(2026, 5, 18)],
    ["2025-003", D(2025, 12, 5), "6-weekly evaluation", "S. Thompson, T. Baker",
     "Working 3 hours a day in the own job; progress as planned.", "Build up to 4 hours a day.", D(2026, 1, 16)],
    ["2025-003", D(2026, 1, 16), "6-weekly evaluation", "S. Thompson, T. Baker, J. O'Neill",
     "4 hours a day, own tasks with fewer calls.", "Build up to 5 hours.", D(2026, 2, 27)],
    ["2025-003", D(2026, 2, 27), "6-weekly evaluation", "S. Thompson, T. Baker", "5 hours a day.",
     "Keep at 5 hours, add team lead tasks.", D(2026, 4, 10)],
    ["2025-004", D(2025, 4, 25), "6-wekelijkse evaluatie", "J. Bakker, I. Kramer", "Start aangepast werk in de wijk.",
     "Opbouw naar 4 uur per dag.", D(2025, 6, 6)],
    ["2025-004", D(2025, 6, 6), "6-wekelijkse evaluatie", "J. Bakker, I. Kramer", "4 uur per dag.", "Doorgaan.",
     D(2025, 7, 18)],
    ["2026-006", D(2026, 6, 12), "6-wekelijkse evaluatie", "M. Yilmaz, R. Oost", "Volledige hervatting per 1 september verwacht.",
     "Opbouw volgens schema.", D(2026, 7, 24)],
]

ACTIVITIES = [
    ["2025-001", D(2025, 3, 10), "Aangepast werk: calculaties op kantoor", "afgerond", "3 uur per dag haalbaar"],
    ["2025-001", D(2025, 12, 22), "Arbeidsdeskundig onderzoek", "afgerond", "Eigen werk niet passend; 2e spoor geadviseerd"],
    ["2025-001", D(2026, 1, 12), "Intake WerkSame 2e spoor", "afgerond", "Trajectplan opgesteld"],
    ["2025-001", D(2026, 2, 2), "Beroepenoriëntatie en cv-training", "afgerond", "Zoekprofiel vastgesteld"],
    ["2025-001", D(2026, 5, 1), "Werkervaringsplek Planbureau Midden", "lopend", "16 uur per week"],
    ["2025-002", D(2025, 8, 11), "Aangepaste dagdiensten", "lopend", "12 uur per week"],
    ["2025-003", D(2025, 10, 27), "Graded return to own job", "ongoing", "5 hours a day"],
    ["2025-004", D(2025, 4, 7), "Aangepast werk wijkbeheer", "lopend", "6 uur per dag"],
]

APPLICATIONS = [
    ["2025-001", D(2026, 2, 10), "Bouwbureau Noord", "Werkvoorbereider", "afgewezen"],
    ["2025-001", D(2026, 2, 24), "Van Dijk Installaties", "Planner", "gesprek, afgewezen"],
    ["2025-001", D(2026, 3, 20), "Gemeente Utrecht", "Medewerker inkoop", "afgewezen"],
    ["2025-001", D(2026, 6, 15), "Planbureau Midden", "Planner (24 uur)", "in gesprek"],
]

PERIODS = [
    ["2025-004", D(2025, 2, 3), D(2025, 3, 14)],
    ["2025-004", D(2025, 4, 1), None],
    ["2026-006", D(2026, 3, 16), D(2026, 8, 31)],
]


def build(path: Path) -> None:
    book = load_workbook(io.BytesIO(empty_workbook_bytes()))
    cases = book["Casussen"]
    width = cases.max_column   # the schema's columns; rows name the first ones, the rest stay empty
    cases.cell(row=1, column=width + 1, value="Kostenplaats")
    headers = {cell.value: cell.column for cell in cases[1]}
    for i, row in enumerate(CASES):
        # Each value into its own column by header, so a column the schema gains never shifts the rest.
        values = dict(zip(ROW_COLUMNS, row))
        values["E-mail casemanager"] = CASEMANAGERS[values["Casemanager"]]   # for `poortwachter signals`
        line = [None] * width + [f"KP-{400 + i}"]
        for header, value in values.items():
            line[headers[header] - 1] = value
        cases.append(line)
    for name, rows in (("Evaluaties", EVALUATIONS), ("Activiteiten", ACTIVITIES), ("Sollicitaties", APPLICATIONS),
                       ("Verzuimperiodes", PERIODS)):
        for row in rows:
            book[name].append(row)
    for ws in book.worksheets:
        for line in ws.iter_rows(min_row=2):
            for cell in line:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "DD-MM-YYYY"
    book.save(path)


if __name__ == "__main__":
    build(Path(__file__).resolve().parent / "casussen.xlsx")
