"""/kb reload, explain and gaps; live reload by the watcher; who may use them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.wording import DONT_KNOW, DONT_KNOW_SHORT
from tests.discordbot.conftest import Talks, wait_until

pytestmark = pytest.mark.usefixtures("fail_on_error_logs")

NEW_ENTRY = """\
entries:
  - id: kebab-test-entry
    question: Which kebab did the delegations eat?
    answer: A kebab entry that exists only for a reload test.
    evidence:
      - source: trt-last-chance-for-peace
        quote: "Istanbul talks: A last chance for peace?"
"""
NEW_QUESTION = "Which kebab did the delegations eat?"
BROKEN_ENTRY = """\
entries:
  - id: broken-test-entry
    question: Is this entry broken?
    evidence:
      - source: trt-last-chance-for-peace
        quote: "Istanbul talks: A last chance for peace?"
"""
STILL_ANSWERED = "Who led the Russian delegation?"


def touch_later(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def take_reload_errors(talks: Talks) -> None:
    assert talks.errors.take(r"fact base problem|kept fact base version")


NO_WATCHER = pytest.mark.parametrize("overrides", [{"reload_interval": 3600}])


@NO_WATCHER
async def test_kb_reload_serves_a_valid_edit(talks: Talks) -> None:
    old_version = talks.bot.knowledge.factbase.version
    _, before = await talks.ask(NEW_QUESTION)
    assert before.embeds[0]["description"].startswith((DONT_KNOW, DONT_KNOW_SHORT))

    talks.knowledge_edit("entries/zz-reload-test.yaml", NEW_ENTRY)
    response = await talks.command("kb reload", user=talks.maya)
    assert response.type == 5 and response.ephemeral
    [embed] = response.embeds
    new_version = talks.bot.knowledge.factbase.version
    assert new_version != old_version
    assert embed["title"] == f"Fact base reloaded: version {new_version}"
    assert "entries: +1 -0 ~0" in embed["description"]

    _, after = await talks.ask(NEW_QUESTION)
    assert after.embeds[0]["title"] == NEW_QUESTION
    assert new_version in after.embeds[0]["footer"]["text"]

    again = await talks.command("kb reload", user=talks.maya)
    assert again.embeds[0]["title"] == f"Fact base unchanged (version {new_version})"


@NO_WATCHER
async def test_kb_reload_refuses_a_broken_edit_and_keeps_serving(talks: Talks) -> None:
    version = talks.bot.knowledge.factbase.version
    talks.knowledge_edit("entries/zz-broken.yaml", BROKEN_ENTRY)
    people = talks.knowledge / "people.yaml"
    people.write_text(people.read_text().replace("roles:", "rolez:", 1))
    touch_later(people)

    response = await talks.command("kb reload", user=talks.maya)
    take_reload_errors(talks)
    [embed] = response.embeds
    assert response.ephemeral and "NOT reloaded" in embed["title"]
    assert version in embed["description"]
    assert "knowledge/entries/zz-broken.yaml:2: entries[0].answer (" in embed["description"]
    assert "knowledge/people.yaml:" in embed["description"] and "rolez" in embed["description"]
    assert talks.bot.knowledge.factbase.version == version

    _, still = await talks.ask(STILL_ANSWERED)
    assert still.embeds[0]["title"] == talks.bot.knowledge.engine.answer(STILL_ANSWERED).title
    assert version in still.embeds[0]["footer"]["text"]


async def test_the_watcher_reloads_a_valid_edit_without_a_command(talks: Talks) -> None:
    old_version = talks.bot.knowledge.factbase.version
    talks.knowledge_edit("entries/zz-reload-test.yaml", NEW_ENTRY)
    await wait_until(lambda: talks.bot.knowledge.factbase.version != old_version, what="the watcher's reload")
    _, after = await talks.ask(NEW_QUESTION)
    assert after.embeds[0]["title"] == NEW_QUESTION


async def test_the_watcher_posts_a_broken_edit_to_the_maintainers_channel(talks: Talks) -> None:
    version = talks.bot.knowledge.factbase.version
    talks.knowledge_edit("entries/zz-broken.yaml", BROKEN_ENTRY)
    alert = await talks.fake.wait_for_bot_message(talks.alerts)
    take_reload_errors(talks)
    [embed] = alert.embeds
    assert "NOT reloaded" in embed["title"]
    assert "zz-broken.yaml:2: entries[0].answer" in embed["description"]
    assert alert.allowed_mentions["parse"] == []
    assert talks.bot.knowledge.factbase.version == version
    _, still = await talks.ask(STILL_ANSWERED)
    expected = talks.bot.knowledge.engine.answer(STILL_ANSWERED)
    assert expected.answered and still.embeds[0]["title"] == expected.title
    assert version in still.embeds[0]["footer"]["text"]


@pytest.mark.parametrize("who", ["alice", "max"])
async def test_non_maintainers_are_refused(talks: Talks, who: str) -> None:
    """alice has no rights; max has Manage Server but not the configured maintainer role."""
    for command, options in (("kb reload", None), ("kb explain", {"question": "who?"}), ("kb gaps", None)):
        response = await talks.command(command, options, user=getattr(talks, who))
        assert response.ephemeral and response.content == "Only fact-base maintainers can use /kb commands."


@pytest.mark.parametrize("overrides", [{"maintainer_role_ids": []}])
async def test_without_maintainer_roles_manage_server_suffices(talks: Talks) -> None:
    allowed = await talks.command("kb gaps", user=talks.max)
    assert allowed.embeds and allowed.ephemeral
    refused = await talks.command("kb gaps", user=talks.maya)
    assert refused.content == "Only fact-base maintainers can use /kb commands."


async def test_kb_explain_shows_match_phrasing_score_and_runner_up(talks: Talks) -> None:
    explanation = talks.bot.knowledge.engine.explain(STILL_ANSWERED)
    response = await talks.command("kb explain", {"question": STILL_ANSWERED}, user=talks.maya)
    assert response.ephemeral
    fields = {f["name"]: f["value"] for f in response.embeds[0]["fields"]}
    assert explanation.best.target in fields["Best match"]
    assert explanation.best.phrasing in fields["Best match"]
    assert f"score {explanation.best.score:.3f}" in fields["Best match"]
    assert explanation.runner_up.target in fields["Runner-up"]


async def test_kb_gaps_lists_unanswered_questions_and_disliked_answers(talks: Talks) -> None:
    for _ in range(2):
        await talks.ask("What is the population of Istanbul?")
    _, answered = await talks.ask(STILL_ANSWERED)
    await talks.click(answered.message, "v:d")
    await talks.wait_rows("SELECT 1 FROM votes")
    await talks.wait_rows("SELECT 1 FROM gaps WHERE count = 2")
    response = await talks.command("kb gaps", user=talks.maya)
    fields = {f["name"]: f["value"] for f in response.embeds[0]["fields"]}
    assert fields["Most-asked unanswered questions"] == "2× what is the population of istanbul"
    target = talks.bot.knowledge.engine.answer(STILL_ANSWERED).target
    assert fields["Answers with the most 👎"] == f"1 👎 / 0 👍 — entry `{target}`"
