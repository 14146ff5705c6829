"""Reasons and 'return in the own organisation is not in view' written inside dossier documents."""

import datetime as dt
import json

import pytest

from plugin.check.cache import _decode_documents, _encode_documents
from plugin.check.evaluate import evaluate_case
from plugin.check.reporters.json_report import as_dict
from plugin.check.findings import CheckResult
from plugin.check.rules import load_rules
from plugin.check.scan import DossierDocument, documents_from
from plugin.recognize.statements import OWN_WORK_RULED_OUT, QUOTE_CHARS, REASON, Statement, extract
from plugin.core.case_facts import CaseFacts, Recorded
from plugin.readers import Extracted

D = dt.date
FIRST = D(2025, 1, 6)  # week 6 ends 16-02-2025, week 8 on 02-03-2025
RULES = {r.id: r for r in load_rules()}


def doc(type_, date, text="", path=None):
    return DossierDocument(path or f"C-1/{type_} {date}.txt", type_, date, "filename", None, "nl",
                           statements=extract(text, type_, date))


def facts(**fields):
    return CaseFacts("C-1", fields.pop("first", FIRST), employee="Jan Jansen", **fields)


def run(rule_id, documents, as_of, case=None, lang="nl"):
    result = evaluate_case(case or facts(), documents, [RULES[rule_id]], as_of, "C-1", lang)
    return result.findings


# --- extraction -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, doc_type, milestone", [
    ("Dit plan is later opgesteld omdat de probleemanalyse pas op 3 maart beschikbaar was.", "plan-van-aanpak",
     "plan_van_aanpak"),
    ("Het plan van aanpak is later opgesteld omdat de werknemer drie weken in het buitenland was.", "evaluatie",
     "plan_van_aanpak"),
    ("Reden voor afwijking van de termijn: de werknemer was drie weken in het buitenland.", "plan-van-aanpak",
     "plan_van_aanpak"),
    ("Reden voor afwijking van de termijn voor de probleemanalyse: de bedrijfsarts was met verlof.",
     "plan-van-aanpak", "probleemanalyse"),
    ("Reden afwijking:\nDe werknemer verbleef drie weken in het buitenland.", "plan-van-aanpak", "plan_van_aanpak"),
    ("Er is afgeweken van de termijn omdat werkgever en werknemer eerst de werkplek wilden aanpassen.",
     "probleemanalyse", "probleemanalyse"),
    ("De evaluatie is in overleg met de werknemer uitgesteld omdat zij op vakantie was.", "evaluatie", "evaluaties"),
    ("Het gesprek is verschoven naar later. De reden hiervoor is dat de casemanager afwezig was.", "evaluatie",
     "evaluaties"),
    ("This plan was drawn up later because the problem analysis only arrived in week 9.", "plan-van-aanpak",
     "plan_van_aanpak"),
    ("Reason for the deviation: the employee was abroad for three weeks.", "plan-van-aanpak", "plan_van_aanpak"),
    ("The evaluation was postponed in consultation with the employee because she was on holiday.", "evaluatie",
     "evaluaties"),
    ("Dit plan is na de uiterlijke datum opgesteld omdat de werknemer in het buitenland verbleef.", "plan-van-aanpak",
     "plan_van_aanpak"),   # the prompt of our own template, filled in
    ("Het tweede spoor wordt uitgesteld omdat er concreet zicht is op terugkeer binnen drie maanden.",
     "eerstejaarsevaluatie", "start_2e_spoor"),
    ("The second track was postponed because a structural return within three months is in sight.", "evaluatie",
     "start_2e_spoor"),
])
def test_a_clear_reason_is_found_with_its_milestone(text, doc_type, milestone):
    [statement] = extract(text, doc_type, D(2025, 3, 10))
    assert (statement.kind, statement.milestone, statement.date) == (REASON, milestone, D(2025, 3, 10))
    assert statement.quote and len(statement.quote) <= QUOTE_CHARS


@pytest.mark.parametrize("text", [
    "Reden afwijking: n.v.t.",
    "Reden afwijking:\n-",
    "Er is niet afgeweken van de termijn.",
    "Reden voor afwijking: geen",
    "De training is uitgesteld omdat de trainer weg was.",          # no milestone named: not a deadline
    "Het plan van aanpak is op tijd opgesteld.",
    "We did not deviate from the deadline; no deviation was needed.",
    "Reason for the deviation: n/a",
    # our own template's prompt, not filled in
    "[Aanvullen: dit plan is na de uiterlijke datum opgesteld. Leg de reden vast die werkgever en werknemer "
    "daarvoor hebben (Regeling procesgang art. 5).]",
    "[Complete: this plan was drawn up after the due date. Record the reason employer and employee have for this "
    "(Regeling procesgang art. 5).]",
])
def test_no_reason_in_denials_empty_labels_and_vague_sentences(text):
    assert extract(text, "plan-van-aanpak", D(2025, 3, 10)) == ()


@pytest.mark.parametrize("text", [
    "Er is geen terugkeer in eigen functie of ander passend werk bij de eigen werkgever mogelijk.",
    "Conclusie: re-integratie eerste spoor niet haalbaar.",
    "Terugkeer binnen de eigen organisatie is niet meer in beeld.",
    "Terugkeer binnen de eigen organisatie is niet in beeld.",
    "Er is geen passend werk binnen de eigen organisatie.",
    "Return within the own organisation is no longer in view.",
    "There is no suitable work with the own employer.",
    "Re-integration in the first track is not feasible.",
])
def test_return_in_the_own_organisation_not_in_view(text):
    [statement] = [s for s in extract(text, "arbeidsdeskundig-rapport", D(2025, 9, 1)) if s.kind != "onderdeel"]
    assert (statement.kind, statement.milestone, statement.date) == (OWN_WORK_RULED_OUT, None, D(2025, 9, 1))


@pytest.mark.parametrize("text", [
    "Als er geen passend werk bij de eigen werkgever is, start het tweede spoor.",
    "Werkgever onderzoekt of er geen passend werk bij de eigen werkgever is.",
    "Is terugkeer binnen de eigen organisatie niet meer in beeld?",
    "Volledige terugkeer in de eigen functie is niet te verwachten.",   # other work with the employer: 1e spoor
    "Binnen het bedrijf is geen ander passend werk gevonden.",
    "If there is no suitable work with the own employer, the second track starts.",
    "Terugkeer in de eigen organisatie is goed mogelijk.",
])
def test_conditions_questions_and_own_job_only_do_not_count(text):
    assert extract(text, "evaluatie", D(2025, 9, 1)) == ()


def test_a_quote_with_a_medical_word_is_not_copied_but_still_counts():
    [statement] = extract("Het plan van aanpak is later opgesteld omdat de werknemer een knieoperatie had.",
                          "plan-van-aanpak", D(2025, 3, 10))
    assert statement.kind == REASON and statement.quote == ""
    findings = run("WVP002", [doc("probleemanalyse", D(2025, 2, 10)),
                              DossierDocument("C-1/pva.docx", "plan-van-aanpak", D(2025, 3, 10), "filename", None,
                                              "nl", statements=(statement,))], D(2025, 4, 1))
    [finding] = findings
    assert finding.severity == "warning" and "knieoperatie" not in finding.message
    assert "reden weggelaten: medische term" in finding.message


def test_a_sentence_wrapped_over_lines_is_read_whole_and_a_heading_stays_apart():
    text = ("Evaluatie\nHet plan van aanpak is later opgesteld\nomdat de werknemer drie weken in het\n"
            "buitenland verbleef.\nVolgende afspraak in juni.")
    [statement] = extract(text, "plan-van-aanpak", D(2025, 3, 10))
    assert statement.milestone == "plan_van_aanpak"
    assert statement.quote == ("Het plan van aanpak is later opgesteld omdat de werknemer drie weken in het "
                               "buitenland verbleef.")


def test_a_long_sentence_is_cut_to_the_quote_length():
    text = "Het plan van aanpak is later opgesteld omdat " + "de werkgever en de werknemer overlegden " * 10 + "."
    [statement] = extract(text, "plan-van-aanpak", D(2025, 3, 10))
    assert len(statement.quote) <= QUOTE_CHARS and statement.quote.endswith("…")


# --- the check --------------------------------------------------------------------------------

LATE_PLAN = "Plan van aanpak\nDit plan is later opgesteld omdat de werknemer drie weken in het buitenland verbleef."


def test_a_late_plan_whose_own_document_says_why_is_a_warning_quoting_the_reason():
    plain = [doc("probleemanalyse", D(2025, 2, 10)), doc("plan-van-aanpak", D(2025, 3, 10))]
    [error] = run("WVP002", plain, D(2025, 4, 1))
    assert error.severity == "error"
    explained = [plain[0], doc("plan-van-aanpak", D(2025, 3, 10), LATE_PLAN, path="C-1/PvA.docx")]
    [finding] = run("WVP002", explained, D(2025, 4, 1))
    assert finding.severity == "warning" and finding.due == error.due
    assert "drie weken in het buitenland" in finding.message and "C-1/PvA.docx" in finding.message
    assert "C-1/PvA.docx" in finding.paths
    [english] = run("WVP002", explained, D(2025, 4, 1), lang="en")
    assert "Recorded reason for the deviation (in C-1/PvA.docx)" in english.message


def test_the_workbook_reason_comes_first():
    documents = [doc("probleemanalyse", D(2025, 2, 10)), doc("plan-van-aanpak", D(2025, 3, 10), LATE_PLAN)]
    case = facts(plan_of_action=Recorded(reason="werknemer op vakantie"))
    [finding] = run("WVP002", documents, D(2025, 4, 1), case)
    assert "werknemer op vakantie" in finding.message and "buitenland" not in finding.message


def test_a_reason_for_another_milestone_does_not_excuse_this_one():
    text = "Reden voor afwijking van de termijn voor de probleemanalyse: de bedrijfsarts was met verlof."
    documents = [doc("probleemanalyse", D(2025, 2, 10)), doc("plan-van-aanpak", D(2025, 3, 10), text)]
    assert [f.severity for f in run("WVP002", documents, D(2025, 4, 1))] == ["error"]
    late_pa = [doc("probleemanalyse", D(2025, 2, 20)), doc("plan-van-aanpak", D(2025, 3, 1), text)]
    assert [f.severity for f in run("WVP001", late_pa, D(2025, 4, 1))] == ["warning"]


def test_an_evaluation_that_says_why_it_was_postponed_softens_the_gap():
    documents = [doc("probleemanalyse", D(2025, 2, 10)), doc("plan-van-aanpak", D(2025, 2, 20)),
                 doc("evaluatie", D(2025, 5, 1), "De evaluatie is in overleg met de werknemer uitgesteld omdat "
                                                 "zij twee weken met vakantie was.")]
    findings = run("WVP003", documents, D(2025, 5, 5))
    assert [f.severity for f in findings] == ["warning"] and "met vakantie" in findings[0].message
    # ... but not the evaluations missing after it
    later = run("WVP003", documents, D(2025, 7, 1))
    assert [(f.severity, f.due) for f in later] == [("error", D(2025, 6, 12)), ("warning", D(2025, 4, 3))]
    assert "met vakantie" not in later[0].message


def test_a_reason_in_a_document_of_an_earlier_sick_period_does_not_count():
    # Sick 6-1-2025..30-3-2025, again from 1-9-2025 (a gap of more than 4 weeks: a new clock).
    from plugin.core.sick_days import Period
    case = facts(first=D(2025, 1, 6), sick_periods=(Period(D(2025, 1, 6), D(2025, 3, 30)), Period(D(2025, 9, 1), None)))
    old = doc("plan-van-aanpak", D(2025, 3, 10), LATE_PLAN, path="C-1/PvA 2025-03.docx")
    documents = [old, doc("probleemanalyse", D(2025, 10, 1)), doc("plan-van-aanpak", D(2025, 11, 1))]
    [finding] = run("WVP002", documents, D(2025, 12, 1), case)
    assert finding.severity == "error" and "buitenland" not in finding.message


AD_TEXT = ("Arbeidsdeskundig rapport\nConclusie: er is geen terugkeer in eigen functie of ander passend werk bij de "
           "eigen werkgever.")


def test_a_first_year_evaluation_that_says_why_the_second_track_waits_softens_wvp006():
    text = "Het tweede spoor wordt uitgesteld omdat er concreet zicht is op terugkeer binnen drie maanden."
    [finding] = run("WVP006", [doc("eerstejaarsevaluatie", D(2025, 12, 1), text)], D(2026, 2, 1))
    assert (finding.severity, finding.due) == ("warning", D(2026, 1, 12)) and "concreet zicht" in finding.message


def test_a_labour_expert_report_makes_the_second_track_due_from_its_date():
    documents = [doc("evaluatie", D(2025, 8, 1)), doc("arbeidsdeskundig-rapport", D(2025, 9, 1), AD_TEXT, "C-1/AD.pdf")]
    # "zodra": six weeks' grace after the report (practice), an error after them
    [finding] = run("WVP006", documents, D(2025, 11, 1))
    assert (finding.severity, finding.due) == ("error", D(2025, 10, 13))
    assert "niet in zicht sinds 01-09-2025, volgens C-1/AD.pdf" in finding.message
    started = documents + [doc("trajectplan", D(2025, 8, 25))]
    assert run("WVP006", started, D(2025, 11, 1)) == []


def test_a_later_statement_does_not_move_the_second_track_later():
    case = facts(own_work_ruled_out=D(2025, 8, 1))
    later = [doc("arbeidsdeskundig-rapport", D(2025, 9, 1), AD_TEXT)]
    [finding] = run("WVP006", later, D(2025, 10, 1), case)
    assert finding.due == D(2025, 9, 12) and "volgens" not in finding.message
    two = [doc("evaluatie", D(2025, 7, 1), "Terugkeer binnen de eigen organisatie is niet meer in beeld."),
           doc("arbeidsdeskundig-rapport", D(2025, 9, 1), AD_TEXT)]
    [finding] = run("WVP006", two, D(2025, 10, 1))
    assert finding.due == D(2025, 8, 12)


def test_an_english_statement_counts_and_the_calendar_follows():
    text = "Return within the own organisation is no longer in view."
    documents = [doc("evaluatie", D(2025, 9, 1), text)]
    result = evaluate_case(facts(), documents, list(RULES.values()), D(2025, 11, 1), "C-1", "en")
    [finding] = [f for f in result.findings if f.rule == "WVP006"]
    assert finding.due == D(2025, 10, 13) and "return in the own organisation not in view since" in finding.message


def test_an_own_work_statement_of_an_earlier_period_does_not_count():
    from plugin.core.sick_days import Period
    case = facts(sick_periods=(Period(D(2025, 1, 6), D(2025, 3, 30)), Period(D(2025, 9, 1), None)))
    documents = [doc("evaluatie", D(2025, 3, 1), "Terugkeer binnen de eigen organisatie is niet meer in beeld.")]
    assert run("WVP006", documents, D(2025, 12, 1), case) == []


# --- scan, cache and JSON ---------------------------------------------------------------------

def test_the_scan_finds_statements_and_the_cache_and_json_keep_them():
    item = Extracted(name="PvA Jansen 2025-03-10.txt", kind="txt", text=LATE_PLAN + "\nDatum: 10-03-2025")
    [scanned] = documents_from(item, "C-1/PvA Jansen 2025-03-10.txt")
    assert scanned.type == "plan-van-aanpak"
    assert [(s.kind, s.milestone) for s in scanned.statements] == [(REASON, "plan_van_aanpak")]
    assert scanned.statements[0].date == scanned.date
    [again] = _decode_documents(_encode_documents([scanned], "C-1/"), "C-1/")
    assert again == scanned
    result = evaluate_case(facts(), [scanned], [RULES["WVP002"]], D(2025, 4, 1), "C-1")
    data = json.loads(json.dumps(as_dict(CheckResult(D(2025, 4, 1), "", [result], "nl", []))))
    [shown] = data["cases"][0]["documents"][0]["statements"]
    assert shown == {"kind": REASON, "milestone": "plan_van_aanpak", "quote": scanned.statements[0].quote,
                     "date": scanned.date.isoformat(), "by": "onbekend"}


def test_statement_round_trip():
    statement = Statement(OWN_WORK_RULED_OUT, None, "Terugkeer ...", D(2025, 9, 1))
    assert Statement.from_dict(statement.as_dict()) == statement


def test_a_dossier_folder_checked_twice_through_the_scan_cache(tmp_path):
    from plugin.check.cache import ScanCache
    from plugin.check.run import check_dossiers

    folder = tmp_path / "dossiers" / "2025-010 Jansen"
    folder.mkdir(parents=True)
    (folder / "Arbeidsdeskundig rapport 2025-09-01.txt").write_text(
        "Arbeidsdeskundig rapport\nEerste ziektedag: 6 januari 2025\nDatum: 1 september 2025\n\n"
        "Conclusie: er is geen terugkeer in eigen functie of ander passend werk bij de eigen\nwerkgever.\n",
        encoding="utf-8")
    (folder / "Evaluatie 2025-08-01.txt").write_text("Verslag evaluatiegesprek\nDatum: 1 augustus 2025\n", encoding="utf-8")
    results = []
    for _ in range(2):   # cold, then every document from the cache
        cache = ScanCache(tmp_path / "cache.sqlite")
        try:
            result = check_dossiers(tmp_path / "dossiers", as_of=D(2025, 10, 1), workers=1, cache=cache)
        finally:
            cache.close()
        [case] = result.cases
        results.append(case)
        [finding] = [f for f in case.findings if f.rule == "WVP006"]
        assert finding.due == D(2025, 10, 13) and "Arbeidsdeskundig rapport 2025-09-01.txt" in finding.message
    assert results[0].documents == results[1].documents


def test_sentence_ends_searched_apart_are_the_one_patterns():
    """_ends (two patterns merged) gives _SENTENCE_END's match starts, on odd mixes of marks."""
    import random

    from plugin.recognize.statements import _SENTENCE_END, _ends

    rnd = random.Random(19)
    texts = ["Dit is af. Nu dit.\nen verder\nNieuw! (Ja) 'Nee'?  \n\n 1 twee. drie"]
    texts += ["".join(rnd.choice(".!? \n\tAa(\"'bZ1é") for _ in range(rnd.randint(0, 40))) for _ in range(5000)]
    for text in texts:
        assert _ends(text) == [m.start() for m in _SENTENCE_END.finditer(text)], repr(text)


def test_spans_as_when_the_last_span_was_stripped_again_each_time():
    """_spans keeps whether the last span is a label; the plain form looked at it again."""
    import random

    from plugin.recognize.statements import _ends, _spans

    def plain(text):
        spans = []
        start = 0
        for end in _ends(text) + [len(text)]:
            piece = text[start:end].strip()
            if piece:
                if spans and len(text[spans[-1][0]:spans[-1][1]].strip()) <= 60 \
                        and text[spans[-1][0]:spans[-1][1]].rstrip().endswith(":"):
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
            start = end
        return spans

    rnd = random.Random(23)
    pieces = ["Reden afwijking:", "Reden:", "n.v.t.", " ", "\n", "\n\n", ". ", "Dit", "wel", ":", " :", "x" * 58, "A",
              "\t", "! ", "? "]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))) for _ in range(5000)]
    for text in texts:
        assert _spans(text) == plain(text), repr(text)


def test_cue_positions_as_each_cue_looked_for_alone():
    """Cues found through a shared part (vanwege/wegens by 'wege', ...) are where each looked for
    alone finds them, and where _CUE_LOWER finds them."""
    import random

    from plugin.core.gates import lowered
    from plugin.recognize.statements import _CUE_LOWER, _CUE_STRINGS, _cue_positions

    def alone(lower):
        found = set()
        for cue in _CUE_STRINGS:
            at = lower.find(cue)
            while at >= 0:
                if at == 0 or not (lower[at - 1].isalnum() or lower[at - 1] == "_"):
                    found.add(at)
                at = lower.find(cue, at + 1)
        return sorted(found)

    rnd = random.Random(29)
    pieces = [*_CUE_STRINGS, "van", "wege", "i", "v", "m", ".", "ow", "kn", "x", "_", "é", "1", "ns", "ing", "Wegens",
              "VANWEGE", "I.V.M", "Own"]
    texts = ["".join(rnd.choice(pieces) + rnd.choice(["", " ", "", "\n", "-"]) for _ in range(rnd.randint(0, 12)))
             for _ in range(5000)]
    hits = 0
    for text in texts:
        low = lowered(text)
        lower = text.lower()
        assert _cue_positions(text, low) == alone(lower) == [m.start() for m in _CUE_LOWER.finditer(lower)], repr(text)
        hits += len(alone(lower))
    assert hits > 10000
