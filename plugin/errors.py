"""One small exception hierarchy. Messages are in the user's words and name the place at fault."""

from __future__ import annotations

from dataclasses import dataclass


class PoortwachterError(Exception):
    """Base class: anything the CLI turns into a clear message and exit code 2."""


@dataclass(frozen=True)
class Problem:
    """One problem in an input file, located the way a user finds it in Excel."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: object = None
    case_id: str | None = None
    blocks_all: bool = False

    def location(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"blad '{self.sheet}'")
        if self.row:
            parts.append(f"rij {self.row}")
        if self.column:
            parts.append(f"kolom '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.value not in (None, ""):
            text += f" (waarde: {self.value!r})"
        return text


class UsageError(PoortwachterError):
    """The command was given something it cannot use: an unknown case or document, a missing
    folder. Raised by the subcommands; only the CLI prints it (exit 2)."""


class NotFound(UsageError):
    """What was asked for does not exist: a case, a check run, a file in the output folder."""


class Conflict(PoortwachterError):
    """The request cannot be done in the present state: no dossier folder was given, another
    mail-out holds the ledger, a file exists already."""


class Refused(PoortwachterError):
    """Refused for safety: a target outside the folder it must stay in (a link pointing elsewhere)."""


class MissingResource(PoortwachterError):
    """A folder or file Poortwachter ships with (templates, rules, mail texts) is not there."""


class WorkbookError(PoortwachterError):
    """The workbook cannot be read at all (missing file, not an .xlsx, no Casussen sheet)."""


class TemplateProblem(PoortwachterError):
    """A template is broken or uses a variable that does not exist."""

    def __init__(self, template: str, message: str, tag: str | None = None, variable: str | None = None):
        self.template = template
        self.tag = tag
        self.variable = variable
        text = f"sjabloon '{template}': {message}"
        if tag:
            text += f" (tag: {tag})"
        super().__init__(text)


class OutputExists(Conflict):
    """Refusing to overwrite a user's file without --force."""

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.path = path


class PrivacyViolation(PoortwachterError):
    """An employer-facing document would contain a diagnosis or other medical term (AVG)."""


class RuleFileError(PoortwachterError):
    """A rule file in checks/ is broken; the message names file, rule and field."""


class MailError(PoortwachterError):
    """A mailbox or mail transport cannot be used as configured."""
