"""Only our own localhost leaf is reused: a planted CA, a foreign name or a key that is not its own
is refused with a clear message, never replaced and never offered as a command to trust."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import subprocess
import sys

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from plugin.addins.certs import CERT_NAME, KEY_NAME, CertificateError, certificate_info

from addins.conftest import REPO

NOW = dt.datetime.now(dt.timezone.utc)


def plant(folder, ca: bool = False, names=("localhost",), ips=("127.0.0.1",), key=None, cert_key=None,
          issuer: str | None = None, key_cert_sign: bool = False, basic: bool = True):
    """Write a certificate and key into folder as someone else might."""
    folder.mkdir(parents=True, exist_ok=True)
    key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Poortwachter localhost")])
    builder = (x509.CertificateBuilder().subject_name(subject)
               .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]) if issuer else subject)
               .public_key((cert_key or key).public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(NOW - dt.timedelta(days=1)).not_valid_after(NOW + dt.timedelta(days=300))
               .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]
                                                          + [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]),
                              critical=False))
    if basic:
        builder = builder.add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    if key_cert_sign:
        builder = builder.add_extension(x509.KeyUsage(digital_signature=True, key_encipherment=False,
                                                      content_commitment=False, data_encipherment=False,
                                                      key_agreement=False, key_cert_sign=True, crl_sign=True,
                                                      encipher_only=False, decipher_only=False), critical=True)
    cert = builder.sign(key, hashes.SHA256())
    (folder / CERT_NAME).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file = folder / KEY_NAME
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    os.chmod(key_file, 0o600)
    return cert


FOREIGN = {
    "a CA": dict(ca=True),
    "a CA with a foreign name": dict(ca=True, names=("localhost", "bank.example")),
    "a foreign name": dict(names=("localhost", "*.example.nl")),
    "a foreign address": dict(ips=("127.0.0.1", "10.0.0.1")),
    "no localhost": dict(names=("poortwachter.local",)),
    "signs certificates": dict(key_cert_sign=True),
    "no BasicConstraints": dict(basic=False),
    "issued by another": dict(issuer="Evil Root CA"),
    "another key": dict(cert_key=rsa.generate_private_key(public_exponent=65537, key_size=2048)),
}


@pytest.mark.parametrize("kind", FOREIGN)
def test_a_certificate_we_did_not_make_is_refused_and_kept(tmp_path, kind):
    plant(tmp_path, **FOREIGN[kind])
    before = (tmp_path / CERT_NAME).read_bytes(), (tmp_path / KEY_NAME).read_bytes()
    with pytest.raises(CertificateError) as refused:
        certificate_info(tmp_path)
    assert "niet zelf heeft gemaakt" in str(refused.value) and str(tmp_path) in str(refused.value)
    assert ((tmp_path / CERT_NAME).read_bytes(), (tmp_path / KEY_NAME).read_bytes()) == before


@pytest.mark.parametrize("content", [b"not a certificate", b""])
def test_a_broken_file_is_refused_too(tmp_path, content):
    (tmp_path / CERT_NAME).write_bytes(content)
    with pytest.raises(CertificateError, match="geen leesbaar certificaat"):
        certificate_info(tmp_path)


def test_a_key_without_its_certificate_is_refused(tmp_path):
    plant(tmp_path)
    (tmp_path / CERT_NAME).unlink()
    with pytest.raises(CertificateError, match="ontbreekt"):
        certificate_info(tmp_path)


def test_a_leaf_like_ours_is_reused_and_an_ec_key_is_no_crash(tmp_path):
    plant(tmp_path / "rsa")
    assert not certificate_info(tmp_path / "rsa").created
    plant(tmp_path / "ec", key=ec.generate_private_key(ec.SECP256R1()))
    assert not certificate_info(tmp_path / "ec").created


def test_addin_certs_prints_no_trust_command_for_a_planted_ca(tmp_path):
    plant(tmp_path, ca=True, names=("localhost", "bank.example"))
    done = subprocess.run([sys.executable, "-m", "plugin", "addin", "certs", "--dir", str(tmp_path)], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "CA-certificaat" in done.stderr and "niet zelf heeft gemaakt" in done.stderr
    assert "certutil" not in done.stdout + done.stderr and "add-trusted-cert" not in done.stdout + done.stderr


def test_serve_https_refuses_a_planted_ca(tmp_path):
    plant(tmp_path / "certs", ca=True)
    done = subprocess.run([sys.executable, "-m", "plugin", "serve", str(REPO / "examples" / "casussen.xlsx"),
                           "--https", "--certs", str(tmp_path / "certs"), "--no-browser", "--port", "0",
                           "--out", str(tmp_path / "out")], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "CA-certificaat" in done.stderr
