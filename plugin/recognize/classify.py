"""What kind of dossier document is this, and from when? For files written by other parties.

The type comes from (1) our own docx properties, (2) the file name, (3) the text: headings
near the top, or for a mail its subject and body, (4) for a letter or mail from UWV, the
phrases UWV uses in it ("wij hebben uw ziekmelding ontvangen", "loonsanctie"). The date
comes from our property, a labelled date in the text (for a UWV letter: the date it
confirms), the file name, and last the mail's date; never the file's mtime (copying a
dossier resets it). Every result says `why` in the user's words ("kop 'Plan van aanpak'").
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


from plugin.core.gates import gate, lower_twin, lowered
from plugin.core.terms import EDGE_AFTER, EDGE_BEFORE
from plugin.core.dates import DateError, find_dates, parse_date
from plugin.core.doctypes import DOC_TYPES
from plugin.core.language import SNIPPET, detect_language
from plugin.core.privacy import medical_terms
from plugin.readers import Extracted, MailMeta

# Type keywords, in order of precedence: the first type with a match wins, so the longer
# words that contain a shorter one come first ("eindevaluatie" before "evaluatie"). The
# words and the order are each type's record (plugin.core.doctypes: keywords, match_rank).
TYPE_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    (d.id, d.keywords) for d in sorted(DOC_TYPES.values(), key=lambda d: d.match_rank) if d.keywords]

# Phrases in the body of a letter or mail from UWV, per type (Dutch and English). Only used
# when the document comes from UWV (letterhead, sign-off or sender): an employer's own note
# may say "de ziekmelding bij UWV na 42 weken is gedaan" without being UWV's confirmation.
# The earliest phrase in the text wins. A gap "[^.\n]{0,80}" stays within one sentence.
UWV_PHRASES: list[tuple[str, tuple[str, ...]]] = [
    ("loonsanctie", ("loon ?sanctie", "(?:u|you) (?:moet|must) (?:het )?loon[^.\n]{0,40}langer door ?betalen",
                     "verlenging (?:van )?(?:de )?loondoorbetalingsverplichting", "wage sanction",
                     "(?:continue to )?pay (?:the )?(?:employee's )?wages? for (?:a )?longer(?: period)?")),
    ("verlenging-wachttijd", ("verlenging (?:van )?(?:de )?wachttijd", "wachttijd (?:te )?verlengen",
                              "verlenging (?:van )?(?:de )?loondoorbetaling", "uitstel (?:van )?(?:de )?wia ?aanvraag",
                              "extension of the waiting (?:time|period)", "extend(?:ing)? the waiting (?:time|period)")),
    ("deskundigenoordeel", ("deskundigen oordeel", "expert opinion", "second opinion")),
    ("wia-aanvraag", ("(?:ontvangst ?)?bevestiging (?:van )?(?:de |uw )?(?:wia ?aanvraag|aanvraag[^.\n]{0,40}wia)",
                      "aanvraag[^.\n]{0,60}wia ?uitkering[^.\n]{0,60}ontvangen",
                      "ontvangen[^.\n]{0,60}aanvraag[^.\n]{0,40}wia",
                      "received[^.\n]{0,60}application for (?:a )?wia", "wia application[^.\n]{0,40}received",
                      "confirmation of (?:receipt of )?(?:your |the )?wia application",
                      "ontvangst ?bevestiging[^.\n]{0,40}wia", "bevestig\\w*[^.\n]{0,40}aanvraag[^.\n]{0,40}wia",
                      "acknowledg\\w*[^.\n]{0,60}wia")),
    ("42e-weekmelding", ("ziekmelding (?:van )?(?:een |uw )?langdurig(?:e)? (?:zieke )?(?:werknemer|verzuim)",
                         "bevestiging (?:van )?(?:uw )?ziekmelding", "(?:wij|we) hebben uw ziekmelding[^.\n]{0,60}ontvangen",
                         # compounds and verbs: "Ontvangstbevestiging ziekmelding", "bevestigt de ziekmelding in de 42e week"
                         "ontvangst ?bevestiging (?:van )?(?:de |uw )?(?:\\w*ziek ?melding|melding arbeidsongeschiktheid)",
                         "bevestig(?:t|en|d)?(?: wij| we)? (?:de |uw |hierbij )?(?:\\w*ziek ?melding)",
                         "\\w*ziek ?melding[^.\n]{0,40}42 ?(?:e|ste)? (?:week|weken)",
                         "acknowledg\\w* (?:of )?(?:receipt of )?(?:your |the )?sick(?:ness)? (?:report|notification)",
                         "confirm(?:s|ed)? (?:receipt of )?(?:your |the )?sick(?:ness)? (?:report|notification)",
                         "(?:bijna |ongeveer )?42 weken ziek", "ziek gemeld omdat[^.\n]{0,40}42 weken",
                         "confirmation of (?:your )?sick(?:ness)? (?:report|notification)",
                         "sick for (?:almost |nearly )?42 weeks", "long[- ]term (?:sick|ill) employee",
                         "received your (?:sickness |sick )?(?:report|notification)")),
]
_UWV_SENDER = re.compile(r"(?<![^\W_])(?:uwv|uitvoeringsinstituut werknemersverzekeringen)(?![^\W_])", re.IGNORECASE)
_UWV_SIGN_OFF = re.compile(r"(?:groet(?:en)?|regards),?\s*\n?\s*(?:[^\n]{0,40}\n\s*)?(?:uwv|namens uwv)", re.IGNORECASE)
# Labels of the date a UWV letter confirms (the report, the application), before its own date.
UWV_DATE_LABEL = re.compile(r"datum\s+(?:van\s+(?:de\s+)?)?(?:ziek)?melding|datum\s+(?:van\s+(?:de\s+)?)?aanvraag"
                            r"|datum\s+ontvangst|ontvangen\s+op|ingediend\s+op|gemeld\s+op|received\s+on"
                            r"|date\s+of\s+(?:the\s+)?(?:notification|report|application|receipt)", re.IGNORECASE)
_UWV_DATE_AFTER = re.compile(r"\s(?:ontvangen|binnengekomen|ingediend|gedaan)\b", re.IGNORECASE)
UWV_LINES = 12  # a letterhead is in the first lines
_SIGN_OFF_GATE = gate(_UWV_SIGN_OFF)   # what each sign-off holds (core/gates.py)

# Labels that put a date next to the document's own date, in prefix text before a date.
DATE_LABELS = ("datum", "date", "dated", "d.d.", "opgesteld", "gesprek", "meeting")
# Labels whose date is something else: the first sick day, a birthday, the next meeting.
NOT_DOCUMENT_DATE = ("ziek", "verzuim", "sick", "absen", "geboren", "geboorte", "birth", "born",
                     "in dienst", "employ", "volgend", "next", "uiterlijk", "deadline", "vóór",
                     "wachttijd", "waiting", "print", "verloop", "einde", "start", "aanvang")
FIRST_SICK_DAY = re.compile(
    r"eerste\s+(?:ziekte|verzuim|arbeidsongeschiktheids)\s*dag|ziek\s*sinds|ziek\s*gemeld\s+(?:op|per|sinds)"
    r"|verzuim\s*sinds|first\s+day\s+of\s+(?:sickness|sick\s*leave|absence|illness|incapacity)"
    r"|(?:sick|absent)\s+since", re.IGNORECASE)
CASE_LABEL = re.compile(r"(?:casus\s*nummer|casus\s*nr\.?|case\s*(?:id|number))\s*[:#]?\s*([A-Za-z0-9][\w./-]{0,30})",
                        re.IGNORECASE)
_TITLE_LABEL = re.compile(r"^(?:(?:re|fw|fwd|doorst|betreft|onderwerp|subject|titel|title)\s*:\s*)+",
                          re.IGNORECASE)
_LABEL_LINE = re.compile(r"^[^:\n]{1,30}:\s*\S")  # "Arbeidsdeskundige: mw. Smit" names a person
_EDGE_BEFORE, _EDGE_AFTER = EDGE_BEFORE, EDGE_AFTER
_DATE_OR_YEAR = re.compile(r"\d[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}")
_COMPACT_DATE = re.compile(r"(?<!\d)(20\d\d)(\d\d)(\d\d)(?!\d)")
_SHORT_YEAR_DATE = re.compile(r"(?<!\d)\d{1,2}[-.]\d{1,2}[-.]\d{2}(?!\d)")

HEADING_LINES, HEADING_MAX_CHARS, HEADING_MAX_OFFSET = 40, 80, 25
DATE_SCAN_CHARS, FIRST_LINES, HEAD_CHARS = 4000, 10, 1000


def _body(pattern: str) -> str:
    return pattern.replace(" ", r"[\s_-]*")


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(_EDGE_BEFORE + "(?:" + _body(pattern) + ")" + _EDGE_AFTER, re.IGNORECASE)


def _either(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern that matches a text where one of _compile(p) for p in patterns does (the
    edges taken out of the alternation: one try per word start, not one per pattern)."""
    return re.compile(_EDGE_BEFORE + "(?:" + "|".join(f"(?:{_body(p)})" for p in patterns) + ")" + _EDGE_AFTER,
                      re.IGNORECASE)


_TYPE_PATTERNS = [(type_id, [_compile(p) for p in patterns]) for type_id, patterns in TYPE_KEYWORDS]
_UWV_PATTERNS = [(type_id, [_compile(p) for p in patterns]) for type_id, patterns in UWV_PHRASES]
# Speed: per table, a pattern for any of its types and one per type. A text (a heading line, a
# file name) that none matches has no hit of the type's patterns, so _match and _earliest skip
# them: most lines name no type, and one search costs less than eighty-five.
_EITHER = {id(table): (_either(tuple(p for _, patterns in words for p in patterns)),
                       [_either(patterns) for _, patterns in words])
           for table, words in ((_TYPE_PATTERNS, TYPE_KEYWORDS), (_UWV_PATTERNS, UWV_PHRASES))}
assert all(type_id in DOC_TYPES for type_id, _ in TYPE_KEYWORDS + UWV_PHRASES), "an unknown type in the tables"

# How `why` reads: a label, then the words that decided it (recognize/why.py, with the English labels)
from plugin.recognize.why import (WHY_FILENAME, WHY_HEADING, WHY_NONE, WHY_OCR, WHY_PROBLEM,  # noqa: E402,F401
                                  WHY_PROPERTY, WHY_SUBJECT, WHY_UWV, explain)


@dataclass(frozen=True)
class Classification:
    type: str | None
    date: dt.date | None
    evidence: str
    date_evidence: str | None
    language: str
    case_id: str | None
    first_sick_day: dt.date | None
    why: str = ""                # in the user's words: "bestandsnaam 'PvA'", "OCR: kop 'Plan van aanpak'"
    issuer: str | None = None    # "UWV" for a letter or mail from UWV


def classify(item: Extracted, *, path_name: str | None = None,
             case_pattern: str | re.Pattern[str] | None = None) -> Classification:
    """Type, date and language of one extracted file. Attachments: call again per attachment.

    `path_name` replaces item.name for the file-name step; `case_pattern` finds a case id in
    the file name or text when our Casusnummer property is absent (group 1, else the match).
    """
    props = item.properties
    file_name = PurePosixPath((path_name or item.name).replace("\\", "/")).name
    stem = re.sub(r"[_.+]+", " ", Path(file_name).stem)
    mail = item.mail
    body = item.text[:DATE_SCAN_CHARS]
    issuer = "UWV" if from_uwv(item) else None
    type_id, evidence, why = _type_and_why(item, stem, body, issuer)
    first_sick = first_sick_day(item.text[:20_000])
    date, date_evidence = _document_date(props, body, stem, mail, first_sick, issuer, type_id)
    language = quick_language(f"{mail.subject}\n{item.text}" if mail else item.text)
    return Classification(type=type_id, date=date, evidence=evidence, date_evidence=date_evidence,
                          language=language, case_id=_case_id(props, f"{file_name}\n{body}", case_pattern),
                          first_sick_day=first_sick, why=why, issuer=issuer)


def _type_and_why(item: Extracted, stem: str, body: str, issuer: str | None) -> tuple[str | None, str, str]:
    """(type, evidence, why): property, file name, subject or heading, then UWV's phrases."""
    type_id = _type_from_property(item.properties.get("Documenttype", ""))
    if type_id is not None:
        return type_id, "properties", f"{WHY_PROPERTY} 'Documenttype'"
    found = _match(stem)
    if found:
        return found[0], "filename", f"{WHY_FILENAME} '{found[1]}'"
    mail = item.mail
    evidence = "mail" if mail is not None else ("ocr" if item.ocr_pages else "content")
    prefix = f"{WHY_OCR}: " if item.ocr_pages else ""
    if mail is not None:
        subject = _TITLE_LABEL.sub("", mail.subject)
        found = _match(subject)
        if found:
            return found[0], evidence, f"{WHY_SUBJECT} '{found[1]}'"
        uwv = _earliest(_UWV_PATTERNS, subject) if issuer else None
        if uwv:  # UWV's sender plus the subject it confirms ("Ontvangstbevestiging ziekmelding")
            return uwv[0], evidence, f"{WHY_UWV}, {WHY_SUBJECT} '{uwv[1]}'"
    found = _heading(body)
    if found:
        label = f"{WHY_UWV}, {WHY_HEADING}" if issuer else WHY_HEADING
        return found[0], evidence, f"{prefix}{label} '{found[1]}'"
    if issuer:
        found = _earliest(_UWV_PATTERNS, body)
        if found:
            return found[0], evidence, f"{prefix}{WHY_UWV}: '{found[1]}'"
    return None, evidence, f"{prefix}{WHY_NONE}" if prefix else WHY_NONE


# Function words only one of the two languages uses. A text where one side clearly wins needs
# no statistical detector (langdetect took 40% of a scan's time); a close call still gets it.
_NL_WORDS = frozenset("de het een en van niet met voor dat die zijn wordt worden aan bij er ook naar heeft hebben "
                      "wij u uw ons onze deze dit werknemer werkgever datum gesprek afspraken".split())
_EN_WORDS = frozenset("the and of to for with not that on be are this it by from has have you your our these "
                      "employee employer date meeting agreed will".split())
_WORD = re.compile(r"[^\W\d_]+")


# _WORD for a text of Latin-1 characters: its bytes with every character _WORD does not take
# made a space, split (the regular expression's test per character is the slow part).
_LATIN1_LETTERS = bytes(code if _WORD.fullmatch(chr(code)) else 0x20 for code in range(256))


def _words(text: str) -> list[str]:
    """_WORD.findall(text)."""
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        return _WORD.findall(text)
    return data.translate(_LATIN1_LETTERS).decode("latin-1").split()


def quick_language(text: str) -> str:
    """'nl' or 'en': by function words when they are decisive, else core.language.detect_language."""
    words = _words(text[:SNIPPET].lower())
    dutch = sum(map(_NL_WORDS.__contains__, words))
    english = sum(map(_EN_WORDS.__contains__, words))
    if dutch + english >= 8 and (dutch >= 4 * max(english, 1) or english >= 4 * max(dutch, 1)):
        return "nl" if dutch > english else "en"
    return detect_language(text)


def from_uwv(item: Extracted) -> bool:
    """Sent by UWV: the mail's sender, or 'UWV' in the letterhead (first lines) or the sign-off."""
    if item.mail is not None and _UWV_SENDER.search(item.mail.sender):
        return True
    lines = itertools.islice((line for line in item.text[:DATE_SCAN_CHARS].split("\n") if line.strip()), UWV_LINES)
    if any(len(line) <= HEADING_MAX_CHARS and _UWV_SENDER.search(line) for line in lines):
        return True
    if not item.text:
        return False
    tail = item.text[-1500:]
    low = lowered(tail)
    if low is not None and _SIGN_OFF_GATE is not None and not _SIGN_OFF_GATE.passes(low):
        return False   # no greeting with 'uwv': the regex would find none
    return _UWV_SIGN_OFF.search(tail) is not None


def _type_from_property(value: str) -> str | None:
    value = value.strip()
    return value if value in DOC_TYPES else None


def match_type(text: str) -> str | None:
    """The document type named in a short text (file name, subject, heading), or None."""
    found = _match(text)
    return found[0] if found else None


# A type named after one of these words is what the document relates to, not what it is:
# "Plan van aanpak (herzien na EJE)" is the plan, "Actueel oordeel t.b.v. WIA-aanvraag" the oordeel.
_RELATION = re.compile(r"(?<![^\W_])(?:na|n\.?a\.?v\.?|naar aanleiding van|t\.?b\.?v\.?|ten behoeve van|volgend op|"
                       r"volgens|incl\.?|inclusief|after|following|incl|including|per)[\s(:,-]*$", re.IGNORECASE)


def _hit(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match that does not follow a relation word (see _RELATION)."""
    for match in pattern.finditer(text):
        if not _RELATION.search(text[max(0, match.start() - 30):match.start()]):
            return match
    return None


def _match(text: str) -> tuple[str, str] | None:
    """(type, the words that matched): the first type in table order that matches, ignoring a
    type named only in relation to the document ("... herzien na EJE")."""
    either, per_type = _EITHER.get(id(_TYPE_PATTERNS), (None, None))
    if either is not None and either.search(text) is None:
        return None
    for rank, (type_id, patterns) in enumerate(_TYPE_PATTERNS):
        if per_type is not None and per_type[rank].search(text) is None:
            continue
        hits = [m for m in (_hit(p, text) for p in patterns) if m]
        if hits:
            return type_id, _quote(min(hits, key=lambda m: m.start()).group(0))
    return None


def _earliest(table: list[tuple[str, list[re.Pattern[str]]]], text: str) -> tuple[str, str, int] | None:
    """(type, matched words, offset): the earliest match in the text, table order breaking ties."""
    either, per_type = _EITHER.get(id(table), (None, None))
    if either is not None and either.search(text) is None:
        return None
    best: tuple[int, int, str, str] | None = None
    for rank, (type_id, patterns) in enumerate(table):
        if per_type is not None and per_type[rank].search(text) is None:
            continue
        for pattern in patterns:
            m = _hit(pattern, text)
            if m and (best is None or (m.start(), rank) < best[:2]):
                best = (m.start(), rank, type_id, _quote(m.group(0)))
    return (best[2], best[3], best[0]) if best else None


def _quote(words: str) -> str:
    """The words that decided, for `why`: short, and never a medical term (AVG)."""
    words = " ".join(words.split())
    words = words if len(words) <= 60 else words[:57] + "..."
    return "[weggelaten: medische term]" if _medical(words) else words


@functools.lru_cache(maxsize=4096)
def _medical(words: str) -> bool:
    return bool(medical_terms(words))  # the same few keywords come back in every file


def heading_type(text: str) -> str | None:
    """The type named by a heading-like line near the top: short, no closing full stop, not
    a 'Label: value' line (the title labels Betreft/Onderwerp/Subject are stripped first)."""
    found = _heading(text)
    return found[0] if found else None


def _heading(text: str) -> tuple[str, str] | None:
    lines = (line.strip() for line in text.split("\n") if line.strip())   # (most return at the first)
    for number, line in enumerate(itertools.islice(lines, HEADING_LINES)):
        line = _TITLE_LABEL.sub("", line)
        if len(line) > HEADING_MAX_CHARS or line.endswith((".", ",", ";")) or _LABEL_LINE.match(line):
            found = _run_in_heading(line) if number < RUN_IN_LINES else None
            if found:
                return found
            continue
        found = _earliest(_TYPE_PATTERNS, line)
        if found and found[2] <= HEADING_MAX_OFFSET:
            return found[0], found[1]
    return None


RUN_IN_LINES = 5   # a heading run into the text ("Probleemanalyse. Werknemer ...") only near the top
_RUN_IN = re.compile(r"^(.{3,60}?)(?:\.\s+|\s+[-–—]\s+)(?=\S)")
_NAME_WORD = re.compile(r"^(?:[A-Z0-9À-Þ][\w.'’-]*|van|de|der|den|el|ten|ter|d\.d\.|dd|of|the)$")


def _run_in_heading(line: str) -> tuple[str, str] | None:
    """A heading on the same line as the text: "Probleemanalyse. Werknemer J. Jansen is ...",
    "Plan van aanpak – Mw. F. el Amrani". The part before the first full stop or dash counts
    when it starts with the type's words and holds nothing else but names and dates, so a
    sentence ("Het plan van aanpak is besproken. ...") is not a heading."""
    head = _RUN_IN.match(line)
    if not head:
        return None
    segment = head.group(1).strip()
    found = _earliest(_TYPE_PATTERNS, segment)
    if not found or found[2] > 0:
        return None
    rest = segment[len(found[1]):] if segment.lower().startswith(found[1].lower()) else ""
    if all(_NAME_WORD.match(word) for word in rest.split()):
        return found[0], found[1]
    return None


_SICK_HINTS = ("ziek", "verzuim", "arbeidsongeschikt", "first", "sick", "absen")


_SICK_GATE = gate(FIRST_SICK_DAY)   # the words a label's match holds (core/gates.py)


def first_sick_day(text: str) -> dt.date | None:
    low = lowered(text)
    if low is not None and _SICK_GATE is not None:
        if not _SICK_GATE.passes(low, {}):   # (each label's words hold a hint: no need to look for those)
            return None   # no label's words: the regex would find none
    elif not any(hint in (low if low is not None else text.lower()) for hint in _SICK_HINTS):
        return None   # the regex costs ms on a long text
    for label in FIRST_SICK_DAY.finditer(text):
        for offset, value in find_dates(text[label.end(): label.end() + 60]):
            if offset <= 40:
                return value
    return None


def _document_date(props: dict[str, str], body: str, stem: str, mail: MailMeta | None,
                   first_sick: dt.date | None, issuer: str | None = None,
                   type_id: str | None = None) -> tuple[dt.date | None, str | None]:
    value = _parse(props.get("Documentdatum", "")[:10])
    if value:
        return value, "properties"
    value = uwv_date(body, receipt_first=type_id == "wia-aanvraag") if issuer else None
    if value:
        return value, "content"
    value = content_date(body, first_sick, labelled_only=mail is not None)
    if value:
        return value, "content"
    value = filename_date(stem)
    if value:
        return value, "filename"
    if mail is not None and mail.date:
        return mail.date, "mail"
    return None, None


_RECEIPT_LABEL = re.compile(r"datum\s+(?:van\s+)?ontvangst|ontvangen\s+op|binnengekomen\s+op|received\s+on"
                            r"|date\s+of\s+receipt", re.IGNORECASE)


def uwv_date(text: str, receipt_first: bool = False) -> dt.date | None:
    """The date a UWV letter confirms ('Datum melding: 03-11-2025', 'ontvangen op 12 oktober 2026').

    receipt_first: the date UWV received it wins over a sending or application date in the same
    letter (the WIA application is on time by UWV's receipt, WIA art. 64 lid 3)."""
    low = lowered(text)   # the labels' twins search its lower case (same matches, same offsets), faster
    searched, (receipt, dated, verbs) = (text, _UWV_DATE_PATTERNS) if low is None else (low, _UWV_DATE_TWINS)
    labels = [*(receipt.finditer(searched) if receipt_first else ()), *dated.finditer(searched)]
    if receipt_first:
        for verb in verbs.finditer(searched):  # "... op 13 oktober 2026 ontvangen"
            if text[verb.start():verb.end()].strip().lower() in ("ontvangen", "binnengekomen"):
                found = _dates_before(text, verb.start())
                if found:
                    return found
    for label in labels:
        after = text[label.end(): label.end() + 60]
        for offset, value in find_dates(after):
            if offset <= 25:
                return value
    for verb in verbs.finditer(searched):  # "... op 13 oktober 2026 ontvangen"
        found = _dates_before(text, verb.start())
        if found:
            return found
    return None


_UWV_DATE_PATTERNS = (_RECEIPT_LABEL, UWV_DATE_LABEL, _UWV_DATE_AFTER)
_UWV_DATE_TWINS = tuple(lower_twin(pattern) for pattern in _UWV_DATE_PATTERNS)
assert None not in _UWV_DATE_TWINS


def _dates_before(text: str, at: int) -> dt.date | None:
    before = text[max(0, at - 40): at]
    on = before.lower().rfind(" op ")
    found = [(offset, value) for offset, value in find_dates(before) if on >= 0 and offset > on]
    return found[-1][1] if found else None


def content_date(text: str, first_sick: dt.date | None = None, *, labelled_only: bool = False
                 ) -> dt.date | None:
    """A labelled date ('Datum: 12-03-2025') anywhere near the top, else one in the first lines."""
    first_lines_end = _offset_after_lines(text, FIRST_LINES)
    # Most documents state their date near the top: look there first (find_dates is the costly
    # part). The head ends at a line break, which no date spans, so it finds nothing the whole
    # text would not; the first labelled date of the head is the first of the whole text.
    cut = text.find("\n", HEAD_CHARS)
    for part in ((text[:cut],) if cut != -1 else ()) + (text,):
        unlabelled = None
        for offset, value in find_dates(part):
            prefix = _label_before(text, offset)
            if value == first_sick or any(word in prefix for word in NOT_DOCUMENT_DATE):
                continue
            if any(word in prefix for word in DATE_LABELS):
                return value
            if unlabelled is None and offset < first_lines_end:
                unlabelled = value
    return None if labelled_only else unlabelled


def _label_before(text: str, offset: int) -> str:
    """The text before a date on its line; for a date alone in a table cell, the cell before."""
    line_start = text.rfind("\n", 0, offset) + 1
    prefix = text[max(line_start, offset - 50): offset]
    if not prefix.strip():
        previous = text[:line_start].rstrip().rsplit("\n", 1)[-1] if line_start else ""
        return previous.lower() if len(previous) <= 40 else ""
    earlier = list(_DATE_OR_YEAR.finditer(prefix))
    if earlier:  # "Ziek sinds 3-3-2025, gesproken op 10-03-2025": only the words after the first date
        prefix = prefix[earlier[-1].end():]
    return prefix.lower()


def _offset_after_lines(text: str, count: int) -> int:
    seen, offset = 0, 0
    for line in text.split("\n"):
        offset += len(line) + 1
        seen += bool(line.strip())
        if seen >= count:
            break
    return offset


def filename_date(stem: str) -> dt.date | None:
    """'PvA 12-03-2025', '2025-03-12 PvA', '20250312_PvA', 'PvA 12-03-25'."""
    found = find_dates(stem)
    if found:
        return found[0][1]
    for match in (*_COMPACT_DATE.finditer(stem), *_SHORT_YEAR_DATE.finditer(stem)):
        value = _parse("-".join(match.groups()) if match.groups() else match.group(0))
        if value:
            return value
    return None


def _parse(text: str) -> dt.date | None:
    try:
        return parse_date(text)
    except DateError:
        return None


def _case_id(props: dict[str, str], text: str, pattern: str | re.Pattern[str] | None) -> str | None:
    if props.get("Casusnummer", "").strip():
        return props["Casusnummer"].strip()
    if pattern is not None:
        match = re.search(pattern, text)
        if match:
            return match.group(1) if match.re.groups else match.group(0)
    low = lowered(text)
    if low is not None:   # the same match on the lower-case text, found by its first letters
        match = _CASE_LABEL_LOWER.search(low)
        return text[match.start(1):match.end(1)] if match else None
    match = CASE_LABEL.search(text)
    return match.group(1) if match else None


# CASE_LABEL for gates.lowered text: no IGNORECASE (its letters lower case, 'cas' put first), so
# the regex engine looks for 'cas'; the same matches at the same offsets.
_CASE_LABEL_LOWER = re.compile(r"cas(?:us\s*nummer|us\s*nr\.?|e\s*(?:id|number))\s*[:#]?\s*([a-z0-9][\w./-]{0,30})")
