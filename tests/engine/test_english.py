"""The small wordfreq list decides "at least this common" exactly as the full list would."""

from __future__ import annotations

import pytest
from wordfreq import get_frequency_dict, zipf_frequency

from bot.engine.english import SMALL_LIST_FLOOR, zipf_at_least


def test_the_small_list_is_the_full_list_from_its_floor_up() -> None:
    small = get_frequency_dict("en", "small")
    full = get_frequency_dict("en", "large")
    assert all(full.get(word) == freq for word, freq in small.items())
    assert min(zipf_frequency(word, "en", wordlist="small") for word in small) == SMALL_LIST_FLOOR
    rarest_in_small = min(small.values())
    assert not [word for word, freq in full.items() if freq >= rarest_in_small and word not in small]


@pytest.mark.parametrize(
    "word",
    [
        "weather",
        "amending",
        "amazement",
        "Erdoğan",
        "Medinsky",
        "delegashun",
        "U.S.",
        "2025",
        "Zelensky-Putin",
    ],
)
@pytest.mark.parametrize("floor", [3.0, 4.0])
def test_same_decision_as_the_full_list(word: str, floor: float) -> None:
    assert zipf_at_least(word, floor) == (zipf_frequency(word, "en") >= floor)
