"""The request bodies of the API, as strict schemas (pydantic v2): what a route accepts, and nothing else.

Strict means what the JSON says is what the route gets: a boolean is `true` or `false`, never
the string "false" (which Python would call true); text is a string, never a list or a number;
a list is a list. An unknown field is refused too (a misspelt "forse" must not be ignored
silently). Every string is valid Unicode (a lone surrogate such as "\\ud800" cannot be written
to a file or a mail) and bounded in length, every list in length; the schemas nest at most
three levels, so no request can nest deeper than that (the JSON parser stops at depth 1000 before).

The JSON itself is parsed by `parse_json`: a key given twice (`{"force": false, "force": true}`:
which one would a proxy, a log or another parser believe?) and numbers that are not finite
(1e999, NaN, Infinity) are refused. Any failure is a 400 naming the field, in Dutch.
"""

from __future__ import annotations

import json
import math
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

SHORT = 200            # a case id, a type, a date, a month
NAME = 1000            # a file name as sent (dossier.check_name limits it in bytes)
SUBJECT = 10_000
TEXT = 25 * 2**20      # the body limit bounds these further


def _valid_unicode(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("ongeldige Unicode (losse surrogaat)") from None
    return value


def _text(limit: int):
    return Annotated[str, StringConstraints(max_length=limit), AfterValidator(_valid_unicode)]


Short = _text(SHORT)


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, populate_by_name=False)


class Empty(Strict):
    """POST /api/check and /api/check/jobs: nothing to send ({})."""


class DocumentRequest(Strict):
    type: Short
    date: Optional[Short] = None
    lang: Optional[Literal["nl", "en"]] = None
    force: bool = False
    month: Optional[Short] = None


class DossierUpload(Strict):
    name: _text(NAME)
    content_base64: _text(TEXT)


class InspectRequest(Strict):
    text: _text(TEXT)
    type: Optional[Short] = None
    case: Optional[Short] = None


class Attachment(Strict):
    name: _text(NAME)
    content_base64: _text(TEXT)


class MailRequest(Strict):
    subject: _text(SUBJECT) = ""
    sender: _text(SUBJECT) = Field("", alias="from")
    date: Optional[Short] = None
    body: _text(TEXT) = ""
    attachments: list[Attachment] = Field(default_factory=list, max_length=20)

    def as_dict(self) -> dict:
        return self.model_dump(by_alias=True)


class MailoutRequest(Strict):
    month: Short
    cases: Optional[list[Short]] = Field(None, max_length=10_000)
    confirm: bool = False


class RivRequest(Strict):
    """POST /api/cases/{case}/riv."""
    force: bool = False


class SignalsSend(Strict):
    """POST /signals/send."""
    weeks: int = Field(3, ge=1, le=26)
    confirm: bool = False


class BadRequest(ValueError):
    """A body that is not what the route accepts; `field` names where, `message` says what, in Dutch."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class _Duplicate(ValueError):
    pass


def _object(pairs: list[tuple[str, object]]) -> dict:
    result: dict = {}
    for key, value in pairs:
        if key in result:
            raise _Duplicate(key)
        result[key] = value
    return result


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _no_constant(name: str):
    raise ValueError(name)


def parse_json(body: bytes) -> object:
    """The JSON value of a body, or BadRequest (no duplicate keys, no infinite numbers, depth < 1000)."""
    try:
        return json.loads(body or b"{}", object_pairs_hook=_object, parse_float=_finite,
                          parse_constant=_no_constant)
    except _Duplicate as exc:
        raise BadRequest(f"{exc}: dit veld staat er twee keer in", str(exc)) from None
    except RecursionError:
        raise BadRequest("de inhoud is te diep genest (geen geldige aanvraag)") from None
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("de inhoud is geen geldige JSON (of bevat een getal dat geen eindig getal is)") from None


WHAT = {
    "missing": "ontbreekt", "extra_forbidden": "onbekend veld", "string_type": "moet tekst zijn",
    "bool_type": "moet true of false zijn (geen tekst of getal)", "list_type": "moet een lijst zijn",
    "model_type": "moet een object zijn", "model_attributes_type": "moet een object zijn",
    "dict_type": "moet een object zijn", "int_type": "moet een geheel getal zijn",
}


def _where(loc: tuple) -> str:
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part}]" if parts else f"[{part}]"]
        elif part not in ("str", "list[...]") and not str(part).startswith(("function-after", "constrained-str")):
            parts.append(str(part))
    return ".".join(parts) or "(de hele aanvraag)"


def _what(error: dict) -> str:
    kind = error["type"]
    if kind in WHAT:
        return WHAT[kind]
    context = error.get("ctx") or {}
    if kind == "string_too_long":
        return f"te lang (hoogstens {context.get('max_length')} tekens)"
    if kind == "too_long":
        return f"te veel (hoogstens {context.get('max_length')})"
    if kind == "greater_than_equal":
        return f"minstens {context.get('ge')}"
    if kind == "less_than_equal":
        return f"hoogstens {context.get('le')}"
    if kind == "literal_error":
        return f"kies uit {context.get('expected')}"
    if kind == "value_error":
        return str(context.get("error") or error["msg"])
    return error["msg"]


def validate(model: type[Strict], data: object) -> Strict:
    """The body as the route's schema, or BadRequest naming the first field at fault."""
    if not isinstance(data, dict):
        raise BadRequest("stuur een JSON-object ({...})")
    try:
        return model.model_validate(data, strict=True)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        field = _where(tuple(first["loc"]))
        raise BadRequest(f"{field}: {_what(first)}", field) from None
