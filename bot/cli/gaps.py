"""The console's unanswered questions, recorded in the bot's database as Discord's are.

`kb gaps` is the maintainers' to-do list: what members asked that the fact base could not answer.
A question asked at the console is as much a gap as one asked on Discord, so the console counts its
abstentions in the same table, under `CONSOLE` instead of a server id.  The database is optional
here: when it cannot be used the console says so once and keeps answering (a maintainer trying the
bot out must not be stopped by a missing folder).
"""

from __future__ import annotations

import asyncio
import logging
from types import TracebackType

from bot.engine import Answer
from bot.storage import CONSOLE, Database, FeedbackStore, StoreError
from bot.storage.database import reason

log = logging.getLogger(__name__)


class ConsoleGaps:
    """Counts each question the console could not answer; `problem` says why it cannot, if so."""

    def __init__(self, database_url: str) -> None:
        self.database = Database(database_url)
        self.store = FeedbackStore(self.database)
        self.loop = asyncio.new_event_loop()
        self.problem: str | None = None

    def __enter__(self) -> ConsoleGaps:
        try:
            self.loop.run_until_complete(self.database.start())
        except StoreError as exc:
            self.problem = str(exc)
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self.problem is None:
            self.loop.run_until_complete(self.database.close())
        self.loop.close()

    def record(self, answer: Answer) -> None:
        """Count an abstention (an answer, or an empty question, records nothing)."""
        if self.problem is not None or answer.answered or not answer.question.strip():
            return
        try:
            self.loop.run_until_complete(self.store.arecord_gap(answer.question, CONSOLE))
        except Exception as exc:  # the member still has their reply; say once that counting stopped
            self.problem = f"could not record an unanswered question: {reason(exc)}"
            log.debug("recording a console gap failed", exc_info=True)
