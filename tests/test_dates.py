import datetime as dt

import pytest

from plugin.core.dates import DateError, find_dates, format_date, parse_date

D = dt.date


@pytest.mark.parametrize(("value", "expected"), (
    ("3-2-2025", D(2025, 2, 3)),
    ("03-02-2025", D(2025, 2, 3)),
    ("3/2/2025", D(2025, 2, 3)),
    ("3.2.2025", D(2025, 2, 3)),
    ("2025-02-03", D(2025, 2, 3)),
    ("2025-02-03 00:00:00", D(2025, 2, 3)),
    ("3 februari 2025", D(2025, 2, 3)),
    ("3 feb 2025", D(2025, 2, 3)),
    ("3 Februari 2025", D(2025, 2, 3)),
    ("maandag 3 februari 2025", D(2025, 2, 3)),
    ("12 maart 2025", D(2025, 3, 12)),
    ("1 mrt. 2025", D(2025, 3, 1)),
    ("March 12, 2025", D(2025, 3, 12)),
    ("12 March 2025", D(2025, 3, 12)),
    ("3-2-25", D(2025, 2, 3)),
    (dt.datetime(2025, 2, 3, 9, 30), D(2025, 2, 3)),
    (D(2025, 2, 3), D(2025, 2, 3)),
    (45691, D(2025, 2, 3)),
    (None, None),
    ("  ", None),
))
def test_parse_date_accepts_what_people_type(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(("value", "fragment"), (
    ("31-02-2025", "bestaat niet"),
    ("2025-13-01", "bestaat niet"),
    ("morgen", "geen datum"),
    ("3 febuari 2025", "geen datum"),
    ("1-1-1850", "niet aannemelijk"),
    (12, "getal"),
    (True, "geen datum"),
))
def test_parse_date_rejects_with_reason(value, fragment):
    with pytest.raises(DateError, match=fragment):
        parse_date(value)


def test_find_dates_in_prose_in_reading_order():
    text = "Datum: 12-03-2025. Eerste ziektedag 3 februari 2025; next meeting March 20, 2025 (ref 12-03-25)."
    assert [d for _, d in find_dates(text)] == [D(2025, 3, 12), D(2025, 2, 3), D(2025, 3, 20)]


def test_format_date_per_language():
    assert format_date(D(2025, 2, 3), "nl") == "3 februari 2025"
    assert format_date(D(2025, 2, 3), "en") == "3 February 2025"
    assert format_date(D(2025, 2, 3), "nl", "short") == "03-02-2025"
    assert format_date(None) == ""


def test_date_patterns_that_start_with_a_digit_match_as_the_plain_forms():
    """core/dates.py writes "(?<!\\d)(\\d" as "(\\d(?<!\\d\\d)" (faster); same matches and groups."""
    import random
    import re

    from plugin.core import dates

    plain = {
        dates._NUMERIC_DMY: re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?!\d)"),
        dates._ISO: re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"),
        dates._DAY_MONTH_YEAR: re.compile(rf"(?<!\w)(\d{{1,2}})(?:e|ste|de)?\.?\s+({dates._MONTH_RE})\.?,?\s+"
                                          rf"(\d{{4}})(?!\d)", re.IGNORECASE),
    }
    rnd = random.Random(19)
    texts = ["12 januari 2025, 3e mrt. 2024", "x12-03-2025 1-2-25", "2025-03-04 a2025-03-04 12025-03-04", "é3 mei 2025"]
    texts += ["".join(rnd.choice("0123456789-/. ajanmeiKx\n,stdeé") for _ in range(rnd.randint(0, 30)))
              for _ in range(5000)]
    for fast, slow in plain.items():
        for text in texts:
            assert [(m.span(), m.groups()) for m in fast.finditer(text)] == \
                   [(m.span(), m.groups()) for m in slow.finditer(text)], (slow.pattern, text)


def test_a_month_name_with_a_letter_ignorecase_takes_is_read_not_a_crash():
    """'ſ', 'ı', 'İ' and the Kelvin sign match s, i and k in the case-insensitive month pattern:
    such a date is read as that month (it raised KeyError), in free text and as a cell value."""
    from plugin.core.dates import find_dates, parse_date

    assert find_dates("Gesprek op 12 ſep 2025.") == [(11, dt.date(2025, 9, 12))]
    assert find_dates("1 aprıl 2025") == [(0, dt.date(2025, 4, 1))]
    assert parse_date("12 ſeptember 2025") == dt.date(2025, 9, 12)
