"""Dates as Dutch HR people write them: Excel dates, 3-2-2025, 2025-02-03, 3 februari 2025.

Day comes before month in every numeric form (Dutch usage); `March 12, 2025` is understood
as English. Nothing here guesses American month-first numeric dates.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december"]
MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december"]

_MONTH_WORDS: dict[str, int] = {}
for _i, (_nl, _en) in enumerate(zip(MONTHS_NL, MONTHS_EN), start=1):
    for _word in (_nl, _en, _nl[:3], _en[:3]):
        _MONTH_WORDS[_word] = _i
_MONTH_WORDS.update({"mrt": 3, "sept": 9, "okt": 10, "jan.": 1})
# Letters a case-insensitive pattern takes for an ASCII letter of a month name ('ſep', 'aprıl',
# 'İ'): the name is looked up as the pattern matched it, not refused with a KeyError.
_AS_ASCII = str.maketrans({"ſ": "s", "ı": "i", "İ": "i", "\u212a": "k"})


def _month(word: str) -> int | None:
    """The month a matched month word names (1-12), or None."""
    return _MONTH_WORDS.get(word.lower()) or _MONTH_WORDS.get(word.translate(_AS_ASCII).lower())

_MONTH_RE = "|".join(sorted((re.escape(w) for w in _MONTH_WORDS), key=len, reverse=True))

# Excel's day zero (1900 system, including Lotus' leap-year bug for serials >= 61).
_EXCEL_EPOCH = dt.date(1899, 12, 30)

# Each starts with a digit and checks the character before it after that digit ("(\d(?<!\d\d)"
# is "(?<!\d)(\d"): a pattern whose first item is a character class lets the regex engine skip
# to the next digit, where a leading lookbehind is tried at every character (3x slower). The
# same matches and groups (tests/test_dates.py compares them with the plain forms).
_NUMERIC_DMY = re.compile(r"(\d(?<!\d\d)\d?)[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?!\d)")
_ISO = re.compile(r"(\d\d{3})(?<!\d{5})-(\d{1,2})-(\d{1,2})(?!\d)")
_DAY_MONTH_YEAR = re.compile(
    rf"(\d(?<!\w\d)\d?)(?:e|ste|de)?\.?\s+({_MONTH_RE})\.?,?\s+(\d{{4}})(?!\d)", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(
    rf"(?<!\w)({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.IGNORECASE)

# find_dates' month-first form: any short word, checked against _MONTH_WORDS afterwards. The
# same matches as _MONTH_DAY_YEAR, without trying ~50 month words at every word of a long text.
_ANY_WORD_DAY_YEAR = re.compile(r"(?<!\w)([A-Za-z]{3,9})(\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)",
                                re.IGNORECASE)

# Where a month-first date is, this finds its day and year (white space before the day): a
# text without one (most) is not searched with _ANY_WORD_DAY_YEAR, which tries every word.
_DAY_YEAR = re.compile(r"\d(?<=\s\d)\d?(?:st|nd|rd|th)?,?\s+\d{4}(?!\d)", re.IGNORECASE)

# The same patterns with [0-9] for \d, for a text of Latin-1 characters (whose only decimal
# digits are 0-9): the regex engine looks for a digit of a range faster than of a category.
_FORMS = (_ISO, _NUMERIC_DMY, _DAY_MONTH_YEAR, _ANY_WORD_DAY_YEAR, _DAY_YEAR)
_LATIN1_FORMS = tuple(re.compile(p.pattern.replace(r"\d", "[0-9]"), p.flags) for p in _FORMS)

MIN_YEAR, MAX_YEAR = 1950, 2100


class DateError(ValueError):
    """A value that is not a date, or names a day that does not exist (31-02-2025)."""


def _make(year: int, month: int, day: int, original: object) -> dt.date:
    if year < 100:
        year += 2000
    try:
        value = dt.date(year, month, day)
    except ValueError:
        raise DateError(f"bestaat niet als datum: {original}") from None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise DateError(f"jaartal {value.year} is niet aannemelijk")
    return value


def parse_date(value: object) -> dt.date | None:
    """Return the date in a cell value, None for an empty cell; raise DateError otherwise."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return parse_date(value.date())
    if isinstance(value, dt.date):
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise DateError(f"jaartal {value.year} is niet aannemelijk")
        return value
    if isinstance(value, bool):
        raise DateError("is geen datum")
    if isinstance(value, (int, float)):
        # A date typed into a cell formatted as a number: Excel's serial day number.
        if 18264 <= value <= 73415:  # 1950-01-01 .. 2100-12-31
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise DateError("is een getal, geen datum")
    text = str(value).strip()
    if not text:
        return None
    found = _parse_text(text)
    if found is None:
        raise DateError("is geen datum die ik kan lezen; schrijf bijvoorbeeld 3-2-2025")
    return found


def parse_user_date(text: str) -> dt.date:
    """A date a user typed (an argument, a form field): as parse_date, but never empty, and a year
    written in full must be the year it means ('0000-01-01' is not 1 January 2000)."""
    value = parse_date(text)
    if value is None:
        raise DateError("lege datum")
    written = [int(y) for y in re.findall(r"(?<!\d)(\d{3,4})(?!\d)", str(text))]
    if written and value.year not in written:
        raise DateError(f"jaartal {written[0]} is niet aannemelijk; schrijf bv. 2025-03-01")
    return value


def _parse_text(text: str) -> dt.date | None:
    # Strip a time part ("2025-02-03 00:00:00", "2025-02-03T09:30").
    core = re.sub(r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", text.strip())
    match = _ISO.fullmatch(core)
    if match:
        return _make(int(match[1]), int(match[2]), int(match[3]), text)
    match = _NUMERIC_DMY.fullmatch(core)
    if match:
        return _make(int(match[3]), int(match[2]), int(match[1]), text)
    cleaned = re.sub(r"^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|"
                     r"wednesday|thursday|friday|saturday|sunday),?\s+", "", core, flags=re.IGNORECASE)
    match = _DAY_MONTH_YEAR.fullmatch(cleaned)
    if match:
        return _make(int(match[3]), _month(match[2]) or 0, int(match[1]), text)
    match = _MONTH_DAY_YEAR.fullmatch(cleaned)
    if match:
        return _make(int(match[3]), _month(match[1]) or 0, int(match[2]), text)
    return None


def find_dates(text: str) -> list[tuple[int, dt.date]]:
    """All plausible dates written in free text, as (offset, date), in reading order.

    Used to date documents that were not made by us. Impossible dates are skipped.
    """
    found: list[tuple[int, dt.date]] = []
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        iso, numeric, day_month, month_day, day_year = _FORMS
    else:
        iso, numeric, day_month, month_day, day_year = _LATIN1_FORMS
    for pattern, order in ((iso, "ymd"), (numeric, "dmy"), (day_month, "dMy"), (month_day, "Mdy")):
        if order == "Mdy" and day_year.search(text) is None:
            continue
        for match in pattern.finditer(text):
            try:
                if order == "ymd":
                    value = _make(int(match[1]), int(match[2]), int(match[3]), match[0])
                elif order == "dmy":
                    if len(match[3]) == 2:
                        continue  # 12-03-25 in prose is too often a reference number
                    value = _make(int(match[3]), int(match[2]), int(match[1]), match[0])
                elif order == "dMy":
                    month = _month(match[2])
                    if month is None:
                        continue
                    value = _make(int(match[3]), month, int(match[1]), match[0])
                else:
                    month = _MONTH_WORDS.get(match[1].lower()) or _MONTH_WORDS.get(match[1].lower() + match[2])
                    if month is None:
                        continue  # not a month name
                    value = _make(int(match[4]), month, int(match[3]), match[0])
            except DateError:
                continue
            found.append((match.start(), value))
    found.sort(key=lambda item: item[0])
    return found


def format_date(value: dt.date | None, lang: str = "nl", style: str = "long") -> str:
    """3 februari 2025 (nl) / 3 February 2025 (en); style 'short' gives 03-02-2025."""
    if value is None:
        return ""
    if style == "short":
        return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"
    months = MONTHS_NL if lang == "nl" else [m.capitalize() for m in MONTHS_EN]
    return f"{value.day} {months[value.month - 1]} {value.year}"
