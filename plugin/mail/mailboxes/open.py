"""Open a mailbox to read from, by URI or profile name (see profiles.py for the forms).

The server backends import their client libraries (imapclient, exchangelib, msal/httpx) only
when used: the embedded folder backend works without them.
"""

from __future__ import annotations

from pathlib import Path

from plugin.errors import MailError

from .base import Mailbox
from .profiles import resolve

READABLE = ("folder", "imap", "exchange", "graph")


def open_mailbox(uri: str, profiles_file: Path | None = None) -> Mailbox:
    """A Mailbox for `folder:PATH`, `imap://user@host/INBOX`, `exchange:NAME`, `graph:NAME` or a profile name."""
    profile = resolve(uri, profiles_file)
    if profile.kind not in READABLE:
        raise MailError(f"'{uri}' is een {profile.kind}-bestemming om te versturen, geen brievenbus om te lezen "
                        f"(kies uit {', '.join(READABLE)})")
    try:
        if profile.kind == "folder":
            from .folder import FolderMailbox

            return FolderMailbox(Path(profile.get("path", "")))
        if profile.kind == "imap":
            from .imap import ImapMailbox

            return ImapMailbox(profile)
        if profile.kind == "exchange":
            from .exchange import ExchangeMailbox

            return ExchangeMailbox(profile)
        from .graph import GraphMailbox

        return GraphMailbox(profile)
    except ImportError as exc:
        raise MailError(f"voor '{profile.kind}' is een extra pakket nodig ({exc.name}): "
                        f"pip install 'poortwachter[mail]'") from None
