"""A self-signed certificate for https://localhost, which Office requires of add-in pages.

No certificate authority: one self-signed certificate for localhost and 127.0.0.1, which
the user trusts once (see `poortwachter addin certs`). It is kept in a folder and reused
while it is valid, so the trust step is not needed at every start. The shape follows what
the strictest client (macOS since 10.15) accepts for a locally trusted server certificate:
RSA 2048, SHA-256, at most 825 days (we use 397), ExtendedKeyUsage serverAuth and the names
in subjectAltName only.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from plugin.errors import PoortwachterError

CERT_NAME = "poortwachter-localhost.crt"
KEY_NAME = "poortwachter-localhost.key"
COMMON_NAME = "Poortwachter localhost"
DNS_NAMES = ("localhost",)
IP_ADDRESSES = (ipaddress.ip_address("127.0.0.1"),)
VALID_DAYS = 397
RENEW_BEFORE = dt.timedelta(days=14)  # renew a little early so it never lapses mid-session


class CertificateError(PoortwachterError):
    """The certificate folder cannot be used (not writable, a broken file we must not replace)."""


@dataclass(frozen=True)
class CertificateInfo:
    """What the user needs to know about the certificate in use."""

    cert_path: Path
    key_path: Path
    not_after: dt.datetime
    sha256: str  # fingerprint, colon-separated hex, as the trust dialogs show it
    created: bool


def default_cert_dir() -> Path:
    """The user's own settings folder for Poortwachter (not the project or a shared folder)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "Poortwachter"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "Poortwachter"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "poortwachter"
    return base / "certs"


def ensure_certificate(folder: Path | None = None, now: dt.datetime | None = None) -> tuple[Path, Path]:
    """(cert_path, key_path) of a valid localhost certificate in folder, made when needed."""
    info = certificate_info(folder, now)
    return info.cert_path, info.key_path


def certificate_info(folder: Path | None = None, now: dt.datetime | None = None) -> CertificateInfo:
    """Like ensure_certificate, with the expiry date and fingerprint for the user.

    CertificateError when the folder holds a certificate that is not our own (see _ours)."""
    folder = Path(folder) if folder else default_cert_dir()
    now = now or dt.datetime.now(dt.timezone.utc)
    cert_path, key_path = folder / CERT_NAME, folder / KEY_NAME
    existing = _reusable(cert_path, key_path, now)
    created = existing is None
    cert = existing or _create(folder, cert_path, key_path, now)
    fingerprint = cert.fingerprint(hashes.SHA256()).hex(":").upper()
    return CertificateInfo(cert_path, key_path, cert.not_valid_after_utc, fingerprint, created)


def _reusable(cert_path: Path, key_path: Path, now: dt.datetime) -> x509.Certificate | None:
    """Our stored certificate while it is valid for a while; None when there is none or ours is (nearly) expired.

    Whatever else lies there is refused, never reused and never replaced: a certificate the user
    is told to trust as a root must be one we made. Someone who could write into the folder
    might have put a CA certificate there (with it, any web site can be faked to this computer)
    or one for other names; the user must see that, not a trust command for it."""
    if not cert_path.exists() and not key_path.exists():
        return None
    reason = _not_ours(cert_path, key_path)
    if reason is not None:
        raise CertificateError(
            f"{cert_path.parent} bevat een certificaat dat Poortwachter niet zelf heeft gemaakt ({reason}). Het wordt "
            f"niet gebruikt, niet vervangen en niet ter vertrouwing aangeboden. Heb je {CERT_NAME} en {KEY_NAME} daar "
            f"niet zelf neergezet, vertrouw dan niets uit die map, verwijder beide bestanden en maak een nieuw "
            f"certificaat met 'poortwachter addin certs'; of kies een andere map (--dir, en bij serve --certs).")
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    if cert.not_valid_before_utc > now or cert.not_valid_after_utc - RENEW_BEFORE < now:
        return None   # ours, expired or nearly: made anew
    if sys.platform != "win32" and key_path.stat().st_mode & 0o077:
        return None   # our key was readable by others: no longer private, so a new one
    return cert


def _not_ours(cert_path: Path, key_path: Path) -> str | None:
    """Why the certificate and key in the folder are not a pair we made; None when they are.

    Ours: a self-signed leaf (BasicConstraints CA:FALSE, no certificate signing), for
    localhost and loopback addresses only, whose public key is that of the key beside it,
    both files owned by this user."""
    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    except FileNotFoundError:
        return f"{CERT_NAME} ontbreekt naast de sleutel"
    except (OSError, ValueError):
        return f"{CERT_NAME} is geen leesbaar certificaat"
    try:
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    except FileNotFoundError:
        return f"de sleutel {KEY_NAME} ontbreekt"
    except (OSError, ValueError, TypeError):
        return f"{KEY_NAME} is geen leesbare sleutel zonder wachtwoord"
    if sys.platform != "win32" and any(path.stat().st_uid != os.getuid() for path in (cert_path, key_path)):
        return "de bestanden zijn van een andere gebruiker"
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return "geen BasicConstraints: het kan als CA gelden"
    if constraints.ca:
        return "een CA-certificaat (CA:TRUE), waarmee elke website na te maken is"
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        if usage.key_cert_sign or usage.crl_sign:
            return "het mag andere certificaten ondertekenen"
    except x509.ExtensionNotFound:
        pass
    try:
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return "geen namen (subjectAltName)"
    dns = names.get_values_for_type(x509.DNSName)
    ips = names.get_values_for_type(x509.IPAddress)
    others = [n for n in names if not isinstance(n, (x509.DNSName, x509.IPAddress))]
    foreign = [n for n in dns if n.lower() != "localhost"] + [str(ip) for ip in ips if not ip.is_loopback]
    if foreign or others:
        return "ook voor andere namen dan localhost: " + ", ".join(foreign + [str(o.value) for o in others])[:200]
    if "localhost" not in [n.lower() for n in dns] or not set(IP_ADDRESSES) <= set(ips):
        return "niet voor localhost en 127.0.0.1"
    if cert.issuer != cert.subject:
        return "niet door zichzelf ondertekend (uitgegeven door een ander)"
    if _spki(cert.public_key()) != _spki(key.public_key()):
        return "de sleutel hoort niet bij het certificaat"
    return None


def _spki(public_key) -> bytes:
    return public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def _create(folder: Path, cert_path: Path, key_path: Path, now: dt.datetime) -> x509.Certificate:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CertificateError(f"kan de map voor het certificaat niet maken: {folder} ({exc.strerror})") from None
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, COMMON_NAME),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Poortwachter (lokaal)")])
    san = [x509.DNSName(n) for n in DNS_NAMES] + [x509.IPAddress(ip) for ip in IP_ADDRESSES]
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))  # tolerate a clock that is a little behind
        .not_valid_after(now + dt.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName(san), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_encipherment=True, content_commitment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    try:
        _write_private(key_path, key_pem)
        _write_replace(cert_path, cert.public_bytes(serialization.Encoding.PEM), 0o644)
    except OSError as exc:
        raise CertificateError(f"kan het certificaat niet schrijven in {folder} ({exc.strerror})") from None
    return cert


def _write_private(path: Path, data: bytes) -> None:
    """Write the key so that no other user can read it, not even for a moment."""
    _write_replace(path, data, 0o600)


def _write_replace(path: Path, data: bytes, mode: int) -> None:
    # Our own generated files: replacing an expired certificate is the point, so no OutputExists.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if sys.platform != "win32":
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def trust_commands(cert_path: Path) -> dict[str, list[str]]:
    """The exact commands that make this computer trust the certificate, per platform.

    Windows: the user's own Root store (no administrator; Windows asks to confirm).
    macOS: the System keychain, as Microsoft's own add-in dev tools do (asks the password).
    Linux: the system store for curl/Python, plus the NSS store that Chrome and Chromium read
    (Office on Linux is Office on the web in the browser). Firefox keeps its own store.
    """
    path = str(cert_path)
    return {
        "windows": [f'certutil -user -addstore Root "{path}"'],
        "macos": [f'sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain "{path}"'],
        "linux": [f'sudo cp "{path}" /usr/local/share/ca-certificates/{CERT_NAME}',
                  "sudo update-ca-certificates",
                  'mkdir -p "$HOME/.pki/nssdb"',
                  f'certutil -d sql:"$HOME/.pki/nssdb" -A -t "P,," -n "{COMMON_NAME}" -i "{path}"'],
    }
