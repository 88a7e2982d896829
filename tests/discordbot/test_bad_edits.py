"""Bad fact-base edits reach maintainers as problem lines, and one bad item cannot break a command."""

from __future__ import annotations

import dataclasses
import logging
from unittest.mock import create_autospec

import discord
import pytest

from bot.discordbot.tree import place
from bot.engine import Engine
from bot.factbase.models import DatedFact, PartialDate
from tests.discordbot.conftest import Talks, wait_until

pytestmark = pytest.mark.usefixtures("fail_on_error_logs")

EVENT = """\
events:
  - id: zz-test-event
    when:
      date: {date}
      basis: A test.
    title: A test event
    summary: Nothing happened; this event exists only for a test.
    evidence:
      - source: trt-last-chance-for-peace
        quote: "Istanbul talks: A last chance for peace?"
"""
BAD_EDITS = {
    "impossible-date": (
        EVENT.format(date="2019-02-30"),
        "knowledge/zz-bad.yaml:4: events[0].when.date (event 'zz-test-event'): "
        "'2019-02-30' is not a valid date",
    ),
    "int-tag": (
        "aliases:\n  - canonical: !!int abc\n    variants: [x]\n",
        "knowledge/zz-bad.yaml:2: aliases[0].canonical (alias group 'abc'): "
        "'abc' is not a valid whole number",
    ),
    "recursive-alias": (
        "a: &a [*a]\n",
        "knowledge/zz-bad.yaml:1: anchor &a: anchors and aliases are not allowed",
    ),
    "year-0": (
        EVENT.format(date='"0000"'),
        "knowledge/zz-bad.yaml:4: events[0].when.date (event 'zz-test-event'): year 0 is outside",
    ),
}


def take_reload_errors(talks: Talks) -> None:
    assert talks.errors.take(r"fact base problem|kept fact base version")


@pytest.mark.parametrize("case", list(BAD_EDITS))
async def test_the_watcher_posts_each_unreadable_value_as_a_problem_line(talks: Talks, case: str) -> None:
    text, problem = BAD_EDITS[case]
    version = talks.bot.knowledge.factbase.version
    talks.knowledge_edit("zz-bad.yaml", text)
    alert = await talks.fake.wait_for_bot_message(talks.alerts)
    take_reload_errors(talks)
    [embed] = alert.embeds
    assert embed["title"] == "Fact base NOT reloaded — 1 problem"
    assert problem in embed["description"]
    assert talks.bot.knowledge.factbase.version == version


@pytest.mark.parametrize("overrides", [{"reload_interval": 3600}])
@pytest.mark.parametrize("case", ["impossible-date", "recursive-alias"])
async def test_kb_reload_shows_the_problem_not_an_apology(talks: Talks, case: str) -> None:
    text, problem = BAD_EDITS[case]
    talks.knowledge_edit("zz-bad.yaml", text)
    response = await talks.command("kb reload", user=talks.maya)
    take_reload_errors(talks)
    [embed] = response.embeds
    assert embed["title"] == "Fact base NOT reloaded — 1 problem"
    assert problem in embed["description"]


async def test_one_event_with_an_impossible_date_cannot_break_the_timeline(talks: Talks) -> None:
    """Validation makes year 0 impossible; should one slip through anyway, only it is left out."""
    factbase = talks.bot.knowledge.factbase
    first = factbase.timeline()[0]
    broken_when = DatedFact.model_construct(date=PartialDate.model_construct(year=0, month=None, day=None))
    broken = first.model_copy(update={"id": "zz-broken", "when": broken_when, "title": "Broken event"})
    events = {**factbase.events, "zz-broken": broken}
    talks.bot.knowledge.engine = Engine(dataclasses.replace(factbase, events=events))

    response = await talks.command("timeline")
    [embed] = response.embeds
    assert embed["description"] == f"{len(factbase.events)} events, oldest first."
    assert all("Broken event" not in field["name"] for field in embed["fields"])
    assert talks.errors.take(r"timeline: left out event zz-broken, its date 0 is impossible")


async def test_a_bad_date_gets_the_accepted_forms_once(talks: Talks) -> None:
    response = await talks.command("timeline", {"from": "sometime"})
    assert response.content.count("2025-05-16") == 1


async def test_answers_to_plain_messages_are_logged(talks: Talks, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="bot.discordbot.exts.messages")
    sent = await talks.say(talks.qa, "Who led the Russian delegation?")
    await talks.reply_to(sent)
    target = talks.bot.knowledge.engine.answer("Who led the Russian delegation?").target
    expected = f"for message {sent.id} in channel {talks.qa.id}"

    def logged() -> bool:
        lines = [r.getMessage() for r in caplog.records]
        return any(line.startswith(f"answered {target} (") and line.endswith(expected) for line in lines)

    await wait_until(logged, what="the answer's log line")  # logged just after the reply is sent


@pytest.mark.parametrize(
    ("channel_id", "channel", "guild_id", "expected"),
    [
        (5, None, 1, "guild 1, channel 5"),
        (None, 6, 1, "guild 1, channel 6"),
        (None, None, None, "no guild (DM), channel unknown"),
    ],
)
def test_error_lines_name_the_channel_from_whatever_the_payload_had(
    channel_id: int | None, channel: int | None, guild_id: int | None, expected: str
) -> None:
    interaction = create_autospec(discord.Interaction, instance=True)
    interaction.channel_id, interaction.guild_id = channel_id, guild_id
    interaction.channel = (
        None if channel is None else create_autospec(discord.TextChannel, instance=True, id=channel)
    )
    assert place(interaction) == expected
