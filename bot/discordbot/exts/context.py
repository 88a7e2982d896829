"""The message context menu "Ask the bot": answers the question written in someone's message."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot.exts._asking import answer_interaction
from bot.discordbot.ui.respond import reply

if TYPE_CHECKING:
    from bot.discordbot.client import TalksBot

NO_TEXT = "That message has no text I can read as a question."


class AskAboutMessage(commands.Cog):
    def __init__(self, bot: TalksBot) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(
            name="Ask the bot",
            callback=self.ask_about,
            extras={"help": "Right-click a message → Apps → Ask the bot: answers the question in it."},
        )

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    async def ask_about(self, interaction: discord.Interaction, message: discord.Message) -> None:
        question = message.content.strip()
        if not question:
            await reply(interaction, content=NO_TEXT, ephemeral=True)
            return
        await answer_interaction(self.bot, interaction, question)


async def setup(bot: TalksBot) -> None:
    await bot.add_cog(AskAboutMessage(bot))
