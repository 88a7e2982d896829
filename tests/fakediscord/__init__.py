"""A fake Discord (REST v10 + gateway) on 127.0.0.1 for end-to-end tests of a discord.py bot.

Typical use::

    fake = FakeDiscord()
    guild = fake.add_guild("Test server")
    channel = fake.add_text_channel(guild, "general")
    alice = fake.add_user("alice")
    await fake.start()
    async with running_bot(bot, fake):
        await fake.post_user_message(channel, alice, f"{fake.bot_user.mention} hi")
        reply = await fake.wait_for_bot_message(channel)
"""

from .client import assert_alive, running_bot, until
from .fake import FakeDiscord
from .gateway import DropMode, IdentifyRecord, ResumeRecord
from .interactions import FakeInteraction, InteractionResponse
from .logs import ErrorLogs
from .models import (
    EPHEMERAL,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeMessage,
    FakeRole,
    FakeUser,
    RecordedRequest,
)

__all__ = [
    "EPHEMERAL",
    "DropMode",
    "ErrorLogs",
    "FakeChannel",
    "FakeDiscord",
    "FakeGuild",
    "FakeInteraction",
    "FakeMember",
    "FakeMessage",
    "FakeRole",
    "FakeUser",
    "IdentifyRecord",
    "InteractionResponse",
    "RecordedRequest",
    "ResumeRecord",
    "assert_alive",
    "running_bot",
    "until",
]
