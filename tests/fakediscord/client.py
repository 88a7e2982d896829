"""Run a real discord.py client against a `FakeDiscord` for the duration of a test.

`running_bot` does the wiring every end-to-end test needs and would otherwise repeat: it points
discord.py at the fake (restoring the previous endpoints afterwards), removes the 5 s sleep
discord.py's `before_identify_hook` does before every re-IDENTIFY, starts `bot.start()` as a task,
waits for READY on both sides, and on exit checks that the task is still alive (a malformed
gateway payload kills it silently) before closing the bot cleanly.
"""

# The public waits take `timeout=` (the API tests are written against), not asyncio.timeout().
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from typing import TypeVar

import discord
import discord.gateway
import discord.http

from bot.discordbot.endpoints import use_discord_endpoints

from .fake import FakeDiscord

T = TypeVar("T")


async def _identify_at_once(shard_id: int | None, *, initial: bool = False) -> None:
    return None


def assert_alive(task: asyncio.Task[None]) -> None:
    """Fail if the client task has ended (it only ends by itself on a fatal error)."""
    if task.done():
        error = None if task.cancelled() else task.exception()
        raise AssertionError(f"the discord.py client task has stopped: {error!r}") from error


async def until(awaitable: Awaitable[T], task: asyncio.Task[None], *, timeout: float, what: str) -> T:
    """Await `awaitable`, failing fast if the client task dies meanwhile."""
    waiter = asyncio.ensure_future(awaitable)
    done, _ = await asyncio.wait({waiter, task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    if waiter in done:
        return waiter.result()
    waiter.cancel()
    assert_alive(task)
    raise TimeoutError(f"timed out after {timeout}s waiting for {what}")


@asynccontextmanager
async def running_bot(
    bot: discord.Client, fake: FakeDiscord, *, timeout: float = 5.0
) -> AsyncIterator[asyncio.Task[None]]:
    """Start `bot` against `fake`, yield its task once ready, and close it cleanly afterwards."""
    previous = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    use_discord_endpoints(fake.api_base_url, fake.gateway_url)
    bot.before_identify_hook = _identify_at_once  # type: ignore[method-assign]
    task = asyncio.create_task(bot.start(fake.token), name=f"discord.py client {bot!r}")
    try:
        await until(fake.wait_until_ready(timeout=timeout), task, timeout=timeout, what="the bot to IDENTIFY")
        await until(bot.wait_until_ready(), task, timeout=timeout, what="the bot's READY")
        yield task
        assert_alive(task)
    finally:
        await bot.close()
        await asyncio.wait({task}, timeout=timeout)
        if not task.done():
            task.cancel()
        elif not task.cancelled():
            task.exception()  # retrieved: reported by assert_alive, not as "never retrieved"
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = previous
