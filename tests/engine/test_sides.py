"""Which side does what: a question that swaps the attacker, or asks about a delegation the articles
never name, is a near miss, not the neighbouring answer."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.engine.normalize import Normalizer
from bot.engine.sides import attackers, delegations, swapped
from bot.factbase import load_factbase
from bot.settings import PROJECT_ROOT

READ = Normalizer().tokens


@pytest.mark.parametrize(
    ("text", "attacking"),
    [
        ("Russia deployed 273 offensive drones in its Sunday-morning attack", {"russia"}),
        ("how many drones did ukraine launch at russia on sunday", {"ukraine"}),
        ("Gladkov said Ukrainian forces used 65 drones and fired over 100 rounds", {"ukraine"}),
        ("Russia claimed Ukraine had launched drone and artillery attacks on Belgorod", {"ukraine"}),
        ("russia was attacked by ukraine", {"ukraine"}),
        ("kyiv's drones struck the kremlin", {"ukraine"}),
        # Shooting drones down is defence: the drones are the attacker's.
        ("Ukraine's air force said it shot down 10 of Russia's drones", {"russia"}),
        ("how many drones did ukraine shoot down on tuesday", set()),
        # A delegation sent is no attack; a passive subject is no attacker.
        ("who did russia send to istanbul", set()),
        ("was russia attacked on sunday", set()),
    ],
)
def test_the_attacking_side_is_read_from_the_sentence(text: str, attacking: set[str]) -> None:
    assert attackers(READ(text)) == attacking


def test_a_swap_is_only_a_single_named_attacker_missing_from_the_answer() -> None:
    assert swapped(frozenset({"ukraine"}), frozenset({"russia"})) is not None
    assert swapped(frozenset({"russia"}), frozenset({"russia"})) is None
    assert swapped(frozenset({"russia", "ukraine"}), frozenset({"russia"})) is None
    assert swapped(frozenset({"ukraine"}), frozenset()) is None


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_factbase(PROJECT_ROOT / "knowledge"))


@pytest.mark.parametrize(
    ("question", "right"),
    [
        ("how many drones did ukraine launch at russia on sunday", "Russia attacking, not Ukraine"),
        ("how many rounds did russia fire at belgorod", "Ukraine attacking, not Russia"),
    ],
)
def test_a_swapped_attacker_abstains_and_says_who_attacked(engine: Engine, question: str, right: str) -> None:
    answer = engine.answer(question)
    assert not answer.answered
    assert right in (answer.notice or "")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("how many drones did russia launch on sunday", "273"),
        ("how many rounds did ukraine fire at belgorod", "100"),
        ("how many drones did ukraine shoot down on tuesday", "10"),
    ],
)
def test_the_attacker_the_articles_report_is_answered(engine: Engine, question: str, fact: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and fact in answer.text


@pytest.mark.parametrize(
    ("text", "owners"),
    [
        ("Russia's four-member delegation was led by Medinsky", {"russia"}),
        ("Russia sent a delegation; the Ukrainian delegation was led by Umerov", {"russia", "ukraine"}),
        ("who led the turkish delegation", {"turkey"}),
        ("a delegation met in Istanbul with Russia", set()),
    ],
)
def test_whose_delegation_is_read_from_the_country_before_it(
    engine: Engine, text: str, owners: set[str]
) -> None:
    assert delegations(engine.normalizer.tokens(text)) == owners


def test_a_delegation_the_articles_never_name_is_a_near_miss(engine: Engine) -> None:
    answer = engine.answer("who led the turkish delegation in istanbul")
    assert not answer.answered
    assert "no Turkish delegation" in (answer.notice or "")
    assert not engine.answer("who led the turkish delegation at the talks").answered
    assert engine.answer("who led the russian delegation").answered


def test_a_statement_swapping_the_attacker_is_corrected_with_the_attack_reported(engine: Engine) -> None:
    answer = engine.answer("ukraine launched 273 drones at russia on sunday?")
    assert answer.answered and answer.tier == "likely" and "273" in answer.text
    assert "Russia attacking, not Ukraine" in (answer.notice or "")
