"""The medical vocabulary and its exceptions as data: validate and compile (plugin.vocabulary reads the files).

Two files in checks/ (a bureau copies and extends them):
- diagnose-termen.toml: groups of terms (diagnose, behandeling, zorgverlener, ...), each
  term a small pattern: `*` at the start lets it end a compound (knie*operatie*), `*` at the
  end lets it start one or take an ending, a space or hyphen inside allows a space, a
  hyphen or nothing there, a hyphen a hyphen or nothing. `[[combinaties]]` multiply body parts by endings (polsbreuk).
- diagnose-termen-uitzonderingen.toml: benign compounds and phrases (operatieassistent,
  logistieke operatie) in the same pattern language, plus the words that make a care word
  a job or a workplace ("werkt als", "Centrum").

Every term becomes part of one regular expression built as a trie, so the text is read once
however long the list is; a file is compiled once per process (and again when it changes).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from plugin.errors import RuleFileError

TERMS_FILE = "diagnose-termen.toml"
ALLOW_FILE = "diagnose-termen-uitzonderingen.toml"
_SPACE, _HYPHEN = "\x00", "\x01"   # a space (space, hyphen or nothing) and a hyphen (hyphen or nothing)
_BRANCHES = ("w", "s", "p", "c")
WORK_KEYS = ("signalen", "erna", "kopjes", "werkwoorden", "patient", "beroepen", "organisatie")   # whole word, starts a word, ends a word, anywhere in a word


def _fold_table() -> dict[int, str]:
    """Accented letters to their base letter and every dash to '-', one character for one."""
    table = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base.isascii() and base.isalpha() and base != chr(code):
            table[code] = base
    for dash in "\u2010\u2011\u2012\u2013\u2212\u00ad":
        table[ord(dash)] = "-"
    table[0xA0] = " "
    return table


FOLD = _fold_table()


FOLD_CHARS = {chr(code): base for code, base in FOLD.items()}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """Same length as text: accents removed, dashes unified (so offsets stay valid)."""
    if text.isascii():
        return text
    return _NON_ASCII.sub(lambda m: FOLD_CHARS.get(m.group(), m.group()), text)


@dataclass(frozen=True)
class Entry:
    pattern: str        # as written in the file, e.g. "*operatie*"
    group: str          # the group key, e.g. "behandeling"
    stem: str           # the letters matched, e.g. "operatie"


@dataclass(frozen=True)
class Group:
    key: str
    label_nl: str
    label_en: str
    work_words: bool    # the group's words also name jobs or workplaces ("werkt als psycholoog")


class Vocabulary:
    """Compiled terms and exceptions. Build it with load_vocabulary()."""

    def __init__(self, entries: list[Entry], groups: dict[str, Group], allow: list[str],
                 work: dict[str, list[str]]):
        self.groups = groups
        self.entries = entries
        self._by_key: dict[tuple[str, str], Entry] = {}
        branches: dict[str, list[str]] = {b: [] for b in _BRANCHES}
        for entry in entries:
            branch = _branch(entry.pattern)
            key = _key(entry.stem)
            self._by_key.setdefault((branch, key), entry)
            branches[branch].append(entry.stem)
        self.pattern = _compile(branches)
        self._branches = branches
        self._branch_patterns: dict[str, re.Pattern[str]] | None = None
        allow_branches: dict[str, list[str]] = {b: [] for b in _BRANCHES}
        for pattern in allow:
            allow_branches[_branch(pattern)].append(_stem(pattern))
        self.allow = _compile(allow_branches)
        self.org_words = frozenset(fold(w.lower()) for w in work["organisatie"])
        orgs = _alternatives(work["organisatie"])
        cues = _alternatives(work["signalen"])
        # A cue right before the word, then maybe a colon, an article and one more word:
        # "werkt als (ervaren) psycholoog", "werkt bij de huisarts", "centrum voor fysiotherapie".
        self.work_cue = _maybe(r"(?<!\w)(?:" + cues + (r"|(?:" + orgs + r")\s+(?:voor|van|for|of)" if orgs else "")
                               + r")\s*:?\s*(?:(?:de|het|een|a|an|the)\s+)?(?:[\w-]+\s+)?$", cues)
        # Right after the word: "huisarts in loondienst", "fysiotherapeut in opleiding".
        self.work_after = _maybe(r"[ \t]*(?:" + _alternatives(work["erna"]) + r")(?!\w)", work["erna"])
        # A job label at the start of the line: "Zoekprofiel: verpleegkundige, fysiotherapeut".
        self.work_label = _maybe(r"^\s*[-*•]?\s*(?:" + _alternatives(work["kopjes"]) + r")\s*:", work["kopjes"])
        # A work verb or a job earlier in the clause: "werkt ... bij de maatschap chirurgie",
        # "is verpleegkundige in een verpleeghuis".
        doing = work["werkwoorden"] + work["beroepen"]
        self.work_verb = _maybe(r"(?<!\w)(?:" + _alternatives(doing) + r")(?!\w)", doing)
        self.patient = _maybe(r"(?<!\w)(?:" + _alternatives(work["patient"]) + r")(?!\w)", work["patient"])
        self.job_suffixes = tuple(fold(w.lower()) for w in work["beroepen"] + work["organisatie"])

    @property
    def branch_patterns(self) -> dict[str, re.Pattern[str]]:
        """Per branch, to pick the longest entry at a place ("ggz-behandeling" over "ggz").
        Compiled on the first hit only: most documents have none."""
        if self._branch_patterns is None:
            self._branch_patterns = {b: _compile({b: self._branches[b]}, named=True)
                                     for b in _BRANCHES if self._branches[b]}
        return self._branch_patterns

    def longest(self, text: str, start: int) -> tuple[Entry, int]:
        """The longest entry matching at start in (folded) text, and where it ends."""
        best: tuple[Entry, int] | None = None
        for branch, pattern in self.branch_patterns.items():
            match = pattern.match(text, start)
            if match and (best is None or match.end() > best[1]):
                best = (self._by_key[(branch, _key(match.group(0)))], match.end())
        assert best is not None, "a match of the whole pattern matches one of its branches"
        return best


def _alternatives(words: list[str]) -> str:
    return "|".join(sorted({_body(fold(w.lower()).strip(" :")) for w in words if w.strip(" :")}, key=len, reverse=True))


def _maybe(pattern: str, words) -> re.Pattern[str] | None:
    return re.compile(pattern, re.IGNORECASE) if words else None


def _branch(pattern: str) -> str:
    lead, tail = pattern.startswith("*"), pattern.endswith("*")
    return "c" if lead and tail else "p" if lead else "s" if tail else "w"


def _stem(pattern: str) -> str:
    return fold(pattern.strip().strip("*").strip().lower())


_SEPARATORS = re.compile(r"[\s\-]+")


def _key(text: str) -> str:
    return _SEPARATORS.sub("", fold(text.lower()))


def _body(text: str) -> str:
    return r"[\s\-]{0,3}".join(re.escape(w) for w in re.split(r"[\s]+", text))


def _atoms(stem: str) -> list[str]:
    atoms: list[str] = []
    for char in stem:
        if char in " -":
            separator = _SPACE if char == " " else _HYPHEN
            if atoms and atoms[-1] in (_SPACE, _HYPHEN):
                atoms[-1] = _SPACE if _SPACE in (separator, atoms[-1]) else _HYPHEN
                continue
            atoms.append(separator)
        else:
            atoms.append(char)
    return atoms


_START, _END = "\x02", "\x03"   # word boundary before the first letter / after the last one
_PIECES = {_SPACE: r"[\s\-]{0,3}", _HYPHEN: "-?", _START: r"(?<!\w.)", _END: r"(?!\w)"}


def _trie_regex(sequences: list[list[str]]) -> str:
    """One alternation that branches on each character, longest continuation first."""
    trie: dict = {}
    for atoms in sequences:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        options = []
        for atom in sorted((a for a in node if a), key=lambda a: (a in _PIECES, a == _END, a)):
            options.append((_PIECES.get(atom) or re.escape(atom)) + emit(node[atom]))
        if not options:
            return ""
        body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


def _sequence(stem: str, branch: str) -> list[str]:
    """A stem's atoms with its word boundaries. The boundary before the first letter is checked
    right after it, so every alternative of the pattern starts with a letter: the regex engine
    then tries one branch per letter instead of every entry at every position."""
    atoms = _atoms(stem)
    if branch in ("w", "s"):
        atoms = atoms[:1] + [_START] + atoms[1:]
    if branch in ("w", "p"):
        atoms = atoms + [_END]
    return atoms


def _compile(branches: dict[str, list[str]], named: bool = False) -> re.Pattern[str]:
    """All stems of all branches as one trie. named: a group per branch (to tell them apart)."""
    if named:
        parts = [f"(?P<{b}>{_trie_regex([_sequence(s, b) for s in sorted(set(branches[b]))])})"
                 for b in _BRANCHES if branches.get(b)]
        body = "|".join(parts)
    else:
        body = _trie_regex([_sequence(s, b) for b in _BRANCHES for s in sorted(set(branches.get(b, ())))])
    if not body:
        return re.compile(r"(?!x)x")
    return re.compile(body)   # the text is folded to lower case first


def _strings(path: Path, where: str, value, problems: list[str]) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where} moet een lijst van teksten zijn")
        return []
    good = []
    for item in value:
        stem = item.strip().strip("*").strip()
        if len(re.sub(r"[\s\-]", "", stem)) < 2:
            problems.append(f"{where}: '{item}' is te kort (minstens 2 letters)")
        elif "*" in stem:
            problems.append(f"{where}: '{item}' heeft een * in het midden; alleen aan het begin of eind")
        else:
            good.append(item.strip())
    return good


def _parse_terms(path: Path, data: dict, problems: list[str]) -> tuple[list[Entry], dict[str, Group]]:
    groups: dict[str, Group] = {}
    entries: list[Entry] = []
    raw_groups = data.get("groepen")
    if not isinstance(raw_groups, dict) or not raw_groups:
        problems.append("de tabel [groepen.<naam>] ontbreekt")
        return entries, groups
    for key, table in raw_groups.items():
        if not isinstance(table, dict):
            problems.append(f"[groepen.{key}] moet een tabel zijn")
            continue
        unknown = set(table) - {"naam", "name", "ook_werk", "termen"}
        if unknown:
            problems.append(f"[groepen.{key}]: onbekend veld {', '.join(sorted(unknown))}")
        groups[key] = Group(key, str(table.get("naam", key)), str(table.get("name", table.get("naam", key))),
                            bool(table.get("ook_werk", False)))
        for term in _strings(path, f"[groepen.{key}] termen", table.get("termen", []), problems):
            entries.append(Entry(term, key, _stem(term)))
    for number, combo in enumerate(data.get("combinaties", []), start=1):
        where = f"[[combinaties]] nr. {number}"
        if not isinstance(combo, dict) or combo.get("groep") not in groups:
            problems.append(f"{where}: 'groep' moet een van {', '.join(groups)} zijn")
            continue
        shape = combo.get("vorm", "*{voor}{achter}*")
        if not isinstance(shape, str) or "{voor}" not in shape or "{achter}" not in shape:
            problems.append(f"{where}: 'vorm' moet {{voor}} en {{achter}} bevatten")
            continue
        for first in _strings(path, f"{where} voor", combo.get("voor"), problems):
            for last in _strings(path, f"{where} achter", combo.get("achter"), problems):
                term = shape.replace("{voor}", first).replace("{achter}", last)
                entries.append(Entry(term, combo["groep"], _stem(term)))
    return entries, groups


def build_vocabulary(terms_name: str, terms: dict, allow_name: str, allow: dict) -> Vocabulary:
    """The compiled vocabulary from the two files' parsed contents (names only for the messages);
    RuleFileError names the file, group and term at fault. Reading the files is not done here
    (core stays free of I/O): plugin.vocabulary reads them and installs itself as the source."""
    problems: list[str] = []
    entries, groups = _parse_terms(Path(terms_name), terms, problems)
    if problems:
        raise RuleFileError(f"{terms_name}: " + "; ".join(problems))
    allowed: list[str] = []
    for key in ("woorden", "zinnen"):
        allowed += _strings(Path(allow_name), key, allow.get(key, []), problems)
    table = allow.get("werk", {})
    if not isinstance(table, dict):
        problems.append("[werk] moet een tabel zijn")
        table = {}
    unknown = set(table) - set(WORK_KEYS)
    if unknown:
        problems.append(f"[werk]: onbekend veld {', '.join(sorted(unknown))} (bekend: {', '.join(WORK_KEYS)})")
    work = {key: _strings(Path(allow_name), f"[werk] {key}", table.get(key, []), problems) for key in WORK_KEYS}
    if problems:
        raise RuleFileError(f"{allow_name}: " + "; ".join(problems))
    return Vocabulary(entries, groups, allowed, work)


Source = Callable[["Path | None"], Vocabulary]
_source: Source | None = None


def use_source(source: Source) -> None:
    """Install where the vocabulary comes from (plugin.vocabulary does, when the package loads)."""
    global _source
    _source = source


def current(folder: Path | None = None) -> Vocabulary:
    """The vocabulary in use (folder: another checks folder), from the installed source."""
    if _source is None:
        raise RuntimeError("geen woordenlijst geladen: importeer plugin.vocabulary")
    return _source(folder)
