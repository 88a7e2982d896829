"""The exchange store, on SQLite and on a real PostgreSQL: found by message and by thread, expiring."""

from __future__ import annotations

from bot.engine import Exchange
from bot.storage import Database, ExchangeStore

FIRST = Exchange("who led russia's delegation?", "entry", "russian-delegation-head-medinsky")
SECOND = Exchange("who else was on it", None, None)


async def test_an_exchange_is_found_by_message_and_by_channel_until_it_expires(database: Database) -> None:
    store = ExchangeStore(database)
    await store.arecord(11, 100, FIRST, keep_for=60, now=1000.0)
    await store.arecord(12, 100, SECOND, keep_for=60, now=1010.0)
    assert await store.aexchange(11, within=60, now=1030.0) == FIRST
    assert await store.alast_in(100, within=60, now=1030.0) == SECOND
    assert await store.aexchange(11, within=60, now=1061.0) is None, "expired"
    assert await store.alast_in(100, within=60, now=1061.0) == SECOND
    assert await store.aexchange(99, within=60, now=1030.0) is None
    await store.arecord(13, 200, FIRST, keep_for=60, now=1100.0)
    assert await store.aexchange(11, within=1000, now=1100.0) is None, "pruned when older than keep_for"


async def test_exchanges_survive_a_new_connection_and_take_64_bit_ids(database_url: str) -> None:
    snowflake = (1 << 63) - 1
    first = Database(database_url)
    await first.start()
    await ExchangeStore(first).arecord(snowflake, snowflake, FIRST, keep_for=60, now=1000.0)
    await first.close()
    again = Database(database_url)
    await again.start()
    try:
        assert await ExchangeStore(again).aexchange(snowflake, within=60, now=1001.0) == FIRST
    finally:
        await again.close()
