"""Who receives a case's deadline signal: its casemanager, at one address, in one language.

The address is the row's `E-mail casemanager`; without it, the casemanager's entry in the
profiles file (the file of the mailbox and transport profiles):

    [casemanagers."Anna de Vries"]     # as typed in the column Casemanager
    email = "anna@bureau.example"
    taal = "en"                        # nl (default) or en

Names match regardless of case and spacing. The signal is keyed by the address (lower case):
two spellings of one casemanager with one address get one signal. A casemanager without any
address gets none, and every surface lists them.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from plugin.errors import MailError
from plugin.mail.mailboxes.profiles import DEFAULT_PROFILES
from plugin.workbook.cells import CellError, email_address

SECTION = "casemanagers"
FIELDS = {"email": str, "taal": str}
NO_CASEMANAGER = "(geen casemanager)"


@dataclass(frozen=True)
class Contact:
    """One casemanager's entry in the profiles file."""

    name: str
    email: str | None
    lang: str = "nl"


@dataclass(frozen=True)
class Recipient:
    key: str                 # the ledger's key: the address in lower case, else 'naam:<name>'
    name: str                # the casemanager's name as typed (names joined when spellings differ)
    address: str | None
    lang: str = "nl"
    problem: str = ""        # why there is no address

    @property
    def reachable(self) -> bool:
        return self.address is not None


def fold(name: str) -> str:
    return " ".join((name or "").split()).casefold()


def load_contacts(profiles: Path | None) -> dict[str, Contact]:
    """The [casemanagers] of the profiles file by folded name; {} when the default file is absent.

    An explicitly named file that is missing, an unknown field, a wrong language or an
    address the workbook would refuse is a MailError naming the file, the casemanager and the field.
    """
    path = profiles or Path(os.environ.get("POORTWACHTER_PROFILES", DEFAULT_PROFILES))
    if not path.is_file():
        if profiles is not None:
            raise MailError(f"profielenbestand niet gevonden: {path}")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise MailError(f"{path}: niet te lezen als TOML: {exc}") from None
    section = data.get(SECTION, {})
    if not isinstance(section, dict):
        raise MailError(f"{path}: [{SECTION}] moet een tabel zijn, met per casemanager een tabel")
    contacts: dict[str, Contact] = {}
    for name, settings in section.items():
        where = f"{path}: [{SECTION}.\"{name}\"]"
        if not isinstance(settings, dict):
            raise MailError(f"{where} moet een tabel zijn met email en taal")
        for key, value in settings.items():
            if key not in FIELDS:
                raise MailError(f"{where}: onbekend veld '{key}' (wel: {', '.join(FIELDS)})")
            if not isinstance(value, FIELDS[key]):
                raise MailError(f"{where}: veld '{key}' moet tekst zijn")
        lang = settings.get("taal", "nl").strip().lower()
        if lang not in ("nl", "en"):
            raise MailError(f"{where}: veld 'taal' moet nl of en zijn, niet {lang!r}")
        address = None
        if settings.get("email", "").strip():
            try:
                address = email_address(settings["email"].strip())
            except CellError as exc:
                raise MailError(f"{where}: veld 'email': {exc}") from None
        if fold(name) in contacts:
            raise MailError(f"{where}: deze casemanager staat er twee keer in")
        contacts[fold(name)] = Contact(name, address, lang)
    return contacts


def recipients_for(cases, contacts: dict[str, Contact]) -> dict[str, Recipient]:
    """case id -> Recipient for every workbook case. A row without `E-mail casemanager` takes the
    address another row of the same casemanager has (so it need not be typed on every row),
    else the profiles file's."""
    cases = list(cases)
    known: dict[str, str] = {}
    for case in cases:
        typed = (case["email_casemanager"] or "").strip()
        if typed and case["casemanager"]:
            known.setdefault(fold(case["casemanager"]), typed)
    return {case.id: recipient_of(case, contacts, known.get(fold(case["casemanager"] or ""))) for case in cases}


def recipient_of(case, contacts: dict[str, Contact], shared: str | None = None) -> Recipient:
    """The recipient of one workbook case's signal (shared: an address another row of the same
    casemanager gives)."""
    name = (case["casemanager"] or "").strip()
    contact = contacts.get(fold(name)) if name else None
    lang = contact.lang if contact else "nl"
    typed = (case["email_casemanager"] or "").strip() or (shared or "")
    if typed:
        try:
            address = email_address(typed)
        except CellError as exc:   # the workbook check reports it too; the signal does not guess
            return Recipient(f"naam:{fold(name)}", name or NO_CASEMANAGER, None, lang,
                             f"ongeldig adres in E-mail casemanager ({exc})")
        return Recipient(address.lower(), name or address, address, lang)
    if contact and contact.email:
        return Recipient(contact.email.lower(), name, contact.email, lang)
    if not name:
        return Recipient("naam:", NO_CASEMANAGER, None, lang,
                         "geen casemanager in de werkmap (kolom Casemanager)")
    return Recipient(f"naam:{fold(name)}", name, None, lang,
                     "geen adres: vul E-mail casemanager in, of zet de casemanager onder [casemanagers] "
                     "in het profielenbestand")


def slug(name: str) -> str:
    """A name as a short, safe file name part (for calendars per casemanager)."""
    text = re.sub(r"[^\w\- ]+", "", name, flags=re.UNICODE).strip()
    return re.sub(r"\s+", " ", text)[:80] or "casemanager"
