"""Each server's own setup, made by its admins with `/config`, over the environment's defaults.

A server that never used `/config` has no row and runs on the environment settings (`QA_CHANNEL_IDS`,
`MAINTAINER_ROLE_IDS`, `MAINTAINER_CHANNEL_ID`), so single-server self-hosting works unchanged.  Each
field a server sets replaces its default there: NULL means "not set here", 0 "cleared here".  The
first change to the Q&A channel list starts from the defaults that are in that server, so removing
a default channel works too.

Reads are cached per process for `ttl` seconds (every plain message in a server needs them); a
change made through this process is seen at once, one made through another process within `ttl`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import delete, select, update
from sqlalchemy.exc import SQLAlchemyError

from bot.storage.database import Database, reason
from bot.storage.dialects import upsert
from bot.storage.feedback import now
from bot.storage.schema import guild_qa_channels, guild_settings

log = logging.getLogger(__name__)

AnswerMode = Literal["reply", "thread"]
ANSWER_MODES: tuple[AnswerMode, ...] = ("reply", "thread")
CLEARED = 0


@dataclass(frozen=True)
class Defaults:
    """The environment's settings, which apply wherever a server set nothing."""

    qa_channel_ids: frozenset[int] = frozenset()
    maintainer_role_ids: frozenset[int] = frozenset()
    alerts_channel_id: int | None = None
    answer_mode: AnswerMode = "reply"


@dataclass(frozen=True)
class GuildConfig:
    """What applies in one server, and which of it the server set itself (for `/config show`)."""

    guild_id: int
    qa_channel_ids: frozenset[int]
    maintainer_role_ids: frozenset[int]
    alerts_channel_id: int | None
    answer_mode: AnswerMode
    own: frozenset[str] = field(default_factory=frozenset)  # fields set by the server


def _pick(stored: int | None, default: int | None) -> int | None:
    if stored is None:
        return default
    return None if stored == CLEARED else stored


class GuildConfigs:
    def __init__(self, database: Database, defaults: Defaults, *, ttl: float = 10.0) -> None:
        self.database = database
        self.defaults = defaults
        self.ttl = ttl
        self._cache: dict[int, tuple[float, GuildConfig]] = {}

    # -- reads --------------------------------------------------------------------------------------
    async def get(self, guild_id: int) -> GuildConfig:
        """The server's setup.  While the database is unreachable, the last one read (or the
        defaults) keeps the bot answering: a Q&A channel must not fall silent with the database."""
        cached = self._cache.get(guild_id)
        if cached is not None and time.monotonic() - cached[0] < self.ttl:
            return cached[1]
        try:
            config = await self._load(guild_id)
        except (SQLAlchemyError, OSError) as exc:
            log.warning("cannot read the setup of guild %s (%s); using the last known", guild_id, reason(exc))
            return cached[1] if cached is not None else self._defaults(guild_id)
        self._cache[guild_id] = (time.monotonic(), config)
        return config

    def _defaults(self, guild_id: int) -> GuildConfig:
        d = self.defaults
        return GuildConfig(
            guild_id, d.qa_channel_ids, d.maintainer_role_ids, d.alerts_channel_id, d.answer_mode
        )

    async def _load(self, guild_id: int) -> GuildConfig:
        async with self.database.engine.connect() as conn:
            row = (
                await conn.execute(select(guild_settings).where(guild_settings.c.guild_id == guild_id))
            ).first()
            channels = frozenset(
                channel_id
                for (channel_id,) in await conn.execute(
                    select(guild_qa_channels.c.channel_id).where(guild_qa_channels.c.guild_id == guild_id)
                )
            )
        d = self.defaults
        if row is None:
            return self._defaults(guild_id)
        role = _pick(row.maintainer_role_id, None)
        own = {
            name
            for name, value in (
                ("qa_channels", row.qa_channels_set or None),
                ("maintainer_role", row.maintainer_role_id),
                ("alerts_channel", row.alerts_channel_id),
                ("answer_mode", row.answer_mode),
            )
            if value is not None
        }
        return GuildConfig(
            guild_id,
            channels if row.qa_channels_set else d.qa_channel_ids,
            d.maintainer_role_ids if row.maintainer_role_id is None else frozenset({role} - {None}),
            _pick(row.alerts_channel_id, d.alerts_channel_id),
            row.answer_mode or d.answer_mode,
            frozenset(own),
        )

    async def alerts_channels(self) -> dict[int, int | None]:
        """Every server's own alerts channel choice: a channel id, or None where it cleared it."""
        query = select(guild_settings.c.guild_id, guild_settings.c.alerts_channel_id).where(
            guild_settings.c.alerts_channel_id.is_not(None)
        )
        async with self.database.engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return {int(guild): _pick(channel, None) for guild, channel in rows}

    # -- writes (each returns the new state) --------------------------------------------------------
    async def add_qa_channel(self, guild_id: int, channel_id: int, seed: Iterable[int]) -> GuildConfig:
        return await self._change_qa_channels(guild_id, seed, add=channel_id)

    async def remove_qa_channel(self, guild_id: int, channel_id: int, seed: Iterable[int]) -> GuildConfig:
        return await self._change_qa_channels(guild_id, seed, remove=channel_id)

    async def set_maintainer_role(self, guild_id: int, role_id: int | None) -> GuildConfig:
        return await self._set(guild_id, maintainer_role_id=CLEARED if role_id is None else role_id)

    async def set_alerts_channel(self, guild_id: int, channel_id: int | None) -> GuildConfig:
        return await self._set(guild_id, alerts_channel_id=CLEARED if channel_id is None else channel_id)

    async def set_answer_mode(self, guild_id: int, mode: AnswerMode) -> GuildConfig:
        if mode not in ANSWER_MODES:
            raise ValueError(f"answer mode must be one of {ANSWER_MODES}, not {mode!r}")
        return await self._set(guild_id, answer_mode=mode)

    async def _set(self, guild_id: int, **values: object) -> GuildConfig:
        row = {"guild_id": guild_id, "updated_at": now(), **values}
        statement = upsert(self.database, guild_settings, row, keys=["guild_id"], update=lambda _: row)
        async with self.database.writer.begin() as conn:
            await conn.execute(statement)
        return await self._fresh(guild_id)

    async def _change_qa_channels(
        self, guild_id: int, seed: Iterable[int], *, add: int | None = None, remove: int | None = None
    ) -> GuildConfig:
        """One transaction: on the server's first change, copy its default channels, then change."""
        stamp = now()
        async with self.database.writer.begin() as conn:
            await conn.execute(
                upsert(
                    self.database,
                    guild_settings,
                    {"guild_id": guild_id, "updated_at": stamp},
                    keys=["guild_id"],
                    update=lambda _: {"updated_at": stamp},
                )
            )
            already = (
                await conn.execute(
                    select(guild_settings.c.qa_channels_set).where(guild_settings.c.guild_id == guild_id)
                )
            ).scalar_one()
            if not already:
                for channel_id in seed:
                    await conn.execute(
                        upsert(
                            self.database,
                            guild_qa_channels,
                            {"guild_id": guild_id, "channel_id": channel_id},
                            keys=["guild_id", "channel_id"],
                        )
                    )
                await conn.execute(
                    update(guild_settings)
                    .where(guild_settings.c.guild_id == guild_id)
                    .values(qa_channels_set=True)
                )
            if add is not None:
                await conn.execute(
                    upsert(
                        self.database,
                        guild_qa_channels,
                        {"guild_id": guild_id, "channel_id": add},
                        keys=["guild_id", "channel_id"],
                    )
                )
            if remove is not None:
                await conn.execute(
                    delete(guild_qa_channels).where(
                        guild_qa_channels.c.guild_id == guild_id, guild_qa_channels.c.channel_id == remove
                    )
                )
        return await self._fresh(guild_id)

    async def _fresh(self, guild_id: int) -> GuildConfig:
        self._cache.pop(guild_id, None)
        return await self.get(guild_id)
