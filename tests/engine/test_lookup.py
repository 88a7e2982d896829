"""The name/topic matching behind /who and /timeline autocomplete."""

from __future__ import annotations

import pytest

from bot.engine.lookup import find_person, match_people, match_topics
from bot.factbase import FactBase, load_factbase
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def factbase() -> FactBase:
    return load_factbase(PROJECT_ROOT / "knowledge")


@pytest.mark.parametrize(
    ("typed", "person_id"),
    [
        ("medinsky", "vladimir-medinsky"),
        ("Medinski", "vladimir-medinsky"),
        ("erdogan", "recep-tayyip-erdogan"),
        ("ERDOĞAN", "recep-tayyip-erdogan"),
        ("zelensky", "volodymyr-zelenskyy"),
        ("zel", "volodymyr-zelenskyy"),
        ("Rubio", "marco-rubio"),
    ],
)
def test_people_match_fuzzily_after_folding(factbase: FactBase, typed: str, person_id: str) -> None:
    assert match_people(factbase, typed)[0].id == person_id


def test_find_person_by_id_by_name_or_not_at_all(factbase: FactBase) -> None:
    assert find_person(factbase, "marco-rubio").name == "Marco Rubio"
    assert find_person(factbase, "Putin").id == "vladimir-putin"
    assert find_person(factbase, "Napoleon Bonaparte") is None


def test_empty_query_lists_people_up_to_the_limit(factbase: FactBase) -> None:
    assert len(match_people(factbase, "", limit=25)) == min(25, len(factbase.people))


def test_topics(factbase: FactBase) -> None:
    topics = factbase.topics()
    assert match_topics(topics, "") == topics[:25]
    assert match_topics(topics, "pris")[0] == "prisoners"
    assert "third-round" in match_topics(topics, "third")
    assert match_topics(topics, "zzzz") == []
