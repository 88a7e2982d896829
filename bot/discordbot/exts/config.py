"""`/config`: each server's admins set the bot up for their server, stored in the shared database.

Visible by default only to members with Manage Server, and checked again at run time (admins can
re-grant commands to anyone in the integrations settings, but not this power).  Every change is
stored at once and confirmed ephemerally with the new state; a channel the bot cannot read, write
or embed in is refused with the missing permission named.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot.permissions import missing_permissions
from bot.discordbot.tree import Refused
from bot.discordbot.ui.guild_config import config_embed
from bot.storage import GuildConfig

if TYPE_CHECKING:
    from bot.discordbot.client import TalksBot

log = logging.getLogger(__name__)

NOT_AN_ADMIN = "Only members with Manage Server can change the bot's setup."
Channel = discord.TextChannel | discord.Thread


def refuse_unusable(channel: Channel, use: str, purpose: str) -> None:
    """Refuse a channel where the bot lacks what `use` needs, naming what it lacks."""
    missing = missing_permissions(channel.permissions_for(channel.guild.me), use)
    if missing:
        raise Refused(
            f"I can't use {channel.mention} as {purpose}: I'm missing {', '.join(missing)} there. "
            f"Grant {'it' if len(missing) == 1 else 'them'} to my role in the channel's settings, then retry."
        )


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class ServerConfig(
    commands.GroupCog, group_name="config", group_description="Set the bot up for this server (admins)."
):
    qa_channels = app_commands.Group(
        name="qa-channels", description="Channels where plain questions ending in '?' are answered."
    )
    maintainer_role = app_commands.Group(
        name="maintainer-role", description="The role allowed to use /kb (else Manage Server)."
    )
    alerts_channel = app_commands.Group(
        name="alerts-channel", description="Where fact-base problems are posted."
    )

    def __init__(self, bot: TalksBot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.guild is None:
            raise app_commands.NoPrivateMessage()
        if not interaction.permissions.manage_guild:
            raise Refused(NOT_AN_ADMIN)
        return True

    async def _confirm(self, interaction: discord.Interaction, config: GuildConfig, change: str) -> None:
        assert interaction.guild is not None
        log.info("/config in guild %s: %s", interaction.guild.id, change)
        await interaction.response.send_message(
            embed=config_embed(config, interaction.guild, change=change), ephemeral=True
        )

    @app_commands.command(name="show", description="What applies in this server, and what you set.")
    async def show(self, interaction: discord.Interaction) -> None:
        assert interaction.guild is not None
        config = await self.bot.guild_configs.get(interaction.guild.id)
        await interaction.response.send_message(embed=config_embed(config, interaction.guild), ephemeral=True)

    # -- Q&A channels -----------------------------------------------------------------------------
    async def _seed(self, guild: discord.Guild) -> list[int]:
        """The default Q&A channels that are in this server: where its first change starts from."""
        config = await self.bot.guild_configs.get(guild.id)
        return [cid for cid in config.qa_channel_ids if guild.get_channel_or_thread(cid)]

    @qa_channels.command(name="add", description="Answer plain questions ending in '?' in this channel.")
    @app_commands.describe(channel="The channel (the bot needs to read, send and embed there)")
    async def qa_add(self, interaction: discord.Interaction, channel: Channel) -> None:
        assert interaction.guild is not None
        refuse_unusable(channel, "qa", "a Q&A channel")
        config = await self.bot.guild_configs.add_qa_channel(
            interaction.guild.id, channel.id, await self._seed(interaction.guild)
        )
        await self._confirm(interaction, config, f"Added {channel.mention} to the Q&A channels.")

    @qa_channels.command(name="remove", description="Stop answering plain questions in this channel.")
    @app_commands.describe(channel="The channel")
    async def qa_remove(self, interaction: discord.Interaction, channel: Channel) -> None:
        assert interaction.guild is not None
        config = await self.bot.guild_configs.remove_qa_channel(
            interaction.guild.id, channel.id, await self._seed(interaction.guild)
        )
        await self._confirm(interaction, config, f"Removed {channel.mention} from the Q&A channels.")

    # -- maintainer role --------------------------------------------------------------------------
    @maintainer_role.command(name="set", description="Members with this role may use /kb.")
    @app_commands.describe(role="The role")
    async def role_set(self, interaction: discord.Interaction, role: discord.Role) -> None:
        assert interaction.guild is not None
        config = await self.bot.guild_configs.set_maintainer_role(interaction.guild.id, role.id)
        await self._confirm(interaction, config, f"{role.mention} may now use /kb.")

    @maintainer_role.command(name="clear", description="No maintainer role: Manage Server suffices for /kb.")
    async def role_clear(self, interaction: discord.Interaction) -> None:
        assert interaction.guild is not None
        config = await self.bot.guild_configs.set_maintainer_role(interaction.guild.id, None)
        change = "No maintainer role: members with Manage Server may use /kb."
        await self._confirm(interaction, config, change)

    # -- alerts channel ---------------------------------------------------------------------------
    @alerts_channel.command(name="set", description="Post fact-base problems in this channel.")
    @app_commands.describe(channel="The channel (the bot needs to read, send and embed there)")
    async def alerts_set(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        assert interaction.guild is not None
        refuse_unusable(channel, "alerts", "the alerts channel")
        config = await self.bot.guild_configs.set_alerts_channel(interaction.guild.id, channel.id)
        await self._confirm(interaction, config, f"Fact-base problems will be posted in {channel.mention}.")

    @alerts_channel.command(name="clear", description="Post no fact-base problems in this server.")
    async def alerts_clear(self, interaction: discord.Interaction) -> None:
        assert interaction.guild is not None
        config = await self.bot.guild_configs.set_alerts_channel(interaction.guild.id, None)
        await self._confirm(interaction, config, "Fact-base problems will not be posted in this server.")

    # -- answer mode ------------------------------------------------------------------------------
    @app_commands.command(name="answers", description="Reply in the channel, or answer in a new thread.")
    @app_commands.describe(mode="reply: in the channel; thread: a new thread on each plain question")
    async def answers(self, interaction: discord.Interaction, mode: Literal["reply", "thread"]) -> None:
        assert interaction.guild is not None
        config = await self.bot.guild_configs.set_answer_mode(interaction.guild.id, mode)
        await self._confirm(interaction, config, f"Plain questions are now answered by `{mode}`.")


async def setup(bot: TalksBot) -> None:
    await bot.add_cog(ServerConfig(bot))
