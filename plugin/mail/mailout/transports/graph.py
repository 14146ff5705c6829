"""graph:PROFILE — send through Microsoft 365 (Microsoft Graph), with a copy in Sent Items.

POST /users/{mailbox}/sendMail with saveToSentItems=true, an app token from msal (client
credentials; the app needs the Mail.Send application permission, preferably limited to
the one mailbox with an application access policy). 429 and 503 are retried after
Retry-After, a bounded number of times. Each message carries our Message-ID in a named
extended property, which finds the copy in Sent Items after a crash.

Profile keys: those of the Graph session (plugin/mail/graph_client.py), national clouds
included. Attachments up to 3 MB each (sendMail's limit).
"""

from __future__ import annotations

import base64
import time
from email.message import EmailMessage

from plugin.errors import MailError
from plugin.mail.graph_client import GraphSession, error_text
from plugin.mail.mailboxes.profiles import Profile
from plugin.mail.mailboxes.retry import GaveUp, RetryPolicy, Throttled, retry_after
from plugin.mail.mailout.ledger import Entry
from plugin.mail.mailout.transports.base import Ambiguous, NotSent, Transport, body_of, our_headers

ID_PROPERTY = "String {6b4f8c1e-2a7d-4e53-9f0b-7c1d2e3f4a5b} Name PoortwachterMessageId"
MAX_RETRIES = 4
MAX_WAIT = 120          # seconds of waiting in all; then this run gives up on the message
MAX_ATTACHMENT = 3 * 1024 * 1024


class GraphTransport(Transport):
    kind = "graph"

    def __init__(self, profile: Profile, sender: str | None = None, sleep=None):
        self._session = GraphSession(profile)
        self.mailbox = self._session.mailbox
        super().__init__(f"graph:{profile.name} ({self.mailbox})", sender or self.mailbox)
        self._http = self._session.http
        self._sleep = sleep

    def _token(self) -> str:
        try:
            return self._session.token()
        except MailError as exc:
            raise NotSent(str(exc)) from None

    def _url(self, path: str) -> str:
        return f"{self._session.base}{path}"

    def send(self, message: EmailMessage, recipient: str) -> str:
        import httpx

        payload = {"message": _graph_message(message, recipient), "saveToSentItems": True}

        def attempt():
            headers = {"Authorization": f"Bearer {self._token()}"}
            try:
                response = self._http.post(self._url("/sendMail"), json=payload, headers=headers)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                raise NotSent(f"geen verbinding met Microsoft Graph: {exc}") from None
            except httpx.HTTPError as exc:
                raise Ambiguous(f"Microsoft Graph gaf geen antwoord ({exc})") from None
            if response.status_code in (429, 503):
                # Throttled: nothing was accepted, so trying again cannot send it twice.
                raise Throttled(f"HTTP {response.status_code}", retry_after(response.headers.get("Retry-After")))
            return response

        policy = RetryPolicy(max_attempts=MAX_RETRIES + 1, max_total_wait=MAX_WAIT, min_wait=5.0,
                             sleep=self._sleep or time.sleep)
        try:
            response = policy.run(attempt, "Microsoft Graph sendMail")
        except GaveUp as exc:
            raise NotSent(f"{exc} Volgende run opnieuw.") from None
        if response.status_code == 202:
            return f"verzonden via Microsoft Graph, kopie in Verzonden items van {self.mailbox}"
        detail = error_text(response)
        if response.status_code < 500:
            raise NotSent(f"Microsoft Graph weigerde het bericht ({response.status_code}): {detail}")
        raise Ambiguous(f"Microsoft Graph-fout {response.status_code}: {detail}")

    def was_sent(self, entry: Entry) -> bool | None:
        flt = (f"singleValueExtendedProperties/Any(ep: ep/id eq '{ID_PROPERTY}' and "
               f"ep/value eq '{entry.message_id.replace(chr(39), chr(39) * 2)}')")
        try:
            response = self._http.get(self._url("/mailFolders/SentItems/messages"),
                                      params={"$filter": flt, "$select": "id"},
                                      headers={"Authorization": f"Bearer {self._token()}"})
            if response.status_code != 200:
                return None
            return bool(response.json().get("value"))
        except Exception:  # noqa: BLE001 - any doubt means: cannot tell
            return None

    def close(self) -> None:
        self._http.close()


def _graph_message(message: EmailMessage, recipient: str) -> dict:
    attachments = []
    for part in message.iter_attachments():
        data = part.get_payload(decode=True)
        if len(data) > MAX_ATTACHMENT:
            raise NotSent(f"bijlage {part.get_filename()} is groter dan 3 MB (grens van sendMail)")
        attachments.append({"@odata.type": "#microsoft.graph.fileAttachment", "name": part.get_filename(),
                            "contentType": part.get_content_type(), "contentBytes": base64.b64encode(data).decode()})
    kind, content = body_of(message)
    return {
        "subject": message["Subject"],
        "body": {"contentType": "HTML" if kind == "html" else "Text", "content": content},
        "toRecipients": [{"emailAddress": {"address": recipient}}],
        "attachments": attachments,
        "singleValueExtendedProperties": [{"id": ID_PROPERTY, "value": message["Message-ID"]}],
        "internetMessageHeaders": [{"name": name, "value": value} for name, value in our_headers(message)],
    }
