"""outbox:DIR — the default: one .eml file per message for a person to review and send.

Nothing leaves the machine. The files carry `X-Unsent: 1`, so Outlook opens one as a
draft ready to send. A file is written whole or not at all (plugin.output.write_atomic),
so after a crash its existence answers whether the message was "sent".

A file is named by what the message is for: the mail-out's case and month
(X-Poortwachter-Casus, X-Poortwachter-Maand) or a deadline signal's casemanager and ISO week
(X-Poortwachter-Casemanager, X-Poortwachter-Week). A message sent again on purpose
(X-Poortwachter-Opnieuw) gets a numbered file beside the earlier one instead of replacing it.
"""

from __future__ import annotations

import copy
from email.message import EmailMessage
from pathlib import Path

from plugin.errors import OutputExists
from plugin.mail.mailout.ledger import Entry
from plugin.mail.mailout.transports.base import NotSent, Transport
from plugin.output import safe_case_id, safe_name, write_atomic

DEFAULT_SENDER = "Poortwachter <poortwachter@localhost>"


class Outbox(Transport):
    kind = "outbox"
    lane = "outbox"

    def __init__(self, folder: Path, sender: str | None = None):
        super().__init__(f"outbox:{folder}", sender or DEFAULT_SENDER)
        self.folder = Path(folder)

    def path_for(self, case_id: str, month: str) -> Path:
        return self.folder / month / safe_name(f"{month} {safe_case_id(case_id)}.eml")

    def send(self, message: EmailMessage, recipient: str) -> str:
        key = message["X-Poortwachter-Casus"] or message["X-Poortwachter-Casemanager"]
        period = message["X-Poortwachter-Maand"] or message["X-Poortwachter-Week"]
        path = self.path_for(key, period)
        draft = copy.deepcopy(message)
        draft["X-Unsent"] = "1"
        data = draft.as_bytes()
        again = bool(message["X-Poortwachter-Opnieuw"])
        for number in range(1, 100 if again else 2):
            target = path if number == 1 else path.with_name(f"{path.stem} ({number}){path.suffix}")
            try:
                write_atomic(target, data)
                return str(target)
            except OutputExists:
                if self._holds(target, message["Message-ID"]):
                    return f"al aanwezig: {target}"
            except OSError as exc:
                raise NotSent(f"kan {target} niet schrijven: {exc}") from None
        raise NotSent(f"{path} bestaat al met een ander bericht; verplaats of verwijder het eerst")

    def was_sent(self, entry: Entry) -> bool:
        path = self.path_for(entry.case_id, entry.month)
        numbered = sorted(path.parent.glob(f"{_glob_safe(path.stem)} (*){path.suffix}")) if path.parent.is_dir() else []
        return any(self._holds(p, entry.message_id) for p in (path, *numbered))

    @staticmethod
    def _holds(path: Path, message_id: str) -> bool:
        try:
            head = path.read_bytes()[:20000]
        except OSError:
            return False
        return message_id.encode("ascii", "replace") in head


def _glob_safe(text: str) -> str:
    """A file stem as a glob pattern that matches only itself ([ ] * ? taken literally)."""
    return "".join(f"[{ch}]" if ch in "[]*?" else ch for ch in text)
