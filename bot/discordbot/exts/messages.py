"""Plain questions: answered when the bot is mentioned, or in a Q&A channel when they end with "?".

Nowhere else: a bot that chimes in on every message ending in a question mark is a nuisance.  Bots
(itself included) are ignored.  The reply quotes the message it answers and pings nobody; in a server
whose `/config answers` mode is `thread`, the answer goes into a new thread on the question instead
(busy channels stay readable), or, where the bot may not start one, is a reply as usual.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Collection
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.discordbot.exts._asking import answer_message, cooldown_text, record_gap
from bot.discordbot.ui import NO_MENTIONS
from bot.discordbot.ui.respond import APOLOGY
from bot.storage import GuildConfig
from bot.wording import EMPTY_MENTION

if TYPE_CHECKING:
    from bot.discordbot.client import TalksBot

log = logging.getLogger(__name__)

MENTION_MARKUP = re.compile(r"<(?:@[!&]?|#)\d+>")
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
        if not mentioned and not (in_qa_channel and message.content.rstrip().endswith("?")):
            return None
        text = re.sub(rf"<@!?{me.id}>", " ", message.content)
        return " ".join(MENTION_MARKUP.sub(" ", text).split())

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.guild is None or message.author.bot:
            return
        config = await self.bot.guild_configs.get(message.guild.id)
        question = self.question_in(message, config.qa_channel_ids)
        if question is None:
            return
        try:
            await self.answer(message, question, config)
        except discord.Forbidden:
            log.warning("no permission to reply in channel %s", message.channel.id)
        except Exception:
            log.exception("could not answer message %s in channel %s", message.id, message.channel.id)
            try:
                await self._reply(message, content=APOLOGY)
            except discord.HTTPException as exc:
                log.warning("could not apologise for message %s: %s", message.id, exc)

    async def answer(self, message: discord.Message, question: str, config: GuildConfig) -> None:
        retry_after = self.bot.cooldowns.retry_after(message.author.id)
        if retry_after:
            if self.bot.cooldowns.warn_once(message.author.id):
                await self._reply(message, content=cooldown_text(retry_after))
            return
        if not question:
            await self._reply(message, content=EMPTY_MENTION)
            return
        engine = self.bot.knowledge.engine
        answer = await asyncio.to_thread(engine.answer, question)
        guild_id = message.guild.id if message.guild else None
        embed, view = answer_message(self.bot, engine, answer, owner_id=message.author.id, guild_id=guild_id)
        sent = None
        if config.answer_mode == "thread":
            sent = await self._in_thread(message, question, embed=embed, view=view)
        if sent is None:
            sent = await self._reply(message, embed=embed, view=view)
        if view is not None:
            view.bind(sent)
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
