"""The feedback store, the same tests on SQLite and on a real PostgreSQL: counts, ranking, no user ids."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.storage import Database, FeedbackStore, normalize_question
from bot.storage.schema import metadata


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[FeedbackStore]:
    database = Database(database_url)
    await database.start()
    try:
        yield FeedbackStore(database)
    finally:
        await database.close()


async def test_gaps_are_grouped_by_normalised_text_and_ranked(store: FeedbackStore) -> None:
    for question in ["What is the population of Istanbul?", "what is the POPULATION of istanbul", "Weather?"]:
        assert await store.arecord_gap(question, guild_id=1)
    await store.arecord_gap("What is the population of Istanbul?", guild_id=2)
    assert not await store.arecord_gap("?!", guild_id=1)
    [top, second] = await store.atop_gaps(10)
    assert (top.question, top.count, top.guilds) == ("what is the population of istanbul", 3, 2)
    assert (second.question, second.count) == ("weather", 1)
    assert [(g.question, g.count) for g in await store.atop_gaps(10, guild_id=2)] == [
        ("what is the population of istanbul", 1)
    ]
    assert len(await store.atop_gaps(1)) == 1
    assert await store.aguilds() == [1, 2]


async def test_most_disliked(store: FeedbackStore) -> None:
    await store.arecord_vote("entry", "a", 1, up=False)
    await store.arecord_vote("entry", "a", 2, up=False)
    await store.arecord_vote("entry", "a", 1, up=True)
    await store.arecord_vote("entry", "b", 1, up=False)
    await store.arecord_vote("person", "c", 1, up=True)
    ranked = await store.amost_disliked(10)
    assert [(d.kind, d.target, d.down, d.up) for d in ranked] == [("entry", "a", 2, 1), ("entry", "b", 1, 0)]
    assert [(d.target, d.down) for d in await store.amost_disliked(10, guild_id=2)] == [("a", 1)]


async def test_direct_messages_are_recorded_under_guild_zero(store: FeedbackStore) -> None:
    await store.arecord_gap("Where is Kyiv?", None)
    await store.arecord_vote("entry", "e", None, up=False)
    assert [g.question for g in await store.atop_gaps(guild_id=0)] == ["where is kyiv"]
    assert [d.target for d in await store.amost_disliked(guild_id=0)] == ["e"]


async def test_large_discord_ids_round_trip(store: FeedbackStore) -> None:
    guild_id = (1 << 63) - 1  # snowflakes need 64 bits: INTEGER would overflow on PostgreSQL
    await store.arecord_gap("Who won?", guild_id)
    assert await store.aguilds() == [guild_id]


def test_nothing_that_identifies_a_member_is_stored() -> None:
    columns = {column.name for table in metadata.tables.values() for column in table.columns}
    assert not {name for name in columns if "user" in name or "member" in name or "author" in name}


def test_normalize_question() -> None:
    assert normalize_question("  Who is  Erdoğan’s envoy?? ") == "who is erdogan envoy"
    assert len(normalize_question("word " * 400)) <= 500
