"""What an answer says its articles lack, and what kind of fact a question asks for."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.engine.normalize import Normalizer, is_content
from bot.engine.slots import slot_of
from bot.engine.unsaid import Asked, disclaimed, unsaid

NORMALIZER = Normalizer()


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "In Saudi Arabia. It names no city, date or participants, and no other article mentions it.",
            {"place", "town", "day", "person"},
        ),
        ("It does not say when or where he said it.", {"time", "day", "year", "place", "town"}),
        ("It names no town within the Donetsk region.", {"town"}),  # the region is given
        ("The report dates from mid-2025 and gives no date for the call.", {"day"}),
        ("TRT World reports the claim but does not say who he meant.", {"person"}),
        ("It dates the start of the war to 2022 (it gives no month or day).", {"day"}),
        # Qualified: what is given stays given.
        ("The article gives no exact date.", set()),
        ("It gives no more precise location than South Ukraine.", set()),
        ("The article gives no other casualty figures.", set()),
        # A thing, not a kind of fact; whether, not what.
        ("It does not name the deals that expired or say when.", set()),
        ("It does not say whether the exchange was carried out.", set()),
        ("Medinsky led the delegation.", set()),
    ],
)
def test_the_kinds_of_fact_an_answer_says_it_lacks(text, kinds):
    assert set(unsaid(text)) == kinds


def test_each_kind_comes_with_the_sentence_that_says_so():
    text = "Talks were held in Saudi Arabia. It names no city. Nobody knows more."
    assert unsaid(text) == {"place": "It names no city.", "town": "It names no city."}


def test_every_word_listed_as_lacking_is_disclaimed_up_to_the_end_of_the_list():
    text = "It names no surname and no outlet. It gives no date for the call. It gives no exact day."
    said = disclaimed(text, NORMALIZER.content)
    assert {"surnam", "outlet", "date"} <= set(said) and not {"call", "day", "exact"} & set(said)
    assert said["date"] == "It gives no date for the call."
    assert disclaimed("Only a byline; it gives no details of the terms.", NORMALIZER.content) == {
        "detail": "It gives no details of the terms."
    }
    # after question words comes what was discussed, not more that is missing: the summit is told
    assert set(disclaimed("It does not say when or where the summit would be held.", NORMALIZER.content)) == {
        "when",
        "where",
    }
    # a question word the reader drops as a stopword is still what the sentence says is missing
    assert set(disclaimed("It does not say where or when he said it.", NORMALIZER.content)) == {
        "where",
        "when",
    }


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("which saudi city tho", "place"),
        ("which town?", "town"),  # "names no town" leaves the region: "where" is still answered
        ("where did he say it would happen?", "place"),
        ("what date was that call?", "day"),
        ("what year was that?", "year"),
        ("when was that?", "time"),
        ("who's leading the american team there?", "person"),
        ("what was her name?", "person"),
        ("what is the name of the palace?", None),
        ("how many drones?", None),
        ("and ukraine's?", None),
    ],
)
def test_what_kind_of_fact_a_follow_up_asks(question, kind):
    normalizer = Normalizer()
    tokens = normalizer.tokens(question)
    assert Asked.of(tokens, slot_of(tokens, is_content)).kind == kind


@given(st.text(max_size=300))
def test_any_text_is_read_without_error_and_only_into_known_kinds(text):
    assert set(unsaid(text)) <= {"time", "day", "year", "place", "person"}
