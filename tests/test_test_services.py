"""The servers the suite starts take ports no other process can take from them."""

import socket

import pytest

from tests import postgres
from tests.servers import refusing_port
from tests.smtp import SMTPServer


def test_postgres_starts_on_another_port_when_its_port_was_taken(monkeypatch):
    bindir = postgres.find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed here (Debian package 'postgresql')")
    with socket.create_server(("127.0.0.1", 0)) as taken:
        ports = iter([taken.getsockname()[1]])  # as if another process took it first
        free = postgres._free_port
        monkeypatch.setattr(postgres, "_free_port", lambda: next(ports, None) or free())
        server = postgres.PostgresServer(bindir).start()
        try:
            assert server.port != taken.getsockname()[1]
            with socket.create_connection(("127.0.0.1", server.port), timeout=30):
                pass
        finally:
            server.stop()


def test_a_refusing_port_refuses_and_cannot_be_taken():
    with refusing_port() as port:
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=30)
        with socket.socket() as other, pytest.raises(OSError):
            other.bind(("127.0.0.1", port))


def test_an_smtp_server_holds_its_port_before_it_starts():
    server = SMTPServer()
    with socket.socket() as other, pytest.raises(OSError):
        other.bind(("127.0.0.1", server.port))
    with server:
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as connection:
            assert connection.recv(3) == b"220"
