"""Generate checks/REGELS.md, the readable list of every rule, from the rule files.

    python -m plugin.check.rules_doc > checks/REGELS.md

A test fails when the page is stale.
"""

from __future__ import annotations

import sys

from plugin.core.doctypes import DOC_TYPES
from plugin.check.rules import Rule, load_rules
from plugin.core.wvp_calendar import DUE_SOON


def render_rules_doc(rules: list[Rule]) -> str:
    lines = ["# Regels van de dossiercheck", "",
             "Gegenereerd uit `checks/*regels*.toml` met `python -m plugin.check.rules_doc`; pas de TOML aan, niet dit bestand.",
             f"Een termijn die al voorbij is krijgt de ernst van de regel; een termijn binnen {DUE_SOON.days // 7} weken is een "
             "waarschuwing.",
             "Een vastgelegde reden voor een afwijking (werkmap: `Reden afwijking ...`, `Reden geen 2e spoor`; of in een "
             "document van de huidige verzuimperiode, bijvoorbeeld 'het plan van aanpak is later opgesteld omdat ...') maakt "
             "van een te late of ontbrekende mijlpaal een waarschuwing die de reden noemt; UWV beoordeelt of die deugdelijk is.",
             "Zegt een document (arbeidsdeskundig rapport, evaluatie) dat terugkeer in de eigen organisatie niet in zicht is, "
             "dan is het 2e spoor vanaf de datum van dat document nodig (`eerder_bij`).", ""]
    for rule in rules:
        docs = ", ".join(f"`{t}`" for t in rule.params.get("documenten", []) if t in DOC_TYPES)
        lines += [f"## {rule.id} — {rule.title_nl}", "",
                  f"*{rule.title_en}*", "",
                  f"- Soort: `{rule.kind}`; ernst: `{rule.severity}`" + (f"; documenten: {docs}" if docs else ""),
                  f"- Grondslag: {rule.basis}",
                  *(["- Termijn uit de praktijk (UWV-beleid of gewoonte), niet uit de wet."] if rule.practice else []),
                  f"- Herstel: {rule.fix_nl}",
                  f"- Fix: {rule.fix_en}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(render_rules_doc(load_rules()))
