"""Follow-ups end to end: replies to an answer, threads, the Follow up button and its form.

Each is read in the context of the answer it follows, whichever way that answer was asked.
"""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bot.engine import Exchange
from tests.discordbot.conftest import Talks
from tests.discordbot.test_messages import assert_silent
from tests.fakediscord import FakeMessage

pytestmark = pytest.mark.usefixtures("fail_on_error_logs")

FIRST = "who is denis denisov?"
FOLLOW_UP = "what did he say about türkiye's role?"
EXPECTED = "effective mediators"


def in_context(talks: Talks, first: str, follow_up: str) -> str:
    """The title the engine gives `follow_up` read after `first` (what the user should see)."""
    engine = talks.bot.knowledge.engine
    answer = engine.answer(follow_up, after=Exchange.of(engine.answer(first)))
    assert answer.answered and answer.title
    return answer.title


async def remembered(talks: Talks, answer: FakeMessage) -> FakeMessage:
    """`answer` once the bot has recorded its context (it does so right after posting it)."""
    await talks.wait_rows(f"SELECT 1 FROM exchanges WHERE message_id = {answer.id}")
    return answer


async def answer_by(talks: Talks, door: str, question: str) -> FakeMessage:
    """The bot's answer to `question` asked through `door`."""
    if door == "/ask":
        _, response = await talks.ask(question)
        assert response.message is not None
        return await remembered(talks, response.message)
    if door == "mention":
        sent = await talks.say(talks.general, f"{talks.fake.bot_user.mention} {question}")
        return await remembered(talks, await talks.reply_to(sent))
    if door == "qa channel":
        sent = await talks.say(talks.qa, question)
        return await remembered(talks, await talks.reply_to(sent))
    target = await talks.say(talks.general, question, user=talks.bob)
    interaction = await talks.fake.run_message_command(
        "Ask the bot", target, user=talks.alice, channel=talks.general
    )
    response = await interaction.wait_response()
    assert response.message is not None
    return await remembered(talks, response.message)


@pytest.mark.parametrize("door", ["/ask", "mention", "qa channel", "context menu"])
async def test_a_reply_to_an_answer_is_a_follow_up_without_a_mention(talks: Talks, door: str) -> None:
    answer = await answer_by(talks, door, FIRST)
    channel = talks.fake.state.channel(answer.channel_id)
    assert channel is not None
    sent = await talks.fake.post_user_message(channel, talks.alice, FOLLOW_UP, reply_to=answer)
    reply = await talks.reply_to(sent)
    [embed] = reply.embeds
    assert embed["title"] == in_context(talks, FIRST, FOLLOW_UP)
    assert EXPECTED in embed["description"]
    assert talks.bot.knowledge.engine.answer(FOLLOW_UP).title != embed["title"], "context made a difference"


async def test_a_follow_up_of_a_follow_up_keeps_the_conversation(talks: Talks) -> None:
    answer = await answer_by(talks, "/ask", "who was on russia's delegation in istanbul?")
    second = await talks.fake.post_user_message(talks.general, talks.bob, "and ukraine's?", reply_to=answer)
    second_reply = await remembered(talks, await talks.reply_to(second))
    assert "Umerov" in second_reply.embeds[0]["description"]
    third = await talks.fake.post_user_message(talks.general, talks.bob, "and the us?", reply_to=second_reply)
    third_reply = await talks.reply_to(third)
    assert "Rubio" in third_reply.embeds[0]["description"]


async def test_who_else_after_a_leader_names_the_rest_of_the_team(talks: Talks) -> None:
    answer = await answer_by(talks, "mention", "who led the russian team in istanbul?")
    sent = await talks.fake.post_user_message(
        talks.general, talks.bob, "who else was on it?", reply_to=answer
    )
    reply = await talks.reply_to(sent)
    assert "Galuzin" in reply.embeds[0]["description"]


async def test_a_reply_to_someone_else_is_left_alone(talks: Talks) -> None:
    other = await talks.say(talks.general, "I think the talks will fail", user=talks.bob)
    await talks.fake.post_user_message(talks.general, talks.alice, "and why is that?", reply_to=other)
    await assert_silent(talks)


async def test_a_new_question_in_a_reply_is_answered_on_its_own(talks: Talks) -> None:
    answer = await answer_by(talks, "/ask", FIRST)
    sent = await talks.fake.post_user_message(
        talks.general, talks.alice, "who is marco rubio?", reply_to=answer
    )
    reply = await talks.reply_to(sent)
    assert reply.embeds[0]["title"] == talks.bot.knowledge.engine.answer("who is marco rubio?").title


async def test_messages_in_a_thread_on_an_answer_follow_up_the_last_answer_there(talks: Talks) -> None:
    answer = await answer_by(talks, "/ask", "where did putin and zelensky last meet in person?")
    thread = await talks.fake.start_thread(talks.general, talks.alice, "Putin and Zelensky", starter=answer)
    first = await talks.fake.post_user_message(thread, talks.bob, "when was that?")
    first_reply = await talks.reply_to(first)
    assert first_reply.channel_id == thread.id
    assert "2019" in first_reply.embeds[0]["description"]
    assert first_reply.embeds[0]["title"] == in_context(
        talks, "where did putin and zelensky last meet in person?", "when was that?"
    )
    # The next message follows the answer just given in the thread, not the one the thread started on.
    denisov = await talks.fake.post_user_message(thread, talks.bob, FIRST)
    await remembered(talks, await talks.reply_to(denisov))
    second = await talks.fake.post_user_message(thread, talks.alice, FOLLOW_UP)
    second_reply = await remembered(talks, await talks.reply_to(second))
    assert EXPECTED in second_reply.embeds[0]["description"]


async def test_a_thread_the_bot_never_answered_in_is_left_alone(talks: Talks) -> None:
    thread = await talks.fake.start_thread(talks.general, talks.alice, "chat")
    await talks.fake.post_user_message(thread, talks.bob, "when was that?")
    await assert_silent(talks)


async def test_the_follow_up_button_opens_a_form_answered_in_context(talks: Talks) -> None:
    _, response = await talks.ask(FIRST)
    assert response.message is not None
    await remembered(talks, response.message)
    click = await talks.fake.click(response.message, _follow_up_id(response.message), user=talks.bob)
    opened = await click.wait_response()
    assert opened.type == 9 and opened.modal is not None
    assert opened.modal["title"] == "Follow up"
    submitted = await talks.fake.submit_modal(click, {"followup:question": FOLLOW_UP}, user=talks.bob)
    answered = await submitted.wait_response()
    assert answered.type == 4 and not answered.ephemeral
    [embed] = answered.embeds
    assert embed["title"] == in_context(talks, FIRST, FOLLOW_UP)
    assert EXPECTED in embed["description"]
    assert answered.message is not None and _follow_up_id(answered.message), (
        "the answer can be followed up too"
    )


def _follow_up_id(message: FakeMessage) -> str:
    [found] = [cid for cid in message.custom_ids if cid.startswith("f:")]
    return found


async def test_kb_explain_after_shows_how_the_context_was_used(talks: Talks) -> None:
    response = await talks.command("kb explain", {"question": FOLLOW_UP, "after": FIRST}, user=talks.maya)
    [embed] = response.embeds
    fields = {field["name"]: field["value"] for field in embed["fields"]}
    assert fields["Follow-up"].startswith(f"read in context of {FIRST!r}")
    assert "read as: what did Denisov say" in fields["Follow-up"]
    alone = await talks.command("kb explain", {"question": FOLLOW_UP}, user=talks.maya)
    assert "Follow-up" not in {field["name"] for field in alone.embeds[0]["fields"]}


async def test_in_thread_answer_mode_the_next_message_in_the_answer_s_thread_is_a_follow_up(
    talks: Talks,
) -> None:
    await talks.command("config answers", {"mode": "thread"}, user=talks.max)
    sent = await talks.say(talks.qa, FIRST)
    thread = await talks.fake.state.wait_for(
        lambda: talks.fake.state.channel(sent.id), timeout=5, what="a thread on the question"
    )
    await remembered(talks, await talks.fake.wait_for_bot_message(thread))
    follow_up = await talks.fake.post_user_message(thread, talks.alice, FOLLOW_UP)  # no mention, no "?"
    reply = await talks.fake.wait_for_bot_message(
        thread, predicate=lambda m: (m.reference or {}).get("message_id") == str(follow_up.id)
    )
    assert reply.embeds[0]["title"] == in_context(talks, FIRST, FOLLOW_UP)


@pytest.mark.parametrize("overrides", [{"followup_window": 0.2}])
async def test_a_reply_after_the_follow_up_window_is_no_longer_read_in_context(talks: Talks) -> None:
    answer = await answer_by(talks, "/ask", FIRST)
    await asyncio.sleep(0.3)  # past the window: the context has expired (no upper bound is asserted)
    await talks.fake.post_user_message(talks.general, talks.alice, FOLLOW_UP, reply_to=answer)
    await assert_silent(talks)


async def test_without_its_database_row_an_answer_s_context_comes_from_its_follow_up_button(
    talks: Talks,
) -> None:
    answer = await answer_by(talks, "/ask", FIRST)
    with closing(sqlite3.connect(Path(talks.settings.database_url))) as conn, conn:
        conn.execute("DELETE FROM exchanges")
    sent = await talks.fake.post_user_message(talks.general, talks.alice, FOLLOW_UP, reply_to=answer)
    reply = await talks.reply_to(sent)
    engine = talks.bot.knowledge.engine
    person = engine.answer(FIRST)
    from_button = Exchange(person.title or "", person.kind, person.target)
    assert reply.embeds[0]["title"] == engine.answer(FOLLOW_UP, after=from_button).title
    assert EXPECTED in reply.embeds[0]["description"]
