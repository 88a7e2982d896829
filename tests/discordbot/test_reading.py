"""Messages as people write them, end to end: the real client reads chat, markup and text-speak."""

from __future__ import annotations

import pytest

from tests.discordbot.conftest import Talks

pytestmark = pytest.mark.usefixtures("fail_on_error_logs")


async def test_a_chatty_mention_is_answered_like_the_plain_question(talks: Talks) -> None:
    me = talks.fake.bot_user.mention
    chatty = f"hey {me} 🙂 quick one ngl, **who** led the ||russian|| delegation?? thx in advance"
    sent = await talks.say(talks.general, chatty)
    reply = await talks.reply_to(sent)
    [embed] = reply.embeds
    assert "Medinsky" in embed["description"]
    assert embed["title"] == talks.bot.knowledge.engine.answer("who led the russian delegation?").title


async def test_a_qa_channel_question_need_not_end_with_a_question_mark(talks: Talks) -> None:
    sent = await talks.say(talks.qa, "wat r the names of russias negotiators? asking for a friend lol")
    reply = await talks.reply_to(sent)
    assert "Medinsky" in reply.embeds[0]["description"]


async def test_a_mention_with_too_little_gets_a_notice_not_an_answer(talks: Talks) -> None:
    sent = await talks.say(talks.qa, f"{talks.fake.bot_user.mention} 2?")
    reply = await talks.reply_to(sent)
    description = reply.embeds[0]["description"] if reply.embeds else reply.content
    assert "too little" in description and "Medinsky" not in description


async def test_a_likely_answer_shows_what_the_bot_understood(talks: Talks) -> None:
    engine = talks.bot.knowledge.engine
    engine.calibration = engine.calibration.model_copy(update={"confident": 1.0})
    _, response = await talks.ask("@everyone who led russia's delegation??")
    [embed] = response.embeds
    entry = engine.factbase.entries[engine.answer("who led the russian delegation").target]
    assert f"**I think you're asking: {entry.question}**" in embed["description"]
    assert embed["footer"]["text"].startswith("Medium confidence")
