"""/timeline, /who, /sources, /about, /help and their autocomplete, end to end."""

from __future__ import annotations

import pytest

from bot.discordbot.ui.embeds import EVENTS_PER_PAGE
from bot.factbase.dates import events_between, parse_date
from bot.wording import person_summary
from tests.discordbot.conftest import Talks, component

pytestmark = pytest.mark.usefixtures("fail_on_error_logs")


async def test_timeline_pages_only_for_the_invoker(talks: Talks) -> None:
    events = talks.bot.knowledge.factbase.timeline()
    first = await talks.command("timeline")
    [page1] = first.embeds
    assert page1["footer"]["text"].startswith("Page 1/")
    assert page1["fields"][0]["name"] == f"{events[0].when.display()} — {events[0].title}"
    assert component(first.message, "p:p")["disabled"] is True
    assert component(first.message, "p:at")["label"].startswith("1/")

    refused = await talks.click(first.message, "p:n", user=talks.bob)
    assert refused.ephemeral and refused.content == "Only the person who asked can use these buttons."
    assert first.message.embeds == [page1]

    second = await talks.click(first.message, "p:n")
    assert second.type == 7 and second.message is first.message
    [page2] = second.embeds
    assert page2["footer"]["text"].startswith("Page 2/")
    assert page2["fields"] != page1["fields"]
    assert page2["fields"][0]["name"].startswith(events[5].when.display())
    assert component(second.message, "p:p")["disabled"] is False

    back = await talks.click(second.message, "p:p")
    assert back.embeds == [page1]


async def test_timeline_filters_by_topic_and_dates_with_their_precision(talks: Talks) -> None:
    factbase = talks.bot.knowledge.factbase
    response = await talks.command("timeline", {"topic": "talks", "from": "2025-05-16", "to": "June 2025"})
    [embed] = response.embeds
    expected = [
        e for e in events_between(factbase.timeline(), parse_date("2025-05-16"), parse_date("June 2025"))
        if "talks" in e.topics
    ]  # fmt: skip
    assert expected and embed["title"] == "Timeline (topic talks, from 16 May 2025, to June 2025)"
    names = [field["name"] for field in embed["fields"]]
    # The first page: as many events as a page holds, or all of them when fewer.
    assert names == [f"{e.when.display()} — {e.title}" for e in expected][:EVENTS_PER_PAGE]
    # A month-dated event overlaps "from 16 May" and is shown to the month, never with a made-up day.
    month_events = [e for e in expected if e.when.date.precision == "month"]
    assert month_events
    for field in embed["fields"]:
        assert "Source:" in field["value"]


async def test_timeline_month_dates_are_not_given_a_day(talks: Talks) -> None:
    factbase = talks.bot.knowledge.factbase
    event = next(e for e in factbase.timeline() if e.when.date.precision == "month" and not e.when.label)
    month = event.when.date.display()  # e.g. "March 2022"
    response = await talks.command("timeline", {"from": event.when.date.iso, "to": event.when.date.iso})
    names = [field["name"] for field in response.embeds[0]["fields"]]
    assert f"{month} — {event.title}" in names


@pytest.mark.parametrize(("option", "value"), [("from", "yesterday"), ("to", "2025-02-30"), ("from", "May")])
async def test_timeline_bad_date_is_a_clear_ephemeral_error(talks: Talks, option: str, value: str) -> None:
    response = await talks.command("timeline", {option: value})
    assert response.ephemeral and not response.embeds
    assert value in response.content
    for form in ("2025-05", "2025-05-16", "May 2025"):
        assert form in response.content


async def test_timeline_from_after_to_and_unknown_topic(talks: Talks) -> None:
    reversed_range = await talks.command("timeline", {"from": "2025-06", "to": "2025-05"})
    assert reversed_range.ephemeral and "after" in reversed_range.content
    unknown = await talks.command("timeline", {"topic": "football"})
    assert unknown.ephemeral and "football" in unknown.content and "talks" in unknown.content


async def test_timeline_with_nothing_in_range(talks: Talks) -> None:
    response = await talks.command("timeline", {"from": "1990", "to": "1991"})
    assert response.embeds[0]["description"] == "No events match."
    assert response.components == []


async def test_topic_autocomplete(talks: Talks) -> None:
    fake = talks.fake
    choices = await fake.autocomplete(
        "timeline", {"topic": "pris"}, focused="topic", user=talks.alice, channel=talks.general
    )
    assert choices[0] == {"name": "prisoners", "value": "prisoners"}
    everything = await fake.autocomplete(
        "timeline", {"topic": ""}, focused="topic", user=talks.alice, channel=talks.general
    )
    assert [c["value"] for c in everything] == talks.bot.knowledge.factbase.topics()[:25]


async def test_who_autocomplete_is_fuzzy_and_folds_accents(talks: Talks) -> None:
    fake = talks.fake
    for typed, expected in [
        ("erdog", "recep-tayyip-erdogan"),
        ("zelensky", "volodymyr-zelenskyy"),
        ("MEDINSKI", "vladimir-medinsky"),
    ]:
        choices = await fake.autocomplete(
            "who", {"name": typed}, focused="name", user=talks.alice, channel=talks.general
        )
        assert choices[0]["value"] == expected
        assert all(len(c["name"]) <= 100 for c in choices) and len(choices) <= 25


async def test_who_shows_roles_side_and_sources(talks: Talks) -> None:
    person = talks.bot.knowledge.factbase.people["vladimir-medinsky"]
    for value in ("vladimir-medinsky", "Medinsky"):  # a picked choice, or a typed name
        response = await talks.command("who", {"name": value})
        [embed] = response.embeds
        assert embed["title"] == person.name
        assert embed["description"] == person_summary(person)  # "Medinsky led …", not "Led …"
        fields = {field["name"]: field["value"] for field in embed["fields"]}
        assert person.side == fields["Side"]
        assert person.roles[0] in fields.get("Role", fields.get("Roles", ""))
        assert any(f"“{person.evidence[0].quote}”" in v for v in fields.values())


async def test_who_unknown_person(talks: Talks) -> None:
    response = await talks.command("who", {"name": "Napoleon Bonaparte"})
    assert response.ephemeral and "Napoleon Bonaparte" in response.content


async def test_sources_about_and_help(talks: Talks) -> None:
    factbase = talks.bot.knowledge.factbase
    sources = (await talks.command("sources")).embeds[0]
    assert len(sources["fields"]) == len(factbase.sources)
    trt = factbase.sources["trt-last-chance-for-peace"]
    assert any(
        f["name"] == trt.outlet and trt.title in f["value"] and trt.published.display() in f["value"]
        for f in sources["fields"]
    )

    about = await talks.command("about")
    assert about.ephemeral
    values = {f["name"]: f["value"] for f in about.embeds[0]["fields"]}
    assert values["Fact-base version"] == factbase.version
    assert f"{factbase.counts()['entries']} answers" in values["Contents"]
    assert values["Servers"] == "1"

    help_ = await talks.command("help")
    assert help_.ephemeral
    [help_embed] = help_.embeds
    assert f"<#{talks.qa.id}>" in help_embed["description"]
    # Every command the server knows is in /help, found from what was synced, not from a list here.
    usages = [field["name"] for field in help_embed["fields"]]
    synced = [c for scope in talks.fake.commands.values() for c in scope]
    assert len(synced) >= 8
    for command in synced:
        if command["type"] == 1:
            listed = [u for u in usages if u.split(" ")[0] == f"/{command['name']}"]
        else:
            listed = [u for u in usages if u == f"{command['name']} (message menu)"]
        assert len(listed) == 1, (command["name"], usages)
    assert "/timeline [topic] [from] [to]" in usages
    assert "/kb reload|explain|gaps" in usages
