"""Collect ERROR-level log records during a test.

discord.py only *logs* exceptions raised in app commands, views and event handlers (the client
keeps running), so a test that does not look at the log passes with a broken command.  The
`fail_on_error_logs` fixture installs an `ErrorLogs` handler and fails the test on leftovers.
"""

from __future__ import annotations

import asyncio
import logging
import re


class ErrorLogs(logging.Handler):
    """Collects ERROR+ records; a test may `take()` (or `wait_for()`) the ones it expects."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []
        self._listeners: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        for loop, event in list(self._listeners):
            loop.call_soon_threadsafe(event.set)

    async def wait_for(self, pattern: str, *, within: float = 5.0) -> list[logging.LogRecord]:
        """Wait until a record matching `pattern` is logged, then `take()` it."""
        async with asyncio.timeout(within):
            while True:
                event = asyncio.Event()
                listener = (asyncio.get_running_loop(), event)
                self._listeners.append(listener)
                try:
                    taken = self.take(pattern)
                    if taken:
                        return taken
                    await event.wait()
                finally:
                    self._listeners.remove(listener)

    def take(self, pattern: str) -> list[logging.LogRecord]:
        """Remove and return the records whose message matches `pattern` (a regex)."""
        taken = [r for r in self.records if re.search(pattern, r.getMessage())]
        self.records = [r for r in self.records if r not in taken]
        return taken
