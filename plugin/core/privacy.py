"""The AVG rule as code: employer-facing text must not carry a diagnosis or other medical term.

One guard for every place text leaves the bureau: generated documents, the mail-out (mail
and attachment, every part of the .docx), reports and the app. `find_terms` says which word
matched, which vocabulary entry and group it belongs to, and where it is.

How it decides (the vocabulary is data, see privacy_vocabulary and checks/):
1. A term matches inside Dutch compounds and across hyphens (knieoperatie, hernia-operatie,
   burnoutklachten) because its pattern says so (`*operatie*`); the hit is the whole word.
2. Benign compounds and phrases from the exceptions file are not hits (operatieassistent,
   logistieke operatie, psychologische veiligheid).
3. Words of groups that also name jobs and workplaces (zorgverlener, zorgsoort) are not hits
   in a context about work (privacy_context): after a job signal ("werkt als psycholoog"),
   on a line with a job label ("Functie: verpleegkundige"), before a workplace ("Psycholoog
   bij de GGD"), as part of an organisation's name (Fysiotherapie Centrum West).
4. Callers pass the values that name employers, jobs and people (`exempt`): where they
   occur as typed, they describe the work, not the employee's health.
A text stuffed with medical words is read up to MAX_HITS hits: enough to refuse it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from plugin.core.privacy_context import is_job_title, is_name, is_work
from plugin.core.privacy_vocabulary import ALLOW_FILE, TERMS_FILE, Vocabulary, current, fold

__all__ = ["TermHit", "find_terms", "find_in_parts", "medical_terms", "count_terms", "describe", "vocabulary",
           "MAX_HITS", "TERMS_FILE", "ALLOW_FILE"]

_WORD_CHAR = re.compile(r"\w")
_MAX_WORD = 80
MAX_HITS = 1000
_PART_SEPARATOR = "\n\x00\n"   # a line end (clauses stop) and a character no term matches
_LIST_GLUE = re.compile(r"^(?:\s*(?:[,/&+]|\bof\b|\ben\b|\bor\b|\band\b)\s*)+(?:(?:de|het|een|a|an|the)\s+)?$",
                        re.IGNORECASE)


@dataclass(frozen=True)
class TermHit:
    """One medical word in a text: what was written, which entry matched, where."""
    term: str      # the whole word as written, e.g. "Knieoperatie" or "hernia-operatie"
    entry: str     # the vocabulary entry that matched, e.g. "*operatie*"
    stem: str      # its letters, e.g. "operatie"
    group: str     # e.g. "diagnose", "behandeling", "zorgverlener", "zwangerschap"
    start: int     # character offsets of term in the text that was searched
    end: int
    where: str = ""   # the part or field, filled in by find_in_parts or the caller

    def group_label(self, lang: str = "nl", folder: Path | None = None) -> str:
        """The group's name for users ("diagnose of ziekte"); folder: the checks folder searched."""
        group = vocabulary(folder).groups.get(self.group)
        if group is None:
            return self.group
        return group.label_en if lang == "en" else group.label_nl


def vocabulary(folder: Path | None = None) -> Vocabulary:
    """The compiled vocabulary in use (folder: another checks folder). The files are read by
    plugin.vocabulary (the bureau's own folder, POORTWACHTER_TERMEN, else checks/); core reads none."""
    return current(folder)


@lru_cache(maxsize=256)
def _exempt_pattern(values: tuple[str, ...]) -> re.Pattern[str] | None:
    """The values as typed (case counts: "Psycholoog" as Functie does not hide "naar de psycholoog")."""
    bodies = sorted({r"\s+".join(re.escape(w) for w in fold(v).split()) for v in values
                     if len(v.strip()) >= 3}, key=len, reverse=True)
    return re.compile("|".join(bodies)) if bodies else None


def _lower(text: str) -> str:
    """Lower case with the same length (offsets stay valid), so no pattern needs IGNORECASE."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class _Spans:
    """Where a pattern matches around a hit. The first few hits search only their neighbourhood
    (most texts have none or one, e.g. "geen diagnose"); after that the whole text once."""

    WINDOW, LOCAL_LOOKS = 200, 8

    def __init__(self, pattern: re.Pattern[str] | None, low: str):
        self._pattern, self._low = pattern, low
        self._spans: list[tuple[int, int]] | None = None
        self._starts: list[int] = []
        self._looks = 0

    def cover(self, start: int, end: int) -> bool:
        if self._pattern is None:
            return False
        self._looks += 1
        if self._spans is None and self._looks <= self.LOCAL_LOOKS:
            window = (max(0, start - self.WINDOW), min(len(self._low), end + self.WINDOW))
            return any(m.start() <= start and m.end() >= end for m in self._pattern.finditer(self._low, *window))
        if self._spans is None:
            self._spans = [m.span() for m in self._pattern.finditer(self._low)]
            self._starts = [s for s, _ in self._spans]
        index = bisect.bisect_right(self._starts, start) - 1
        while index >= 0:
            span_start, span_end = self._spans[index]
            if span_end >= end:
                return True
            if start - span_start > 400:   # exceptions are short; nothing further back covers it
                return False
            index -= 1
        return False


def _token(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a match to its whole (hyphenated) word, at most _MAX_WORD characters each way
    (a "word" of a million letters must not make every match inside it read all of it)."""
    floor, ceiling = max(0, start - _MAX_WORD), min(len(text), end + _MAX_WORD)
    while start > floor and (_WORD_CHAR.match(text[start - 1]) or
                             (text[start - 1] == "-" and start > 1 and _WORD_CHAR.match(text[start - 2]))):
        start -= 1
    while end < ceiling and (_WORD_CHAR.match(text[end]) or
                             (text[end] == "-" and end + 1 < len(text) and _WORD_CHAR.match(text[end + 1]))):
        end += 1
    return start, end


def find_terms(text: str, exempt: Iterable[str] = (), work: Iterable[str] = (),
               folder: Path | None = None, limit: int = MAX_HITS) -> list[TermHit]:
    """Every medical word in text, in order, one hit per word (the first `limit`: enough to
    refuse and to say why; a text stuffed with medical words is not read to its end).

    exempt: values that name an employer, a job or a person (Werkgever, Functie, Bedrijfsarts):
    where they occur in the text they are not read as health statements.
    work: values that describe work (Zoekprofiel): care words there are jobs, diagnoses still count.
    """
    if not text:
        return []
    voc = vocabulary(folder)
    folded = fold(text)
    low = _lower(folded)
    allowed = _Spans(voc.allow, low)
    exempted = _Spans(_exempt_pattern(tuple(exempt)), folded)
    as_work = _Spans(_exempt_pattern(tuple(work)), folded)
    hits: list[TermHit] = []
    decided: set[int] = set()
    chain_end = -1   # end of the last care word read as a job, for lists ("verpleegkundige of psycholoog")
    for match in voc.pattern.finditer(low):
        start, end = match.span()
        token_start, token_end = _token(low, start, end)
        if token_start in decided:
            continue
        if allowed.cover(start, end) or exempted.cover(start, end):
            if chain_end >= 0 and _LIST_GLUE.match(low[chain_end:token_start]):
                chain_end = token_end
            continue
        decided.add(token_start)
        entry, _ = voc.longest(low, start)
        if voc.groups[entry.group].work_words:
            if (is_work(text, low, start, token_start, token_end, voc) or as_work.cover(start, end)
                    or (chain_end >= 0 and _LIST_GLUE.match(low[chain_end:token_start]))):
                chain_end = token_end
                continue
        if is_name(text, low, token_start, token_end, voc) or is_job_title(low, token_start, token_end, voc):
            continue
        hits.append(TermHit(text[token_start:token_end], entry.pattern, entry.stem, entry.group,
                            token_start, token_end))
        if len(hits) >= limit:
            break
    return hits


def find_in_parts(parts: Iterable[tuple[str, str]], exempt: Iterable[str] = (), work: Iterable[str] = (),
                  folder: Path | None = None) -> list[TermHit]:
    """find_terms over (where, text) pairs, e.g. the parts of a .docx; each hit says where, and
    its offsets are within its own part. The parts are searched as one text (one pass, not one
    per part), kept apart by a separator no term or phrase can cross."""
    places: list[str] = []
    starts: list[int] = []
    pieces: list[str] = []
    offset = 0
    for where, text in parts:
        places.append(where)
        starts.append(offset)
        pieces.append(text)
        offset += len(text) + len(_PART_SEPARATOR)
    found: list[TermHit] = []
    for hit in find_terms(_PART_SEPARATOR.join(pieces), exempt, work, folder):
        index = bisect.bisect_right(starts, hit.start) - 1
        base = starts[index]
        found.append(replace(hit, where=places[index], start=hit.start - base, end=hit.end - base))
    return found


def describe(hits: Iterable[TermHit], lang: str = "nl") -> str:
    """'knieoperatie' (behandeling, in koptekst), ... : the words, their group and their place."""
    seen: list[str] = []
    for hit in hits:
        where = f", in {hit.where}" if hit.where else ""
        item = f"'{hit.term}' ({hit.group_label(lang)}{where})"
        if item not in seen:
            seen.append(item)
    return ", ".join(seen)


def count_terms(text: str, terms_file: Path | None = None) -> Counter:
    """How often each medical word occurs in text (lower-case). terms_file: a checks folder's term file."""
    folder = terms_file.parent if terms_file else None
    return Counter(re.sub(r"\s+", " ", hit.term.lower()) for hit in find_terms(text, folder=folder))


def medical_terms(text: str, terms_file: Path | None = None) -> list[str]:
    """The medical words in text (lower-case, unique, in order of appearance)."""
    found: list[str] = []
    for word in count_terms(text, terms_file):
        if word not in found:
            found.append(word)
    return found
