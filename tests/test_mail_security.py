"""One transport-security rule for IMAP and SMTP: TLS unless this machine."""

import pytest

from plugin.errors import MailError
from plugin.mail import security
from plugin.mail.mailboxes.profiles import Profile

CASES = (
    # protocol, profile fields, requested, expected (mode, port)
    (security.IMAP, {"host": "mail.example.nl"}, None, ("starttls", 143)),
    (security.IMAP, {"host": "mail.example.nl", "port": 993}, None, ("tls", 993)),
    (security.IMAP, {"host": "127.0.0.1", "security": "plain"}, None, ("none", 143)),
    (security.IMAP, {"host": "localhost", "security": "none", "port": 1143}, None, ("none", 1143)),
    (security.SMTP, {"host": "smtp.example.nl"}, None, ("starttls", 587)),
    (security.SMTP, {"host": "smtp.example.nl", "port": 465}, None, ("tls", 465)),
    (security.SMTP, {"host": "127.0.0.1"}, None, ("none", 25)),
    (security.SMTP, {"host": "::1"}, "plain", ("none", 25)),
    (security.SMTP, {"host": "smtp.example.nl", "tls": True}, None, ("tls", 465)),
)


@pytest.mark.parametrize("protocol, fields, requested, expected", CASES)
def test_choose(protocol, fields, requested, expected):
    assert security.choose(protocol, Profile("p", protocol.name.lower(), fields), requested) == expected


@pytest.mark.parametrize("protocol", (security.IMAP, security.SMTP))
@pytest.mark.parametrize("word", ("none", "plain"))
def test_unencrypted_off_this_machine_is_refused_in_both(protocol, word):
    with pytest.raises(MailError, match="zonder versleuteling naar mail.example.nl geweigerd"):
        security.choose(protocol, Profile("p", "x", {"host": "mail.example.nl", "security": word}))


def test_unknown_mode_names_the_field():
    with pytest.raises(MailError, match="veld 'security': 'ssh' onbekend"):
        security.choose(security.SMTP, Profile("p", "smtp", {"host": "x", "security": "ssh"}))
