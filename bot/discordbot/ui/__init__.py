"""How the bot looks on Discord: embeds, buttons and the limits they must respect.

Everything here turns core objects (answers, events, people) into Discord objects without a
running client, so it is tested directly.  `NO_MENTIONS` is passed to every send: a question that
contains `@everyone` must never make the bot ping anyone.
"""

import discord

NO_MENTIONS = discord.AllowedMentions.none()
