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


class _BoundController(Controller):
    """aiosmtpd's threaded controller serving a socket bound in advance: the port is the
    test's from the moment the server object exists (settings can name it before the
    server starts), with no window in which another process could bind it first."""

    def __init__(self, handler, sock, **options):
        super().__init__(
            handler,
            hostname="127.0.0.1",
            port=sock.getsockname()[1],
            # aiosmtpd's default, 5 s, is too short for a loaded machine's thread start.
            ready_timeout=READY_SECONDS,
            **options,
        )
        self._sock = sock

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self._sock, ssl=self.ssl_context)


# A deadline for a server that hangs, not an expected start-up time.
READY_SECONDS = 120


class SMTPServer:
    """``options`` go to aiosmtpd: ``ssl_context`` (implicit TLS), ``tls_context`` …"""

    def __init__(self, recorder=None, **options):
        self.recorder = recorder or Recorder()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self.controller = _BoundController(self.recorder, self._sock, **options)

    def __enter__(self):
        try:
            self.controller.start()
        except BaseException:
            self._sock.close()
            raise
        return self

    def __exit__(self, *exc):
        try:
            self.controller.stop()
        finally:
            self._sock.close()  # closed with the server already; this is for a failed start

    @property
    def messages(self):
        return self.recorder.messages
