"""Two processes hammering the same counters lose nothing, on SQLite and on PostgreSQL.

Each process (as two bot processes on different shards would) runs WRITES upserts on the same gap
and the same vote counters, CONCURRENCY at a time; afterwards every count is there.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from typing import Any

from bot.storage import Database, FeedbackStore

PROCESSES = 2
WRITES = 1500  # per process, split between the gap and the vote counters: 3 000 in all
CONCURRENCY = 25


async def _hammer(url: str) -> float:
    database = Database(url)
    await database.start()
    store = FeedbackStore(database)
    semaphore = asyncio.Semaphore(CONCURRENCY)

    async def write(i: int) -> None:
        async with semaphore:
            if i % 2:
                await store.arecord_gap("Who won the talks?", guild_id=7)
            else:
                await store.arecord_vote("entry", "talks-date", 7, up=i % 4 == 0)

    try:
        started = time.perf_counter()
        await asyncio.gather(*(write(i) for i in range(WRITES)))
        return time.perf_counter() - started
    finally:
        await database.close()


def _process(url: str, go: Any, results: Any) -> None:
    go.wait()  # every process starts writing at once
    try:
        results.put(("ok", asyncio.run(_hammer(url))))
    except BaseException as exc:
        results.put((repr(exc), 0.0))


async def test_two_processes_lose_no_count(database_url: str) -> None:
    database = Database(database_url)
    await database.start()  # the schema exists; the processes race on the counters only
    context = multiprocessing.get_context("spawn")
    go, results = context.Event(), context.Queue()
    children = [context.Process(target=_process, args=(database_url, go, results)) for _ in range(PROCESSES)]
    for child in children:
        child.start()
    go.set()
    loop = asyncio.get_running_loop()
    outcomes = [await loop.run_in_executor(None, results.get, True, 120) for _ in children]
    for child in children:
        await loop.run_in_executor(None, child.join, 30)
    print("seconds per process:", [f"{seconds:.2f}" for _, seconds in outcomes])
    assert [status for status, _ in outcomes] == ["ok"] * PROCESSES

    store = FeedbackStore(database)
    [gap] = await store.atop_gaps()
    [vote] = await store.amost_disliked()
    await database.close()
    assert gap.count == PROCESSES * WRITES // 2
    assert vote.up + vote.down == PROCESSES * WRITES // 2
    assert vote.up == PROCESSES * WRITES // 4
