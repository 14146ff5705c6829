"""The localhost certificate: parses, names localhost and 127.0.0.1, valid, key private, reused."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import stat
import sys
import threading

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID

from plugin.addins.certs import certificate_info, ensure_certificate, trust_commands


def test_certificate_names_localhost_and_loopback(tmp_path):
    cert_path, key_path = ensure_certificate(tmp_path / "certs")
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == ["localhost"]
    assert san.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("127.0.0.1")]
    now = dt.datetime.now(dt.timezone.utc)
    assert cert.not_valid_before_utc <= now < cert.not_valid_after_utc
    # macOS refuses locally trusted server certificates valid for more than 825 days.
    assert cert.not_valid_after_utc - cert.not_valid_before_utc <= dt.timedelta(days=825)
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.SERVER_AUTH in list(eku)
    assert cert.issuer == cert.subject  # self-signed, no CA
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    assert key.public_key().public_numbers() == cert.public_key().public_numbers()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_private_key_is_readable_by_owner_only(tmp_path):
    _, key_path = ensure_certificate(tmp_path)
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600


def test_reused_while_valid_and_renewed_when_expiring(tmp_path):
    first = certificate_info(tmp_path)
    again = certificate_info(tmp_path)
    assert first.created and not again.created
    assert again.sha256 == first.sha256
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=390)  # within the renewal margin
    renewed = certificate_info(tmp_path, now=later)
    assert renewed.created and renewed.sha256 != first.sha256
    assert renewed.not_after > later


def test_our_own_expired_certificate_is_replaced(tmp_path):
    first = certificate_info(tmp_path, now=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=500))
    renewed = certificate_info(tmp_path)
    assert renewed.created and renewed.sha256 != first.sha256
    x509.load_pem_x509_certificate(renewed.cert_path.read_bytes())


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_tls_handshake_verifies_when_the_certificate_is_trusted(tmp_path, host):
    """What a client does once the user trusted the certificate: full hostname verification."""
    cert_path, key_path = ensure_certificate(tmp_path)
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert_path, key_path)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve_once():
        conn, _ = listener.accept()
        try:
            with server_ctx.wrap_socket(conn, server_side=True) as tls:
                tls.sendall(b"ok")
        except ssl.SSLError:
            pass

    thread = threading.Thread(target=serve_once, daemon=True)
    thread.start()
    client_ctx = ssl.create_default_context(cafile=str(cert_path))
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with client_ctx.wrap_socket(raw, server_hostname=host) as tls:
            assert tls.recv(2) == b"ok"
    thread.join(5)
    listener.close()


def test_trust_commands_name_the_file_for_each_platform(tmp_path):
    cert_path, _ = ensure_certificate(tmp_path)
    commands = trust_commands(cert_path)
    assert set(commands) == {"windows", "macos", "linux"}
    assert commands["windows"] == [f'certutil -user -addstore Root "{cert_path}"']
    assert "add-trusted-cert" in commands["macos"][0] and str(cert_path) in commands["macos"][0]
    assert any("update-ca-certificates" in c for c in commands["linux"])
    assert any(c.startswith("certutil -d sql:") for c in commands["linux"])
