"""How common a word is in everyday English, from wordfreq, without loading its full word list.

wordfreq's full English list (321 000 words) takes 0.2 s and 33 MB to load; its "small" list
(29 000 words, 8 ms) holds exactly the words from Zipf 3.01 up, with the same frequencies.  So "is
this word at least this common?" with a bar above 3.0 is answered exactly by the small list; at
exactly 3.0 (the engine's "a real English word, not a typo") a single word the small list lacks
passes only if the full list puts it at 3.0 too, and those 337 words are listed in
`zipf3_words.txt`.  `tests/engine/test_english.py` checks both facts against wordfreq.  wordfreq
itself is imported on first use.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SMALL_LIST_FLOOR = 3.01  # the rarest word in wordfreq's small English list, on the Zipf scale
EDGE = 3.0  # the Zipf value of the words in zipf3_words.txt
EDGE_WORDS = Path(__file__).with_name("zipf3_words.txt")
_ONE_WORD = re.compile(r"[a-z]+")  # wordfreq reads these as a single token, itself


@cache
def edge_words() -> frozenset[str]:
    lines = EDGE_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def zipf_at_least(word: str, floor: float) -> bool:
    """Whether `word` is at least `floor` common on the Zipf scale (0..8; 3 is once per million words).

    The same answer as `wordfreq.zipf_frequency(word, "en") >= floor`.
    """
    from wordfreq import zipf_frequency

    small = zipf_frequency(word, "en", wordlist="small")
    if small >= floor or floor >= SMALL_LIST_FLOOR:
        return small >= floor
    if floor == EDGE and _ONE_WORD.fullmatch(word):
        return word in edge_words()
    return zipf_frequency(word, "en") >= floor
