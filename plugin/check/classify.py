"""What kind of dossier document is this, and from when? For files written by other parties.

The type comes from (1) our own docx properties, (2) the file name, (3) the text: headings
near the top, or for a mail its subject and body. The date comes from our property, a
labelled date in the text, the file name, and last the mail's date; never the file's mtime
(copying a dossier resets it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


from plugin.core.terms import EDGE_AFTER, EDGE_BEFORE
from plugin.core.dates import DateError, find_dates, parse_date
from plugin.core.doctypes import DOC_TYPES
from plugin.core.language import detect_language
from plugin.readers import Extracted, MailMeta

# Type keywords, in order of precedence: the first type with a match wins, so the longer
# words that contain a shorter one come first ("eindevaluatie" before "evaluatie").
# Matching ignores case; a space means "optional space, '-' or '_'"; every pattern must
# stand as whole word(s). (?-i:XX) marks abbreviations that count only in capitals.
TYPE_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    ("eerstejaarsevaluatie", ("(?:eerste|1e|1ste) jaars evaluatie", "eje", "first year (?:evaluation|review)",
                              "jaar evaluatie",
                              "evaluatie (?:na )?(?:het )?eerste (?:ziekte)?jaar")),
    ("eindevaluatie", ("eind evaluatie", "final evaluation")),
    ("42e-weekmelding", (r"42 ?(?:e|ste|nd)? (?:weeks?|weken)(?: ?melding)?", "week 42",
                         "ziekmelding (?:bij |aan )?(?:het )?uwv", "uwv ziekmelding",
                         "(?:ziek)?melding (?:bij )?langdurig verzuim",
                         "long term (?:sickness|absence) (?:report|notification)")),
    ("actueel-oordeel", ("actueel (?:medisch )?oordeel", "(?-i:AO) (?:BA|bedrijfsarts)",
                         "current (?:medical )?assessment")),
    ("deskundigenoordeel", ("deskundigen oordeel", "expert opinion", "second opinion uwv")),
    ("re-integratieverslag", ("re ?integratie verslag", "riv", "re ?integration report")),
    ("wia-aanvraag", ("wia aanvraag", "aanvraag wia", "wia application", "application for wia")),
    ("eindrapportage", ("eind rapport(?:age)?", "eind verslag", "final report")),
    ("arbeidsdeskundig-rapport", ("arbeidsdeskundig(?:e)? (?:onderzoek|rapport(?:age)?|advies|verslag)",
                                  "arbeidsdeskundige?", "(?-i:AD)", "ad rapport(?:age)?",
                                  "labou?r expert(?: report)?", "vocational expert(?: report)?")),
    ("trajectplan", ("traject ?plan", "re ?integratie ?plan", "(?:2e|tweede) spoor ?plan",
                     "plan (?:van aanpak )?(?:2e|tweede) spoor", "second track (?:re ?integration )?plan",
                     "re ?integration plan")),
    ("sollicitatie-overzicht", ("sollicitatie(?:s| ?overzicht| ?activiteiten| ?lijst)?",
                                "(?:job )?applications? (?:overview|list)", "job applications?")),
    ("voortgangsrapportage", ("voortgangs ?(?:rapportage|rapport|verslag)", "progress report", "(?-i:VGR)")),
    ("maandrapportage", ("maand ?(?:rapportage|rapport|verslag)", "monthly report")),
    ("probleemanalyse", ("probleem ?analyse", "(?-i:PA)", "problem analysis")),
    ("evaluatie", (r"\w*evaluatie(?!moment)\w*", "voortgangs ?gesprek", "bijstelling", r"\w*evaluation",
                   "review meeting")),
    ("plan-van-aanpak", ("plan van aanpak", "pva", "plan of action", "action plan", "return to work plan")),
]

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
DATE_SCAN_CHARS, FIRST_LINES = 4000, 10


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(_EDGE_BEFORE + "(?:" + pattern.replace(" ", r"[\s_-]*") + ")" + _EDGE_AFTER,
                      re.IGNORECASE)


_TYPE_PATTERNS = [(type_id, [_compile(p) for p in patterns]) for type_id, patterns in TYPE_KEYWORDS]
assert all(type_id in DOC_TYPES for type_id, _ in TYPE_KEYWORDS), "TYPE_KEYWORDS names an unknown type"


@dataclass(frozen=True)
class Classification:
    type: str | None
    date: dt.date | None
    evidence: str
    date_evidence: str | None
    language: str
    case_id: str | None
    first_sick_day: dt.date | None


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
    type_id, evidence = _type_from_property(props.get("Documenttype", "")), "properties"
    if type_id is None:
        type_id, evidence = match_type(stem), "filename"
    if type_id is None and mail is not None:
        type_id, evidence = match_type(_TITLE_LABEL.sub("", mail.subject)) or heading_type(body), "mail"
    elif type_id is None:
        type_id, evidence = heading_type(body), "content"
    first_sick = first_sick_day(item.text[:20_000])
    date, date_evidence = _document_date(props, body, stem, mail, first_sick)
    language = detect_language(f"{mail.subject}\n{item.text}" if mail else item.text)
    return Classification(type=type_id, date=date, evidence=evidence, date_evidence=date_evidence,
                          language=language, case_id=_case_id(props, f"{file_name}\n{body}", case_pattern),
                          first_sick_day=first_sick)


def _type_from_property(value: str) -> str | None:
    value = value.strip()
    return value if value in DOC_TYPES else None


def match_type(text: str) -> str | None:
    """The document type named in a short text (file name, subject, heading), or None."""
    found = _first_match(text)
    return found[0] if found else None


def _first_match(text: str, by_position: bool = False) -> tuple[str, int] | None:
    """The first type in table order that matches; by_position: the earliest in the text
    wins, table order breaking ties ("Plan van aanpak - evaluatiemomenten" is a plan)."""
    best: tuple[int, int, str] | None = None
    for rank, (type_id, patterns) in enumerate(_TYPE_PATTERNS):
        starts = [m.start() for m in (p.search(text) for p in patterns) if m]
        if starts:
            key = (min(starts) if by_position else 0, rank, type_id)
            if not by_position:
                return type_id, min(starts)
            best = min(best, key) if best else key
    return (best[2], best[0]) if best else None


def heading_type(text: str) -> str | None:
    """The type named by a heading-like line near the top: short, no closing full stop, not
    a 'Label: value' line (the title labels Betreft/Onderwerp/Subject are stripped first)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()][:HEADING_LINES]
    for line in lines:
        line = _TITLE_LABEL.sub("", line)
        if len(line) > HEADING_MAX_CHARS or line.endswith((".", ",", ";")) or _LABEL_LINE.match(line):
            continue
        found = _first_match(line, by_position=True)
        if found and found[1] <= HEADING_MAX_OFFSET:
            return found[0]
    return None


def first_sick_day(text: str) -> dt.date | None:
    for label in FIRST_SICK_DAY.finditer(text):
        for offset, value in find_dates(text[label.end(): label.end() + 60]):
            if offset <= 40:
                return value
    return None


def _document_date(props: dict[str, str], body: str, stem: str, mail: MailMeta | None,
                   first_sick: dt.date | None) -> tuple[dt.date | None, str | None]:
    value = _parse(props.get("Documentdatum", "")[:10])
    if value:
        return value, "properties"
    value = content_date(body, first_sick, labelled_only=mail is not None)
    if value:
        return value, "content"
    value = filename_date(stem)
    if value:
        return value, "filename"
    if mail is not None and mail.date:
        return mail.date, "mail"
    return None, None


def content_date(text: str, first_sick: dt.date | None = None, *, labelled_only: bool = False
                 ) -> dt.date | None:
    """A labelled date ('Datum: 12-03-2025') anywhere near the top, else one in the first lines."""
    first_lines_end = _offset_after_lines(text, FIRST_LINES)
    unlabelled = None
    for offset, value in find_dates(text):
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
    match = CASE_LABEL.search(text)
    return match.group(1) if match else None
