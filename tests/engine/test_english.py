"""The small wordfreq list (and the words at its edge) decide "at least this common" as the full list."""

from __future__ import annotations

import re

import pytest
from wordfreq import get_frequency_dict, zipf_frequency

from bot.engine.english import EDGE, SMALL_LIST_FLOOR, edge_words, zipf_at_least


def test_the_small_list_is_the_full_list_from_its_floor_up() -> None:
    small = get_frequency_dict("en", "small")
    full = get_frequency_dict("en", "large")
    assert all(full.get(word) == freq for word, freq in small.items())
    assert min(zipf_frequency(word, "en", wordlist="small") for word in small) == SMALL_LIST_FLOOR
    rarest_in_small = min(small.values())
    assert not [word for word, freq in full.items() if freq >= rarest_in_small and word not in small]


def test_the_edge_words_are_the_single_words_at_the_edge_missing_from_the_small_list() -> None:
    small = get_frequency_dict("en", "small")
    full = get_frequency_dict("en", "large")
    at_edge = {
        word
        for word in full
        if word not in small and re.fullmatch("[a-z]+", word) and zipf_frequency(word, "en") >= EDGE
    }
    assert at_edge == edge_words()


@pytest.mark.parametrize(
    "word",
    ["weather", "amending", "amazement", "aac", "Erdoğan", "medinsky", "delegashun", "U.S.", "2025",
     "Zelensky-Putin", "prisoners of war", "zzzq"],
)  # fmt: skip
@pytest.mark.parametrize("floor", [2.5, 3.0, 4.0])
def test_same_decision_as_the_full_list(word: str, floor: float) -> None:
    assert zipf_at_least(word, floor) == (zipf_frequency(word, "en") >= floor)
