import pytest

from plugin.check.rule_kinds import KINDS
from plugin.errors import RuleFileError
from plugin.resources import checks_dir
from plugin.check.rules import KIND_FIELDS, load_rules

GOOD = '''
[[regel]]
id = "WVP901"
soort = "termijn"
titel = "t"
titel_en = "t"
documenten = ["probleemanalyse"]
mijlpaal = "probleemanalyse"
ernst = "error"
grondslag = "g"
herstel = "h"
herstel_en = "h"
'''


def test_bundled_rules_load_and_every_kind_has_logic():
    rules = load_rules()
    assert {r.id for r in rules} >= {"WVP001", "WVP002", "WVP003", "WVP006", "WVP011", "WVP030"}
    assert set(KIND_FIELDS) == set(KINDS)
    assert all(kind.__name__ == name for name, kind in KINDS.items())  # one name: the rule file's `soort`
    assert all(r.title_en and r.fix_en and r.basis for r in rules)


@pytest.mark.parametrize(("change", "fragment"), (
    (('ernst = "error"', 'ernst = "fataal"'), "regel WVP901, veld 'ernst'"),
    (('soort = "termijn"', 'soort = "deadline"'), "regel WVP901, veld 'soort'"),
    (('mijlpaal = "probleemanalyse"', 'mijlpaal = "week6"'), "regel WVP901, veld 'mijlpaal': onbekende mijlpaal"),
    (('documenten = ["probleemanalyse"]', 'documenten = ["pa"]'), "veld 'documenten': onbekend documenttype 'pa'"),
    (('documenten = ["probleemanalyse"]', 'documenten = "probleemanalyse"'), "veld 'documenten': moet een lijst zijn"),
    (('herstel_en = "h"', ''), "veld 'herstel_en': ontbreekt"),
    (('id = "WVP901"', 'id = "regel1"'), "veld 'id'"),
    (('grondslag = "g"', 'grondslag = "g"\nweken = 3'), "veld 'weken': onbekend veld"),
    (('[[regel]]', '[[regel]'), "geen geldige TOML"),
))
def test_broken_rule_file_names_file_rule_and_field(tmp_path, change, fragment):
    path = tmp_path / "eigen-regels.toml"
    path.write_text(GOOD.replace(*change))
    with pytest.raises(RuleFileError) as caught:
        load_rules(tmp_path)
    assert "eigen-regels.toml" in str(caught.value) and fragment in str(caught.value)


def test_duplicate_ids_across_files(tmp_path):
    (tmp_path / "a-regels.toml").write_text(GOOD)
    (tmp_path / "b-regels.toml").write_text(GOOD)
    with pytest.raises(RuleFileError, match="WVP901: id komt dubbel voor"):
        load_rules(tmp_path)


def test_rules_doc_is_up_to_date():
    from plugin.check.rules_doc import render_rules_doc

    assert (checks_dir() / "REGELS.md").read_text(encoding="utf-8") == render_rules_doc(load_rules()), \
        "checks/REGELS.md is verouderd: python -m plugin.check.rules_doc > checks/REGELS.md"


def test_an_older_rule_file_with_uitzondering_still_works(tmp_path):
    import datetime as dt

    from plugin.check.evaluate import evaluate_case
    from plugin.check.scan import DossierDocument
    from plugin.core.case_facts import CaseFacts, Recorded

    (tmp_path / "oud-regels.toml").write_text(GOOD.replace('soort = "termijn"', 'soort = "binnen_na"').replace(
        'documenten = ["probleemanalyse"]\nmijlpaal = "probleemanalyse"',
        'documenten = ["trajectplan"]\nna_documenten = ["eerstejaarsevaluatie"]\nweken = 6\n'
        'uitzondering = "reden_geen_2e_spoor"'))
    rules = load_rules(tmp_path)
    eje = [DossierDocument("C/eje.txt", "eerstejaarsevaluatie", dt.date(2025, 12, 1), "filename", None, "nl")]
    facts = CaseFacts("C", dt.date(2025, 1, 6), second_track=Recorded(reason="herstel binnen 3 maanden"))
    [finding] = evaluate_case(facts, eje, rules, dt.date(2026, 2, 1), "C").findings
    assert finding.severity == "warning" and "herstel binnen 3 maanden" in finding.message
    with pytest.raises(RuleFileError, match="eerder_bij"):
        (tmp_path / "oud-regels.toml").write_text(GOOD.replace('soort = "termijn"', 'soort = "binnen_na"').replace(
            'mijlpaal = "probleemanalyse"', 'weken = 6\neerder_bij = "morgen"'))
        load_rules(tmp_path)
