"""The Jinja sandbox every user-editable template renders in: the Word templates (XML-escaped)
and the mail texts (plain, or HTML-escaped for the signals' HTML body).

One place decides how a value reads in a template: nothing for an empty cell, a date in the
document's language, 3 rather than 3.0 for a whole number from a spreadsheet, and (in Word)
a line break for a new line in a cell. The sandbox gives no access to Python internals and a
misspelt variable is an error, not an empty spot in a letter.
"""

from __future__ import annotations

import datetime as dt

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from plugin.core.dates import format_date


def sandbox(lang: str, *, autoescape: bool, line_break: str | None = None, **options) -> ImmutableSandboxedEnvironment:
    """A new sandboxed environment; line_break: the markup a new line within a value becomes
    (None: left as it is); options: Jinja's own (keep_trailing_newline, trim_blocks, ...)."""
    env = ImmutableSandboxedEnvironment(autoescape=autoescape, undefined=StrictUndefined,
                                        finalize=_finalize_for(lang, line_break), **options)
    env.filters["datum"] = lambda v, style="long": _datum(v, style, lang)
    env.filters["korte_datum"] = lambda v: _datum(v, "short", lang)
    return env


def _finalize_for(lang: str, line_break: str | None):
    def finalize(value):
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return format_date(value, lang)
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if line_break is not None and isinstance(value, str) and ("\n" in value or "\r" in value):
            lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            return Markup(line_break).join(escape(line) for line in lines)
        return value
    return finalize


def _datum(value, style: str = "long", lang: str = "nl") -> str:
    return format_date(value, lang, style) if isinstance(value, dt.date) else ("" if value is None else str(value))
