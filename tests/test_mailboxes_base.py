"""Shared helpers: header parsing, the MIME text splitter, the term matcher."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from plugin.mail.mailboxes.base import (TermMatcher, header_end, local_date, ref_from_header_bytes,
                                   scrub, searchable_text)
from plugin.core.terms import phrase_pattern
from plugin.mail.mailboxes.profiles import is_loopback

NESTED = (b"Subject: =?utf-8?q?Verslag_Zo=C3=AB?=\r\nMIME-Version: 1.0\r\n"
          b"Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\npreamble\r\n"
          b"--outer\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n"
          b"--inner\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
          + base64.encodebytes("Gesprek met Zoë Ünal, casus 2025-007.".encode()).replace(b"\n", b"\r\n")
          + b"\r\n--inner\r\nContent-Type: text/html; charset=iso-8859-1\r\n"
          b"Content-Transfer-Encoding: quoted-printable\r\n\r\n<p>Gesprek met Zo=EB =\r\n&Uuml;nal</p>\r\n--inner--\r\n"
          b"\r\n--outer\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"geheim.txt\"\r\n\r\n"
          b"Alleen in de bijlage: Jan Jansen\r\n"
          b"--outer\r\n\r\nDeel zonder kopregels\r\n--outer--\r\nepilogue Jan Jansen\r\n")


def test_searchable_text_walks_nested_parts_and_skips_attachments():
    text = searchable_text(NESTED)
    assert text.startswith("Verslag Zoë\n")
    assert "Gesprek met Zoë Ünal, casus 2025-007." in text
    assert "Gesprek met Zoë Ünal" in text.split("\n", 2)[2]  # the HTML part, QP and latin-1 decoded
    assert "Deel zonder kopregels" in text
    assert "Jan Jansen" not in text and "preamble" not in text


@pytest.mark.parametrize(("terms", "expected"), [
    (["zoë ünal"], True), (["2025-007"], True), (["2025-00"], False), (["Jan Jansen"], False),
    (["verslag zoë"], True), (["Piet"], False),
])
def test_term_matcher(terms, expected):
    assert TermMatcher(terms).matches(NESTED) is expected


def test_term_matcher_rejects_plain_message_without_parsing(monkeypatch):
    monkeypatch.setattr("plugin.mail.mailboxes.base.searchable_text", lambda data: pytest.fail("parsed"))
    assert not TermMatcher(["2025-001"]).matches(b"Subject: hallo\r\n\r\nNiets hier.\r\n")


def test_phrase_pattern_whole_words():
    pattern = phrase_pattern(["2025-001", "Fatima el Amrani"])
    assert pattern.search("zie 2025-001.") and pattern.search("FATIMA\n EL amrani")
    assert not pattern.search("2025-0012") and not pattern.search("x2025-001") and not pattern.search("Fatima el Amranis")
    assert not phrase_pattern([]).search("anything")


def test_header_parsing_without_body():
    data = b"From: =?iso-8859-1?q?Jos=E9?= <j@x.nl>\nSubject: Evaluatie\n  vervolg\nDate: Tue, 2 Dec 2025 23:30:00 -0100\n\nbody"
    assert header_end(data) == data.index(b"\n\n") + 2
    ref = ref_from_header_bytes("INBOX", "7", data, 99)
    assert (ref.sender, ref.subject, ref.date, ref.size) == ("José <j@x.nl>", "Evaluatie vervolg", dt.date(2025, 12, 2), 99)


def test_small_helpers():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("mail.example.nl") and not is_loopback("10.0.0.1")
    assert scrub("wachtwoord geheim123 fout", "geheim123", None) == "wachtwoord *** fout"
    late = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.timezone.utc)
    assert local_date(late) == dt.date(2026, 3, 2) and type(local_date(late)) is dt.date
