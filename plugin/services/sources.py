"""What a question is asked about: the workbook, the evidence (dossier folders, mailboxes), the
scan cache, the rules, the day and the language. The CLI builds one from its arguments, the
app from its settings; the services take it as it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # the workbook reader is loaded by whoever opens a workbook, not by every check
    from plugin.workbook.load import Workbook


@dataclass(frozen=True)
class Sources:
    workbook: Workbook | None = None
    dossiers: Path | None = None            # one subfolder per case (or one case's own folder)
    mailboxes: tuple[str, ...] = ()         # folder:..., imap://..., exchange:..., graph:...
    profiles: Path | None = None            # the mailbox profiles (TOML)
    cache: Path | None = None               # the scan cache file; None: the user's cache folder
    no_cache: bool = False                  # read every file again
    rules: Path | None = None               # a folder or file of own rules; None: checks/
    as_of: dt.date = field(default_factory=dt.date.today)
    lang: str = "nl"

    @property
    def has_evidence(self) -> bool:
        """True when dossier folders or mailboxes are given: the verdict then follows the documents."""
        return self.dossiers is not None or bool(self.mailboxes)

    def case(self, case_id: str):
        """The workbook row of a case, or None."""
        return self.workbook.cases.get(case_id) if self.workbook is not None else None
