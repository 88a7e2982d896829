"""The Discord client: the bot process's state (fact base, database, cooldowns) and start-up.

Everything a feature needs hangs off the bot object: `bot.knowledge`, `bot.database`, `bot.feedback`,
`bot.exchanges` (what recent answers answered, for follow-ups),
`bot.guild_configs` (each server's /config), `bot.cooldowns`, `bot.acknowledger` and `bot.settings`.
With SHARD_COUNT set the same bot runs as an AutoShardedBot; SHARD_IDS then picks this process's
share, so several processes can split the shards (each with the same SHARD_COUNT and disjoint
SHARD_IDS, sharing one PostgreSQL database).  Only the process holding shard 0 (or the only process)
syncs commands, logs the invite URL and posts fact-base alerts, so they happen once.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import discord
from discord.ext import commands

from bot.discordbot.cooldowns import UserCooldowns
from bot.discordbot.exts import extension_names
from bot.discordbot.heartbeat import Heartbeat
from bot.discordbot.permissions import invite_url
from bot.discordbot.tree import TalksTree
from bot.discordbot.ui import NO_MENTIONS
from bot.discordbot.ui.embeds import maintainer_alert
from bot.discordbot.ui.respond import Acknowledger
from bot.discordbot.ui.views import PERSISTENT_ITEMS
from bot.engine import EngineConfig
from bot.engine.live import LiveKnowledge, ReloadResult
from bot.settings import Settings
from bot.storage import Database, Defaults, ExchangeStore, FeedbackStore, GuildConfigs
from bot.wording import SHORT_TOPIC

log = logging.getLogger(__name__)

WORK_GRACE = 5.0  # seconds `close` waits for database work in progress (each takes milliseconds)


def bot_intents() -> discord.Intents:
    """Guilds, guild messages and message content (privileged: enable it in the developer portal)."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.message_content = True
    return intents


class TalksBot(commands.Bot):
    def __init__(
        self, settings: Settings, knowledge: LiveKnowledge, database: Database, **options: Any
    ) -> None:
        options.setdefault("activity", discord.CustomActivity(name=f"Ask me about {SHORT_TOPIC}: /ask"))
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=bot_intents(),
            allowed_mentions=NO_MENTIONS,
            tree_cls=TalksTree,
            **options,
        )
        self.settings = settings
        self.knowledge = knowledge
        self.database = database
        self.feedback = FeedbackStore(database)
        self.exchanges = ExchangeStore(database)
        self._writes = 0  # database work in progress (see `using_database`)
        self._writes_done = asyncio.Event()
        self._writes_done.set()
        self.guild_configs = GuildConfigs(database, defaults_of(settings), ttl=settings.guild_config_ttl)
        self.cooldowns = UserCooldowns(settings.cooldown_rate, settings.cooldown_per)
        self.acknowledger = Acknowledger()
        self.started_at = dt.datetime.now(dt.UTC)
        self.heartbeat = Heartbeat(settings.heartbeat_path, settings.heartbeat_interval)
        self._background: list[asyncio.Task[None]] = []
        self.ready_once = False

    @property
    def is_primary(self) -> bool:
        """Does this process do the once-per-bot work (command sync, maintainer alerts)?"""
        shard_ids = getattr(self, "shard_ids", None)
        return shard_ids is None or 0 in shard_ids

    @property
    def uptime(self) -> dt.timedelta:
        return dt.datetime.now(dt.UTC) - self.started_at

    async def setup_hook(self) -> None:
        await self.database.start()
        log.info("database: %s", self.database.shown)
        if self.is_primary and self.application_id is not None:
            log.info("invite the bot to a server with %s", invite_url(self.application_id))
        self.add_dynamic_items(*PERSISTENT_ITEMS)  # buttons of answers sent before a restart still work
        for name in extension_names():
            await self.load_extension(name)
        log.info("loaded extensions: %s", ", ".join(self.extensions))
        if not await self.try_sync_commands():
            self._start(self.retry_sync_commands(), "command-sync-retry")
        self._start(
            self.knowledge.watch(self.settings.reload_interval, self.on_knowledge_reload), "knowledge-watcher"
        )
        self._start(self.heartbeat.run(), "heartbeat")

    def _start(self, coroutine: Any, name: str) -> None:
        self._background.append(asyncio.create_task(coroutine, name=name))

    async def on_connect(self) -> None:
        self.heartbeat.set_connected(True)

    async def on_ready(self) -> None:
        self.ready_once = True
        self.heartbeat.set_connected(True)

    async def on_resumed(self) -> None:
        self.heartbeat.set_connected(True)

    async def on_disconnect(self) -> None:
        self.heartbeat.set_connected(False)

    async def try_sync_commands(self) -> bool:
        """Sync, or log why not: mentions and Q&A channels work without slash commands."""
        try:
            await self.sync_commands()
        except discord.HTTPException as exc:
            log.error(
                "could not sync the slash commands (HTTP %s: %s); still answering mentions and Q&A "
                "channels, will retry (invite the bot with the applications.commands scope?)",
                exc.status,
                exc.text or exc,
            )
            return False
        except (OSError, aiohttp.ClientError, TimeoutError) as exc:
            log.error("could not sync the slash commands (%s); will retry", exc)
            return False
        return True

    async def retry_sync_commands(self) -> None:
        """Retry a failed sync after COMMAND_SYNC_RETRY seconds, doubling up to an hour."""
        delay = self.settings.command_sync_retry
        while True:
            log.info("retrying the slash-command sync in %.0f s", delay)
            await asyncio.sleep(delay)
            if await self.try_sync_commands():
                return
            delay = min(delay * 2, 3600.0)

    async def sync_commands(self) -> None:
        """Guild sync is instant (development); global sync can take up to an hour to show everywhere."""
        if not self.is_primary:
            return
        if self.settings.guild_ids:
            for guild_id in self.settings.guild_ids:
                guild = discord.Object(id=guild_id)
                self.tree.copy_global_to(guild=guild)
                synced = await self.tree.sync(guild=guild)
                log.info("synced %d commands to guild %s", len(synced), guild_id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d global commands", len(synced))

    async def on_knowledge_reload(self, result: ReloadResult) -> None:
        """Called by the watcher after a reload that changed something or was refused."""
        if result.ok or not self.is_primary:
            return
        await self.wait_until_ready()
        for channel_id in await self.alert_channel_ids():
            try:
                channel = self.get_channel(channel_id) or await self.fetch_channel(channel_id)
                if not isinstance(channel, discord.abc.Messageable):
                    log.error("alerts channel %s is not a text channel", channel_id)
                    continue
                await channel.send(embed=maintainer_alert(result), allowed_mentions=NO_MENTIONS)
            except discord.HTTPException:
                log.exception("could not post the fact-base problems to channel %s", channel_id)

    async def alert_channel_ids(self) -> list[int]:
        """Every server's alerts channel: its own choice, else MAINTAINER_CHANNEL_ID where that is."""
        chosen = await self.guild_configs.alerts_channels()
        channel_ids = {channel for channel in chosen.values() if channel is not None}
        default = self.settings.maintainer_channel_id
        if default is not None:
            try:
                channel = self.get_channel(default) or await self.fetch_channel(default)
                guild_id = getattr(channel, "guild", None) and channel.guild.id  # type: ignore[union-attr]
            except discord.HTTPException:
                guild_id = None  # cannot see it: try it anyway, the send logs why it fails
            if guild_id not in chosen:
                channel_ids.add(default)
        return sorted(channel_ids)

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: plain questions are answered by the `messages` extension."""

    @contextlib.asynccontextmanager
    async def using_database(self) -> AsyncIterator[None]:
        """Mark database work in progress: `close` lets it finish before closing the database."""
        self._writes += 1
        self._writes_done.clear()
        try:
            yield
        finally:
            self._writes -= 1
            if not self._writes:
                self._writes_done.set()

    async def close(self) -> None:
        try:
            await asyncio.wait_for(self._writes_done.wait(), WORK_GRACE)
        except TimeoutError:
            log.warning("closing with %d database tasks still in progress", self._writes)
        background, self._background = self._background, []
        for task in background:
            task.cancel()
        for task in background:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self.heartbeat.remove()
        # discord.py leaves its wait-for-guilds task running when closed mid-start-up (the runner
        # does that after a crash); it would then dispatch on_ready into a closed client.
        ready_task = getattr(self._connection, "_ready_task", None)
        if ready_task is not None and not ready_task.done():
            ready_task.cancel()
        try:
            await super().close()
        finally:
            await self.database.close()


class ShardedTalksBot(TalksBot, commands.AutoShardedBot):
    """The same bot over several gateway connections (SHARD_COUNT, optionally SHARD_IDS)."""


def load_knowledge(settings: Settings, knowledge_dir: Path | None = None) -> LiveKnowledge:
    """The fact base the bot serves, refusing a broken one (FactBaseError)."""
    config = EngineConfig(max_question_chars=settings.max_question_chars)
    directory = knowledge_dir or settings.knowledge_dir
    knowledge = LiveKnowledge(directory, config, sources_dir=settings.sources_dir)
    log.info("fact base %s loaded from %s", knowledge.factbase.version, knowledge.directory)
    return knowledge


def create_bot(
    settings: Settings,
    knowledge_dir: Path | None = None,
    *,
    knowledge: LiveKnowledge | None = None,
    **options: Any,
) -> TalksBot:
    """Load the fact base (refusing to start on a broken one) and build the right kind of bot.

    `knowledge` reuses an already loaded fact base (the runner's restarts); `options` go to
    discord.py's client (tests pass e.g. `guild_ready_timeout`).
    """
    knowledge = knowledge or load_knowledge(settings, knowledge_dir)
    database = Database(settings.database_url)
    if settings.shard_count is not None:
        return ShardedTalksBot(
            settings,
            knowledge,
            database,
            shard_count=settings.shard_count,
            shard_ids=settings.shard_ids,
            **options,
        )
    if settings.shard_ids:
        raise ValueError("SHARD_IDS needs SHARD_COUNT (the total number of shards across all processes)")
    return TalksBot(settings, knowledge, database, **options)


def defaults_of(settings: Settings) -> Defaults:
    """The environment's settings, as the defaults of servers that set nothing with /config."""
    return Defaults(
        qa_channel_ids=frozenset(settings.qa_channel_ids),
        maintainer_role_ids=frozenset(settings.maintainer_role_ids),
        alerts_channel_id=settings.maintainer_channel_id,
    )
