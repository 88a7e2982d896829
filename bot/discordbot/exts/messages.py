"""Plain questions: answered when the bot is mentioned, or in a Q&A channel when they ask something ("?");
and follow-ups: a reply to one of the bot's answers, or any message in a thread the bot answered in.

Nowhere else: a bot that chimes in on every message ending in a question mark is a nuisance.  Bots
(itself included) are ignored.  The reply quotes the message it answers and pings nobody; in a server
whose `/config answers` mode is `thread`, the answer goes into a new thread on the question instead
(busy channels stay readable), or, where the bot may not start one, is a reply as usual.

A follow-up needs no mention — replying to the answer, or writing in a thread the bot answered in,
is talking to the bot — and is read in the context of that answer (the last one, in a thread), found
in the database so it survives a restart, and only while it is younger than FOLLOWUP_WINDOW.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Collection
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.discordbot.exts._asking import answer_message, cooldown_text, record_gap, remember
from bot.discordbot.ui import NO_MENTIONS
from bot.discordbot.ui.respond import APOLOGY
from bot.discordbot.ui.views import exchange_in_components, recent
from bot.engine import Exchange
from bot.storage import GuildConfig
from bot.wording import EMPTY_MENTION

if TYPE_CHECKING:
    from bot.discordbot.client import TalksBot

log = logging.getLogger(__name__)

THREAD_NAME_CHARS = 100  # Discord's limit for a thread name


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class PlainQuestions(commands.Cog):
    def __init__(self, bot: TalksBot) -> None:
        self.bot = bot

    def question_in(self, message: discord.Message, qa_channel_ids: Collection[int]) -> str | None:
        """The question a message asks the bot, or None when the bot should stay silent."""
        me = self.bot.user
        if me is None or message.author.bot or message.guild is None:
            return None
        mentioned = any(user.id == me.id for user in message.mentions)
        channel_ids = {message.channel.id, getattr(message.channel, "parent_id", None)}
        in_qa_channel = bool(channel_ids & set(qa_channel_ids))
        if not mentioned and not (in_qa_channel and "?" in message.content):
            return None
        return self.text_of(message)

    def text_of(self, message: discord.Message) -> str:
        """The message without the bot's own mention; the engine reads the rest (other mentions,
        emoji, markdown, filler, several sentences), so line breaks are kept."""
        me = self.bot.user
        return (re.sub(rf"<@!?{me.id}>", " ", message.content) if me else message.content).strip()

    async def context_of(self, message: discord.Message) -> Exchange | None:
        """The answer `message` follows up: the one it replies to, or the last one in its thread."""
        me = self.bot.user
        if me is None:
            return None
        window = self.bot.settings.followup_window
        store = self.bot.exchanges
        reference = message.reference
        if reference is not None and reference.message_id is not None:
            found = await store.aexchange(reference.message_id, within=window)
            replied = reference.resolved or reference.cached_message
            if (
                found is None
                and isinstance(replied, discord.Message)
                and replied.author.id == me.id
                and recent(replied.id, window)
            ):
                found = exchange_in_components(self.bot, replied)
            if found is not None:
                return found
        if isinstance(message.channel, discord.Thread):
            thread = message.channel.id  # a thread started on an answer has that message's id
            return await store.alast_in(thread, within=window) or await store.aexchange(thread, within=window)
        return None

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.guild is None or message.author.bot:
            return
        async with self.bot.using_database():  # the server's setup, and the context of a follow-up
            config = await self.bot.guild_configs.get(message.guild.id)
            question = self.question_in(message, config.qa_channel_ids)
            after = None
            if message.reference is not None or isinstance(message.channel, discord.Thread):
                after = await self.context_of(message)
                if after is not None and question is None:
                    question = self.text_of(message)
        if question is None:
            return
        try:
            await self.answer(message, question, config, after)
        except discord.Forbidden:
            log.warning("no permission to reply in channel %s", message.channel.id)
        except Exception:
            log.exception("could not answer message %s in channel %s", message.id, message.channel.id)
            try:
                await self._reply(message, content=APOLOGY)
            except discord.HTTPException as exc:
                log.warning("could not apologise for message %s: %s", message.id, exc)

    async def answer(
        self, message: discord.Message, question: str, config: GuildConfig, after: Exchange | None = None
    ) -> None:
        retry_after = self.bot.cooldowns.retry_after(message.author.id)
        if retry_after:
            if self.bot.cooldowns.warn_once(message.author.id):
                await self._reply(message, content=cooldown_text(retry_after))
            return
        if not question:
            await self._reply(message, content=EMPTY_MENTION)
            return
        engine = self.bot.knowledge.engine
        answer = await asyncio.to_thread(engine.answer, question, after)
        guild_id = message.guild.id if message.guild else None
        embed, view = answer_message(self.bot, answer, owner_id=message.author.id)
        async with self.bot.using_database():  # from the moment the answer is sent until it is recorded
            sent = None
            if config.answer_mode == "thread":
                sent = await self._in_thread(message, question, embed=embed, view=view)
            if sent is None:
                sent = await self._reply(message, embed=embed, view=view)
            await remember(self.bot, sent.id, sent.channel.id, answer)
            log.info(
                "answered %s (%.2f) for message %s in channel %s",
                answer.target if answer.answered else "nothing",
                answer.confidence,
                message.id,
                message.channel.id,
            )
            await record_gap(self.bot, answer, guild_id)

    @staticmethod
    async def _in_thread(
        message: discord.Message, question: str, *, embed: discord.Embed, view: discord.ui.View | None
    ) -> discord.Message | None:
        """The answer in a new thread on the question; None where the bot cannot start one there."""
        if not isinstance(message.channel, discord.TextChannel):
            return None  # already in a thread, or a channel kind without threads
        try:
            thread = await message.create_thread(name=shorten(question, THREAD_NAME_CHARS) or "Question")
        except discord.HTTPException as exc:
            log.info("answering in the channel: no thread on message %s (%s)", message.id, exc)
            return None
        extra = {"view": view} if view is not None else {}
        return await thread.send(embed=embed, allowed_mentions=NO_MENTIONS, **extra)

    @staticmethod
    async def _reply(
        message: discord.Message,
        *,
        content: str | None = None,
        embed: discord.Embed | None = None,
        view: discord.ui.View | None = None,
    ) -> discord.Message:
        extra = {"view": view} if view is not None else {}
        return await message.reply(
            content, embed=embed, mention_author=False, allowed_mentions=NO_MENTIONS, **extra
        )


async def setup(bot: TalksBot) -> None:
    await bot.add_cog(PlainQuestions(bot))
