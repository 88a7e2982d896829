"""Start-up (intents, command sync), surviving gateway drops, and running sharded."""

from __future__ import annotations

import re
from pathlib import Path

import discord
import pytest

from bot.discordbot.client import ShardedTalksBot, TalksBot, create_bot
from bot.settings import Settings
from tests.discordbot.conftest import Talks
from tests.fakediscord import FakeDiscord, running_bot

pytestmark = pytest.mark.usefixtures("fail_on_error_logs")

NAME = re.compile(r"^[-_\w]{1,32}$")
QUESTION = "Who led the Russian delegation?"


async def test_intents_and_allowed_mentions(talks: Talks) -> None:
    [identify] = talks.fake.identifies
    intents = discord.Intents._from_value(identify.intents)
    assert intents.guilds and intents.guild_messages and intents.message_content
    assert not intents.members and not intents.presences and not intents.dm_messages
    assert talks.bot.allowed_mentions is not None and talks.bot.allowed_mentions.to_dict()["parse"] == []


async def test_commands_are_synced_to_the_configured_guild_only(talks: Talks) -> None:
    fake, guild = talks.fake, talks.guild
    assert list(fake.commands) == [guild.id]
    commands = {c["name"]: c for c in fake.commands[guild.id]}
    assert set(commands) == {
        "ask",
        "timeline",
        "who",
        "sources",
        "about",
        "help",
        "kb",
        "config",
        "Ask the bot",
    }
    for name, command in commands.items():
        if command["type"] != 1:
            continue
        assert NAME.match(name) and name == name.lower()
        assert 1 <= len(command["description"]) <= 100
        assert len(command.get("options", [])) <= 25
        for option in command.get("options", []):
            assert NAME.match(option["name"]) and 1 <= len(option["description"]) <= 100

    [question] = commands["ask"]["options"]
    assert (question["name"], question["type"], question["required"]) == ("question", 3, True)
    assert question["max_length"] == talks.settings.max_question_chars
    assert commands["ask"]["default_member_permissions"] is None

    timeline = {o["name"]: o for o in commands["timeline"]["options"]}
    assert list(timeline) == ["topic", "from", "to"]
    assert timeline["topic"]["autocomplete"] is True and not any(o.get("required") for o in timeline.values())
    assert commands["who"]["options"][0]["autocomplete"] is True

    kb = commands["kb"]
    assert kb["default_member_permissions"] == str(discord.Permissions(manage_guild=True).value)
    assert sorted(o["name"] for o in kb["options"]) == ["explain", "gaps", "reload"]
    assert all(o["type"] == 1 for o in kb["options"])
    assert commands["Ask the bot"]["type"] == 3


@pytest.mark.parametrize("mode", ["close4000", "abort", "reconnect"])
async def test_questions_sent_while_disconnected_are_answered_after_the_resume(
    talks: Talks, mode: str
) -> None:
    fake = talks.fake
    first = await talks.say(talks.qa, QUESTION)
    await talks.reply_to(first)

    await fake.drop_gateway(mode)  # type: ignore[arg-type]
    missed = await talks.say(talks.qa, "When did the Russian delegation land in Istanbul?")
    interaction = await fake.run_slash_command(
        "ask", {"question": QUESTION}, user=talks.bob, channel=talks.general
    )

    resume = await fake.wait_for_resume()
    assert "MESSAGE_CREATE" in resume.replayed and "INTERACTION_CREATE" in resume.replayed
    reply = await talks.reply_to(missed)
    assert reply.embeds
    response = await interaction.wait_response()
    assert response.embeds[0]["title"] == talks.bot.knowledge.engine.answer(QUESTION).title
    assert len(fake.identifies) == 1

    after = await talks.say(talks.qa, QUESTION)
    assert (await talks.reply_to(after)).embeds


async def test_a_refused_resume_identifies_again_and_keeps_answering(talks: Talks) -> None:
    fake = talks.fake
    await fake.drop_gateway("close4000", invalidate_session=True)
    await fake.state.wait_for(lambda: len(fake.identifies) == 2, timeout=5, what="a second IDENTIFY")
    await fake.wait_until_ready()
    sent = await talks.say(talks.qa, QUESTION)
    assert (await talks.reply_to(sent)).embeds


async def test_sharded_bot_answers_in_guilds_on_every_shard(
    fake_discord: FakeDiscord, tmp_path: Path
) -> None:
    fake = fake_discord
    guilds = [fake.add_guild("Shard zero", shard=(0, 2)), fake.add_guild("Shard one", shard=(1, 2))]
    channels = [fake.add_text_channel(guild, "questions") for guild in guilds]
    alice = fake.add_user("alice")
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_path=tmp_path / "db.sqlite3",
        shard_count=2,
        qa_channel_ids=[c.id for c in channels],
    )
    bot = create_bot(settings, guild_ready_timeout=0.05)
    assert isinstance(bot, ShardedTalksBot) and isinstance(bot, discord.AutoShardedClient)
    async with running_bot(bot, fake):
        assert sorted(i.shard for i in fake.identifies if i.shard) == [(0, 2), (1, 2)]
        assert list(fake.commands) == [None]  # no guild ids configured: global sync
        for channel in channels:
            sent = await fake.post_user_message(channel, alice, QUESTION)
            reply = await fake.wait_for_bot_message(channel)
            assert reply.reference["message_id"] == str(sent.id) and reply.embeds


def test_shard_ids_split_the_work_between_processes(tmp_path: Path) -> None:
    def build(**values: object) -> TalksBot:
        return create_bot(Settings(_env_file=None, database_path=tmp_path / "db.sqlite3", **values))  # type: ignore[call-arg]

    assert type(build()) is TalksBot and build().is_primary
    first, second = build(shard_count=4, shard_ids=[0, 1]), build(shard_count=4, shard_ids=[2, 3])
    assert (first.shard_ids, first.shard_count, second.shard_ids) == ([0, 1], 4, [2, 3])
    assert first.is_primary and not second.is_primary  # only one process syncs and alerts
    with pytest.raises(ValueError, match="SHARD_COUNT"):
        build(shard_ids=[1])
