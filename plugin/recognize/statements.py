"""What a dossier document itself says that changes a deadline: a documented reason for
departing from it, or that return in the own organisation is not in view.

- A reason (Regeling procesgang art. 5: employer and employee may depart from the deadlines
  of arts. 2-4 on a reason; UWV judges the reason) turns a late or missing milestone from an
  error into a warning that quotes it. Which milestone: the one named right after the phrase
  ("reden voor afwijking van de termijn voor de probleemanalyse"), else the one named before
  it in the sentence ("het plan van aanpak is later opgesteld omdat ..."), else the
  document's own type (a plan van aanpak that says "dit plan is later opgesteld omdat ...").
- "Return in the own organisation is not in view" (UWV Werkwijzer poortwachter) makes the
  2e spoor due from the document's date.

Conservative on purpose: only clear phrases count, a denial ("er is niet afgeweken"), a
condition ("als er geen passend werk bij de eigen werkgever is") or a question does not,
and a label without a value ("Reden afwijking: n.v.t.") is no reason. The quote is one
sentence, at most QUOTE_CHARS, and never carries a medical word (AVG): such a quote is
left out (the statement still counts; the report says it was not copied).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import operator
import re

from plugin.core.doctypes import DOC_TYPES
from plugin.core.gates import lowered
from plugin.recognize import content
from plugin.core.privacy import medical_terms
from plugin.recognize.statement import (AUTHORS, BOTH, EMPLOYEE, EMPLOYER, OWN_WORK_RULED_OUT,  # noqa: F401
                                        REASON, UNKNOWN, Statement, reason_author)

KINDS = (REASON, OWN_WORK_RULED_OUT, content.PART, content.EXTENSION, content.EXTENSION_REFUSED, content.SANCTION,
         content.SANCTION_END)
QUOTE_CHARS = 200
SCAN_CHARS = 20_000   # read this much of a text (as classify does for the first sick day)
MAX_STATEMENTS = 10   # per document


_W = r"[^\W\d_][\w'’-]*"          # a word
_GAP = rf"(?:{_W}[\s,]+){{0,{{n}}}}"  # up to n words


def _gap(n: int) -> str:
    return _GAP.replace("{n}", str(n))


_BECAUSE_NL = r"(?:omdat|doordat|vanwege|wegens|in verband met|i\.?v\.?m\.?)"
_BECAUSE_EN = r"(?:because|due to|owing to|as a result of)"
_DONE_NL = r"(?:opgesteld|gemaakt|gehouden|uitgevoerd|ingediend|gedaan|verstuurd|gestart|ondertekend|afgerond|gepland)"
_DONE_EN = r"(?:drawn up|made|held|prepared|done|written|signed|submitted|started|completed|carried out|planned)"
_OWN_NL = r"(?:de |het |haar |zijn )?eigen (?:werkgever|organisatie|bedrijf|onderneming)"
_OWN_EN = r"(?:the |its |their |his |her )?own (?:employer|organi[sz]ation|company)"
_NOT_NL = r"(?:niet|niet meer|niet langer)"
_NOT_EN = r"(?:not|no longer|not longer)"

_NL_BECAUSE_WORDS = ("omdat", "doordat", "vanwege", "wegens", "verband met", "i.v.m", "ivm")
_EN_BECAUSE_WORDS = ("because", "due to", "owing to", "result of")


def _gated(*pairs: tuple[str, tuple[str, ...]]) -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    """(pattern, words of which the lower-case sentence must hold one before the pattern is tried)."""
    return [(re.compile(pattern, re.IGNORECASE), needs) for pattern, needs in pairs]


# Strong phrases: a reason for departing from a deadline, whatever the sentence names.
_REASON_STRONG = _gated(
    (r"\breden(?:en)? (?:voor|van|tot) (?:de |het |deze )?(?:afwijking|afwijken|uitstel|vertraging)", ("reden",)),
    (r"\breden afwijking\b", ("reden",)),
    (rf"\bafgeweken van (?:de |het )?{_gap(2)}(?:termijn|termijnen|planning|tijdpad|deadline)", ("afgeweken",)),
    (rf"\b(?:later|te laat|na de (?:termijn|uiterlijke datum)|buiten de termijn) {_gap(3)}{_DONE_NL}[\s,]+{_BECAUSE_NL}",
     _NL_BECAUSE_WORDS),
    (rf"\b{_DONE_NL} (?:later|te laat|na de termijn|buiten de termijn)[\s,]+{_BECAUSE_NL}", _NL_BECAUSE_WORDS),
    (rf"\bin (?:onderling )?overleg met (?:de )?werknemer[\s,]+{_gap(4)}(?:uitgesteld|verschoven|later gepland)"
     rf"[^.]*?{_BECAUSE_NL}", ("overleg",)),
    (rf"\b(?:uitgesteld|verschoven) in (?:onderling )?overleg met (?:de )?werknemer[^.]*?{_BECAUSE_NL}", ("overleg",)),
    (r"\breasons? for (?:the |this )?(?:deviation|departure|delay|postponement)", ("reason",)),
    (rf"\b(?:deviated|departed|deviating|departing|deviation|departure) from the {_gap(2)}"
     r"(?:deadline|time ?limit|term|timeline|schedule)", ("deviat", "depart")),
    (rf"\b{_DONE_EN} (?:later|late|after the (?:deadline|due date))(?: than {_gap(3)})?[\s,]+{_BECAUSE_EN}",
     _EN_BECAUSE_WORDS),
    (rf"\b(?:in consultation|by agreement) with the employee[\s,]+{_gap(4)}(?:postponed|delayed|deferred)"
     rf"[^.]*?{_BECAUSE_EN}", ("consultation", "agreement")),
    (rf"\b(?:postponed|delayed|deferred) (?:in consultation|by agreement) with the employee[^.]*?{_BECAUSE_EN}",
     ("consultation", "agreement")),
)
# Weak phrases: count only when the sentence names the milestone itself.
_REASON_WEAK = _gated(
    (rf"\b(?:uitgesteld|verschoven|vertraagd) {_BECAUSE_NL}", _NL_BECAUSE_WORDS),
    (rf"\b(?:postponed|delayed|deferred) {_BECAUSE_EN}", _EN_BECAUSE_WORDS),
)
# "De reden hiervoor is ...": a reason when the sentence before says something was late.
_REASON_FOLLOWS = re.compile(r"^\s*(?:de reden (?:hiervoor|daarvoor|daarvan) (?:is|was)|the reason for this (?:is|was))\b",
                             re.IGNORECASE)
_LATE = re.compile(r"\b(?:later|te laat|uitgesteld|verschoven|afgeweken|na de termijn|buiten de termijn|"
                   r"late|postponed|delayed|deferred|after the deadline)\b", re.IGNORECASE)

_OWN_WORK = _gated(
    (rf"\bgeen {_gap(2)}terugkeer {_gap(8)}(?:bij|binnen|in) {_OWN_NL}", ("terugkeer",)),
    (rf"\bterugkeer {_gap(6)}(?:bij|binnen|in) {_OWN_NL}[\s,]+{_gap(2)}(?:is |lijkt |wordt )?{_NOT_NL} {_gap(2)}"
     r"(?:in (?:beeld|zicht)|mogelijk|haalbaar|realistisch|te verwachten|verwacht)", ("terugkeer",)),
    (rf"\bgeen {_gap(2)}passende? (?:werk|arbeid|functies?|plek) {_gap(3)}(?:bij|binnen|in) {_OWN_NL}", ("passend",)),
    (rf"\b(?:eerste|1e) spoor {_gap(3)}(?:is |lijkt )?{_NOT_NL} {_gap(1)}(?:haalbaar|mogelijk|realistisch|in (?:beeld|zicht))",
     ("spoor",)),
    (r"\b(?:eerste|1e) spoor (?:is |lijkt )?(?:uitgeput|niet haalbaar)", ("spoor",)),
    (rf"\bno {_gap(2)}return {_gap(8)}(?:with|within|at|in|to) {_OWN_EN}", ("return",)),
    (rf"\breturn {_gap(6)}(?:with|within|at|in|to) {_OWN_EN}[\s,]+{_gap(2)}(?:is |seems )?{_NOT_EN} {_gap(2)}"
     r"(?:in view|in sight|possible|feasible|realistic|expected)", ("return",)),
    (rf"\bno {_gap(2)}suitable (?:work|jobs?|positions?|roles?) {_gap(3)}(?:with|within|at|in) {_OWN_EN}", ("suitable",)),
    (rf"\bfirst track {_gap(3)}(?:is |seems )?{_NOT_EN} {_gap(1)}(?:feasible|possible|realistic|in view)",
     ("first track",)),
)

# A sentence that denies, supposes or asks does not state anything.
_DENIAL = re.compile(r"\b(?:niet afgeweken|geen afwijking|geen reden|zonder reden|not deviated|no deviation|"
                     r"no reason|without (?:a )?reason|never deviated)\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:als (?:er|dat|het|de|deze|die|blijkt)|indien|wanneer|zodra|mocht|mochten|tenzij|of er|onderzoek(?:t|en)? of|nagaan of|"
                        r"bekijken of|nog niet (?:duidelijk|bekend)|if|whether|unless|once|should|in case)\b|\?",
                        re.IGNORECASE)
_VOID = re.compile(r"^[\s:;\-–—.]*(?:n\.?v\.?t\.?|nvt|niet van toepassing|geen|nee|n/?a|none|no|not applicable|-+)?[\s.]*$",
                   re.IGNORECASE)

# Milestones as sentences name them (earliest alternatives are the most specific).
_MILESTONE_WORDS: list[tuple[str, re.Pattern[str]]] = [(code, re.compile(p, re.IGNORECASE)) for code, p in (
    ("eerstejaarsevaluatie", r"\b(?:eerste ?jaars ?evaluatie|eje|first[- ]year (?:evaluation|review))\b"),
    ("eindevaluatie", r"\b(?:eind ?evaluatie|final evaluation)\b"),
    ("42e_weekmelding", r"\b(?:42e?[- ]?(?:weeks?|weken) ?melding|ziekmelding (?:bij|aan) (?:het )?uwv|week[- ]42)"),
    ("actueel_oordeel", r"\b(?:actueel (?:medisch )?oordeel|current (?:medical )?assessment)\b"),
    ("re_integratieverslag", r"\b(?:re-?integratie ?verslag|riv|re-?integration report)\b"),
    ("wia_aanvraag", r"\b(?:wia[- ]?aanvraag|aanvraag (?:van de |voor )?wia|wia application)\b"),
    ("arbeidsdeskundig_onderzoek", r"\b(?:arbeidsdeskundig(?:e)? (?:onderzoek|rapport)|labou?r expert (?:assessment|report))\b"),
    ("start_2e_spoor", r"\b(?:(?:2e|tweede) spoor|trajectplan|second track)\b"),
    ("probleemanalyse", r"\b(?:probleem ?analyse|problem analysis)\b"),
    ("plan_van_aanpak", r"\b(?:plan van aanpak|pva|plan of action|action plan)\b"),
    ("evaluaties", r"\b(?:evaluatie|evaluaties|evaluatiegesprek|voortgangsgesprek|evaluation|evaluations|review meeting)\b"),
)]
_AFTER = re.compile(r"^[\s:,]*(?:(?:van|voor|bij|of|for|from|in)\s+(?:de|het|the|this)?\s*)?"
                    r"(?:(?:termijn|termijnen|deadline|time ?limit)\s+(?:van|voor|of|for)\s+(?:de|het|the)?\s*)?",
                    re.IGNORECASE)
# The milestone a document of each type is about (its own deadline): the milestone it proves
# (its record in core/doctypes.py), or the evaluations for the types that count as one.
TYPE_MILESTONE = {d.id: d.milestone or "evaluaties" for d in DOC_TYPES.values() if d.milestone or d.evaluation}

# Every phrase above holds one of these words: other sentences are not tried (speed).
_CUE_WORDS = (r"\b(?:afwijk|afgeweken|omdat|doordat|vanwege|wegens|i\.?v\.?m|verband met|reden|eigen|spoor|"
              r"because|due to|owing|result of|reason|deviat|depart|own|track)")
_CUE = re.compile(_CUE_WORDS, re.IGNORECASE)
_CUE_LOWER = re.compile(_CUE_WORDS)   # on lower-cased text: about 3x faster than IGNORECASE


# The same cues as plain strings (i.v.m with or without its dots), found with str.find: the
# start of each where a word starts, as _CUE_LOWER's matches (no cue starts inside another's
# match, so the positions are the same), several times faster than the regular expression.
_CUE_STRINGS = ("afwijk", "afgeweken", "omdat", "doordat", "vanwege", "wegens", "ivm", "i.vm", "iv.m", "i.v.m",
                "verband met", "reden", "eigen", "spoor", "because", "due to", "owing", "result of", "reason",
                "deviat", "depart", "own", "track")


# Cues that share a part are found by one look for it (each look reads the whole text):
# (the part, ((how far before it the cue starts, the cue), ...)). The others are looked for themselves.
_CUE_SHARED = (("wege", ((3, "vanwege"), (0, "wegens"))), ("vm", ((1, "ivm"), (2, "i.vm"))),
               ("v.m", ((1, "iv.m"), (2, "i.v.m"))), ("ow", ((0, "own"), (0, "owing"))))
_CUE_ALONE = tuple(cue for cue in _CUE_STRINGS if not any(cue == other for _, cues in _CUE_SHARED for _, other in cues))
assert all(cue[back:].startswith(part) for part, cues in _CUE_SHARED for back, cue in cues)
assert len(_CUE_ALONE) + sum(len(cues) for _, cues in _CUE_SHARED) == len(_CUE_STRINGS)


def _cue_positions(text: str, low: str | None = None) -> list[int]:
    lower = low if low is not None else text.lower()
    if len(lower) != len(text):   # a character whose lower case is longer (İ): keep positions exact
        return [m.start() for m in _CUE.finditer(text)]
    found = set()
    for cue in _CUE_ALONE:
        at = lower.find(cue)
        while at >= 0:
            if at == 0 or not (lower[at - 1].isalnum() or lower[at - 1] == "_"):   # \b: no word character before
                found.add(at)
            at = lower.find(cue, at + 1)
    for part, cues in _CUE_SHARED:
        at = lower.find(part)
        while at >= 0:
            for back, cue in cues:
                start = at - back
                if start >= 0 and lower.startswith(cue, start) and \
                        (start == 0 or not (lower[start - 1].isalnum() or lower[start - 1] == "_")):
                    found.add(start)
            at = lower.find(part, at + 1)
    return sorted(found)


# Our own templates' prompts ("[Aanvullen: ... Leg de reden vast ...]") are not statements.
# every word some phrase needs, plus the two that announce "De reden hiervoor is ..."
_GATE_WORDS = tuple(sorted({word for _, needs in (*_REASON_STRONG, *_REASON_WEAK, *_OWN_WORK) for word in needs}
                           | {"reden", "reason"}))
_PROMPT = re.compile(r"\[(?:Aanvullen|Complete)\b[^\]]{0,600}\]", re.IGNORECASE)
# A sentence ends at . ! ? before a capital, and at a line end unless the next line goes on
# in lower case (a sentence wrapped over lines, as PDF text and plain-text notes are).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(]?[A-Z0-9À-Þ])|\n(?![ \t]*[a-zß-ÿ])")
# Its two alternatives searched apart (twice as fast: the first starts at a punctuation mark,
# not at a lookbehind tried everywhere); _ends merges them into _SENTENCE_END's match starts.
_PUNCTUATION_END = re.compile(r"[.!?](\s+)(?=[\"'“‘(]?[A-Z0-9À-Þ])")
_LINE_END = re.compile(r"\n(?![ \t]*[a-zß-ÿ])")
# _PUNCTUATION_END once per mark: a pattern that starts with one character is searched for
# that character (twice as fast as for a class); a run follows one mark, so the matches are
# the same, sorted.
_MARK_ENDS = tuple((mark, re.compile(re.escape(mark) + _PUNCTUATION_END.pattern[len("[.!?]"):])) for mark in ".!?")


def _ends(text: str) -> list[int]:
    """Where _SENTENCE_END's matches start: each run of white space after . ! ? (before a capital),
    and each line end it finds outside those runs (a run it matches takes its line ends in)."""
    lines = [m.start() for m in _LINE_END.finditer(text)] if "\n" in text else []
    runs: list[tuple[int, int]] = []
    for mark, pattern in _MARK_ENDS:
        if mark in text:
            runs = sorted(runs + [m.span(1) for m in pattern.finditer(text)]) if runs else \
                [m.span(1) for m in pattern.finditer(text)]
    if not runs:
        return lines
    ends: list[int] = []
    index, count = 0, len(lines)
    for start, end in runs:
        while index < count and lines[index] < start:
            ends.append(lines[index])
            index += 1
        while index < count and lines[index] < end:
            index += 1
        ends.append(start)
    ends += lines[index:]
    return ends


def _spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text's sentences and lines; a label line without a value
    ('Reden afwijking:') is joined with the next line (a table cell and its value)."""
    spans: list[tuple[int, int]] = []
    start = 0
    label = False   # the last span is a label: at most 60 characters stripped, ending in ':'
    for end in _ends(text) + [len(text)]:
        piece = text[start:end].strip()
        if piece:
            if label:
                first = spans[-1][0]
                spans[-1] = (first, end)
                piece = text[first:end].strip()
            else:
                spans.append((start, end))
            label = len(piece) <= 60 and piece[-1] == ":"
        start = end
    return spans


def sentences(text: str) -> list[str]:
    """The text's sentences and lines, whitespace made single (see _spans)."""
    return [" ".join(text[a:b].split()) for a, b in _spans(text)]


def extract(text: str, doc_type: str | None, date: dt.date | None) -> tuple[Statement, ...]:
    """The statements of one document's text (its first SCAN_CHARS characters): reasons and
    own-organisation statements, then the RIV-toets content parts it holds and what a UWV
    decision states (recognize/content.py)."""
    text = _PROMPT.sub(" ", text[:SCAN_CHARS])
    low = lowered(text)
    said = _sentences_said(text, doc_type, date, low)
    parts = set(content.parts_in(text, doc_type, low))
    if doc_type == "arbeidsdeskundig-rapport" and any(s.kind == OWN_WORK_RULED_OUT for s in said):
        parts.add("koerswijziging")   # "no return in the own organisation": the course changes to the 2e spoor
    found = [*said, *(Statement(content.PART, None, "", date, part=p) for p in sorted(parts))]
    found += [Statement(d.kind, None, "", d.date, weeks=d.weeks) for d in dict.fromkeys(content.decisions(text, doc_type))]
    return tuple(found)


_END = operator.itemgetter(1)


def _sentences_said(text: str, doc_type: str | None, date: dt.date | None,
                    low: str | None = None) -> tuple[Statement, ...]:
    cues = _cue_positions(text, low)
    if not cues:
        return ()
    found: list[Statement] = []
    seen: set[tuple[str, str | None]] = set()
    spans = _spans(text)
    ends = list(map(_END, spans))
    count, done = len(spans), -1
    for cue in cues:   # the spans that hold a cue, in order (the first that ends after it, if it starts before)
        index = bisect.bisect_right(ends, cue, done + 1)
        if index >= count:
            break
        start, end = spans[index]
        if cue < start:
            continue
        done = index
        sentence = " ".join(text[start:end].split())
        low = sentence.lower()
        present = frozenset(filter(low.__contains__, _GATE_WORDS))   # each gate word looked up once
        if not present:
            continue
        previous = " ".join(text[spans[index - 1][0]:spans[index - 1][1]].split()) if index else ""
        statement = _reason(sentence, previous, doc_type, date, present) or _own_work(sentence, date, present)
        if statement is None or (statement.kind, statement.milestone) in seen:
            continue
        seen.add((statement.kind, statement.milestone))
        found.append(statement)
        if len(found) >= MAX_STATEMENTS:
            break
    return tuple(found)


def _reason(sentence: str, previous: str, doc_type: str | None, date: dt.date | None,
            present: frozenset[str]) -> Statement | None:
    low = sentence.lower()
    strong_tried, weak_tried, _ = _tried(present)
    for strong, patterns in ((True, strong_tried), (False, weak_tried)):
        for pattern in patterns:
            match = pattern.search(sentence)
            if match is None or not _has_content(sentence, match) or _DENIAL.search(sentence):
                continue
            milestone = _milestone(sentence, match, doc_type if strong else None)
            if milestone:
                return Statement(REASON, milestone, quote(sentence), date, by=reason_author(sentence, doc_type))
    follows = _REASON_FOLLOWS.search(sentence) if "reason" in low or "reden" in low else None
    if follows and previous and _LATE.search(previous) and not _DENIAL.search(previous) \
            and not _DENIAL.search(sentence) and _has_content(sentence, follows):
        milestone = _milestone(previous, _LATE.search(previous), doc_type)
        if milestone:
            both = f"{previous} {sentence}"
            return Statement(REASON, milestone, quote(both if len(both) <= QUOTE_CHARS else sentence), date,
                             by=reason_author(both, doc_type))
    return None


@functools.lru_cache(maxsize=1024)
def _tried(present: frozenset[str]) -> tuple[tuple[re.Pattern[str], ...], ...]:
    """The strong, weak and own-work patterns, in order, whose words a sentence holding
    `present` (of _GATE_WORDS) has: a few sets of words come back in every text."""
    return tuple(tuple(pattern for pattern, needs in patterns if not present.isdisjoint(needs))
                 for patterns in (_REASON_STRONG, _REASON_WEAK, _OWN_WORK))


def _own_work(sentence: str, date: dt.date | None, present: frozenset[str]) -> Statement | None:
    if any(pattern.search(sentence) for pattern in _tried(present)[2]) \
            and not _DENIAL.search(sentence) and not _CONDITION.search(sentence):
        return Statement(OWN_WORK_RULED_OUT, None, quote(sentence), date)
    return None


def _has_content(sentence: str, match: re.Match[str]) -> bool:
    """More than a label: words besides the phrase, and not 'n.v.t.' or 'geen' after it."""
    after, before = sentence[match.end():], sentence[:match.start()]
    if match.group(0).rstrip().lower().endswith(("afwijking", "afwijken", "uitstel", "vertraging", "deviation",
                                                 "departure", "delay", "postponement")):
        return not _VOID.match(after) and _words(after, 2)  # a label ("Reden afwijking:") needs its value
    return not _VOID.match(after) or _words(before, 3)


def _words(text: str, least: int) -> bool:
    return len(re.findall(_W, text)) >= least


def _milestone(sentence: str, match: re.Match[str], doc_type: str | None) -> str | None:
    """The milestone named right after the phrase, else the last one named before it, else the document's."""
    tail = sentence[match.end():]
    lead = _AFTER.match(tail)
    rest = tail[lead.end():] if lead else tail
    for code, pattern in _MILESTONE_WORDS:
        hit = pattern.match(rest)
        if hit:
            return code
    before = sentence[:match.start()]
    best: tuple[int, str] | None = None
    for code, pattern in _MILESTONE_WORDS:
        for hit in pattern.finditer(before):
            if best is None or hit.start() > best[0]:
                best = (hit.start(), code)
    if best:
        return best[1]
    return TYPE_MILESTONE.get(doc_type or "")


def quote(sentence: str) -> str:
    """The sentence for a report: at most QUOTE_CHARS, "" when it holds a medical word (AVG)."""
    text = " ".join(sentence.split())
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return "" if medical_terms(text) else text
