"""`/config show` and every `/config` confirmation: one embed of what applies in this server.

Each line says whether the server set it with /config or it is the bot's default (the environment
settings of whoever runs the bot), so admins know what a `clear` or a first change will do.
"""

from __future__ import annotations

import discord

from bot.discordbot.ui.limits import fit_embed
from bot.storage import GuildConfig

CONFIG_COLOUR = discord.Colour.blurple()
ANSWER_MODES = {
    "reply": "reply in the channel",
    "thread": "answer plain questions in a new thread on the question",
}


def _origin(config: GuildConfig, name: str) -> str:
    return "set here" if name in config.own else "default"


def config_embed(config: GuildConfig, guild: discord.Guild, *, change: str | None = None) -> discord.Embed:
    """The state of the server's setup; `change` (e.g. "Added #questions.") heads a confirmation."""
    embed = discord.Embed(
        title="Bot setup for this server",
        description=change or "Change it with `/config …` (Manage Server).",
        colour=CONFIG_COLOUR,
    )
    channels = [f"<#{cid}>" for cid in sorted(config.qa_channel_ids) if guild.get_channel_or_thread(cid)]
    embed.add_field(
        name=f"Q&A channels ({_origin(config, 'qa_channels')})",
        value=", ".join(channels) or "none — members ask with /ask or by mentioning the bot",
        inline=False,
    )
    roles = [f"<@&{rid}>" for rid in sorted(config.maintainer_role_ids) if guild.get_role(rid)]
    embed.add_field(
        name=f"Maintainer role ({_origin(config, 'maintainer_role')})",
        value=", ".join(roles) or "none — members with Manage Server may use /kb",
        inline=False,
    )
    alerts = config.alerts_channel_id
    embed.add_field(
        name=f"Alerts channel ({_origin(config, 'alerts_channel')})",
        value=f"<#{alerts}>" if alerts and guild.get_channel(alerts) else "none — not posted here",
        inline=False,
    )
    embed.add_field(
        name=f"Answers ({_origin(config, 'answer_mode')})",
        value=f"`{config.answer_mode}`: {ANSWER_MODES[config.answer_mode]}",
        inline=False,
    )
    return fit_embed(embed)
