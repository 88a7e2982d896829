"""Across a restart: buttons on answers sent by the previous run still work, and replies to those
answers are still follow-ups (their context comes from the database, not from memory)."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import discord
import pytest

from bot.discordbot.client import create_bot
from bot.discordbot.ui.views import FollowUpButton, SuggestionButton, VoteButton, base36
from bot.engine import Exchange
from bot.settings import PROJECT_ROOT, Settings
from tests.conftest import ErrorLogs
from tests.discordbot.conftest import custom_id, wait_until
from tests.fakediscord import FakeDiscord, FakeMessage, running_bot

ANSWERED = "who is denis denisov?"
FOLLOW_UP = "what did he say about türkiye's role?"
UNKNOWN = "What is the population of Istanbul?"


def settings_for(fake: FakeDiscord, tmp_path: Path, guild_id: int) -> Settings:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", knowledge)
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        discord_token=fake.token,
        discord_api_base_url=fake.api_base_url,
        discord_gateway_url=fake.gateway_url,
        knowledge_dir=knowledge,
        database_url=str(tmp_path / "var" / "bot.sqlite3"),
        guild_ids=[guild_id],
        cooldown_rate=50,
    )


def database_file(settings: Settings) -> Path:
    return Path(settings.database_url)


def recorded(settings: Settings, message: FakeMessage) -> bool:
    if not database_file(settings).exists():
        return False
    with closing(sqlite3.connect(database_file(settings))) as conn:
        try:
            return bool(
                conn.execute("SELECT 1 FROM exchanges WHERE message_id = ?", (message.id,)).fetchall()
            )
        except sqlite3.OperationalError:
            return False


async def test_buttons_and_follow_ups_work_on_answers_from_before_a_restart(
    fake_discord: FakeDiscord, fail_on_error_logs: ErrorLogs, tmp_path: Path
) -> None:
    fake = fake_discord
    guild = fake.add_guild("Peace talks fans")
    general = fake.add_text_channel(guild, "general")
    alice, bob = fake.add_user("alice"), fake.add_user("bob")
    settings = settings_for(fake, tmp_path, guild.id)

    async def run(name: str, options: dict[str, str] | None = None) -> FakeMessage:
        interaction = await fake.run_slash_command(name, options, user=alice, channel=general)
        response = await interaction.wait_response()
        assert response.message is not None
        return response.message

    first_run = create_bot(settings, guild_ready_timeout=0.05)
    async with running_bot(first_run, fake):
        answer = await run("ask", {"question": ANSWERED})
        unknown = await run("ask", {"question": UNKNOWN})
        timeline = await run("timeline")
        await wait_until(lambda: recorded(settings, answer), what="the answer's context in the database")

    second_run = create_bot(settings, guild_ready_timeout=0.05)
    async with running_bot(second_run, fake):
        engine = second_run.knowledge.engine

        # 👍 still counts, and only for the asker.
        refused = await (await fake.click(answer, custom_id(answer, "v:u"), user=bob)).wait_response()
        assert refused.ephemeral and refused.content == "Only the person who asked can use these buttons."
        voted = await (await fake.click(answer, custom_id(answer, "v:u"), user=alice)).wait_response()
        assert voted.type == 7 and voted.message is answer
        vote_button = answer.find_component(custom_id(answer, "v:u"))
        assert vote_button is not None and vote_button["disabled"] and vote_button["label"] == "Thanks!"
        await wait_until(lambda: _votes(settings), what="the vote to be stored")
        assert _votes(settings) == [("person", "denis-denisov", 1, 0)]

        # "Did you mean" still answers.
        suggestion = engine.answer(UNKNOWN).suggestions[0]
        clicked = await (
            await fake.click(unknown, custom_id(unknown, "suggest:0"), user=alice)
        ).wait_response()
        assert clicked.type == 4
        assert clicked.embeds[0]["title"] == engine.render(suggestion.kind, suggestion.target).title

        # Timeline pages still turn.
        turned = await (await fake.click(timeline, custom_id(timeline, "p:n"), user=alice)).wait_response()
        assert turned.type == 7 and turned.embeds[0]["footer"]["text"].startswith("Page 2/")
        back = await (await fake.click(timeline, custom_id(timeline, "p:p"), user=alice)).wait_response()
        assert back.embeds[0]["footer"]["text"].startswith("Page 1/")

        # A reply to the old answer is still a follow-up to it, and so is its Follow up form.
        expected = engine.answer(FOLLOW_UP, after=Exchange.of(engine.answer(ANSWERED)))
        sent = await fake.post_user_message(general, bob, FOLLOW_UP, reply_to=answer)
        reply = await fake.wait_for_bot_message(
            general, predicate=lambda m: (m.reference or {}).get("message_id") == str(sent.id)
        )
        assert reply.embeds[0]["title"] == expected.title
        opened = await fake.click(answer, custom_id(answer, "f"), user=bob)
        submitted = await fake.submit_modal(opened, {"followup:question": FOLLOW_UP}, user=bob)
        answered = await submitted.wait_response()
        assert answered.embeds[0]["title"] == expected.title


def _votes(settings: Settings) -> list[tuple[str, str, int, int]]:
    with closing(sqlite3.connect(database_file(settings))) as conn:
        return conn.execute("SELECT kind, target, up, down FROM votes").fetchall()


@pytest.mark.parametrize("kind", ["entry", "person", "event"])
def test_custom_ids_fit_discords_limit_for_the_longest_ids(kind: str) -> None:
    owner = base36(2**64 - 1)
    target = "a" * 80
    for item in (
        SuggestionButton(kind, target, owner, "label"),
        VoteButton(kind, target, owner, up=False),
        FollowUpButton(kind, target),
    ):
        assert len(item.custom_id) <= 100, item.custom_id
    assert isinstance(FollowUpButton(None, None).item, discord.ui.Button)
