"""The bundled example dossiers give exactly the findings examples/dossiers/LEESMIJ.md describes."""

import datetime as dt
from pathlib import Path

import pytest

from plugin.check.run import check_dossiers
from plugin.workbook.load import load_workbook

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
D = dt.date

EXPECTED = {
    # UWV's letter dates the WIA application 13-10-2026 (the workbook 12-10-2026: WVP020 says so)
    # No re-integratieverslag (week 91) in the dossier, nor the employee's view in it (issue 9).
    "2025-001": [("WVP003", "error", D(2025, 8, 15)), ("WVP014", "error", D(2026, 10, 11)),
                 ("WVP011", "error", D(2026, 10, 13)),
                 ("WVP020", "warning", D(2025, 8, 15)), ("WVP020", "warning", D(2026, 8, 24)),
                 ("WVP015", "warning", D(2026, 10, 11)),
                 ("WVP020", "warning", D(2026, 10, 13)), ("WVP030", "info", None), ("WVP030", "info", None)],
    # The late probleemanalyse: its reason is written in the plan van aanpak, so a warning.
    "2025-002": [("WVP003", "error", D(2025, 12, 5)),
                 ("WVP003", "error", D(2026, 5, 15)), ("WVP003", "error", D(2026, 6, 29)),
                 ("WVP006", "error", D(2026, 6, 29)), ("WVP001", "warning", D(2025, 7, 13)),
                 ("WVP007", "warning", D(2026, 6, 29))],
    "2025-003": [("WVP003", "error", D(2026, 4, 10)), ("WVP004", "error", D(2026, 6, 29)),
                 ("WVP005", "error", D(2026, 9, 6)), ("WVP006", "error", D(2026, 10, 18)),
                 ("WVP007", "warning", D(2026, 10, 18))],  # no legal deadline: a warning (issue 9)
    "2025-004": [("WVP031", "error", None)],
    "2026-005": [],  # the signed plan van aanpak is a scan (Scan_0001.pdf), read by OCR
    "2026-006": [("WVP003", "error", D(2026, 6, 11)), ("WVP003", "error", D(2026, 7, 24))],
    "2026-007": [("WVP003", "error", D(2026, 6, 1))],
    # Complete (issue 18): the 2e spoor lapses with the recorded reason (AD report: suitable work in the
    # own organisation), the re-integratieverslag is due on 29-11-2026 (week 91).
    "2025-008": [("WVP006", "warning", D(2026, 3, 10)), ("WVP014", "warning", D(2026, 11, 29))],
}


@pytest.fixture(scope="module")
def result():
    return check_dossiers(EXAMPLES / "dossiers", load_workbook(EXAMPLES / "casussen.xlsx"), D(2026, 11, 24))


# What UWV's RIV-toets asks of the content (issue 21): the example documents were written before
# these rules, so they lack the re-integratievisie (since 1 July 2023), the EJE's goal for year 2,
# a bijstelling of the plan after the EJE, the AD report and the start of the 2e spoor, and a
# trajectplan that refers to the AD report.
RIV_TOETS = {
    "2025-001": [("WVP043", "warning", None), ("WVP043", "warning", None),
                 ("WVP044", "warning", None), ("WVP046", "warning", None),
                 ("WVP040", "warning", D(2026, 1, 26)), ("WVP041", "warning", D(2026, 2, 2)),
                 ("WVP042", "warning", D(2026, 2, 23))],
    "2025-002": [("WVP043", "warning", None), ("WVP043", "warning", None),
                 ("WVP044", "warning", None), ("WVP040", "warning", D(2026, 6, 29))],
    "2025-003": [("WVP043", "warning", None)],
    "2025-004": [],
    "2026-005": [],   # its scanned plan van aanpak holds the re-integratievisie
    "2026-006": [("WVP043", "warning", None)],
    "2026-007": [("WVP043", "warning", None)],
    "2025-008": [],   # the re-integratievisie, the EJE's look back and goal, the bijstelling: all there
}
_CONTENT_RULES = {"WVP040", "WVP041", "WVP042", "WVP043", "WVP044", "WVP045", "WVP046", "WVP047"}


def test_exact_findings_per_case(result):
    found = {c.case: [(f.rule, f.severity, f.due) for f in c.findings if f.rule not in _CONTENT_RULES]
             for c in result.cases}
    assert found == EXPECTED
    content = {c.case: sorted((f.rule, f.severity, str(f.due)) for f in c.findings if f.rule in _CONTENT_RULES)
               for c in result.cases}
    assert content == {case: sorted((r, s, str(d)) for r, s, d in items) for case, items in RIV_TOETS.items()}


def test_case_facts(result):
    facts = {c.case: (c.first_sick_day, c.week, c.folder, c.in_workbook) for c in result.cases}
    assert facts["2025-001"] == (D(2025, 1, 13), 98, "2025-001 El Amrani", True)
    assert facts["2025-002"][2] == "2025-002 De Vries"          # matched by case number
    assert facts["2025-003"][2] == "Thompson 2025-003"          # matched by Dossiermap
    assert facts["2026-007"] == (D(2026, 3, 2), 39, "2026-007 Jansen", False)  # first sick day from the text


def test_documents_are_typed_dated_and_english_is_found(result):
    docs = {d.path: d for c in result.cases for d in c.documents}
    ours = docs["2025-001 El Amrani/rapportage maart.docx"]
    assert (ours.type, ours.date, ours.evidence) == ("evaluatie", D(2026, 3, 6), "properties")
    english = [d for d in docs.values() if d.path.startswith("Thompson") and d.type]
    assert english and all(d.language == "en" for d in english)
    assert {d.evidence for d in docs.values() if d.type} >= {"properties", "filename", "content", "ocr", "mail"}
    assert docs["2025-001 El Amrani/UWV 16-10-2026.pdf"].issuer == "UWV"
    attachments = [d for d in docs.values() if ".eml/" in d.path and d.type]
    assert attachments
    unreadable = {d.path: d.problem for d in docs.values() if d.problem}
    assert set(unreadable) == {"2025-001 El Amrani/scan001.pdf", "2025-001 El Amrani/foto werkplek.jpg"}


def test_mailbox_evidence_fills_gaps_and_names_the_message(tmp_path, capsys):
    import json

    from plugin.cli import main

    code = main(["check", str(EXAMPLES / "dossiers"), "--workbook", str(EXAMPLES / "casussen.xlsx"), "--as-of",
                 "2026-11-24", "--mailbox", f"folder:{EXAMPLES / 'mailbox'}", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    cases = {c["case"]: c for c in data["cases"]}
    # The week-42 confirmation of 2025-003 exists only in mail: no more WVP004 for that case.
    assert "WVP004" not in [f["rule"] for f in cases["2025-003"]["findings"]]
    mails = [d for d in cases["2025-003"]["documents"] if d["evidence"] == "mail"]
    week42 = next(d for d in mails if d["type"] == "42e-weekmelding")
    assert week42["date"] == "2026-06-29"
    assert "INBOX" in week42["path"] and "Bevestiging ziekmelding langdurig verzuim (42e week)" in week42["path"]
    # Bakker has no folder, but the signed plan came by mail: the folder finding stays, the plan counts.
    bakker = cases["2025-004"]
    assert "WVP031" in [f["rule"] for f in bakker["findings"]]
    assert "WVP002" not in [f["rule"] for f in bakker["findings"]]


def test_json_documents_use_only_the_documented_evidence_values(capsys):
    import json

    from plugin.cli import main

    main(["check", str(EXAMPLES / "dossiers"), "--workbook", str(EXAMPLES / "casussen.xlsx"), "--as-of", "2026-11-24",
          "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    documents = [d for c in data["cases"] for d in c["documents"]]
    assert {d["evidence"] for d in documents} <= {"properties", "filename", "content", "ocr", "mail"}
    assert all(d["why"] for d in documents)
    assert {d["language"] for d in documents} <= {"nl", "en"}
    assert all(d["date"] is None or len(d["date"]) == 10 for d in documents)
    assert all(set(d) == {"path", "type", "date", "evidence", "why", "language", "statements"} for d in documents)
    statements = [s for d in documents for s in d["statements"]]
    assert all({"kind", "milestone", "quote", "date"} <= set(s) <= {"kind", "milestone", "quote", "date", "by", "part",
                                                                    "weeks"} for s in statements)
    assert {s["kind"] for s in statements} <= {"reden_afwijking", "geen_terugkeer_eigen_organisatie", "onderdeel",
                                               "verlenging_wachttijd", "verlenging_afgewezen", "loonsanctie",
                                               "einde_loonsanctie"}
