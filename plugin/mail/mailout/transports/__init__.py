"""Open the transport the user named with --via (default: the outbox folder)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from plugin.errors import MailError
from plugin.mail.mailboxes.profiles import resolve
from plugin.mail.mailout.transports.base import Ambiguous, NotSent, Transport

__all__ = ["Ambiguous", "NotSent", "Transport", "open_transport"]


def open_transport(uri: str, profiles_file: Path | None = None, sender: str | None = None) -> Transport:
    """Validate settings and secrets now, before anything is planned; connect lazily at the first send."""
    profile = resolve(uri, profiles_file)
    if profile.kind == "outbox":
        from plugin.mail.mailout.transports.outbox import Outbox

        return Outbox(Path(profile.get("path")), sender or profile.get("from"))
    if profile.kind == "smtp":
        from plugin.mail.mailout.transports.smtp import SmtpTransport

        requested = parse_qs(urlsplit(uri).query).get("security", [None])[0] if "://" in uri else None
        return SmtpTransport(profile, sender, requested)
    if profile.kind == "exchange":
        from plugin.mail.mailout.transports.exchange import ExchangeTransport

        return ExchangeTransport(profile, sender)
    if profile.kind == "graph":
        from plugin.mail.mailout.transports.graph import GraphTransport

        return GraphTransport(profile, sender)
    raise MailError(f"'{uri}' is een mailbox om te lezen ({profile.kind}), geen verzendroute; "
                    "gebruik outbox:MAP, smtp://server:poort, exchange:PROFIEL of graph:PROFIEL")
