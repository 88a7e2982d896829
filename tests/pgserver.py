"""A real PostgreSQL server for the tests, started in a temporary folder on 127.0.0.1 and stopped after.

One server per test session (starting one takes about a second); each test gets its own fresh
database on it.  PostgreSQL refuses to run as root, so as root (CI, containers) the server runs as
the `postgres` user the Debian package creates (or `nobody`).  Durability is switched off: these
databases live for one test.

Where PostgreSQL is not installed the tests that need it are skipped — except under CI (`CI` set),
where that is a failure: `.ci/run` installs it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


def postgres_bindir() -> Path | None:
    """The newest installed server's binaries (Debian keeps them out of PATH)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise RuntimeError("running as root and there is no 'postgres' or 'nobody' user to run PostgreSQL as")


@dataclass
class PostgresServer:
    bindir: Path
    root: Path
    port: int
    user: str | None

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            user=self.user,
            capture_output=True,
            text=True,
            cwd=self.root,
            check=False,
        )
        if result.returncode != 0:
            log = (self.root / "server.log").read_text() if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}{log}")

    def start(self) -> None:
        self.root.chmod(0o755)
        if self.user is not None:
            shutil.chown(self.root, self.user)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8")
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        log = str(self.root / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def create_database(self) -> str:
        """A fresh, empty database on the server; returns its URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        where = ("-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres")
        self._run("psql", *where, "-qc", f"CREATE DATABASE {name}")
        return self.url(name)


@contextlib.contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    bindir = postgres_bindir()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL is not installed (apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="talks-pg-"))
    server = PostgresServer(bindir, root, _free_port(), _server_user())
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """The session's PostgreSQL server (skipped where not installed, except under CI)."""
    if postgres_bindir() is None:
        message = "PostgreSQL is not installed (apt-get install postgresql); .ci/run installs it"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with running_postgres() as server:
        yield server


BACKEND_NAMES = ("sqlite", "postgresql")


@pytest.fixture(params=BACKEND_NAMES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each backend in turn: the same test runs against both."""
    if request.param == "sqlite":
        return str(tmp_path / "bot.sqlite3")
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.create_database()
