"""The command line a scheduled task runs, and the task's name.

The task runs this Python (the one `schedule` runs in, so the same installation and virtual
environment) as `python -m plugin mailout|signals WORKBOOK ...`, in the folder `schedule` was
run from (relative paths in the options keep their meaning), with `--scheduled AT` and the
period chosen at run time: `--month previous` for the mail-out, `--week current` for the
signals. Secrets are never put in a task: the run takes them from the keyring (or the
environment the task manager gives it).
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from plugin.schedule.at import At

PERIOD = {"mailout": ("--month", "previous"), "signals": ("--week", "current")}


@dataclass(frozen=True)
class Job:
    kind: str                    # mailout | signals
    workbook: Path               # absolute
    options: tuple[str, ...]     # the command's own options, as given
    at: At
    cwd: Path
    python: str = sys.executable

    @property
    def name(self) -> str:
        """poortwachter-signals-casussen-1a2b3c: per kind and workbook (the same workbook again replaces it)."""
        stem = re.sub(r"[^a-z0-9]+", "-", self.workbook.stem.lower()).strip("-")[:30] or "werkmap"
        digest = hashlib.sha256(str(self.workbook).encode("utf-8")).hexdigest()[:6]
        return f"poortwachter-{self.kind}-{stem}-{digest}"

    def argv(self) -> list[str]:
        options = list(self.options)
        flag, value = PERIOD[self.kind]
        if flag not in options and not any(o.startswith(flag + "=") for o in options):
            options += [flag, value]
        return [self.python, "-m", "plugin", self.kind, str(self.workbook), *options, "--scheduled", self.at.text]

    @property
    def description(self) -> str:
        what = "maandrapportages naar de werkgevers" if self.kind == "mailout" else "termijnsignalen naar de casemanagers"
        return f"Poortwachter: {what} ({self.workbook.name}, {self.at.text})"
