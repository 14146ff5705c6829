"""exchange:PROFILE — send through Exchange on-premises (EWS) with a copy in Sent Items.

Message.send_and_save is one EWS CreateItem with MessageDisposition=SendAndSaveCopy
(Exchange 2013 and later, attachments included). The Internet Message-ID is ours, so
after a crash the copy in Sent Items answers whether the message went out.

Profile keys: server, username, primary_smtp_address, optional auth_type (NTLM, basic;
default NTLM) and version (default Exchange 2013 SP1, which every later version accepts).
The password comes from the environment or the keyring (key "password").
"""

from __future__ import annotations

import importlib.util
from email.message import EmailMessage

from plugin.errors import MailError
from plugin.mail.mailboxes.profiles import Profile, secret
from plugin.mail.mailout.ledger import Entry
from plugin.mail.mailout.transports.base import Ambiguous, NotSent, Transport, body_of


class ExchangeTransport(Transport):
    kind = "exchange"

    def __init__(self, profile: Profile, sender: str | None = None):
        if importlib.util.find_spec("exchangelib") is None:
            raise MailError("exchange: installeer de mail-extra's: pip install 'poortwachter[mail]'")
        self.server = profile.get("server")
        self.address = profile.get("primary_smtp_address")
        if not self.server or not self.address:
            raise MailError(f"profiel '{profile.name}': 'server' en 'primary_smtp_address' zijn verplicht")
        super().__init__(f"exchange:{profile.name} ({self.address})", sender or profile.get("from") or self.address)
        self.profile = profile
        self._password = secret(profile, "password")
        self._account = None
        self._sent = None

    def _connect(self):
        from exchangelib import DELEGATE, Account, Build, Configuration, Credentials, Version
        from exchangelib.errors import EWSError
        from exchangelib.transport import NTLM

        version = self.profile.get("version")
        build = Build(*(int(p) for p in str(version).split(".")[:4])) if version else Build(15, 0, 847, 32)
        try:
            credentials = Credentials(self.profile.get("username") or self.address, self._password)
            config = Configuration(server=self.server, auth_type=self.profile.get("auth_type", NTLM),
                                   credentials=credentials, version=Version(build=build))
            return Account(self.address, config=config, autodiscover=False, access_type=DELEGATE)
        except (EWSError, OSError, ValueError) as exc:
            raise NotSent(f"geen verbinding met Exchange {self.server}: {exc}") from None

    def _sent_folder(self):
        """Sent Items, looked up once per run (one EWS GetFolder)."""
        if self._account is None:
            self._account = self._connect()
        if self._sent is None:
            self._sent = self._account.sent
        return self._sent

    def send(self, message: EmailMessage, recipient: str) -> str:
        from exchangelib import FileAttachment, HTMLBody, Mailbox, Message
        from exchangelib.errors import (ErrorAccessDenied, ErrorInvalidRecipients, ErrorItemNotFound,
                                        ErrorNonExistentMailbox, EWSError, UnauthorizedError)

        try:  # everything before CreateItem: a failure here means nothing was sent
            sent = self._sent_folder()
            kind, content = body_of(message)
            item = Message(account=self._account, folder=sent, subject=message["Subject"],
                           body=HTMLBody(content) if kind == "html" else content,
                           to_recipients=[Mailbox(email_address=recipient)], message_id=message["Message-ID"])
            for part in message.iter_attachments():
                item.attach(FileAttachment(name=part.get_filename(), content=part.get_payload(decode=True),
                                           content_type=part.get_content_type()))
        except (EWSError, OSError, ValueError) as exc:
            raise NotSent(f"Exchange {self.server} niet bruikbaar: {exc}") from None
        try:
            item.send_and_save()
        except (ErrorAccessDenied, ErrorInvalidRecipients, ErrorNonExistentMailbox, ErrorItemNotFound,
                UnauthorizedError) as exc:
            raise NotSent(f"Exchange weigerde het bericht: {exc}") from None
        except (EWSError, OSError) as exc:
            raise Ambiguous(f"Exchange gaf geen duidelijk antwoord ({exc})") from None
        return f"verzonden via Exchange, kopie in Verzonden items van {self.address}"

    def was_sent(self, entry: Entry) -> bool | None:
        try:
            return self._sent_folder().filter(message_id=entry.message_id).exists()
        except Exception:  # noqa: BLE001 - any doubt means: cannot tell
            return None
