"""A real SMTP server on 127.0.0.1 for the mail-out tests (aiosmtpd, in a thread).

    with SmtpServer() as server:            # server.port, server.messages
        ...
    SmtpServer(reject={"b@x.example"})      # 550 for these recipients
    SmtpServer(hold_after=3)                # the 3rd message is stored, then its reply is held back
                                            # (the client hangs as if the line dropped after DATA)
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass

from aiosmtpd.controller import Controller


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.data, policy=email.policy.default)


class _Handler:
    def __init__(self, server: "SmtpServer"):
        self.server = server

    async def handle_RCPT(self, session, smtp_session, envelope, address, rcpt_options):
        if address.lower() in self.server.reject:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, session, smtp_session, envelope):
        with self.server.lock:
            self.server.messages.append(Received(envelope.mail_from, tuple(envelope.rcpt_tos), envelope.content))
            count = len(self.server.messages)
        if self.server.hold_after and count == self.server.hold_after:
            self.server.holding.set()
            await asyncio.sleep(self.server.hold_seconds)
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpServer:
    def __init__(self, reject: set[str] | None = None, hold_after: int = 0, hold_seconds: float = 60):
        self.reject = {a.lower() for a in reject or ()}
        self.hold_after = hold_after
        self.hold_seconds = hold_seconds
        self.messages: list[Received] = []
        self.lock = threading.Lock()
        self.holding = threading.Event()
        self.port = free_port()
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "SmtpServer":
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop(no_assert=True)

    @property
    def uri(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def per_recipient(self) -> Counter:
        with self.lock:
            return Counter(r for m in self.messages for r in m.rcpt_tos)

    def wait_for(self, count: int, timeout: float = 60) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return True
            time.sleep(0.05)
        return False
