"""Plain questions: mentions and Q&A channels are answered; everything else is left alone."""

from __future__ import annotations

import asyncio

import pytest

from bot.discordbot.exts.context import NO_TEXT
from bot.engine.engine import MESSAGE_WINDOW
from bot.wording import DONT_KNOW, DONT_KNOW_SHORT, EMPTY_MENTION
from tests.discordbot.conftest import Talks

pytestmark = pytest.mark.usefixtures("fail_on_error_logs")

QUESTION = "Who led the Russian delegation?"


async def assert_silent(talks: Talks) -> None:
    """Nothing more from the bot once it has handled everything it was sent."""
    before = len(talks.fake.state.messages)
    await talks.fake.settle()
    await asyncio.sleep(0.1)
    await talks.fake.settle()
    bot_id = talks.fake.bot_user.id
    new = [m for m in list(talks.fake.state.messages.values())[before:] if m.author_id == bot_id]
    assert new == []
    assert not talks.fake.requests_to("POST", r"/channels/\d+/messages")


async def test_a_mention_is_answered_in_a_reply_that_pings_nobody(talks: Talks) -> None:
    sent = await talks.say(talks.general, f"{talks.fake.bot_user.mention} {QUESTION}")
    reply = await talks.reply_to(sent)
    expected = talks.bot.knowledge.engine.answer(QUESTION)
    [embed] = reply.embeds
    assert embed["title"] == expected.title and expected.text in embed["description"]
    assert reply.reference["message_id"] == str(sent.id)
    assert reply.allowed_mentions == {"parse": [], "replied_user": False}
    assert reply.mention_ids == []
    assert any(cid.startswith("v:d:") for cid in reply.custom_ids)


async def test_a_question_in_the_qa_channel_is_answered(talks: Talks) -> None:
    sent = await talks.say(talks.qa, QUESTION)
    reply = await talks.reply_to(sent)
    assert reply.embeds[0]["title"] == talks.bot.knowledge.engine.answer(QUESTION).title


async def test_an_unanswerable_question_in_the_qa_channel_gets_an_honest_reply(talks: Talks) -> None:
    sent = await talks.say(talks.qa, "What is the population of Istanbul?")
    reply = await talks.reply_to(sent)
    assert reply.embeds[0]["description"].startswith((DONT_KNOW, DONT_KNOW_SHORT))
    assert any(cid.startswith("s:") for cid in reply.custom_ids)
    engine = talks.bot.knowledge.engine
    offered = engine.answer("What is the population of Istanbul?").suggestions[0]
    clicked = await talks.click(reply, "suggest:0")
    shown = engine.render(offered.kind, offered.target)
    assert clicked.type == 4 and clicked.embeds[0]["title"] == shown.title
    assert shown.text in clicked.embeds[0]["description"]
    refused = await talks.click(reply, "suggest:1", user=talks.bob)
    assert refused.ephemeral and "Only the person who asked" in refused.content


@pytest.mark.parametrize(
    ("where", "content"),
    [
        ("general", QUESTION),  # not a Q&A channel, no mention
        ("qa", "Who led the Russian delegation"),  # Q&A channel but no question mark
        ("general", "@everyone who led the Russian delegation?"),  # @everyone is not a mention of the bot
    ],
)
async def test_messages_that_are_not_for_the_bot_are_ignored(talks: Talks, where: str, content: str) -> None:
    await talks.say(getattr(talks, where), content)
    await assert_silent(talks)


async def test_bots_are_ignored_even_when_they_mention_the_bot(talks: Talks) -> None:
    other_bot = talks.fake.add_user("other-bot", bot=True)
    await talks.say(talks.qa, f"{talks.fake.bot_user.mention} {QUESTION}", user=other_bot)
    await assert_silent(talks)


async def test_a_long_message_is_answered_from_the_question_in_it(talks: Talks) -> None:
    content = f"{talks.fake.bot_user.mention} {QUESTION} " + "and also blah " * 300
    sent = await talks.say(talks.general, content)
    reply = await talks.reply_to(sent)
    description = reply.embeds[0]["description"]
    assert "Medinsky" in description and "characters were read" not in description


async def test_an_overlong_question_is_read_from_its_beginning_with_a_note(talks: Talks) -> None:
    content = f"{talks.fake.bot_user.mention} who led the Russian delegation " + "and also blah " * 100
    sent = await talks.say(talks.general, content)
    reply = await talks.reply_to(sent)
    assert f"only its first {talks.settings.max_question_chars} characters" in reply.embeds[0]["description"]


async def test_a_message_longer_than_what_is_read_says_so(talks: Talks) -> None:
    content = f"{talks.fake.bot_user.mention} who led the Russian delegation " + "and also blah " * 300
    sent = await talks.say(talks.general, content)
    reply = await talks.reply_to(sent)
    assert f"only its first {MESSAGE_WINDOW} characters" in reply.embeds[0]["description"]


async def test_a_bare_mention_gets_a_hint(talks: Talks) -> None:
    sent = await talks.say(talks.general, talks.fake.bot_user.mention)
    reply = await talks.reply_to(sent)
    assert reply.content == EMPTY_MENTION


async def test_everyone_in_a_mentioned_question_pings_nobody(talks: Talks) -> None:
    sent = await talks.fake.post_user_message(
        talks.general,
        talks.alice,
        f"@everyone {talks.fake.bot_user.mention} <@&{talks.maintainer_role.id}> {QUESTION}",
        mention_everyone=True,
    )
    reply = await talks.reply_to(sent)
    [request] = talks.fake.requests_to("POST", rf"/channels/{talks.general.id}/messages")
    assert request.json["allowed_mentions"]["parse"] == []
    assert (
        reply.data["mention_everyone"] is False
        and reply.mention_ids == []
        and reply.data["mention_roles"] == []
    )


@pytest.mark.parametrize("overrides", [{"cooldown_rate": 1, "cooldown_per": 60.0}])
async def test_message_cooldown_is_told_once(talks: Talks) -> None:
    first = await talks.say(talks.qa, QUESTION)
    assert (await talks.reply_to(first)).embeds
    second = await talks.say(talks.qa, QUESTION)
    told = await talks.reply_to(second)
    assert told.content.startswith("You're asking quickly") and not told.embeds
    await talks.say(talks.qa, QUESTION)
    await talks.fake.settle()
    await asyncio.sleep(0.1)
    await talks.fake.settle()
    assert len(talks.fake.bot_messages(talks.qa)) == 2


async def test_context_menu_answers_the_chosen_message(talks: Talks) -> None:
    target = await talks.say(talks.general, QUESTION, user=talks.bob)
    interaction = await talks.fake.run_message_command(
        "Ask the bot", target, user=talks.alice, channel=talks.general
    )
    response = await interaction.wait_response()
    assert response.type == 4 and not response.ephemeral
    assert response.embeds[0]["title"] == talks.bot.knowledge.engine.answer(QUESTION).title
    refused = await talks.click(response.message, "v:u", user=talks.bob)
    assert refused.ephemeral  # alice asked (through bob's message), so the buttons are hers


async def test_context_menu_on_a_message_without_text(talks: Talks) -> None:
    target = await talks.fake.post_user_message(
        talks.general, talks.bob, "", embeds=[{"title": "just an embed"}]
    )
    interaction = await talks.fake.run_message_command(
        "Ask the bot", target, user=talks.alice, channel=talks.general
    )
    response = await interaction.wait_response()
    assert response.ephemeral and response.content == NO_TEXT


@pytest.mark.parametrize(
    "content",
    [
        "?",
        "?" * 3000,
        "@here ```\n@everyone\n``` ||who|| **led** the Russian delegation?",
        "<@1> <#2> <@&3> <t:0:R> :flag_ua: who led the Russian delegation?",
        "🙂" * 1500 + "?",
        "Z̷̢͉a̸͍͝l̵̙̈g̴̦̈́o̶̰͌ \u202e\u200b\u0000 Medinsky?",
    ],
)
async def test_odd_or_hostile_qa_channel_messages_get_a_valid_reply(talks: Talks, content: str) -> None:
    sent = await talks.say(talks.qa, content)
    reply = await talks.reply_to(sent)
    [embed] = reply.embeds
    assert embed["description"]
    assert reply.mention_ids == [] and reply.data["mention_everyone"] is False
