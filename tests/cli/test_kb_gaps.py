"""`kb gaps`: every server's records, or one server's with --guild, from either backend."""

from __future__ import annotations

import asyncio

import pytest

from bot.cli import main
from bot.storage import Database, FeedbackStore


async def _record(url: str) -> None:
    database = Database(url)
    await database.start()
    store = FeedbackStore(database)
    for _ in range(3):
        await store.arecord_gap("What is the population of Istanbul?", 111)
    await store.arecord_gap("What is the weather in Ankara?", 222)
    await store.arecord_vote("entry", "talks-date", 222, up=False)
    await database.close()


def test_all_servers_then_one(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(_record(database_url))
    monkeypatch.setenv("DATABASE_URL", database_url)

    assert main(["kb", "gaps"]) == 0
    everything = capsys.readouterr().out
    assert "3×  what is the population of istanbul" in everything
    assert "1×  what is the weather in ankara" in everything
    assert "1 👎    0 👍  entry talks-date" in everything
    assert "Servers with records (filter with --guild ID): 111, 222" in everything

    assert main(["kb", "gaps", "--guild", "111"]) == 0
    one = capsys.readouterr().out
    assert "server 111" in one and "istanbul" in one
    assert "ankara" not in one and "talks-date" not in one
