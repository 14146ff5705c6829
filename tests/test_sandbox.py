"""One sandbox for every user template (Word and mail): a value reads the same in both."""

from __future__ import annotations

import datetime as dt

import pytest
from jinja2.exceptions import SecurityError, UndefinedError

from plugin.documents.render import environment
from plugin.mail.mailout.message import _environment as mail_environment


@pytest.mark.parametrize("make", [lambda lang: environment(lang), lambda lang: mail_environment(lang)])
def test_a_value_reads_the_same_in_a_document_and_a_mail(make):
    env = make("nl")
    render = lambda source, **values: env.from_string(source).render(**values)  # noqa: E731
    assert render("{{ uren }} uur", uren=24.0) == "24 uur"           # a whole number from a sheet
    assert render("{{ uren }} uur", uren=4.5) == "4.5 uur"
    assert render("[{{ leeg }}]", leeg=None) == "[]"                   # an empty cell
    assert render("{{ dag }}", dag=dt.date(2026, 3, 2)) == "2 maart 2026"
    assert render("{{ dag | korte_datum }}", dag=dt.date(2026, 3, 2)) == "02-03-2026"
    assert make("en").from_string("{{ dag }}").render(dag=dt.date(2026, 3, 2)) == "2 March 2026"
    with pytest.raises(UndefinedError):                              # a typo is an error, not a gap in a letter
        render("{{ naam_werknemr }}")
    with pytest.raises(SecurityError):                               # no way into Python's internals
        render("{{ ''.__class__.__mro__ }}")


def test_a_new_line_in_a_cell_is_a_line_break_in_word_and_stays_a_new_line_in_a_mail():
    word = environment("nl").from_string("{{ tekst }}").render(tekst="regel 1\nregel <2>")
    assert word == 'regel 1</w:t><w:br/><w:t xml:space="preserve">regel &lt;2&gt;'
    mail = mail_environment("nl").from_string("{{ tekst }}").render(tekst="regel 1\nregel <2>")
    assert mail == "regel 1\nregel <2>"                               # plain text: not escaped
    html = mail_environment("nl", autoescape=True).from_string("{{ tekst }}").render(tekst="<b>")
    assert html == "&lt;b&gt;"
