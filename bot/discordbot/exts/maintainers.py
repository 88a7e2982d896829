"""`/kb reload`, `/kb explain`, `/kb gaps`: fact-base maintenance from Discord.

Hidden from everyone without Manage Server by default permissions, and checked again at run time
(server admins can re-grant a command to anyone in the integrations settings): only members with the
server's maintainer role (`/config maintainer-role`, else MAINTAINER_ROLE_IDS) may run them, or, when
no maintainer role applies, members with Manage Server.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot.tree import Refused
from bot.discordbot.ui.embeds import explain_embed, gaps_embed, reload_embed
from bot.discordbot.ui.respond import reply
from bot.engine import Exchange, Explanation
from bot.storage import Disliked, Gap

if TYPE_CHECKING:
    from bot.discordbot.client import TalksBot

log = logging.getLogger(__name__)

NOT_A_MAINTAINER = "Only fact-base maintainers can use /kb commands."


def is_maintainer(interaction: discord.Interaction, maintainer_role_ids: Collection[int]) -> bool:
    member = interaction.user
    if not isinstance(member, discord.Member):
        return False
    if maintainer_role_ids:
        return any(role.id in maintainer_role_ids for role in member.roles)
    return interaction.permissions.manage_guild


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Maintainers(
    commands.GroupCog, group_name="kb", group_description="Fact-base maintenance (maintainers only)."
):
    def __init__(self, bot: TalksBot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        config = await self.bot.guild_configs.get(interaction.guild_id)
        if is_maintainer(interaction, config.maintainer_role_ids):
            return True
        raise Refused(NOT_A_MAINTAINER)

    @app_commands.command(name="reload", description="Validate knowledge/ now and serve it if it is valid.")
    async def reload(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True, ephemeral=True)
        result = await self.bot.knowledge.areload(force=True)
        log.info("/kb reload by user %s: %s", interaction.user.id, result.describe().splitlines()[0])
        await reply(interaction, embed=reload_embed(result), ephemeral=True)

    @app_commands.command(
        name="explain", description="Which entry a question matches, with scores and runner-up."
    )
    @app_commands.describe(
        question="The question to explain",
        after="The question asked before it, to explain it as a follow-up to that one",
    )
    async def explain(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, 2000],
        after: app_commands.Range[str, 1, 2000] | None = None,
    ) -> None:
        engine = self.bot.knowledge.engine

        def explain() -> Explanation:
            if after is None:
                return engine.explain(question)
            explained = engine.answer(question, after=Exchange.of(engine.answer(after))).explanation
            assert explained is not None
            return explained

        explanation = await self.bot.acknowledger.run(interaction, explain, ephemeral=True)
        await reply(
            interaction, embed=explain_embed(question, explanation, engine.factbase.version), ephemeral=True
        )

    @app_commands.command(
        name="gaps", description="Most-asked unanswered questions and most-disliked answers."
    )
    @app_commands.describe(limit="How many of each to list (default 10)")
    async def gaps(
        self, interaction: discord.Interaction, limit: app_commands.Range[int, 1, 25] = 10
    ) -> None:
        await interaction.response.defer(thinking=True, ephemeral=True)
        gaps, disliked = await self._read(limit, interaction.guild_id)
        await reply(interaction, embed=gaps_embed(gaps, disliked, scope="this server"), ephemeral=True)

    async def _read(self, limit: int, guild_id: int | None) -> tuple[list[Gap], list[Disliked]]:
        """This server's records only: one server's admins never see another's questions."""
        store = self.bot.feedback
        return (
            await store.atop_gaps(limit, guild_id=guild_id),
            await store.amost_disliked(limit, guild_id=guild_id),
        )


async def setup(bot: TalksBot) -> None:
    await bot.add_cog(Maintainers(bot))
