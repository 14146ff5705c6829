"""The one word catalogue (plugin.core.words): Dutch and English say the same things."""

import string

import pytest

from plugin.core.words import WORDS, word

# An English phrase that leaves a value out on purpose (the Dutch names the date, the English does not).
LEAVES_OUT = {"f_second_track_since"}


def _fields(text) -> list[set[str]]:
    return [{f.split(":")[0] for _, f, _, _ in string.Formatter().parse(t) if f}
            for t in (text if isinstance(text, tuple) else (text,))]


def test_both_languages_have_the_same_keys():
    assert set(WORDS["nl"]) == set(WORDS["en"])


@pytest.mark.parametrize("key", sorted(WORDS["nl"]))
def test_both_languages_take_the_same_values(key):
    dutch, english = WORDS["nl"][key], WORDS["en"][key]
    assert isinstance(dutch, tuple) == isinstance(english, tuple)   # counted in both, or in neither
    if key not in LEAVES_OUT:
        assert _fields(dutch) == _fields(english)


def test_the_reports_words():
    assert word("report_total", "nl", cases=8, errors=16, warnings=23) == "8 casussen, 16 fouten, 23 waarschuwingen."
    assert word("report_counts", "en", errors=3, warnings=11, info=2) == "3E 11W 2i"
    assert word("span_days", "nl", weeks=9, n=1) == "9 weken en 1 dag"
    assert word("span_days", "en", weeks=9, n=2) == "9 weeks and 2 days"
    assert word("riv_office", "en", converted=3, cached=2, seconds=1.25) == \
        "LibreOffice: 3 converted, 2 from the cache, 1.2 s"


# --- the task panes' words: in the same catalogue, sent in each pane's config ---------------

def _keys_the_pane_uses(pane: str) -> set[str]:
    """Every literal key the pane's scripts and page look up (PW.t("..."), data-i18n="...")."""
    import re
    from pathlib import Path

    import plugin.addins

    here = Path(plugin.addins.__file__).parent
    sources = [here / "static" / "common.js", here / "static" / f"{pane}.js", here / "pages" / f"{pane}.html",
               here / "pages" / "_pane.html"]
    text = "\n".join(path.read_text(encoding="utf-8") for path in sources if path.exists())
    return set(re.findall(r'PW\.t\("([a-z_0-9]+)"\)', text)) | set(re.findall(r'data-i18n="([a-z_0-9]+)"', text))


@pytest.mark.parametrize("pane", ["word", "outlook"])
def test_a_pane_finds_every_word_it_shows_in_its_config(pane):
    from plugin.addins.web import pane_config
    from plugin.resources import templates_dir

    words = pane_config(templates_dir(), pane)["words"]
    assert set(words["nl"]) == set(words["en"])
    used = _keys_the_pane_uses(pane)
    assert len(used) > 20
    assert used <= set(words["nl"]), used - set(words["nl"])
    for key in words["nl"]:
        assert _fields(words["nl"][key]) == _fields(words["en"][key]), key
