"""`/sources`, `/about` and `/help`: what the bot knows, where it comes from, and how to ask."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot.tree import command_help
from bot.discordbot.ui.embeds import about_embed, help_embed, sources_embed
from bot.discordbot.ui.respond import reply

if TYPE_CHECKING:
    from bot.discordbot.client import TalksBot


class Info(commands.Cog):
    def __init__(self, bot: TalksBot) -> None:
        self.bot = bot

    @app_commands.command(name="sources", description="The articles the answers are drawn from.")
    async def sources(self, interaction: discord.Interaction) -> None:
        await reply(interaction, embed=sources_embed(self.bot.knowledge.factbase))

    @app_commands.command(name="about", description="Fact-base version, contents and uptime.")
    async def about(self, interaction: discord.Interaction) -> None:
        embed = about_embed(self.bot.knowledge.factbase, uptime=self.bot.uptime, guilds=len(self.bot.guilds))
        await reply(interaction, embed=embed, ephemeral=True)

    @app_commands.command(name="help", description="How to ask questions, and every command.")
    async def help(self, interaction: discord.Interaction) -> None:
        settings = self.bot.settings
        embed = help_embed(
            command_help(self.bot.tree),
            qa_channel_ids=settings.qa_channel_ids,
            max_question_chars=settings.max_question_chars,
        )
        await reply(interaction, embed=embed, ephemeral=True)


async def setup(bot: TalksBot) -> None:
    await bot.add_cog(Info(bot))
