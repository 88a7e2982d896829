"""The application-command tree, with the one error handler every slash command and menu shares.

A failing command must never leave the user looking at "The application did not respond": they get
a short apology (ephemeral), and the log gets the full traceback with the command and the ids needed
to find it.  Refusals (a missing role, a server-only command in DMs) are not errors: they get a
clear explanation and an info line.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.discordbot.ui.respond import apologise

log = logging.getLogger(__name__)


class Refused(app_commands.CheckFailure):
    """A check that failed with a message meant for the user (e.g. not a maintainer)."""


class TalksTree(app_commands.CommandTree):
    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        command = interaction.command.qualified_name if interaction.command else "?"
        if isinstance(error, Refused):
            log.info("refused /%s for user %s: %s", command, interaction.user.id, error)
            await apologise(interaction, str(error))
            return
        if isinstance(error, app_commands.NoPrivateMessage):
            await apologise(interaction, "That command only works in a server.")
            return
        if isinstance(error, app_commands.CheckFailure):
            log.info("check failed for /%s, user %s: %s", command, interaction.user.id, error)
            await apologise(interaction, "You can't use that command here.")
            return
        original = getattr(error, "original", error)
        log.error(
            "command /%s failed (interaction %s, guild %s, channel %s)",
            command,
            interaction.id,
            interaction.guild_id,
            interaction.channel_id,
            exc_info=original,
        )
        await apologise(interaction)
