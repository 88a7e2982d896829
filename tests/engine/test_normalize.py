"""Normalisation is what lets 'Türkiye’s', 'turkiye' and 'Turkey' meet; both sides use it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.engine.normalize import Normalizer, fold, stem, words

ALIASES = [("turkey", ["türkiye", "turkiye"]), ("pow", ["prisoner of war", "prisoners of war"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Türkiye’s", ["turkiye"]),
        ("Erdoğan", ["erdogan"]),
        ("Dolmabahçe Palace!", ["dolmabahce", "palace"]),
        ("5,000 casualties", ["5000", "casualties"]),
        ("1,000 POWs", ["1000", "pows"]),
        ("30-day ceasefire", ["30", "day", "ceasefire"]),
        ("10pm", ["10", "pm"]),
        ("what did the US say", ["what", "did", "the", "usa", "say"]),
        ("tell us", ["tell", "we"]),  # the pronoun, read as a stopword
        # calling on someone to do something is urging them, a call on a day is a phone call
        ("did macron call on putin to accept", ["did", "macron", "urge", "putin", "to", "accept"]),
        ("the call on monday to discuss", ["the", "call", "on", "monday", "to", "discuss"]),
        ("", []),
        ("\x00\x1f\u202e", []),
    ],
)
def test_words(text, expected):
    assert words(text) == expected


def test_fold_strips_accents_and_case():
    assert fold("ATATÜRK Dolmabahçe İstanbul") == "ataturk dolmabahce istanbul"


@pytest.mark.parametrize(
    ("a", "b"),
    [("negotiations", "negotiating"), ("drones", "drone"), ("attended", "attend"), ("prisoners", "prisoner")],
)
def test_stem_joins_word_forms(a, b):
    assert stem(a) == stem(b)


def test_aliases_map_variants_and_phrases_to_the_canonical_token():
    normalizer = Normalizer(ALIASES)
    assert normalizer.content("Türkiye hosted") == normalizer.content("Turkey hosted")
    assert normalizer.content("prisoners of war swapped") == normalizer.content("POW swapped")


def test_the_us_in_lowercase_is_the_country_and_us_alone_the_pronoun():
    normalizer = Normalizer()
    assert normalizer.content("what did the us say") == ("usa",)
    assert "usa" not in normalizer.content("tell us about the talks")
    with_aliases = Normalizer([("usa", ["us", "united states"])])  # "us" one of the USA's variants
    for pronoun in ("tell us about the talks", "all of us in ukraine", "if trump could be with us"):
        assert "usa" not in with_aliases.content(pronoun), pronoun
    assert "usa" in with_aliases.content("who r the us envoys")


def test_an_alias_written_with_us_matches_the_capital_us_of_a_question():
    normalizer = Normalizer([("rubio", ["top us diplomat"])])
    assert normalizer.content("who is the top US diplomat") == ("rubio",)
    assert normalizer.content("who is the top us diplomat") == ("rubio",)


def test_content_drops_stopwords_and_question_words_but_keeps_months():
    normalizer = Normalizer()
    assert normalizer.content("Who was it that met in May?") == ("met", "may")


@given(st.text(max_size=300))
def test_normalisation_never_fails_and_yields_plain_tokens(text):
    normalizer = Normalizer(ALIASES)
    for token in normalizer.tokens(text):
        assert token
        assert token.isascii()
        assert " " not in token


def test_negotiators_are_people_and_negotiations_are_talks() -> None:
    """Snowball stems both "negoti": kept apart, "the negotiations" are not read as "the delegation"."""
    assert stem("negotiators") != stem("negotiations")
    assert stem("negotiator") == stem("negotiators")
