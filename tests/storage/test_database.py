"""The database layer: URLs, migrations from one source on both engines, and the start-up check.

A database that cannot be used stops the bot and `kb gaps` at once with one line naming it (never
its password) and why — instead of a traceback for every question later (issue 8, item 9).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection as Connection_
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection

from bot.settings import PROJECT_ROOT
from bot.storage import Database, FeedbackStore, StoreError, check_database
from bot.storage.database import _switch_to_wal, display_url, parse_url
from bot.storage.schema import metadata
from tests.pgserver import PostgresServer


@pytest.mark.parametrize(
    ("given", "driver", "shown"),
    [
        ("var/bot.sqlite3", "sqlite+aiosqlite", str(Path("var/bot.sqlite3").resolve())),
        ("sqlite:////data/bot.sqlite3", "sqlite+aiosqlite", "/data/bot.sqlite3"),
        ("postgresql://bot:s3cret@db:5432/talks", "postgresql+asyncpg", "postgresql://bot:***@db:5432/talks"),
        ("postgres://bot:s3cret@db/talks", "postgresql+asyncpg", "postgresql://bot:***@db/talks"),
        ("postgresql+asyncpg://bot@db/talks", "postgresql+asyncpg", "postgresql://bot@db/talks"),
    ],
)
def test_urls_get_their_async_driver_and_hide_the_password(given: str, driver: str, shown: str) -> None:
    url = parse_url(given)
    assert url.drivername == driver
    assert display_url(url) == shown


def test_an_unsupported_database_is_refused_by_name() -> None:
    with pytest.raises(StoreError, match=r"mysql://u:\*\*\*@h/d: unsupported database 'mysql'"):
        parse_url("mysql://u:pw@h/d")


def _schema_differences(connection: Connection) -> list[object]:
    return compare_metadata(MigrationContext.configure(connection), metadata)


async def test_migrations_build_exactly_the_schema_the_queries_use(database_url: str) -> None:
    database = Database(database_url)
    await database.start()
    await database.start()  # a second start (a restart, a second process) changes nothing
    async with database.engine.connect() as conn:
        assert await conn.run_sync(_schema_differences) == []
    await database.close()


async def test_two_processes_starting_at_once_migrate_once(database_url: str) -> None:
    first, second = Database(database_url), Database(database_url)
    await asyncio.gather(first.start(), second.start())
    await FeedbackStore(first).arecord_gap("Who won?", 1)
    assert [g.count for g in await FeedbackStore(second).atop_gaps()] == [1]
    await asyncio.gather(first.close(), second.close())


async def test_a_database_from_before_alembic_is_adopted_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    with sqlite3.connect(path) as conn:  # the schema the bot wrote with PRAGMA user_version
        conn.execute(
            "CREATE TABLE gaps (question TEXT NOT NULL, guild_id INTEGER NOT NULL, count INTEGER NOT NULL,"
            " first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, PRIMARY KEY (question, guild_id))"
        )
        conn.execute(
            "CREATE TABLE votes (kind TEXT NOT NULL, target TEXT NOT NULL, guild_id INTEGER NOT NULL,"
            " up INTEGER NOT NULL DEFAULT 0, down INTEGER NOT NULL DEFAULT 0, first_vote TEXT NOT NULL,"
            " last_vote TEXT NOT NULL, PRIMARY KEY (kind, target, guild_id))"
        )
        conn.execute("INSERT INTO gaps VALUES ('who won', 7, 4, '2025-05-16', '2025-05-17')")
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    database = Database(path)
    await database.start()
    store = FeedbackStore(database)
    await store.arecord_gap("Who won?", 7)
    assert [(g.question, g.count) for g in await store.atop_gaps()] == [("who won", 5)]
    await database.close()


async def test_a_newer_schema_is_refused(database_url: str) -> None:
    database = Database(database_url)
    await database.start()
    async with database.engine.begin() as conn:
        await conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    await database.close()
    with pytest.raises(StoreError, match="schema revision 9999 is newer than this bot knows"):
        await check_database(database_url)


async def test_an_unreachable_postgresql_is_named_without_its_password(postgres: PostgresServer) -> None:
    url = f"postgresql://bot:hunter2@127.0.0.1:{_closed_port()}/talks"
    with pytest.raises(StoreError) as caught:
        await check_database(url)
    message = str(caught.value)
    assert message.startswith(f"cannot use the database postgresql://bot:***@127.0.0.1:{_closed_port()}")
    assert "hunter2" not in message and "\n" not in message


async def test_a_missing_postgresql_database_is_named(postgres: PostgresServer) -> None:
    with pytest.raises(StoreError, match=r'/nope: database "nope" does not exist'):
        await check_database(postgres.url("nope"))


def _closed_port() -> int:
    return 1  # nothing listens on port 1 of 127.0.0.1 here


# -- the start-up check, as users meet it: `kb gaps` and the bot, one line and a non-zero exit -----
@pytest.fixture
def world_readable_tmp() -> Iterator[Path]:
    """A temporary folder an unprivileged user can enter (pytest's tmp_path is root's own)."""
    path = Path(tempfile.mkdtemp(prefix="talks-db-"))
    path.chmod(0o755)
    yield path
    subprocess.run(["rm", "-rf", str(path)], check=False)


def _run_cli(args: list[str], database_url: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/root"),
        "DATABASE_URL": database_url,
        "DISCORD_TOKEN": "not-a-real-token",
        "DISCORD_API_BASE_URL": "http://127.0.0.1:9/api",  # never reached: the check comes first
        "DISCORD_GATEWAY_URL": "ws://127.0.0.1:9/gateway",
        "LOG_LEVEL": "INFO",
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _corrupt(folder: Path) -> str:
    path = folder / "bot.sqlite3"
    path.write_bytes(b"this is not a database\n" * 200)
    return str(path)


def _under_a_file(folder: Path) -> str:
    (folder / "data").write_text("a file where a folder should be")
    return str(folder / "data" / "bot.sqlite3")


def _read_only_folder(folder: Path) -> str:
    (folder / "ro").mkdir()
    (folder / "ro").chmod(0o555)
    return str(folder / "ro" / "bot.sqlite3")


def _damaged(folder: Path) -> str:
    """A sound header and damaged pages: opens fine, fails only when those pages are read."""
    path = folder / "bot.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
        db.executemany("INSERT INTO notes VALUES (?)", [("x" * 200,)] * 400)
    with path.open("r+b") as f:
        f.seek(8192)
        f.write(bytes(range(256)) * 32)
    return str(path)


CASES = [
    (_corrupt, "the file is not a SQLite database"),
    (_under_a_file, "data is a file, not a folder"),
    (_damaged, "damaged"),
]


@pytest.mark.parametrize("command", [["kb", "gaps"], ["run"]], ids=["kb-gaps", "bot"])
@pytest.mark.parametrize(("make", "reason"), CASES, ids=[c[0].__name__ for c in CASES])
def test_an_unusable_sqlite_file_stops_with_one_clear_line(
    world_readable_tmp: Path, command: list[str], make: Callable[[Path], str], reason: str
) -> None:
    url = make(world_readable_tmp)
    result = _run_cli(command, url)
    assert result.returncode == 1, result.stderr
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    problem = [line for line in lines if "cannot use the database" in line]
    assert len(problem) == 1, lines
    assert url in problem[0] and reason in problem[0]
    assert "Traceback" not in result.stderr


def _check_as_nobody(url: str, answer: Connection_) -> None:
    """In a forked child: become an ordinary user (root may write anywhere), then check."""
    try:
        if os.geteuid() == 0:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
        asyncio.run(check_database(url))
        answer.send("no error")
    except StoreError as exc:
        answer.send(str(exc))
    except BaseException as exc:
        answer.send(f"unexpected {exc!r}")


def test_a_read_only_folder_is_named(world_readable_tmp: Path) -> None:
    asyncio.run(check_database(world_readable_tmp / "warm.sqlite3"))  # imports everything before the fork
    folder = world_readable_tmp / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_check_as_nobody, args=(str(folder / "bot.sqlite3"), send))
    child.start()
    child.join(timeout=60)
    assert receive.recv() == (
        f"cannot use the database {folder}/bot.sqlite3: its folder {folder} is not writable "
        "(SQLite needs to create files beside the database)"
    )


def test_an_unreachable_postgresql_stops_the_bot_naming_it_without_password() -> None:
    result = _run_cli(["run"], "postgresql://bot:hunter2@127.0.0.1:1/talks")
    assert result.returncode == 1
    assert "cannot use the database postgresql://bot:***@127.0.0.1:1/talks" in result.stderr
    assert "hunter2" not in result.stdout + result.stderr and "Traceback" not in result.stderr


async def test_close_waits_for_a_query_in_flight(database_url: str) -> None:
    database = Database(database_url)
    await database.start()
    store = FeedbackStore(database)
    writing = asyncio.create_task(store.arecord_gap("Who won?", 1))
    await asyncio.sleep(0)  # the write has checked out a connection
    await database.close()
    assert writing.done() and writing.result()  # finished on its connection before the pool closed
    assert database.engine.sync_engine.pool.checkedout() == 0


def test_a_new_file_switched_to_wal_by_another_process_is_waited_for() -> None:
    """SQLite reports "database is locked" at once, without its busy timeout, when two connections
    switch a fresh file to WAL together; the switch is tried again rather than failing the start."""

    class Busy:
        tries = 0

        def execute(self, sql: str) -> None:
            self.tries += 1
            if self.tries < 3:
                raise sqlite3.OperationalError("database is locked")

    cursor = Busy()
    _switch_to_wal(cursor)
    assert cursor.tries == 3


def test_a_wal_switch_failing_for_another_reason_is_not_retried() -> None:
    class Broken:
        def execute(self, sql: str) -> None:
            raise sqlite3.OperationalError("disk I/O error")

    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        _switch_to_wal(Broken())
