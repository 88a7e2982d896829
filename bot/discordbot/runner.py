"""`python -m bot run`: connect the bot to Discord and keep it running until stopped.

Three things a long-running process needs beyond `bot.run()`:

* **A clean stop.**  SIGTERM (`docker stop`) and SIGINT (Ctrl-C) close the gateway, the HTTP
  session and the database, and the process exits 0 — instead of being killed after Docker's grace
  period with the SQLite WAL left behind.
* **Surviving the client.**  discord.py lets an exception in its gateway event parsing (a malformed
  payload from a Discord-compatible server) end `bot.start()`.  The runner logs it, builds a fresh
  client on the same fact base and reconnects, waiting `first_delay` seconds, doubling up to
  `max_delay`; the wait starts over once a client has run for `settled_after` seconds.
* **Clear exit codes** when the bot cannot run: 2 without a token; 1 for a refused token or
  intent, an unusable database, or Discord unreachable at start-up.

Logging is configured once by the CLI, so discord.py is told not to add a second handler.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from pathlib import Path
from typing import Any

import aiohttp
import discord

from bot.discordbot.client import TalksBot, create_bot, load_knowledge
from bot.discordbot.endpoints import use_discord_endpoints
from bot.settings import Settings
from bot.storage import StoreError, check_database

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Runner:
    """Runs one bot at a time until stopped, replacing a client that died of an unexpected error."""

    def __init__(
        self,
        settings: Settings,
        knowledge_dir: Path | None = None,
        *,
        first_delay: float = 1.0,
        max_delay: float = 300.0,
        settled_after: float = 600.0,
        bot_options: dict[str, Any] | None = None,
    ) -> None:
        self.settings = settings
        self.knowledge = load_knowledge(settings, knowledge_dir)
        self.first_delay, self.max_delay, self.settled_after = first_delay, max_delay, settled_after
        self.bot_options = bot_options or {}
        self.bot: TalksBot | None = None
        self.restarts = 0
        self._stop = asyncio.Event()
        self._stopped_by = ""

    def stop(self, reason: str = "a stop request") -> None:
        self._stopped_by = self._stopped_by or reason
        self._stop.set()

    async def serve(self, token: str) -> int:
        """Run until `stop()` or a stop signal (exit code 0), or until the bot cannot run at all."""
        loop = asyncio.get_running_loop()
        installed = self._handle_signals(loop)
        try:
            return await self._serve(token, loop)
        finally:
            for sig in installed:
                loop.remove_signal_handler(sig)

    def _handle_signals(self, loop: asyncio.AbstractEventLoop) -> list[signal.Signals]:
        installed = []
        for sig in STOP_SIGNALS:
            try:
                loop.add_signal_handler(sig, self.stop, sig.name)
            except (ValueError, RuntimeError, NotImplementedError):
                # Only the main thread may handle signals (and not every platform can): a runner
                # started elsewhere, as in the tests, is stopped by calling `stop()` instead.
                continue
            installed.append(sig)
        return installed

    async def _serve(self, token: str, loop: asyncio.AbstractEventLoop) -> int:
        delay = self.first_delay
        while not self._stop.is_set():
            bot = self.bot = create_bot(self.settings, knowledge=self.knowledge, **self.bot_options)
            started = loop.time()
            client = asyncio.create_task(bot.start(token), name="discord client")
            stopping = asyncio.create_task(self._stop.wait(), name="stop signal")
            await asyncio.wait({client, stopping}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            if self._stop.is_set():
                log.info("stopping on %s: closing the gateway and the database", self._stopped_by)
                await self._close(bot, client)
                log.info("stopped cleanly")
                return 0
            error = client.exception() if not client.cancelled() else None
            await self._close(bot, client)
            if error is None:
                return 0
            code = refusal(error, ever_ready=bot.ready_once)
            if code is not None:
                return code
            if loop.time() - started >= self.settled_after:
                delay = self.first_delay
            self.restarts += 1
            log.error(
                "the Discord client stopped on an unexpected error (%s: %s); restarting it in %.0f s "
                "(restart %d)",
                type(error).__name__,
                error,
                delay,
                self.restarts,
                exc_info=error,
            )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), delay)
            delay = min(delay * 2, self.max_delay)
        log.info("stopping on %s before reconnecting", self._stopped_by)
        return 0

    @staticmethod
    async def _close(bot: TalksBot, client: asyncio.Task[None]) -> None:
        await bot.close()
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await client


def refusal(error: BaseException, *, ever_ready: bool) -> int | None:
    """The exit code when the bot cannot run (no point retrying), else None."""
    if isinstance(error, StoreError):
        log.error("%s", error)
        return 1
    if isinstance(error, discord.LoginFailure):
        log.error("Discord refused the token; check DISCORD_TOKEN")
        return 1
    if isinstance(error, discord.PrivilegedIntentsRequired):
        log.error(
            "Discord refused the Message Content intent: enable it for this application in the developer "
            "portal (Bot → Privileged Gateway Intents → Message Content Intent)"
        )
        return 1
    if isinstance(error, (aiohttp.ClientError, OSError)) and not ever_ready:
        log.error("cannot reach Discord at start-up: %s", error)
        return 1
    return None


def run_bot(settings: Settings, knowledge_dir: Path) -> int:
    """Run until stopped; the exit code says whether the bot could run."""
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        log.error("DISCORD_TOKEN is not set; `python -m bot chat` runs the console instead")
        return 2
    try:
        log.info("database %s is ready", asyncio.run(check_database(settings.database_url)))
    except StoreError as exc:
        log.error("%s", exc)
        return 1
    use_discord_endpoints(settings.discord_api_base_url, settings.discord_gateway_url)

    async def main() -> int:
        return await Runner(settings, knowledge_dir).serve(token)

    return asyncio.run(main())
