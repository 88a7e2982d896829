"""`/ask question:` — the main way to ask."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot.exts._asking import answer_interaction
from bot.wording import EXAMPLE_QUESTION, TOPIC

if TYPE_CHECKING:
    from bot.discordbot.client import TalksBot


class Ask(commands.Cog):
    def __init__(self, bot: TalksBot) -> None:
        self.bot = bot
        # discord.py takes option limits from annotations at import time, but the cap is a setting:
        # this cog's own copy of the command gets a replaced parameter (the class's is untouched).
        params = self.ask._params
        params["question"] = dataclasses.replace(
            params["question"], max_value=bot.settings.max_question_chars
        )

    @app_commands.command(name="ask", description=f"Ask a question about {TOPIC}.")
    @app_commands.describe(question=f"Your question, e.g. “{EXAMPLE_QUESTION}”")
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 2000]) -> None:
        await answer_interaction(self.bot, interaction, question)


async def setup(bot: TalksBot) -> None:
    await bot.add_cog(Ask(bot))
