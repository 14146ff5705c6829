"""Every rule kind on in-memory cases: facts and documents as records, no file on disk."""

import datetime as dt

import pytest

from plugin.check.case_view import CaseView
from plugin.check.evaluate import calendar_from_documents, evaluate_case
from plugin.check.rule_kinds import KINDS
from plugin.check.rules import load_rules
from plugin.check.scan import DossierDocument
from plugin.core.case_facts import CaseFacts, HeldEvaluation, Recorded

D = dt.date
FIRST = D(2025, 1, 6)  # a Monday: week 6 ends 16-02-2025, week 8 on 02-03-2025
RULES = {r.id: r for r in load_rules()}


def doc(type_, date, path=None, problem=None):
    return DossierDocument(path or f"C-1/{type_ or 'x'} {date}.txt", type_, date, "filename", None, "nl",
                           problem=problem)


def facts(**fields):
    return CaseFacts("C-1", fields.pop("first", FIRST), employee="Jan Jansen", **fields)


def run(rule_id, documents, as_of, case=None, folder="C-1"):
    """The findings of one rule as (severity, due) pairs, plus the findings themselves."""
    result = evaluate_case(case or facts(), documents, [RULES[rule_id]], as_of, folder)
    return [(f.severity, f.due) for f in result.findings], result.findings


def test_termijn_late_missing_soon_and_undated():
    assert run("WVP001", [doc("probleemanalyse", D(2025, 2, 20))], D(2025, 3, 1))[0] == [("error", D(2025, 2, 16))]
    assert run("WVP001", [doc("probleemanalyse", D(2025, 2, 10))], D(2025, 3, 1))[0] == []
    assert run("WVP001", [doc("evaluatie", D(2025, 2, 10))], D(2025, 3, 1))[0] == [("error", D(2025, 2, 16))]
    assert run("WVP001", [doc("evaluatie", D(2025, 2, 10))], D(2025, 2, 5))[0] == [("warning", D(2025, 2, 16))]
    assert run("WVP001", [doc("evaluatie", D(2025, 1, 20))], D(2025, 1, 20))[0] == []
    found, findings = run("WVP001", [doc("probleemanalyse", None)], D(2025, 3, 1))
    assert found == [("warning", D(2025, 2, 16))] and "zonder datum" in findings[0].message


def test_termijn_plan_is_due_two_weeks_after_the_probleemanalyse():
    documents = [doc("probleemanalyse", D(2025, 2, 10)), doc("plan-van-aanpak", D(2025, 2, 25))]
    assert run("WVP002", documents, D(2025, 4, 1))[0] == [("error", D(2025, 2, 24))]


def test_terugkerend_lists_each_gap():
    documents = [doc("probleemanalyse", D(2025, 2, 10)), doc("plan-van-aanpak", D(2025, 2, 20)),
                 doc("evaluatie", D(2025, 3, 20)), doc("voortgangsrapportage", D(2025, 6, 1))]
    found, findings = run("WVP003", documents, D(2025, 7, 1))
    # 20-03 -> 01-06 is more than 6 weeks; the next one (13-07) is due within two weeks.
    assert found == [("error", D(2025, 5, 1)), ("warning", D(2025, 7, 13))]
    assert findings[0].paths == ("C-1/voortgangsrapportage 2025-06-01.txt",)


def test_binnen_na_and_its_recorded_exception():
    documents = [doc("eerstejaarsevaluatie", D(2025, 12, 1))]
    assert run("WVP006", documents, D(2026, 2, 1))[0] == [("error", D(2026, 1, 12))]
    with_reason = facts(second_track=Recorded(reason="concreet zicht op terugkeer binnen 3 maanden"))
    found, findings = run("WVP006", documents, D(2026, 2, 1), with_reason)
    assert found == [("warning", D(2026, 1, 12))]
    assert "concreet zicht op terugkeer binnen 3 maanden" in findings[0].message
    started = documents + [doc("trajectplan", D(2026, 1, 5))]
    assert run("WVP006", started, D(2026, 2, 1))[0] == []


def test_voor_needs_the_document_before_the_reference():
    documents = [doc("trajectplan", D(2026, 1, 5))]
    found, _ = run("WVP007", documents, D(2026, 2, 1))
    assert [f[1] for f in found] == [D(2026, 1, 5)]
    assert run("WVP007", documents + [doc("arbeidsdeskundig-rapport", D(2025, 12, 15))], D(2026, 2, 1))[0] == []


def test_maximale_leeftijd_at_the_wia_application():
    documents = [doc("actueel-oordeel", D(2026, 5, 1)), doc("wia-aanvraag", D(2026, 9, 1))]
    found, _ = run("WVP011", documents, D(2026, 10, 1))
    assert found == [("error", D(2026, 9, 1))]
    fresh = [doc("actueel-oordeel", D(2026, 7, 1)), doc("wia-aanvraag", D(2026, 9, 1))]
    assert run("WVP011", fresh, D(2026, 10, 1))[0] == []


def test_verplicht_bij_in_the_second_track_only():
    assert run("WVP008", [doc("evaluatie", D(2025, 3, 1))], D(2026, 3, 1))[0] == []
    in_track = facts(track="2")
    assert run("WVP008", [doc("evaluatie", D(2025, 3, 1))], D(2026, 3, 1), in_track)[0] == [("error", None)]
    started = [doc("trajectplan", D(2026, 1, 5))]
    assert run("WVP009", started, D(2026, 2, 1))[0] == []                       # 6 weeks not yet passed
    assert run("WVP009", started, D(2026, 3, 1))[0] == [("warning", D(2026, 2, 16))]


def test_werkmap_onderbouwd_compares_recorded_dates_with_documents():
    recorded = facts(problem_analysis=Recorded(D(2025, 2, 10)), evaluations=(HeldEvaluation(D(2025, 4, 1), 7),))
    found, findings = run("WVP020", [doc("probleemanalyse", D(2025, 2, 12))], D(2025, 5, 1), recorded)
    assert found == [("warning", D(2025, 4, 1))]
    assert "rij 7" in findings[0].message
    from_dossier = facts(problem_analysis=Recorded(D(2025, 2, 10)), in_workbook=False)
    assert run("WVP020", [doc("evaluatie", D(2025, 4, 1))], D(2025, 5, 1), from_dossier)[0] == []


def test_bestanden_lists_unreadable_and_unknown_files():
    documents = [doc(None, None, "C-1/kapot.pdf", problem="beschadigd"), doc(None, None, "C-1/boodschappen.txt"),
                 doc("evaluatie", D(2025, 3, 1))]
    _, findings = run("WVP030", documents, D(2025, 3, 2))
    assert [f.paths for f in findings] == [("C-1/kapot.pdf",), ("C-1/boodschappen.txt",)]
    assert {f.severity for f in findings} == {"info"}


def test_dossiermap_and_eerste_ziektedag():
    assert run("WVP031", [], D(2025, 3, 1), folder=None)[0] == [("error", None)]
    assert run("WVP031", [], D(2025, 3, 1), facts(in_workbook=False), folder=None)[0] == []
    unknown = facts(first=None, in_workbook=False)
    assert run("WVP032", [doc("evaluatie", D(2025, 3, 1))], D(2025, 3, 2), unknown)[0] == [("warning", None)]
    broken_row = facts(first=None)
    assert run("WVP032", [doc("evaluatie", D(2025, 3, 1))], D(2025, 3, 2), broken_row)[0] == [("error", None)]


def test_a_kind_can_be_called_directly_on_a_view():
    case = facts()
    documents = (doc("probleemanalyse", D(2025, 2, 20)),)
    view = CaseView(case, calendar_from_documents(case, documents), documents, D(2025, 3, 1))
    findings = KINDS["termijn"](RULES["WVP001"], view)
    assert [f.rule for f in findings] == ["WVP001"] and findings[0].paths == ("C-1/probleemanalyse 2025-02-20.txt",)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_runs_on_an_empty_in_memory_case(kind):
    rule = next(r for r in RULES.values() if r.kind == kind)
    view = CaseView(facts(), calendar_from_documents(facts(), ()), (), D(2026, 1, 1), "C-1")
    assert all(f.rule == rule.id for f in KINDS[kind](rule, view))
