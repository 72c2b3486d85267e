"""A real SMTP server on 127.0.0.1 for the e-mail tests (aiosmtpd), recording messages."""

import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self):
        self.messages = []
        self.sessions = []  # the connection (aiosmtpd's session) each message came on
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
            self.sessions.append(session)
        return "250 OK"

    @property
    def connections(self):
        """How many connections delivered the messages (one session per connection)."""
        return len({id(session) for session in self.sessions})

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPServer:
    """``options`` go to aiosmtpd: ``ssl_context`` (implicit TLS), ``tls_context`` …"""

    def __init__(self, recorder=None, **options):
        self.recorder = recorder or Recorder()
        self.port = free_port()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port, **options)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def messages(self):
        return self.recorder.messages
