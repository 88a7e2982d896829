"""The bot's one database, SQLite or PostgreSQL, chosen by a URL: connection, schema and start-up check.

SQLAlchemy 2 Core (async) speaks to both; Alembic migrations under `migrations/` are the one source of
the schema for both and run at start-up.  Two processes may start at once, so the migration runs in
one write transaction that locks out the other: `BEGIN IMMEDIATE` on SQLite, an advisory lock on
PostgreSQL; the loser then finds the schema current and does nothing.

`DATABASE_URL` may be a plain file path (SQLite, the embedded default), `sqlite:///…` or
`postgresql://…`; the async drivers (aiosqlite, asyncpg) are filled in here, so users write the URLs
they know.  A database that cannot be used raises `StoreError` with one line naming the URL without
its password and the reason — the bot and `kb gaps` print it and exit non-zero.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
MIGRATION_LOCK = 74_101_509  # any constant: the PostgreSQL advisory lock the migrating process holds
SQLITE_BUSY_TIMEOUT = 30.0  # seconds a writer waits for another process's write (they take ~1 ms)
WAL_RETRY = 0.02  # seconds between tries to switch a new SQLite file to WAL while another does
CLOSE_GRACE = 1.0  # seconds close() waits for queries in flight; a clean stop must take < 2 s


class StoreError(RuntimeError):
    """The database cannot be used: one line naming it (without password) and why."""


@dataclass(frozen=True)
class Backend:
    """What differs between the engines, in one place."""

    driver: str  # SQLAlchemy's async dialect+driver
    setup: Callable[[AsyncEngine], None]  # per-connection tuning
    connect_args: dict[str, Any]


def _sqlite_setup(engine: AsyncEngine) -> None:
    """WAL (readers never block the writer), a busy timeout, and transactions SQLite really begins.

    pysqlite's own transaction handling would not begin one before DDL; it is switched off and
    `BEGIN` is emitted here, `BEGIN IMMEDIATE` for engines marked as writers so a read-then-write
    (the migration, a seeded list) takes the write lock first instead of failing on upgrade.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT * 1000)}")
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get('sqlite_begin', '')}".strip())


def _switch_to_wal(cursor: Any) -> None:
    """Switch a new database to WAL, waiting for another process doing the same.

    SQLite answers "database is locked" at once, without its busy timeout, when two connections
    switch a fresh file's journal mode together (two bots starting at once); retried here until
    the busy timeout.  A database already in WAL keeps it: the switch is then a no-op."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except Exception as exc:  # the driver's OperationalError, raised through SQLAlchemy's adapter
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY)


def _postgresql_setup(engine: AsyncEngine) -> None:
    """Nothing to tune: READ COMMITTED and single-statement upserts are safe as they are."""


BACKENDS: dict[str, Backend] = {
    "sqlite": Backend("sqlite+aiosqlite", _sqlite_setup, {"timeout": SQLITE_BUSY_TIMEOUT}),
    "postgresql": Backend("postgresql+asyncpg", _postgresql_setup, {}),
}


def parse_url(value: str | os.PathLike[str]) -> URL:
    """A URL with its async driver: a bare path is a SQLite file; `postgres://` is PostgreSQL."""
    raw = os.fspath(value).strip()
    if "://" not in raw:
        return URL.create("sqlite+aiosqlite", database=str(Path(raw).expanduser().resolve()))
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise StoreError(f"DATABASE_URL {raw!r} is not a database URL: {exc}") from None
    backend = {"postgres": "postgresql"}.get(url.get_backend_name(), url.get_backend_name())
    if backend not in BACKENDS:
        raise StoreError(
            f"DATABASE_URL {url.render_as_string(hide_password=True)}: unsupported database "
            f"{backend!r} (use a SQLite path or sqlite:///…, or postgresql://…)"
        )
    return url.set(drivername=BACKENDS[backend].driver)


def display_url(url: URL) -> str:
    """The URL as users wrote it, password hidden: a SQLite file is shown as its path."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.set(drivername=url.get_backend_name()).render_as_string(hide_password=True)


class Database:
    """One engine (a pool of connections) for the whole process; `start()` before use."""

    def __init__(self, url: str | os.PathLike[str]) -> None:
        self.url = parse_url(url)
        self.backend = self.url.get_backend_name()
        self.shown = display_url(self.url)
        spec = BACKENDS[self.backend]
        # A server connection can die between uses (a restart, a proxy's idle timeout): ping it on
        # checkout.  A SQLite file cannot, so it skips the extra round trip per query.
        ping = self.backend != "sqlite"
        self.engine = create_async_engine(self.url, connect_args=spec.connect_args, pool_pre_ping=ping)
        spec.setup(self.engine)
        self.writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")

    async def start(self) -> None:
        """Create or migrate the schema and prove the database writable, or raise StoreError."""
        self._check_sqlite_path()
        try:
            async with self.writer.begin() as conn:
                if self.backend == "postgresql":
                    await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
                else:  # damaged pages behind a sound header fail only when read: find them now
                    found = (await conn.execute(text("PRAGMA quick_check"))).scalar()
                    if found != "ok":
                        raise StoreError(
                            f"cannot use the database {self.shown}: the file is damaged ({found}); "
                            "move it aside or restore a copy"
                        )
                await conn.run_sync(_upgrade, self.shown)
        except StoreError:
            raise
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"cannot use the database {self.shown}: {reason(exc)}") from exc

    async def close(self, grace: float = CLOSE_GRACE) -> None:
        """Close the pool once the connections in use are back (up to `grace` seconds): disposing
        under a query in flight would leave its connection to the garbage collector."""
        pool = self.engine.sync_engine.pool
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        while getattr(pool, "checkedout", lambda: 0)() and loop.time() < deadline:  # noqa: ASYNC110 - the pool has no event to await
            await asyncio.sleep(0.01)
        await self.engine.dispose()

    def _check_sqlite_path(self) -> None:
        """Name the usual file-system mistakes before SQLite's vague "unable to open database file"."""
        if self.backend != "sqlite" or not self.url.database or self.url.database == ":memory:":
            return
        path = Path(self.url.database)
        for parent in reversed(path.parents):
            if parent.exists() and not parent.is_dir():
                raise StoreError(f"cannot use the database {self.shown}: {parent} is a file, not a folder")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            message = f"cannot use the database {self.shown}: cannot create its folder ({exc})"
            raise StoreError(message) from exc
        if path.is_dir():
            raise StoreError(f"cannot use the database {self.shown}: it is a folder, not a file")
        if not os.access(path.parent, os.W_OK | os.X_OK):
            raise StoreError(
                f"cannot use the database {self.shown}: its folder {path.parent} is not writable "
                "(SQLite needs to create files beside the database)"
            )
        if path.exists() and not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(f"cannot use the database {self.shown}: the file is not readable and writable")


def reason(exc: BaseException) -> str:
    """The driver's own words, without SQLAlchemy's statement dump and documentation link."""
    original = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    message = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    if isinstance(original, sqlite3.DatabaseError) and "file is not a database" in message:
        return "the file is not a SQLite database (corrupt, or another kind of file)"
    if isinstance(original, sqlite3.DatabaseError) and "malformed" in message:
        return f"the file is damaged ({message}): move it aside or restore a copy"
    return message


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection, shown: str) -> None:
    """Bring the schema to the newest revision (inside the caller's locked transaction)."""
    config = _alembic_config(connection)
    script = ScriptDirectory.from_config(config)
    current = MigrationContext.configure(connection).get_current_revision()
    if current is not None and not _known(script, current):
        raise StoreError(
            f"cannot use the database {shown}: its schema revision {current} is newer than this bot "
            "knows (run the newer bot, or restore a backup)"
        )
    if current != script.get_current_head():
        command.upgrade(config, "head")
        log.info("database %s migrated to schema revision %s", shown, script.get_current_head())


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


async def check_database(url: str | os.PathLike[str]) -> str:
    """Open, migrate and close: what the bot and `kb gaps` do before anything else.  Returns the
    URL as shown in logs; raises StoreError with the one line to print."""
    database = Database(url)
    try:
        await database.start()
    finally:
        await database.close()
    return database.shown
