"""outbox:DIR — the default: one .eml file per message for a person to review and send.

Nothing leaves the machine. The files carry `X-Unsent: 1`, so Outlook opens one as a
draft ready to send. A file is written whole or not at all (plugin.output.write_atomic),
so after a crash its existence answers whether the message was "sent".
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
        path = self.path_for(message["X-Poortwachter-Casus"], message["X-Poortwachter-Maand"])
        draft = copy.deepcopy(message)
        draft["X-Unsent"] = "1"
        try:
            write_atomic(path, draft.as_bytes())
        except OutputExists:
            if self._holds(path, message["Message-ID"]):
                return f"al aanwezig: {path}"
            raise NotSent(f"{path} bestaat al met een ander bericht; verplaats of verwijder het eerst") from None
        except OSError as exc:
            raise NotSent(f"kan {path} niet schrijven: {exc}") from None
        return str(path)

    def was_sent(self, entry: Entry) -> bool:
        return self._holds(self.path_for(entry.case_id, entry.month), entry.message_id)

    @staticmethod
    def _holds(path: Path, message_id: str) -> bool:
        try:
            head = path.read_bytes()[:20000]
        except OSError:
            return False
        return message_id.encode("ascii", "replace") in head
