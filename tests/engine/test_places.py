"""Which places a question or an answer names, and which one a statement gets wrong: a table."""

from __future__ import annotations

import pytest

from bot.engine.normalize import Normalizer
from bot.engine.places import Places

NORMALIZER = Normalizer([("turkey", ["türkiye"]), ("south", ["southern"])])
PLACES = Places(
    {
        "capital": ["Ankara (Türkiye)", "Kyiv"],
        "city": ["Istanbul (Türkiye)", "Antalya (Türkiye)", "Paris (France)"],
        "country": ["Türkiye", "France", "Saudi Arabia"],
        "region": ["South Ukraine", "North Ukraine"],
    },
    NORMALIZER,
)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("the talks were in antalya", {"Antalya": "city"}),
        ("the attack hit southern ukraine", {"South Ukraine": "region"}),  # read as the question is
        ("they met in ankara", {"Ankara": "city"}),  # a capital where something happens is a city
        ("ankara wants a summit", {}),  # ... and otherwise its government
        ("kyiv's team went to istanbul in türkiye", {"Istanbul": "city", "Türkiye": "country"}),
        ("saudi arabia hosted them", {"Saudi Arabia": "country"}),
        ("who led the russian delegation", {}),
    ],
)
def test_places_named(text: str, named: dict[str, str]) -> None:
    assert PLACES.named(NORMALIZER.tokens(text)) == named


@pytest.mark.parametrize(
    ("asked", "given", "swap"),
    [
        ({"Antalya": "city"}, {"Istanbul": "city", "Türkiye": "country"}, ("Antalya", "Istanbul")),
        ({"Saudi Arabia": "country"}, {"Türkiye": "country"}, ("Saudi Arabia", "Türkiye")),
        ({"Türkiye": "country"}, {"Istanbul": "city"}, None),  # Istanbul lies in Türkiye: not wrong
        ({"Antalya": "city"}, {"Istanbul": "city", "Paris": "city"}, None),  # which one is meant?
        ({"Antalya": "city"}, {"France": "country"}, None),  # no city to put in its place
        ({"Istanbul": "city"}, {"Istanbul": "city"}, None),  # nothing wrong
    ],
)
def test_the_place_a_statement_gets_wrong(
    asked: dict[str, str], given: dict[str, str], swap: tuple[str, str] | None
) -> None:
    assert PLACES.swapped(asked, given) == swap
