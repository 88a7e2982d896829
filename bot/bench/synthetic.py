"""Synthetic fact bases of any size, made of varied copies of the real entries.

Copies reword each phrasing a little (a word dropped, two swapped, a filler added) so the index sees
realistic near-duplicates rather than identical strings; a copy's id keeps its origin after `--x`.
A rewording that comes out the same as an earlier one shares its string: at 100 000 entries the
1.3 M phrasings are 98 000 distinct texts, and one object per text keeps the fact base itself from
crowding the engine out of the benchmark's memory.
"""

from __future__ import annotations

import random
from dataclasses import replace

from bot.factbase import FactBase
from bot.factbase.models import Entry

FILLERS = ("exactly", "again", "officially", "reportedly", "still", "really", "actually", "then")
SEPARATOR = "--x"


def origin(entry_id: str) -> str:
    return entry_id.split(SEPARATOR, 1)[0]


def _vary(text: str, rng: random.Random) -> str:
    words = text.split()
    roll = rng.random()
    if len(words) > 3 and roll < 0.3:
        del words[rng.randrange(1, len(words))]
    elif len(words) > 2 and roll < 0.6:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    elif roll < 0.9:
        words.insert(rng.randrange(len(words) + 1), rng.choice(FILLERS))
    return " ".join(words)


def synthetic_factbase(real: FactBase, size: int, seed: int = 7) -> FactBase:
    """`size` entries: the real ones first, then varied copies, round robin."""
    rng = random.Random(seed)
    originals = list(real.entries.values())
    entries: dict[str, Entry] = {e.id: e for e in originals[:size]}
    texts: dict[str, str] = {}
    copy = 0
    while len(entries) < size:
        base = originals[copy % len(originals)]
        copy += 1
        new_id = f"{base.id}{SEPARATOR}{copy}"
        entries[new_id] = replace_entry(base, new_id, rng, texts)
    return replace(real, entries=entries, version=f"synthetic-{size}")


def replace_entry(base: Entry, new_id: str, rng: random.Random, texts: dict[str, str] | None = None) -> Entry:
    """A copy of `base` asked in slightly different words; `texts` shares equal rewordings."""
    texts = {} if texts is None else texts

    def vary(text: str) -> str:
        varied = _vary(text, rng)
        return texts.setdefault(varied, varied)

    return base.model_copy(
        update={
            "id": new_id,
            "question": vary(base.question),
            "alternatives": [vary(a) for a in base.alternatives],
        }
    )
