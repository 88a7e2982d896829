"""A bounded memo for checks the engine runs on every candidate of every question.

An engine's answers to them never change (one engine per fact base), so each is remembered; but
some keys vary without end (a slot holds the question's speakers and counted words), so a memo past
its size starts afresh rather than growing with every question asked.
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

MEMO_SIZE = 50_000  # entries remembered (each a few hundred bytes) before a memo starts afresh


class Memo(dict[K, V]):
    """A dict whose `put` starts afresh once it holds `size` entries.  Look up with `get`."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        super().__init__()
        self.size = size

    def put(self, key: K, value: V) -> V:
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value
