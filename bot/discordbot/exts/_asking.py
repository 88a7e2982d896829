"""Asking a question, whichever way it arrives: /ask, the message menu, a mention, a Q&A channel, a
reply to an answer, a thread or the Follow up form.

The doors share one cooldown, one engine call, one rendering, one record of unanswered questions and
one record of what each answer message answered — the context a follow-up to it is read in, kept in
the database so that it survives a restart — so they cannot drift apart.
"""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING

import discord

from bot.discordbot.ui.embeds import answer_embed
from bot.discordbot.ui.respond import reply
from bot.discordbot.ui.views import answer_view
from bot.engine import Answer, Exchange

if TYPE_CHECKING:
    from bot.discordbot.client import TalksBot

log = logging.getLogger(__name__)


def cooldown_text(retry_after: float) -> str:
    return f"You're asking quickly — give me {math.ceil(retry_after)} s and ask again."


def answer_message(
    bot: TalksBot, answer: Answer, *, owner_id: int
) -> tuple[discord.Embed, discord.ui.View | None]:
    """The embed for an answer (or an abstention) and its buttons, if it has any."""
    embed = answer_embed(answer, bot.knowledge.factbase.version)
    return embed, answer_view(answer, owner_id=owner_id)


async def record_gap(bot: TalksBot, answer: Answer, guild_id: int | None) -> None:
    """Remember an abstention for /kb gaps (after the user has their reply; a failure only logs)."""
    if answer.answered or not answer.question.strip():
        return
    try:
        async with bot.using_database():
            await bot.feedback.arecord_gap(answer.question, guild_id)
    except Exception:
        log.exception("could not record an unanswered question")


async def remember(bot: TalksBot, message_id: int | None, channel_id: int | None, answer: Answer) -> None:
    """Keep what this answer message answered, so a reply to it (or its thread) is a follow-up."""
    if message_id is None or channel_id is None:
        return
    try:
        async with bot.using_database():
            await bot.exchanges.arecord(
                message_id, channel_id, Exchange.of(answer), keep_for=bot.settings.followup_window
            )
    except Exception:
        log.exception("could not record the context of answer message %s", message_id)


async def send_answer(
    bot: TalksBot, interaction: discord.Interaction, answer: Answer, *, ephemeral: bool = False
) -> None:
    """Post an answer as the interaction's response, with its buttons, and remember its context."""
    embed, view = answer_message(bot, answer, owner_id=interaction.user.id)
    async with bot.using_database():  # from the moment the answer is sent until its context is written
        message_id = await reply(interaction, embed=embed, view=view, ephemeral=ephemeral)
        await remember(bot, message_id, interaction.channel_id, answer)


async def answer_interaction(
    bot: TalksBot,
    interaction: discord.Interaction,
    question: str,
    *,
    ephemeral: bool = False,
    after: Exchange | None = None,
) -> None:
    retry_after = bot.cooldowns.retry_after(interaction.user.id)
    if retry_after:
        await reply(interaction, content=cooldown_text(retry_after), ephemeral=True)
        return
    engine = bot.knowledge.engine
    answer = await bot.acknowledger.run(interaction, engine.answer, question, after, ephemeral=ephemeral)
    await send_answer(bot, interaction, answer, ephemeral=ephemeral)
    log.info(
        "answered %s (%s%s) for interaction %s",
        answer.target if answer.answered else "nothing",
        f"{answer.confidence:.2f}",
        ", in context" if after is not None else "",
        interaction.id,
    )
    await record_gap(bot, answer, interaction.guild_id)
