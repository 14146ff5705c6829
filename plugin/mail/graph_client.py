"""One Microsoft Graph session for reading mailboxes and sending mail.

Profile keys: tenant_id, client_id, mailbox (the user's address or id), optional
authority_host and graph_url (national clouds: e.g. login.microsoftonline.us and
graph.microsoft.us). The client secret comes from the environment or the keyring (key
'client_secret'), never from the profile file, and never appears in an error message.
"""

from __future__ import annotations

from urllib.parse import quote

import httpx

from plugin.errors import MailError
from plugin.mail.mailboxes.base import scrub
from plugin.mail.mailboxes.profiles import Profile, secret

GRAPH = "https://graph.microsoft.com/v1.0"
LOGIN = "https://login.microsoftonline.com"
REQUIRED = ("tenant_id", "client_id", "mailbox")


class GraphSession:
    """An app token (client credentials) and the base URL of one mailbox."""

    def __init__(self, profile: Profile, http: httpx.Client | None = None):
        import msal

        missing = [k for k in REQUIRED if not profile.get(k)]
        if missing:
            raise MailError(f"profiel '{profile.name}': vul {', '.join(missing)} in")
        self.mailbox = profile.get("mailbox")
        self.http = http or httpx.Client(timeout=httpx.Timeout(60.0, connect=15.0))
        graph = profile.get("graph_url", GRAPH).rstrip("/")
        self.scope = [graph.rsplit("/", 1)[0] + "/.default"]       # https://graph.microsoft.com/.default
        self.base = f"{graph}/users/{quote(self.mailbox, safe='@.')}"
        self._secret = secret(profile, "client_secret")
        self._app = msal.ConfidentialClientApplication(
            profile.get("client_id"), client_credential=self._secret, http_client=self.http,
            authority=f"{profile.get('authority_host', LOGIN).rstrip('/')}/{profile.get('tenant_id')}")

    def token(self) -> str:
        try:
            result = self._app.acquire_token_for_client(scopes=self.scope)
        except Exception as exc:  # noqa: BLE001 - msal raises plain exceptions on network trouble
            raise MailError(f"Microsoft-aanmelding mislukt: {scrub(str(exc), self._secret)}") from None
        if "access_token" not in result:
            reason = result.get("error_description") or result.get("error") or "onbekende fout"
            raise MailError(f"Microsoft-aanmelding mislukt: {scrub(str(reason), self._secret)}")
        return result["access_token"]

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token()}"}

    def close(self) -> None:
        self.http.close()


def error_text(response: httpx.Response) -> str:
    """Graph's own error message, else the HTTP reason."""
    try:
        error = response.json()["error"]
        return f"{error.get('code')}: {error.get('message')}" if error.get("code") else str(error["message"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return response.reason_phrase or response.text[:200]
