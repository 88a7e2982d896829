"""What each recent answer message answered, so a reply to it is read as a follow-up — after a restart too.

A follow-up arrives as a reply to an answer (its message id), as a message in a thread (the thread
started on the answer has the answer's id; answers given inside it carry the thread's id as their
channel), or from an answer's Follow up form (the message the button is on).  Each answer the bot
posts is recorded here under its message id and channel; lookups ignore rows older than the
follow-up window, and each write prunes them, so nothing is kept longer than it is useful.
"""

from __future__ import annotations

import time

from sqlalchemy import delete, select

from bot.engine import Exchange
from bot.storage.database import Database
from bot.storage.dialects import upsert
from bot.storage.schema import exchanges
from bot.wording import MAX_QUESTION_CHARS


class ExchangeStore:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def arecord(
        self,
        message_id: int,
        channel_id: int,
        exchange: Exchange,
        *,
        keep_for: float,
        now: float | None = None,
    ) -> None:
        """Remember what answer `message_id` gave; forget answers older than `keep_for` seconds."""
        stamp = time.time() if now is None else now
        values = {
            "message_id": message_id,
            "channel_id": channel_id,
            "question": exchange.question[:MAX_QUESTION_CHARS],
            "kind": exchange.kind,
            "target": exchange.target,
            "created": stamp,
        }
        replaced = ("channel_id", "question", "kind", "target", "created")
        statement = upsert(
            self.database,
            exchanges,
            values,
            keys=["message_id"],
            update=lambda new: {name: new[name] for name in replaced},
        )
        async with self.database.engine.begin() as conn:
            await conn.execute(statement)
            await conn.execute(delete(exchanges).where(exchanges.c.created < stamp - keep_for))

    async def aexchange(self, message_id: int, *, within: float, now: float | None = None) -> Exchange | None:
        """The exchange answer `message_id` closed, if it is recent enough to follow up."""
        return await self._newest(exchanges.c.message_id == message_id, within, now)

    async def alast_in(self, channel_id: int, *, within: float, now: float | None = None) -> Exchange | None:
        """The most recent exchange answered in `channel_id` (a thread), if recent enough."""
        return await self._newest(exchanges.c.channel_id == channel_id, within, now)

    async def _newest(self, where: object, within: float, now: float | None) -> Exchange | None:
        since = (time.time() if now is None else now) - within
        query = (
            select(exchanges.c.question, exchanges.c.kind, exchanges.c.target)
            .where(where, exchanges.c.created >= since)  # type: ignore[arg-type]
            .order_by(exchanges.c.created.desc())
            .limit(1)
        )
        async with self.database.engine.connect() as conn:
            row = (await conn.execute(query)).first()
        return Exchange(row.question, row.kind, row.target) if row else None
