"""Asking a question, whichever way it arrives: /ask, the message menu, a mention or a Q&A channel.

The three doors share one cooldown, one engine call, one rendering and one record of unanswered
questions, so they cannot drift apart.
"""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING

import discord

from bot.discordbot.ui.embeds import answer_embed
from bot.discordbot.ui.respond import reply
from bot.discordbot.ui.views import AnswerView
from bot.engine import Answer, Engine

if TYPE_CHECKING:
    from bot.discordbot.client import TalksBot

log = logging.getLogger(__name__)


def cooldown_text(retry_after: float) -> str:
    return f"You're asking quickly — give me {math.ceil(retry_after)} s and ask again."


def answer_message(
    bot: TalksBot, engine: Engine, answer: Answer, *, owner_id: int, guild_id: int | None
) -> tuple[discord.Embed, AnswerView | None]:
    """The embed for an answer (or an abstention) and its buttons, if it has any."""
    embed = answer_embed(answer, engine.factbase.version)
    if not AnswerView.wanted(answer):
        return embed, None
    view = AnswerView(
        answer,
        owner_id=owner_id,
        knowledge=bot.knowledge,
        store=bot.feedback,
        guild_id=guild_id,
        timeout=bot.settings.view_timeout,
    )
    return embed, view


async def record_gap(bot: TalksBot, answer: Answer, guild_id: int | None) -> None:
    """Remember an abstention for /kb gaps (after the user has their reply; a failure only logs)."""
    if answer.answered or not answer.question.strip():
        return
    try:
        await bot.feedback.arecord_gap(answer.question, guild_id)
    except Exception:
        log.exception("could not record an unanswered question")


async def answer_interaction(
    bot: TalksBot, interaction: discord.Interaction, question: str, *, ephemeral: bool = False
) -> None:
    retry_after = bot.cooldowns.retry_after(interaction.user.id)
    if retry_after:
        await reply(interaction, content=cooldown_text(retry_after), ephemeral=True)
        return
    engine = bot.knowledge.engine
    answer = await bot.acknowledger.run(interaction, engine.answer, question, ephemeral=ephemeral)
    embed, view = answer_message(
        bot, engine, answer, owner_id=interaction.user.id, guild_id=interaction.guild_id
    )
    await reply(interaction, embed=embed, view=view, ephemeral=ephemeral)
    if view is not None:
        view.bind(interaction)
    log.info(
        "answered %s (%s) for interaction %s",
        answer.target if answer.answered else "nothing",
        f"{answer.confidence:.2f}",
        interaction.id,
    )
    await record_gap(bot, answer, interaction.guild_id)
