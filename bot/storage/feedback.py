"""What users could not get answered, and which answers they disliked: the maintainers' to-do list.

Every write is one upsert (`INSERT … ON CONFLICT DO UPDATE SET count = count + 1`), atomic on both
engines, so processes writing the same counter never lose a count.  Nothing identifies a member:
questions are stored normalised, with the server's id and times.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select

from bot.engine.normalize import words
from bot.storage.database import Database
from bot.storage.dialects import upsert
from bot.storage.schema import gaps, votes
from bot.wording import MAX_QUESTION_CHARS

DIRECT_MESSAGES = 0  # the guild id recorded for questions asked outside a server
CONSOLE = -1  # the guild id recorded for questions asked at the console (`python -m bot chat`)
PLACES = {DIRECT_MESSAGES: "direct messages", CONSOLE: "console"}  # how `kb gaps` names them


def place_name(guild_id: int) -> str:
    """'123', '0 (direct messages)', '-1 (console)': where records came from, for `kb gaps`."""
    return f"{guild_id} ({PLACES[guild_id]})" if guild_id in PLACES else str(guild_id)


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


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class FeedbackStore:
    """Unanswered questions and 👍/👎 counts, per server, in the shared database."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def arecord_gap(self, question: str, guild_id: int | None) -> bool:
        """Count one more asking of an unanswered question; False when nothing is left to record.

        `guild_id` is the server, None for a direct message, or `CONSOLE`."""
        normalized = normalize_question(question)
        if not normalized:
            return False
        stamp = now()
        statement = upsert(
            self.database,
            gaps,
            {
                "question": normalized,
                "guild_id": guild_id or DIRECT_MESSAGES,
                "count": 1,
                "first_seen": stamp,
                "last_seen": stamp,
            },
            keys=["question", "guild_id"],
            update=lambda new: {"count": gaps.c.count + 1, "last_seen": new.last_seen},
        )
        async with self.database.engine.begin() as conn:
            await conn.execute(statement)
        return True

    async def arecord_vote(self, kind: str, target: str, guild_id: int | None, *, up: bool) -> None:
        stamp = now()
        statement = upsert(
            self.database,
            votes,
            {
                "kind": kind,
                "target": target,
                "guild_id": guild_id or DIRECT_MESSAGES,
                "up": int(up),
                "down": int(not up),
                "first_vote": stamp,
                "last_vote": stamp,
            },
            keys=["kind", "target", "guild_id"],
            update=lambda new: {
                "up": votes.c.up + new.up,
                "down": votes.c.down + new.down,
                "last_vote": new.last_vote,
            },
        )
        async with self.database.engine.begin() as conn:
            await conn.execute(statement)

    async def atop_gaps(self, limit: int = 10, *, guild_id: int | None = None) -> list[Gap]:
        """The most-asked unanswered questions, across all servers unless one is given."""
        total = func.sum(gaps.c.count)
        query: Select = select(
            gaps.c.question, total, func.min(gaps.c.first_seen), func.max(gaps.c.last_seen), func.count()
        ).group_by(gaps.c.question)
        if guild_id is not None:
            query = query.where(gaps.c.guild_id == guild_id)
        query = query.order_by(total.desc(), func.max(gaps.c.last_seen).desc(), gaps.c.question).limit(limit)
        async with self.database.engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [Gap(q, int(c), first, last, int(n)) for q, c, first, last, n in rows]

    async def amost_disliked(self, limit: int = 10, *, guild_id: int | None = None) -> list[Disliked]:
        """The answers with the most 👎, across all servers unless one is given."""
        down, up = func.sum(votes.c.down), func.sum(votes.c.up)
        query: Select = (
            select(votes.c.kind, votes.c.target, down, up, func.max(votes.c.last_vote))
            .where(votes.c.down > 0)
            .group_by(votes.c.kind, votes.c.target)
        )
        if guild_id is not None:
            query = query.where(votes.c.guild_id == guild_id)
        query = query.order_by(down.desc(), up, votes.c.kind, votes.c.target).limit(limit)
        async with self.database.engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [Disliked(k, t, int(d), int(u), last) for k, t, d, u, last in rows]

    async def aguilds(self) -> list[int]:
        """Every server with something recorded (for `kb gaps` to list)."""
        query = select(gaps.c.guild_id).union(select(votes.c.guild_id))
        async with self.database.engine.connect() as conn:
            return sorted(int(row[0]) for row in (await conn.execute(query)).all())
