"""Plain questions: answered when the bot is mentioned, or in a Q&A channel when they end with "?".

Nowhere else: a bot that chimes in on every message ending in a question mark is a nuisance.  Bots
(itself included) are ignored.  The reply quotes the message it answers and pings nobody.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.discordbot.exts._asking import answer_message, cooldown_text, record_gap
from bot.discordbot.ui import NO_MENTIONS
from bot.discordbot.ui.respond import APOLOGY
from bot.wording import EMPTY_MENTION

if TYPE_CHECKING:
    from bot.discordbot.client import TalksBot

log = logging.getLogger(__name__)

MENTION_MARKUP = re.compile(r"<(?:@[!&]?|#)\d+>")


class PlainQuestions(commands.Cog):
    def __init__(self, bot: TalksBot) -> None:
        self.bot = bot

    def question_in(self, message: discord.Message) -> str | None:
        """The question a message asks the bot, or None when the bot should stay silent."""
        me = self.bot.user
        if me is None or message.author.bot or message.guild is None:
            return None
        mentioned = any(user.id == me.id for user in message.mentions)
        channel_ids = {message.channel.id, getattr(message.channel, "parent_id", None)}
        in_qa_channel = bool(channel_ids & set(self.bot.settings.qa_channel_ids))
        if not mentioned and not (in_qa_channel and message.content.rstrip().endswith("?")):
            return None
        text = re.sub(rf"<@!?{me.id}>", " ", message.content)
        return " ".join(MENTION_MARKUP.sub(" ", text).split())

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        question = self.question_in(message)
        if question is None:
            return
        try:
            await self.answer(message, question)
        except discord.Forbidden:
            log.warning("no permission to reply in channel %s", message.channel.id)
        except Exception:
            log.exception("could not answer message %s in channel %s", message.id, message.channel.id)
            try:
                await self._reply(message, content=APOLOGY)
            except discord.HTTPException as exc:
                log.warning("could not apologise for message %s: %s", message.id, exc)

    async def answer(self, message: discord.Message, question: str) -> None:
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
        sent = await self._reply(message, embed=embed, view=view)
        if view is not None:
            view.bind(sent)
        await record_gap(self.bot, answer, guild_id)

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
