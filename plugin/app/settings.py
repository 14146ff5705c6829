"""What one `poortwachter serve` run works on: the workbook, the folders, the token."""

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
    profiles: Path | None = None
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
