"""When a care word describes work, not health: the context rules of the AVG guard.

Words such as psycholoog, fysiotherapie or polikliniek are health information when they
describe the employee ("gaat naar de psycholoog") and work when they describe a job or a
workplace ("werkt als psycholoog", "secretaresse op de polikliniek cardiologie",
"Fysiotherapie Centrum West"). The signal words are data ([werk] in
checks/diagnose-termen-uitzonderingen.toml); these functions only combine them.
"""

from __future__ import annotations

import re

from plugin.core.privacy_vocabulary import Vocabulary, fold

_LINE_END = re.compile(r"[.;!?]\s|\n")
_CLAUSE_END = re.compile(r"[.;!?,]\s|\n|\s-\s|\(")
_WORD = re.compile(r"[^\W\d_][\w'&.]*")
_NEXT_WORD = re.compile(r"[ \t]+(\w+)")
_ON_THE = re.compile(r"(?<!\w)(?:op (?:de|het)|on the)\s+(?:\w+\s+)?$")
_CONNECTORS = frozenset({"voor", "van", "en", "de", "het", "der", "den", "for", "of", "and", "the", "&", "in", "aan"})


def _since(pattern: re.Pattern[str], text: str, start: int) -> str:
    """The text from the last line or clause end before start (at most 160 characters)."""
    window = text[max(0, start - 160):start]
    last = None
    for last in pattern.finditer(window):
        pass
    return window[last.end():] if last else window


def is_name(text: str, low: str, start: int, end: int, voc: Vocabulary) -> bool:
    """Part of an organisation's name: 'Fysiotherapie Centrum West', 'Centrum voor Psychotherapie',
    'GGZ Rivierduinen', 'Revalidatiecentrum Reade'. Only capitalised words count as names."""
    if not text[start:start + 1].isupper():
        return False
    word = low[start:end]
    if " " not in word and any(word.endswith(org) and len(word) > len(org) for org in voc.org_words):
        return True
    following = _WORD.findall(text[end:end + 80])[:4]
    if word in voc.org_words and following and following[0][:1].isupper():
        return True                                   # "GGZ Rivierduinen"
    for name in following:                            # "Fysiotherapie Centrum West", "Fysio Westland BV"
        if not name[:1].isupper():
            break
        if fold(name.lower().rstrip(".")) in voc.org_words:
            return True
    preceding = _WORD.findall(text[max(0, start - 80):start])[-6:]
    for name in reversed(preceding):                  # "Centrum voor Fysiotherapie en Manuele Therapie"
        lowered = fold(name.lower().rstrip("."))
        if lowered in _CONNECTORS:
            continue
        if not name[:1].isupper():
            break
        if lowered in voc.org_words:
            return True
    return False


def is_job_title(low: str, start: int, end: int, voc: Vocabulary) -> bool:
    """A compound that ends in a job or a workplace (diabetesverpleegkundige, huisartsenpraktijk),
    unless the sentence before it says the employee goes there ("controle bij de ...")."""
    word = low[start:end]
    if " " in word or not any(word.endswith(s) and len(word) > len(s) + 2 for s in voc.job_suffixes):
        return False
    return not _patient_before(low, start, voc)


def _patient_before(low: str, start: int, voc: Vocabulary) -> bool:
    return voc.patient is not None and voc.patient.search(_since(_CLAUSE_END, low, start)) is not None


_WORKPLACE_AFTER = re.compile(r"[ \t]+(?:bij|in|op|at|for|with)[ \t]+(?:(?:de|het|een|the|a|an)[ \t]+)?([^\W\d_][\w.&-]*)")


def _workplace_after(text: str, low: str, end: int, voc: Vocabulary) -> bool:
    """'Psycholoog bij de GGD', 'verpleegkundige in het Amphia': a care word followed by where
    someone works (a name with a capital, or an organisation word)."""
    after = _WORKPLACE_AFTER.match(text, end)
    if not after:
        return False
    word = after.group(1)
    return word[:1].isupper() or fold(word.lower().rstrip(".")) in voc.org_words


def is_work(text: str, low: str, match_start: int, token_start: int, token_end: int, voc: Vocabulary) -> bool:
    """For words that also name jobs and workplaces (groups with ook_werk = true)."""
    line = _since(_LINE_END, low, token_start)
    before = _since(_LINE_END, low, match_start)[-80:]    # includes "collega-" in "collega-fysiotherapeut"
    if voc.work_cue is not None and voc.work_cue.search(before):
        return True                                   # "werkt als psycholoog", "afdeling cardiologie"
    if voc.work_label is not None and voc.work_label.match(line):
        return True                                   # "Zoekprofiel: verpleegkundige, psycholoog"
    if _patient_before(low, token_start, voc):
        return False                                  # "werkt halve dagen en gaat naar de psycholoog"
    clause = _since(_CLAUSE_END, low, token_start)
    if voc.work_verb is not None and voc.work_verb.search(clause):
        return True                                   # "werkt als secretaresse bij de maatschap chirurgie"
    if _workplace_after(text, low, token_end, voc):
        return True                                   # "Psycholoog bij de GGD, kan 3 dagen werken"
    if voc.work_after is not None and voc.work_after.match(low, token_end):
        return True                                   # "huisarts in loondienst"
    following = _NEXT_WORD.match(low, token_end)
    if following and following.group(1) in voc.job_suffixes:
        return True                                   # "psychiatrisch verpleegkundige", "fysiotherapie praktijk"
    return _ON_THE.search(clause) is not None         # "secretaresse op de polikliniek"
