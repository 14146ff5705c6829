"""Transport security for IMAP and SMTP: one vocabulary, one rule.

`tls` (encrypted from the first byte), `starttls` (upgraded after connecting) or `none`
(unencrypted; `plain` is accepted as another word for it). Unencrypted is allowed only to
this machine (loopback), where nobody can overhear it; anything else is refused before a
connection is made.
"""

from __future__ import annotations

from dataclasses import dataclass

from plugin.errors import MailError
from plugin.mail.mailboxes.profiles import Profile, is_loopback

MODES = ("tls", "starttls", "none")
ALIASES = {"plain": "none", "ssl": "tls"}


@dataclass(frozen=True)
class Protocol:
    name: str               # as users know it: "IMAP", "SMTP"
    tls_port: int           # implicit TLS
    starttls_port: int
    plain_port: int
    loopback_default: str   # what to do on this machine when nothing is said


IMAP = Protocol("IMAP", 993, 143, 143, "starttls")
SMTP = Protocol("SMTP", 465, 587, 25, "none")


def choose(protocol: Protocol, profile: Profile, requested: str | None = None) -> tuple[str, int]:
    """(mode, port) for a profile; a MailError for an unknown mode or unencrypted off this machine."""
    host = profile.get("host") or ""
    port = profile.get("port")
    mode = str(requested or profile.get("security") or "").strip().lower()
    mode = ALIASES.get(mode, mode)
    if not mode:
        if profile.get("tls") is True or port == protocol.tls_port:
            mode = "tls"
        else:
            mode = protocol.loopback_default if is_loopback(host) else "starttls"
    if mode not in MODES:
        raise MailError(f"profiel '{profile.name}', veld 'security': {mode!r} onbekend; kies uit {', '.join(MODES)}")
    if mode == "none" and not is_loopback(host):
        raise MailError(f"{protocol.name} zonder versleuteling naar {host} geweigerd: dat mag alleen op deze computer "
                        f"(127.0.0.1 of localhost). Gebruik poort {protocol.tls_port} (TLS) of "
                        f"{protocol.starttls_port} (STARTTLS).")
    default_port = {"tls": protocol.tls_port, "starttls": protocol.starttls_port, "none": protocol.plain_port}[mode]
    return mode, int(port or default_port)
