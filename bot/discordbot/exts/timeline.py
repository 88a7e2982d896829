"""`/timeline [topic] [from] [to]`: the events in date order, paged, each date shown as precisely as known."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot.ui.embeds import timeline_for, timeline_pages
from bot.discordbot.ui.limits import CHOICE_NAME, CHOICES, one_line
from bot.discordbot.ui.respond import reply
from bot.discordbot.ui.views import TimelineFilters, timeline_view
from bot.engine.lookup import match_topics
from bot.factbase.dates import DateError, parse_date

if TYPE_CHECKING:
    from bot.discordbot.client import TalksBot

log = logging.getLogger(__name__)


class Timeline(commands.Cog):
    def __init__(self, bot: TalksBot) -> None:
        self.bot = bot

    @app_commands.command(name="timeline", description="The events around the talks, in date order.")
    @app_commands.rename(start="from", end="to")
    @app_commands.describe(
        topic="Only events on this topic",
        start="Events from this date on: 2025, 2025-05, May 2025, 16 May 2025…",
        end="Events up to this date: 2025, 2025-05-16, May 2025…",
    )
    async def timeline(
        self,
        interaction: discord.Interaction,
        topic: app_commands.Range[str, 1, 100] | None = None,
        start: app_commands.Range[str, 1, 40] | None = None,
        end: app_commands.Range[str, 1, 40] | None = None,
    ) -> None:
        factbase = self.bot.knowledge.factbase
        try:
            first = parse_date(start) if start else None
            last = parse_date(end) if end else None
        except DateError as exc:
            await reply(interaction, content=str(exc), ephemeral=True)
            return
        if topic:
            topic = topic.strip().lower()
            if topic not in factbase.topics():
                known = ", ".join(factbase.topics())
                await reply(
                    interaction, content=f"There is no topic {topic!r}. Topics: {known}.", ephemeral=True
                )
                return
        try:
            heading, events = timeline_for(factbase, topic, first, last)
        except DateError as exc:
            await reply(interaction, content=str(exc), ephemeral=True)
            return
        pages = timeline_pages(events, factbase, heading=heading)
        filters = TimelineFilters.of(interaction.user.id, topic, first, last)
        await reply(interaction, embed=pages[0], view=timeline_view(0, len(pages), filters))

    @timeline.autocomplete("topic")
    async def topic_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        topics = match_topics(self.bot.knowledge.factbase.topics(), current, limit=CHOICES)
        return [app_commands.Choice(name=one_line(topic, CHOICE_NAME), value=topic) for topic in topics]


async def setup(bot: TalksBot) -> None:
    await bot.add_cog(Timeline(bot))
