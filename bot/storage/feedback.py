"""What users could not get answered, and which answers they disliked: the maintainers' to-do list.

One SQLite file (stdlib only).  WAL mode and a busy timeout let several bot processes (one per group
of shards) and the `kb gaps` command share it; inside a process one connection is shared by the
event loop's worker threads behind a lock.  Every write is a single UPSERT, so a count is never lost
to a race.  Nothing identifies a user: questions are stored normalised, with a guild id and times.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from bot.engine.normalize import words
from bot.wording import MAX_QUESTION_CHARS

log = logging.getLogger(__name__)

T = TypeVar("T")
DIRECT_MESSAGES = 0  # the guild id recorded for questions asked outside a server

# Each migration moves the schema one version up; PRAGMA user_version says how many have run.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """
        CREATE TABLE gaps (
            question   TEXT    NOT NULL,
            guild_id   INTEGER NOT NULL,
            count      INTEGER NOT NULL,
            first_seen TEXT    NOT NULL,
            last_seen  TEXT    NOT NULL,
            PRIMARY KEY (question, guild_id)
        )
        """,
        """
        CREATE TABLE votes (
            kind       TEXT    NOT NULL,
            target     TEXT    NOT NULL,
            guild_id   INTEGER NOT NULL,
            up         INTEGER NOT NULL DEFAULT 0,
            down       INTEGER NOT NULL DEFAULT 0,
            first_vote TEXT    NOT NULL,
            last_vote  TEXT    NOT NULL,
            PRIMARY KEY (kind, target, guild_id)
        )
        """,
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(RuntimeError):
    """The database cannot be used by this version of the bot."""


@dataclass(frozen=True)
class Gap:
    question: str
    count: int
    first_seen: str
    last_seen: str
    guilds: int


@dataclass(frozen=True)
class Disliked:
    kind: str
    target: str
    down: int
    up: int
    last_vote: str


def normalize_question(text: str) -> str:
    """How abstained questions are grouped: folded words only ('Who is X?' == 'who is x')."""
    return " ".join(words(text))[:MAX_QUESTION_CHARS].strip()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    # -- connection ---------------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        """Open (creating the file and its folder on first use) and bring the schema up to date."""
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
            try:
                conn.execute("PRAGMA busy_timeout = 10000")
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                _migrate(conn, self.path)
            except BaseException:
                conn.close()
                raise
            self._conn = conn
        return self._conn

    def _run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            return work(self._connect())

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- writes -------------------------------------------------------------------------------------
    def record_gap(self, question: str, guild_id: int | None) -> bool:
        """Count one more asking of an unanswered question; False when nothing is left to record."""
        normalized = normalize_question(question)
        if not normalized:
            return False
        now = _now()
        self._run(
            lambda conn: conn.execute(
                """
                INSERT INTO gaps (question, guild_id, count, first_seen, last_seen) VALUES (?, ?, 1, ?, ?)
                ON CONFLICT (question, guild_id)
                DO UPDATE SET count = count + 1, last_seen = excluded.last_seen
                """,
                (normalized, guild_id or DIRECT_MESSAGES, now, now),
            )
        )
        return True

    def record_vote(self, kind: str, target: str, guild_id: int | None, *, up: bool) -> None:
        now = _now()
        self._run(
            lambda conn: conn.execute(
                """
                INSERT INTO votes (kind, target, guild_id, up, down, first_vote, last_vote)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (kind, target, guild_id) DO UPDATE SET
                    up = up + excluded.up, down = down + excluded.down, last_vote = excluded.last_vote
                """,
                (kind, target, guild_id or DIRECT_MESSAGES, int(up), int(not up), now, now),
            )
        )

    # -- reads --------------------------------------------------------------------------------------
    def top_gaps(self, limit: int = 10, *, guild_id: int | None = None) -> list[Gap]:
        """The most-asked unanswered questions, across all guilds unless one is given."""
        where, params = ("WHERE guild_id = ?", [guild_id]) if guild_id is not None else ("", [])
        rows = self._run(
            lambda conn: conn.execute(
                f"""
                SELECT question, SUM(count), MIN(first_seen), MAX(last_seen), COUNT(*) FROM gaps {where}
                GROUP BY question ORDER BY SUM(count) DESC, MAX(last_seen) DESC, question LIMIT ?
                """,
                [*params, limit],
            ).fetchall()
        )
        return [Gap(*row) for row in rows]

    def most_disliked(self, limit: int = 10, *, guild_id: int | None = None) -> list[Disliked]:
        """The answers with the most 👎, across all guilds unless one is given."""
        where, params = ("AND guild_id = ?", [guild_id]) if guild_id is not None else ("", [])
        rows = self._run(
            lambda conn: conn.execute(
                f"""
                SELECT kind, target, SUM(down), SUM(up), MAX(last_vote) FROM votes WHERE down > 0 {where}
                GROUP BY kind, target ORDER BY SUM(down) DESC, SUM(up), kind, target LIMIT ?
                """,
                [*params, limit],
            ).fetchall()
        )
        return [Disliked(*row) for row in rows]

    # -- the same, off the event loop ---------------------------------------------------------------
    async def arecord_gap(self, question: str, guild_id: int | None) -> bool:
        return await asyncio.to_thread(self.record_gap, question, guild_id)

    async def arecord_vote(self, kind: str, target: str, guild_id: int | None, *, up: bool) -> None:
        await asyncio.to_thread(self.record_vote, kind, target, guild_id, up=up)

    async def atop_gaps(self, limit: int = 10, *, guild_id: int | None = None) -> list[Gap]:
        return await asyncio.to_thread(self.top_gaps, limit, guild_id=guild_id)

    async def amost_disliked(self, limit: int = 10, *, guild_id: int | None = None) -> list[Disliked]:
        return await asyncio.to_thread(self.most_disliked, limit, guild_id=guild_id)


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Run the missing migrations in one write transaction (another process may race us to it)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{path} has schema version {version}; this bot knows up to {SCHEMA_VERSION}")
        for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            log.info("feedback database %s migrated to schema version %d", path, number)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
