"""A real SMTP server on loopback for the e-mail tests (aiosmtpd), and what it received.

``SmtpSink`` accepts every message unless told otherwise: ``refuse_temporarily`` and
``refuse_permanently`` name recipients it answers 451 or 550 for (``temporary_failures`` limits
how many times a 451 is given per address), and ``stop()`` takes it down to test a dead server.
Use it as a context manager; ``settings_override()`` points Django's SMTP backend at it.
"""

import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller
from django.test import override_settings


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Handler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        sink = self.sink
        with sink.lock:
            if address in sink.refuse_permanently:
                return "550 5.1.1 No such mailbox"
            if address in sink.refuse_temporarily:
                given = sink.temporary_given.get(address, 0)
                if sink.temporary_failures is None or given < sink.temporary_failures:
                    sink.temporary_given[address] = given + 1
                    return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.sink.lock:
            self.sink.messages.append(message)
            self.sink.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"


class SmtpSink:
    def __init__(self, port=None):
        self.port = port or free_port()
        self.lock = threading.Lock()
        self.messages = []
        self.envelopes = []
        self.refuse_temporarily = set()
        self.refuse_permanently = set()
        self.temporary_failures = None  # None: always refuse those addresses temporarily
        self.temporary_given = {}
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def settings_override(self, **extra):
        return override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=self.port,
            EMAIL_USE_TLS=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            **extra,
        )

    def recipients(self):
        with self.lock:
            return [address for _sender, rcpts in self.envelopes for address in rcpts]

    def messages_to(self, address):
        with self.lock:
            return [message for message in self.messages if address in message["To"]]
