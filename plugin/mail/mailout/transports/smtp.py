"""smtp://host:port — send through an SMTP server, encrypted unless the server is this machine.

Port 465 (or smtps://) uses implicit TLS; any other port requires STARTTLS, and the
message is not sent when the server does not offer it. Plain SMTP is only for a relay on
the loopback interface (127.0.0.1, ::1, localhost): asked for anywhere else
(`?security=none` or `security = "none"` in a profile) it is refused before any
connection is made. The password comes from the environment or the keyring
(plugin.mail.mailboxes.profiles.secret), never from the URI or the profile file.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from plugin.errors import MailError
from plugin.mail import security as transport_security
from plugin.mail.mailboxes.profiles import Profile, secret
from plugin.mail.mailout.transports.base import Ambiguous, NotSent, Transport

TIMEOUT = 60


def security_for(profile: Profile, requested: str | None) -> tuple[str, int]:
    return transport_security.choose(transport_security.SMTP, profile, requested)


class SmtpTransport(Transport):
    kind = "smtp"

    def __init__(self, profile: Profile, sender: str | None, requested_security: str | None = None):
        self.security, self.port = security_for(profile, requested_security)
        self.host = profile.get("host")
        self.username = profile.get("username") or ""
        sender = sender or profile.get("from") or (self.username if "@" in self.username else None)
        if not sender:
            raise MailError("geef een afzender met --from (of 'from' in het profiel)")
        super().__init__(f"smtp://{self.host}:{self.port} ({self.security})", sender)
        self.profile = profile
        self._password = secret(profile, "password") if self.username else None   # asked now, not mid-run
        self._context = ssl.create_default_context(cafile=profile.get("cafile"))
        self._smtp: smtplib.SMTP | None = None
        self._unreachable: str | None = None    # once the server cannot be reached, stop trying this run

    def _connect(self) -> smtplib.SMTP:
        try:
            if self.security == "tls":
                smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=TIMEOUT, context=self._context)
            else:
                smtp = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT)
                smtp.ehlo()
                if self.security == "starttls":
                    if not smtp.has_extn("starttls"):
                        smtp.close()
                        raise NotSent(f"{self.host} biedt geen STARTTLS aan; niet verzonden (onversleuteld mag niet)")
                    smtp.starttls(context=self._context)
                    smtp.ehlo()
            if self.username:
                smtp.login(self.username, self._password)
        except smtplib.SMTPAuthenticationError as exc:
            raise NotSent(f"aanmelden bij {self.host} mislukt: {exc.smtp_code} {exc.smtp_error!r}") from None
        except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
            raise NotSent(f"geen verbinding met {self.host}:{self.port}: {exc}") from None
        return smtp

    def _ready(self) -> smtplib.SMTP:
        """An open session; a dropped one is replaced (nothing was being sent at that moment)."""
        if self._smtp is not None:
            try:
                if self._smtp.noop()[0] == 250:
                    return self._smtp
            except (smtplib.SMTPException, OSError):
                pass
            self._drop()
        if self._unreachable:
            raise NotSent(self._unreachable)
        try:
            self._smtp = self._connect()
        except NotSent as exc:
            self._unreachable = str(exc)
            raise
        return self._smtp

    def send(self, message: EmailMessage, recipient: str) -> str:
        smtp = self._ready()
        try:
            smtp.send_message(message, from_addr=self.sender_address, to_addrs=[recipient])
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            raise NotSent(f"server weigerde het bericht: {exc}") from None
        except smtplib.SMTPResponseException as exc:
            raise NotSent(f"server weigerde het bericht: {exc.smtp_code} {exc.smtp_error!r}") from None
        except (smtplib.SMTPException, OSError) as exc:
            self._drop()
            raise Ambiguous(f"verbinding met {self.host} verbroken tijdens het verzenden ({exc})") from None
        return f"afgeleverd bij {self.host}:{self.port}"

    @property
    def sender_address(self) -> str:
        from email.utils import parseaddr

        return parseaddr(self.sender)[1] or self.sender

    def _drop(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.close()
            except OSError:
                pass
            self._smtp = None

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self._smtp = None
