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


def place(interaction: discord.Interaction) -> str:
    """'guild 1, channel 2' for a log line, from whichever ids the payload carried."""
    channel_id = interaction.channel_id or getattr(interaction.channel, "id", None)
    guild = f"guild {interaction.guild_id}" if interaction.guild_id else "no guild (DM)"
    return f"{guild}, channel {channel_id if channel_id else 'unknown'}"


class Refused(app_commands.CheckFailure):
    """A check that failed with a message meant for the user (e.g. not a maintainer)."""


def command_help(tree: app_commands.CommandTree) -> list[tuple[str, str]]:
    """(how to use it, what it does) for every command in `tree`, as `/help` lists them.

    Slash commands first with their options (optional ones in brackets), then message menus (their
    help is `extras["help"]`, since Discord gives menus no description), then groups such as `/kb`.
    A new command appears in `/help` by being added to the tree, nothing else.
    """
    slash, menus, groups = [], [], []
    for command in tree.get_commands():
        if isinstance(command, app_commands.Group):
            subcommands = "|".join(sub.name for sub in command.commands)
            groups.append((f"/{command.name} {subcommands}", command.description))
        elif isinstance(command, app_commands.ContextMenu):
            menus.append((f"{command.name} (message menu)", command.extras.get("help", "")))
        else:
            options = [p.display_name if p.required else f"[{p.display_name}]" for p in command.parameters]
            slash.append((" ".join([f"/{command.name}", *options]), command.description))
    return [*slash, *menus, *groups]


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
            "command /%s failed (interaction %s, %s)",
            command,
            interaction.id,
            place(interaction),
            exc_info=original,
        )
        await apologise(interaction)
