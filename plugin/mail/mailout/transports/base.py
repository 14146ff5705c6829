"""What every transport offers, and the two ways a send can go wrong.

A transport raises NotSent when the message certainly did not leave (refused by the
server, no connection): the ledger marks it failed and the next run tries again. It
raises Ambiguous when it may have left (the connection broke while the server had the
message): the ledger marks it unknown and it is only sent again with --resend-unknown.
"""

from __future__ import annotations

from email.message import EmailMessage

from plugin.mail.mailout.ledger import Entry


class NotSent(Exception):
    """The message certainly did not leave; safe to send again."""


class Ambiguous(Exception):
    """The message may have left; never resent without the user's say-so."""


class Transport:
    kind = ""
    lane = "mail"          # 'outbox' for review files; real sending shares one lane

    def __init__(self, description: str, sender: str):
        self.description = description
        self.sender = sender

    def send(self, message: EmailMessage, recipient: str) -> str:
        """Deliver to exactly `recipient`; returns a short detail for the ledger."""
        raise NotImplementedError

    def was_sent(self, entry: Entry) -> bool | None:
        """After a crash: was this message delivered? None when the transport cannot tell."""
        return None

    def close(self) -> None:
        pass


def body_of(message: EmailMessage) -> tuple[str, str]:
    """("html", text) when the message has an HTML part (the deadline signals), else ("text", text)."""
    part = message.get_body(("html", "plain"))
    return ("html" if part.get_content_type() == "text/html" else "text"), part.get_content()


def our_headers(message: EmailMessage) -> list[tuple[str, str]]:
    """The X-Poortwachter-* headers the message carries, for transports that rebuild it (Graph)."""
    return [(name, str(value)) for name, value in message.items() if name.lower().startswith("x-poortwachter-")]
