"""A throwaway PostgreSQL server for the test run, from Debian's packages.

``initdb`` and ``postgres`` refuse to run as root, so as root they run as the
``postgres`` user through ``runuser``. The server listens on 127.0.0.1 only, on a free
port (another one if that was taken before the server bound it), with its data and
socket in a temporary directory removed at the end.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile

PORT_ATTEMPTS = 5


def find_bindir():
    """The directory holding ``initdb`` and ``pg_ctl``, or ``None``."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for path in candidates:
        if os.path.exists(os.path.join(path, "initdb")):
            return path
    return None


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    def __init__(self, bindir):
        self.bindir = bindir
        self.root = tempfile.mkdtemp(prefix="redress-pg-")
        self.data = os.path.join(self.root, "data")
        self.port = None
        self.as_root = os.geteuid() == 0

    def _run(self, *args):
        command = [os.path.join(self.bindir, args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=600)

    def start(self):
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        os.chmod(self.root, 0o755)
        self._run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        log = os.path.join(self.root, "log")
        for attempt in range(PORT_ATTEMPTS):
            # A port free a moment ago can be taken by another process before the server
            # binds it (the other run of the suite starts servers too): then another.
            self.port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -F "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=200"
            )
            try:
                # -t: pg_ctl's own wait (60 s by default) is short for a loaded machine.
                self._run("pg_ctl", "-D", self.data, "-o", options, "-l", log,
                          "-w", "-t", "300", "start")  # fmt: skip
                break
            except subprocess.CalledProcessError:
                with open(log, errors="replace") as handle:
                    taken = "could not bind" in handle.read()
                if not taken or attempt == PORT_ATTEMPTS - 1:
                    raise
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                  "redress_test")  # fmt: skip
        return self

    @property
    def url(self):
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/redress_test"

    def stop(self):
        try:
            self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
