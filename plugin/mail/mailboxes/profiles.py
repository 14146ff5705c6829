"""Naming a mailbox or transport: a URI or a profile in a TOML file; secrets never in files.

    folder:examples/mailbox              a Maildir, an mbox file or a folder of .eml/.msg files
    imap://user@host[:port]/INBOX        any IMAP server (TLS on 993, STARTTLS otherwise)
    exchange:profile-name                on-premises Exchange (EWS), settings from the profile
    graph:profile-name                   Microsoft 365 through Microsoft Graph
    outbox:DIR                           mail-out writes .eml files for review (the default)
    smtp://host:port                     mail-out through an SMTP server
    profile:NAME or plain NAME           any kind, from the profiles file

Secrets (passwords, OAuth2 tokens, client secrets) come from the environment
(POORTWACHTER_<PROFIEL>_<SLEUTEL>, e.g. POORTWACHTER_KANTOOR_PASSWORD, or per kind,
e.g. POORTWACHTER_IMAP_PASSWORD, POORTWACHTER_SMTP_PASSWORD) or the system keyring
(service "poortwachter", user "<profiel>:<sleutel>"); a profile file may not hold them.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from plugin.errors import MailError

KINDS = ("folder", "imap", "exchange", "graph", "outbox", "smtp")
SECRET_KEYS = ("password", "token", "access_token", "client_secret", "oauth2_token")
DEFAULT_PROFILES = Path("poortwachter-profielen.toml")
NOT_PROFILES = ("casemanagers",)   # the casemanagers' addresses for the deadline signals (plugin.signals.recipients)


@dataclass(frozen=True)
class Profile:
    name: str
    kind: str
    settings: dict = field(default_factory=dict)

    def get(self, key: str, default=None):
        return self.settings.get(key, default)


def load_profiles(path: Path) -> dict[str, Profile]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MailError(f"profielenbestand niet gevonden: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise MailError(f"{path}: geen geldige TOML: {exc}") from None
    profiles = {}
    for name, settings in data.items():
        if name in NOT_PROFILES:
            continue
        if not isinstance(settings, dict):
            raise MailError(f"{path}: [{name}] moet een tabel zijn")
        kind = settings.get("kind")
        if kind not in KINDS:
            raise MailError(f"{path}: profiel '{name}', veld 'kind': kies uit {', '.join(KINDS)}")
        leaked = [k for k in settings if k.lower() in SECRET_KEYS]
        if leaked:
            raise MailError(f"{path}: profiel '{name}' bevat '{leaked[0]}'; zet geheimen in de omgeving "
                            f"({env_name(name, leaked[0])}) of de keyring, nooit in een bestand")
        profiles[name] = Profile(name, kind, {k: v for k, v in settings.items() if k != "kind"})
    return profiles


def resolve(uri: str, profiles_file: Path | None = None) -> Profile:
    """Turn what the user typed into a Profile."""
    scheme, _, rest = uri.partition(":")
    if scheme in ("folder", "outbox") and rest:
        return Profile(rest, scheme, {"path": rest})
    if scheme in ("imap", "imaps", "smtp", "smtps") and rest.startswith("//"):
        parts = urlsplit(uri)
        if not parts.hostname:
            raise MailError(f"{uri}: geen servernaam")
        settings = {"host": parts.hostname, "port": parts.port, "username": unquote(parts.username or ""),
                    "tls": scheme.endswith("s") or None}
        if parts.password:
            raise MailError(f"{uri}: zet het wachtwoord niet in de URI maar in de omgeving of de keyring")
        if scheme.startswith("imap"):
            settings["folder"] = unquote(parts.path.lstrip("/")) or "INBOX"
        return Profile(parts.hostname, scheme.rstrip("s"), settings)
    name = rest if scheme in ("exchange", "graph", "profile") else uri
    path = profiles_file or Path(os.environ.get("POORTWACHTER_PROFILES", DEFAULT_PROFILES))
    profiles = load_profiles(path)
    if name not in profiles:
        raise MailError(f"profiel '{name}' staat niet in {path} (wel: {', '.join(profiles) or 'geen'})")
    profile = profiles[name]
    if scheme in ("exchange", "graph") and profile.kind != scheme:
        raise MailError(f"profiel '{name}' is van soort '{profile.kind}', niet '{scheme}'")
    return profile


def is_loopback(host: str) -> bool:
    """True for this machine only: plain (unencrypted) connections are allowed there alone."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def env_name(profile_name: str, key: str) -> str:
    return "POORTWACHTER_" + re.sub(r"[^A-Z0-9]+", "_", f"{profile_name}_{key}".upper()).strip("_")


def secret(profile: Profile, key: str, required: bool = True) -> str | None:
    """A secret from the environment, else the keyring; never logged, never from a file."""
    for name in (env_name(profile.name, key), env_name(profile.kind, key)):
        if os.environ.get(name):
            return os.environ[name]
    try:
        import keyring

        value = keyring.get_password("poortwachter", f"{profile.name}:{key}")
    except Exception:  # noqa: BLE001 - no keyring backend on this machine is normal
        value = None
    if value:
        return value
    if required:
        raise MailError(f"geheim '{key}' voor '{profile.name}' ontbreekt: zet {env_name(profile.name, key)} "
                        f"of bewaar het met: keyring set poortwachter {profile.name}:{key}")
    return None
