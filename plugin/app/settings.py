"""What one `poortwachter serve` run works on: the workbook, the folders, the mailboxes, the token."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from plugin.resources import mailbox_dir, templates_dir

MAX_BODY = 25 * 2**20       # bytes: a dossier upload (base64 of a 15 MB file) still fits
MAX_JSON_BODY = 2 * 2**20   # bytes: /api/inspect and other small JSON requests


def new_token() -> str:
    """A random token per start, like Jupyter's (URL-safe, 32 bytes of randomness)."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Settings:
    workbook: Path
    dossiers: Path | None = None
    out: Path = Path("output")
    templates: Path = field(default_factory=templates_dir)
    mail_templates: Path = field(default_factory=mailbox_dir)
    via: str | None = None            # mail-out route; default outbox:<workbook folder>/outbox
    profiles: Path | None = None      # mailbox and mail-out profiles (TOML)
    ledger: Path | None = None
    token: str = field(default_factory=new_token)
    lang: str = "nl"
    port: int = 0                     # filled in when the server is bound (for the Origin check)
    as_of: dt.date | None = None      # fixed "today" (tests, demos); None: the real date
    max_body: int = MAX_BODY
    https: bool = False
    pdf: bool = True                  # mail-out: attach a PDF copy when LibreOffice is there
    cache: Path | None = None         # the check's scan cache (None: the user's cache folder, as `check`)
    no_cache: bool = False            # read every file again at every check
    mailboxes: tuple[str, ...] = ()   # evidence from mail, as `check --mailbox`
    rules: Path | None = None         # own rules, as `check --rules`

    def today(self) -> dt.date:
        return self.as_of or dt.date.today()

    def dossier_root(self) -> Path | None:
        """--dossiers, else a folder 'dossiers' next to the workbook when there is one."""
        if self.dossiers is not None:
            return self.dossiers
        guess = self.workbook.parent / "dossiers"
        return guess if guess.is_dir() else None

    def mail_route(self) -> str:
        return self.via or f"outbox:{self.workbook.parent / 'outbox'}"

    def ledger_path(self) -> Path:
        from plugin.mail.mailout.ledger import default_path

        return self.ledger or default_path(self.workbook)

    def sources(self, workbook, lang: str | None = None):
        """The services' plugin.services.sources.Sources for this app and today."""
        from plugin.services.sources import Sources

        return Sources(workbook, self.dossier_root(), self.mailboxes, self.profiles, self.cache, self.no_cache,
                       self.rules, self.today(), lang or self.lang)

    def mailout_request(self, month: object, dry_run: bool, cases: list[str] | None = None):
        from plugin.services.mailout import MailoutRequest

        return MailoutRequest(self.workbook, str(month or ""), self.out, self.templates, self.mail_templates,
                              self.via, self.profiles, None, tuple(cases) if cases else None, self.ledger_path(),
                              dry_run, False, self.pdf, self.as_of)
