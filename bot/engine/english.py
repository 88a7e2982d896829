"""How common a word is in everyday English, from wordfreq, loading no more of it than needed.

wordfreq's full English list (321 000 words) takes 0.2 s and 33 MB to load; its "small" list
(29 000 words, 8 ms) holds exactly the words from Zipf 3.01 up, with the same frequencies (checked
in `tests/engine/test_english.py`).  Every question "is this word at least this common?" with a bar
above 3.0 is therefore answered exactly by the small list, and a bar at or below 3.0 needs the full
list only for a word the small list lacks: a misspelling, in practice.  wordfreq itself is imported
on first use, so a process that never asks pays nothing.
"""

from __future__ import annotations

SMALL_LIST_FLOOR = 3.01  # the rarest word in wordfreq's small English list, on the Zipf scale


def zipf_at_least(word: str, floor: float) -> bool:
    """Whether `word` is at least `floor` common on the Zipf scale (0..8; 3 is once per million words).

    The same answer as `wordfreq.zipf_frequency(word, "en") >= floor`, from the small list
    whenever that decides it.
    """
    from wordfreq import zipf_frequency

    small = zipf_frequency(word, "en", wordlist="small")
    if small >= floor or floor >= SMALL_LIST_FLOOR:
        return small >= floor
    return zipf_frequency(word, "en") >= floor
