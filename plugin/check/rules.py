"""Load and validate the rule set in checks/*.toml. A broken file names file, rule and field."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from plugin.core.doctypes import DOC_TYPES
from plugin.recognize.content import PARTS as CONTENT_PARTS
from plugin.errors import RuleFileError
from plugin.check.findings import SEVERITIES
from plugin.resources import checks_dir
from plugin.core.wvp_calendar import DEFS as MILESTONES

RULE_FILE_GLOB = "*regels*.toml"
_COMMON = {"id": str, "soort": str, "titel": str, "titel_en": str, "ernst": str, "grondslag": str,
           "herstel": str, "herstel_en": str}
# Per kind: required fields and optional fields with their types.
KIND_FIELDS: dict[str, tuple[dict, dict]] = {
    "termijn": ({"documenten": list, "mijlpaal": str}, {}),
    "terugkerend": ({"documenten": list, "vanaf": str, "weken": int}, {}),
    "binnen_na": ({"documenten": list, "weken": int}, {"na_documenten": list, "na_mijlpaal": str, "mijlpaal": str,
                                                     "eerder_bij": str, "uitzondering": str, "zodra_weken": int,
                                                     "te_late_na_telt_niet": bool}),
    "voor": ({"documenten": list}, {"voor_documenten": list, "voor_mijlpaal": str, "voorwaarde": str}),
    "maximale_leeftijd": ({"documenten": list, "maanden": int}, {"peil_documenten": list, "peil_mijlpaal": str}),
    "verplicht_bij": ({"documenten": list, "voorwaarde": str}, {"weken": int}),
    "werkmap_onderbouwd": ({}, {"marge_dagen": int}),
    "bestanden": ({}, {}),
    "dossiermap": ({}, {}),
    "eerste_ziektedag": ({}, {}),
    "verzuimperiodes": ({}, {}),
    "inhoud": ({"documenten": list, "onderdelen": list}, {"vanaf_datum": str, "ergens": bool, "voorwaarde": str}),
    "bijgesteld_na": ({"documenten": list, "na_documenten": list, "weken": int}, {"na_onderdelen": list}),
    "doorlopend": ({"documenten": list, "vanaf_documenten": list, "weken": int}, {}),
    "uwv_besluit": ({}, {}),
}
# Optional for every kind: praktijk = true marks a deadline that comes from practice (UWV's
# policy or custom), not from the law; the rules page says so.
_OPTIONAL_COMMON = {"praktijk": bool}
CONDITIONS = ("tweede_spoor",)
EXCEPTION_COLUMNS = ("reden_geen_2e_spoor",)
EARLIER_FACTS = ("geen_terugkeer_eigen_organisatie",)


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    title_nl: str
    title_en: str
    fix_nl: str
    fix_en: str
    severity: str
    basis: str
    params: dict = field(default_factory=dict, hash=False, compare=False)
    source: str = ""
    practice: bool = False  # the deadline comes from practice, not from the law

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_nl

    def fix(self, lang: str) -> str:
        return self.fix_en if lang == "en" else self.fix_nl


def load_rules(folder: Path | None = None) -> list[Rule]:
    folder = folder or checks_dir()
    files = sorted(folder.glob(RULE_FILE_GLOB)) if folder.is_dir() else [folder]
    if not files:
        raise RuleFileError(f"geen regelbestanden ({RULE_FILE_GLOB}) in {folder}")
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in files:
        for rule in _load_file(path):
            if rule.id in seen:
                raise RuleFileError(f"{path.name}: regel {rule.id}: id komt dubbel voor (ook in {seen[rule.id]})")
            seen[rule.id] = path.name
            rules.append(rule)
    return rules


def _load_file(path: Path) -> list[Rule]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(f"{path.name}: geen geldige TOML: {exc}") from None
    entries = data.get("regel")
    if not isinstance(entries, list):
        raise RuleFileError(f"{path.name}: geen [[regel]]-blokken gevonden")
    return [_validate(path.name, i, entry) for i, entry in enumerate(entries, start=1)]


def _validate(file: str, index: int, entry: dict) -> Rule:
    rule_id = entry.get("id") if isinstance(entry.get("id"), str) else f"#{index}"

    def fail(field_name: str, message: str):
        raise RuleFileError(f"{file}: regel {rule_id}, veld '{field_name}': {message}")

    if not re.fullmatch(r"[A-Z]{2,5}\d{3}", str(entry.get("id", ""))):
        fail("id", "moet de vorm WVP001 hebben")
    kind = entry.get("soort")
    if kind not in KIND_FIELDS:
        fail("soort", f"onbekend; kies uit {', '.join(KIND_FIELDS)}")
    required, optional = KIND_FIELDS[kind]
    optional = {**optional, **_OPTIONAL_COMMON}
    for name, expected in {**_COMMON, **required}.items():
        if name not in entry:
            fail(name, "ontbreekt")
        if not isinstance(entry[name], expected):
            fail(name, f"moet {'een lijst' if expected is list else 'tekst' if expected is str else 'een getal'} zijn")
    for name, expected in optional.items():
        if name in entry and not isinstance(entry[name], expected):
            fail(name, "heeft het verkeerde type")
    unknown = set(entry) - set(_COMMON) - set(required) - set(optional)
    if unknown:
        fail(sorted(unknown)[0], "onbekend veld voor soort " + kind)
    if entry["ernst"] not in SEVERITIES:
        fail("ernst", "moet error, warning of info zijn")
    for name in ("onderdelen", "na_onderdelen"):
        for value in entry.get(name, []):
            if value not in CONTENT_PARTS:
                fail(name, f"onbekend onderdeel '{value}' (kies uit {', '.join(CONTENT_PARTS)})")
    if "vanaf_datum" in entry and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["vanaf_datum"]):
        fail("vanaf_datum", "moet een datum JJJJ-MM-DD zijn")
    for name in ("documenten", "na_documenten", "voor_documenten", "peil_documenten", "vanaf_documenten"):
        for value in entry.get(name, []):
            if value not in DOC_TYPES:
                fail(name, f"onbekend documenttype '{value}'")
    for name in ("mijlpaal", "vanaf", "na_mijlpaal", "voor_mijlpaal", "peil_mijlpaal"):
        if name in entry and entry[name] not in MILESTONES:
            fail(name, f"onbekende mijlpaal '{entry[name]}' (kies uit {', '.join(MILESTONES)})")
    if "voorwaarde" in entry and entry["voorwaarde"] not in CONDITIONS:
        fail("voorwaarde", f"kies uit {', '.join(CONDITIONS)}")
    if "uitzondering" in entry and entry["uitzondering"] not in EXCEPTION_COLUMNS:
        fail("uitzondering", f"kies uit {', '.join(EXCEPTION_COLUMNS)}")
    if "eerder_bij" in entry and entry["eerder_bij"] not in EARLIER_FACTS:
        fail("eerder_bij", f"kies uit {', '.join(EARLIER_FACTS)}")
    for name in ("weken", "maanden", "marge_dagen", "zodra_weken"):
        if name in entry and entry[name] <= 0:
            fail(name, "moet groter dan 0 zijn")
    params = {k: v for k, v in entry.items() if k not in _COMMON and k not in _OPTIONAL_COMMON}
    return Rule(entry["id"], kind, entry["titel"], entry["titel_en"], entry["herstel"], entry["herstel_en"],
                entry["ernst"], entry["grondslag"], params, file, entry.get("praktijk", False))
