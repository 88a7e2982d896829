"""`/who name:` — who someone named in the articles is: roles, side and the quotes that say so."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot.ui.embeds import no_such_person, person_embed
from bot.discordbot.ui.limits import CHOICE_NAME, CHOICES, one_line
from bot.discordbot.ui.respond import reply
from bot.engine.lookup import find_person, match_people

if TYPE_CHECKING:
    from bot.discordbot.client import TalksBot


class People(commands.Cog):
    def __init__(self, bot: TalksBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="who", description="Who is someone named in the articles: roles, side, sources."
    )
    @app_commands.describe(name="A name, e.g. Medinsky or Erdoğan (pick one from the list)")
    async def who(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]) -> None:
        engine = self.bot.knowledge.engine
        person = find_person(engine.factbase, name)
        if person is None:
            close = match_people(engine.factbase, name, limit=3)
            await reply(interaction, content=no_such_person(name, close), ephemeral=True)
            return
        answer = engine.render("person", person.id)
        await reply(interaction, embed=person_embed(person, answer.sources, engine.factbase.version))

    @who.autocomplete("name")
    async def name_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        people = match_people(self.bot.knowledge.factbase, current, limit=CHOICES)
        return [
            app_commands.Choice(name=one_line(f"{person.name} ({person.side})", CHOICE_NAME), value=person.id)
            for person in people
        ]


async def setup(bot: TalksBot) -> None:
    await bot.add_cog(People(bot))
