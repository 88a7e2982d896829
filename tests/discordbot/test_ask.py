"""/ask end to end: the answer embed, abstentions, suggestion and feedback buttons, limits and safety."""

from __future__ import annotations

import re

import pytest

from bot.wording import DONT_KNOW, DONT_KNOW_SHORT, MAX_QUESTION_CHARS, truncation_notice
from tests.discordbot.conftest import Talks, component, custom_id
from tests.fakediscord import EPHEMERAL

pytestmark = pytest.mark.usefixtures("fail_on_error_logs")

ANSWERED = "Who led the Russian delegation?"
UNKNOWN = "What is the population of Istanbul?"


async def test_answer_embed_has_the_answer_its_sources_and_the_version(talks: Talks) -> None:
    engine = talks.bot.knowledge.engine
    expected = engine.answer(ANSWERED)
    interaction, response = await talks.ask(ANSWERED)
    assert response.type == 4 and not response.ephemeral
    [embed] = response.embeds
    assert embed["title"] == expected.title
    assert expected.text in embed["description"]
    assert expected.reported in embed["description"]
    quote = expected.sources[0].quote
    assert any(f"“{quote}”" in field["value"] for field in embed["fields"])
    assert engine.factbase.version in embed["footer"]["text"]
    assert "confidence" in embed["footer"]["text"]
    assert {":".join(cid.split(":", 2)[:2]) for cid in response.message.custom_ids} >= {
        "v:u",
        "v:d",
    }
    [callback] = talks.fake.requests_to("POST", rf"/interactions/{interaction.id}/.+/callback")
    assert callback.json["data"]["allowed_mentions"]["parse"] == []


async def test_abstention_is_honest_offers_suggestions_and_is_recorded(talks: Talks) -> None:
    _, response = await talks.ask(UNKNOWN)
    [embed] = response.embeds
    assert embed["description"].startswith((DONT_KNOW, DONT_KNOW_SHORT))
    labels = [c["label"] for c in response.components[0]["components"]] if response.components else []
    suggestions = talks.bot.knowledge.engine.answer(UNKNOWN).suggestions
    assert suggestions and labels[0] == suggestions[0].question[:80]
    assert not any(cid.startswith("v:") for cid in response.message.custom_ids)
    rows = await talks.wait_rows("SELECT question, guild_id, count FROM gaps")
    assert rows == [("what is the population of istanbul", talks.guild.id, 1)]


async def test_suggestion_click_answers_that_question_only_for_the_asker(talks: Talks) -> None:
    _, response = await talks.ask(UNKNOWN)
    suggestion = talks.bot.knowledge.engine.answer(UNKNOWN).suggestions[0]

    refused = await talks.click(response.message, "suggest:0", user=talks.bob)
    assert refused.type == 4 and refused.ephemeral
    assert refused.content == "Only the person who asked can use these buttons."

    clicked = await talks.click(response.message, "suggest:0")
    assert clicked.type == 4 and not clicked.ephemeral
    assert clicked.message is not response.message
    [embed] = clicked.embeds
    expected = talks.bot.knowledge.engine.render(suggestion.kind, suggestion.target)
    assert embed["title"] == expected.title
    assert expected.text in embed["description"]
    assert any(cid.startswith("v:u:") for cid in clicked.message.custom_ids)


async def test_feedback_vote_is_stored_and_the_buttons_are_spent(talks: Talks) -> None:
    _, response = await talks.ask(ANSWERED)
    target = talks.bot.knowledge.engine.answer(ANSWERED).target
    voted = await talks.click(response.message, "v:d")
    assert voted.type == 7
    assert component(voted.message, "v:d")["disabled"] is True
    assert component(voted.message, "v:u")["disabled"] is True
    assert component(voted.message, "v:d")["label"] == "Thanks!"
    rows = await talks.wait_rows("SELECT kind, target, guild_id, up, down FROM votes")
    assert rows == [("entry", target, talks.guild.id, 0, 1)]
    with pytest.raises(ValueError, match="disabled"):
        await talks.fake.click(voted.message, custom_id(voted.message, "v:u"), user=talks.alice)


async def test_everyone_in_a_question_pings_nobody(talks: Talks) -> None:
    question = (
        f"@everyone @here <@&{talks.maintainer_role.id}> {talks.bob.mention} who led the Russian delegation?"
    )
    interaction, response = await talks.ask(question)
    [callback] = talks.fake.requests_to("POST", rf"/interactions/{interaction.id}/.+/callback")
    assert callback.json["data"]["allowed_mentions"]["parse"] == []
    message = response.message
    assert message.mention_ids == [] and message.data["mention_roles"] == []
    assert message.data["mention_everyone"] is False


@pytest.mark.parametrize(
    "question",
    [
        "x" * MAX_QUESTION_CHARS,
        "Who led the Russian delegation? " * 60,
        "   ",
        "?",
        "```\n@here\n``` **bold** ||spoiler|| <script>alert(1)</script>",
        "<@1> <#2> <@&3> <t:0:R> :flag_ua:",
        "🙂" * MAX_QUESTION_CHARS,
        "Z̷̢͉a̸͍͝l̵̙̈g̴̦̈́o̶̰͌ \u202e\u200b\u0000 Medinsky?",
        "'; DROP TABLE gaps; --",
    ],
)
async def test_hostile_or_odd_questions_get_a_valid_answer(talks: Talks, question: str) -> None:
    _, response = await talks.ask(question)
    assert response.type == 4
    [embed] = response.embeds
    assert embed.get("description")
    one_sentence = not re.search(r"[?.!]\s", question)
    if len(question) > talks.settings.max_question_chars and one_sentence:
        assert truncation_notice(talks.settings.max_question_chars) in embed["description"]
    assert talks.task is not None and not talks.task.done()


async def test_slow_answers_are_deferred_then_delivered(
    talks: Talks, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    engine = talks.bot.knowledge.engine
    real_answer = engine.answer

    def slow_answer(question: str, after=None):  # runs in a worker thread
        time.sleep(0.3)
        return real_answer(question, after)

    monkeypatch.setattr(talks.bot.acknowledger, "defer_after", 0.05)
    monkeypatch.setattr(engine, "answer", slow_answer)
    interaction, response = await talks.ask(ANSWERED)
    [callback] = talks.fake.requests_to("POST", rf"/interactions/{interaction.id}/.+/callback")
    assert callback.json["type"] == 5
    assert response.type == 5 and not response.ephemeral
    assert response.embeds[0]["title"] == real_answer(ANSWERED).title
    assert any(cid.startswith("v:u:") for cid in response.message.custom_ids)


@pytest.mark.parametrize("overrides", [{"cooldown_rate": 2, "cooldown_per": 60.0}])
async def test_per_user_cooldown_is_friendly_and_ephemeral(talks: Talks) -> None:
    for _ in range(2):
        _, response = await talks.ask(ANSWERED)
        assert response.embeds
    _, refused = await talks.ask(ANSWERED)
    assert refused.ephemeral and refused.content.startswith("You're asking quickly")
    _, other = await talks.ask(ANSWERED, user=talks.bob)
    assert other.embeds and not other.ephemeral


async def test_a_failing_command_apologises_and_logs(talks: Talks, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr("bot.discordbot.exts._asking.answer_embed", broken)
    _, response = await talks.ask(ANSWERED)
    assert response.ephemeral
    assert response.content.startswith("Sorry — something went wrong")
    [record] = talks.errors.take(r"command /ask failed")
    assert record.exc_info is not None and "renderer exploded" in str(record.exc_info[1])
    monkeypatch.undo()
    _, again = await talks.ask(ANSWERED)
    assert again.embeds


async def test_ephemeral_flag_is_not_set_on_public_answers(talks: Talks) -> None:
    _, response = await talks.ask(ANSWERED)
    assert not response.message.flags & EPHEMERAL
