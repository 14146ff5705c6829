"""A synthetic case workbook for the benchmark: N cases, deterministic (seeded per case).

Every case is in spoor "1+2" with Taal "nl", so all four document types apply and language
detection is not measured. Each case has 3-5 evaluations, 3-5 activities and 2-4
applications (about 4, 4 and 3). Case i gets its own random.Random(seed + i), so the
workbook for 250 cases is exactly the first 250 cases of the workbook for 1,000.

The free text is functional (limitations, agreements), never medical: the privacy guard
must pass, as it would for a real bureau's workbook.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

CASE_HEADERS = [
    "Casusnummer", "Naam werknemer", "Werkgever", "Eerste ziektedag", "Functie", "Contracturen per week",
    "Contactpersoon werkgever", "E-mail werkgever", "Casemanager", "Bedrijfsarts", "Arbeidsdeskundige",
    "Re-integratiebureau", "Coach", "Spoor", "Taal", "Dossiermap", "Datum probleemanalyse",
    "Datum plan van aanpak", "Datum 42e-weekmelding", "Datum eerstejaarsevaluatie",
    "Datum arbeidsdeskundig onderzoek", "Start 2e spoor", "Datum actueel oordeel", "Datum eindevaluatie",
    "Datum WIA-aanvraag", "Belastbaarheid", "Prognose", "Persoonsprofiel", "Zoekprofiel",
    "Verlenging wachttijd (weken)", "Reden geen 2e spoor", "Kostenplaats",
]
EVALUATION_HEADERS = ["Casusnummer", "Datum", "Soort", "Deelnemers", "Samenvatting", "Afspraken", "Volgende evaluatie"]
ACTIVITY_HEADERS = ["Casusnummer", "Datum", "Activiteit", "Status", "Resultaat"]
APPLICATION_HEADERS = ["Casusnummer", "Datum", "Werkgever", "Functie", "Resultaat"]

FIRST_NAMES = ["Fatima", "Pieter", "Sanne", "Johan", "Anouk", "Mehmet", "Lotte", "Daan", "Noor", "Bram", "Esra",
               "Kees", "Marloes", "Youssef", "Ingrid", "Ruben", "Chantal", "Sven", "Aylin", "Gerrit"]
LAST_NAMES = ["de Vries", "Jansen", "el Amrani", "Bakker", "Visser", "Yilmaz", "Smit", "Meijer", "de Boer",
              "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Kaya", "Dekker", "Brouwer"]
EMPLOYERS = ["Bouwbedrijf Jansen & Zn <BV>", "Zorggroep Het Anker", "Gemeente Zuidwaarde", "Kapsalon Visser",
             "Installatietechniek Oost", "Transportbedrijf 't Haantje", "Bakkerij De Korenaar", "Stichting Welzijn Noord",
             "Van Dam Accountants", "Hotel De Gouden Leeuw"]
JOBS = ["Calculator", "Verpleegkundige", "Medewerker openbare ruimte", "Kapster", "Monteur", "Chauffeur",
        "Bakker", "Administratief medewerker", "Receptionist", "Planner"]
CAPACITY = [
    "Kan maximaal {h} uur per dag werken, verdeeld over de dag.\nNiet tillen boven {kg} kg; geen werk op hoogte.",
    "Kan lichte fysieke taken doen, niet langer dan {m} minuten achtereen staan. Geen nachtdiensten.",
    "Beperkt in werken onder hoge tijdsdruk; maximaal {h} uur per dag beeldschermwerk met pauzes.",
    "Geen zwaar lichamelijk werk; kan lopen en fietsen, maximaal {h} uur per dag.",
]
PROGNOSIS = ["Geleidelijke opbouw verwacht; terugkeer in de eigen functie is binnen een jaar niet te verwachten.",
             "Herstel verloopt langzaam; deels terugkeer in aangepast werk is mogelijk.",
             "Terugkeer in aangepast eigen werk wordt op termijn verwacht."]
SUMMARIES = ["Opbouw naar {h} uur per dag in aangepast werk verloopt volgens plan.",
             "Opbouw stagneert op {h} uur per dag.", "Stabiel op {h} uur per dag.",
             "Werkervaringsplek loopt goed, {h} uur per dag.", "Twee sollicitaties verstuurd, één gesprek."]
AGREEMENTS = ["Uitbreiden naar {h} uur per dag.", "Doorgaan; volgende evaluatie over 6 weken.",
              "Netwerkgesprekken uitbreiden.\nDrie sollicitaties per maand.", "Bedrijfsarts vragen naar mogelijkheden."]
ACTIVITIES = ["Aangepast werk op kantoor", "Arbeidsdeskundig onderzoek", "Intake re-integratiebureau",
              "Beroepenoriëntatie en cv-training", "Werkervaringsplek", "Netwerkgesprekken"]
STATUSES = ["afgerond", "lopend", "gepland"]
RESULTS = ["afgewezen", "gesprek, afgewezen", "in gesprek", "geen reactie"]


def case_rows(i: int, seed: int = 2025):
    """The rows of case i: (case row, evaluations, activities, applications)."""
    rnd = random.Random(seed * 1_000_003 + i)
    cid = f"B{i + 1:05d}"
    name = f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}"
    employer = rnd.choice(EMPLOYERS)
    start = dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randrange(0, 540))

    def day(weeks: float) -> dt.date:
        return start + dt.timedelta(days=int(weeks * 7) + rnd.randrange(0, 5))

    h, kg, m = rnd.randint(2, 6), rnd.choice([5, 10, 15]), rnd.choice([20, 30, 45])
    row = [cid, name, employer, start, rnd.choice(JOBS), rnd.choice([24, 32, 36, 40]),
           f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}", f"hr{i}@werkgever.example", "Ellen de Wit",
           "Dr. R. Hoekstra", "Drs. K. Smit", "WerkSame", "Linda Bos", "1+2", "nl", f"{cid} {name}",
           day(5), day(7), day(42), day(48), day(50), day(55), day(88), day(90), day(92),
           rnd.choice(CAPACITY).format(h=h, kg=kg, m=m), rnd.choice(PROGNOSIS),
           "MBO-4, ruime werkervaring. Sterk in plannen en organiseren.",
           "Administratieve en planningsfuncties, 20-28 uur per week.", 0, "", f"KP-{400 + i % 97}"]
    evaluations = []
    week = 9.0
    for _ in range(rnd.randint(3, 5)):
        date = day(week)
        week += 6
        evaluations.append([cid, date, "6-wekelijkse evaluatie", f"{name}, E. de Wit",
                            rnd.choice(SUMMARIES).format(h=rnd.randint(2, 6)),
                            rnd.choice(AGREEMENTS).format(h=rnd.randint(3, 7)), date + dt.timedelta(weeks=6)])
    activities = [[cid, day(6 + 8 * k), rnd.choice(ACTIVITIES), rnd.choice(STATUSES), "Zie evaluatie"]
                  for k in range(rnd.randint(3, 5))]
    applications = [[cid, day(56 + 3 * k), rnd.choice(EMPLOYERS), rnd.choice(JOBS), rnd.choice(RESULTS)]
                    for k in range(rnd.randint(2, 4))]
    return row, evaluations, activities, applications


def write_workbook(path: Path, cases: int, seed: int = 2025) -> Path:
    """Write the workbook with openpyxl in write-only mode (fast, constant memory)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheets = {name: book.create_sheet(name) for name in ("Casussen", "Evaluaties", "Activiteiten", "Sollicitaties")}
    sheets["Casussen"].append(CASE_HEADERS)
    sheets["Evaluaties"].append(EVALUATION_HEADERS)
    sheets["Activiteiten"].append(ACTIVITY_HEADERS)
    sheets["Sollicitaties"].append(APPLICATION_HEADERS)
    for i in range(cases):
        row, evaluations, activities, applications = case_rows(i, seed)
        sheets["Casussen"].append(row)
        for name, rows in (("Evaluaties", evaluations), ("Activiteiten", activities), ("Sollicitaties", applications)):
            for r in rows:
                sheets[name].append(r)
    path = Path(path)
    book.save(path)
    return path
