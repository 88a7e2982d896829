"""What a question asks for, and whether an answer's text holds it: a table."""

from __future__ import annotations

import pytest

from bot.engine.normalize import Normalizer, is_content
from bot.engine.slots import asked_noun, claims, contradiction, fills, gives, other_dates, slot_of

NORMALIZER = Normalizer([])


def _fills(question: str, text: str) -> bool | None:
    slot = slot_of(NORMALIZER.tokens(question), is_content)
    return None if slot is None else fills(slot, text, NORMALIZER.tokens)


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("how many drones were launched?", "Russia launched 273 drones.", True),
        ("how many drones were launched?", "Russia launched a record attack.", False),
        # "How many X" wants a number counting X.
        ("how many clashes were there on tuesday?", "Ukraine shot down 10 drones on Tuesday.", False),
        ("how many drones were shot down?", "Ukraine shot down 10 Russian attack drones.", True),
        ("how many days is the truce?", "Macron backed a 30-day ceasefire.", True),
        # A rate's unit is not what is counted: civilians per week, not weeks.
        ("how many civilians die per week?", "The war causes 5,000 military casualties per week.", False),
        ("how many prisoners were swapped?", "They agreed to swap 1,000 prisoners each.", True),
        ("how many were swapped?", "They agreed to swap 1,000 each.", True),
        ("how many times did they call?", "They spoke in 2025, some time after June.", False),  # a year
        ("when did they meet?", "They met weeks later.", True),
        ("which issue came up when they spoke?", "They spoke of Syria.", None),  # "when": a conjunction
        ("so when did they speak, and about what?", "They spoke of Syria.", False),
        ("what date did they meet?", "They met weeks later.", False),
        ("what date did they meet?", "TRT World (Thursday 15 May 2025) reports that they met.", False),
        ("what date did they meet?", "By 15 May 2025, before the talks, they met.", False),
        ("what date did they meet?", "They met on Thursday 15 May 2025.", True),
        ("what was the date of the kursk attack?", "Ukraine attacked Kursk months earlier.", False),
        ("what exact date in december 2019 did they meet?", "They met in December 2019.", False),
        ("what exact date in december 2019 did they meet?", "They met on 9 December 2019.", True),
        ("in which month was the ceasefire proposed?", "It was proposed for Monday night.", False),
        ("what was the exact time the ceasefire began?", "It began on Monday night.", False),
        ("in which month was the ceasefire proposed?", "It was proposed on 12 May.", True),
        ("what's the first time since then they met?", "They met in 2019.", None),
        # Asked whether it really happened: an expectation or a plan does not say; a report or a denial does.
        ("did witkoff actually make it to istanbul?", "Witkoff was expected to arrive on Friday.", False),
        ("did trump actually fly to istanbul?", "Trump said he was thinking about flying over.", False),
        ("did the envoys actually arrive?", "The envoys arrived on Friday.", True),
        ("did putin really go?", "No - Putin did not attend.", True),
        # Asked word for word: only a quotation will do.
        ("what did meloni say, word for word?", "Meloni called for an unconditional ceasefire.", False),
        ("any quotes from peskov?", "Peskov said Russia wants \u201ca long-term settlement\u201d.", True),
        ("why is denisov quoted everywhere?", "Denisov is an analyst.", None),
        # Words said by the one asked about, not words said about them.
        ("what did rubio say?", "Trump confirmed that Rubio would attend.", False),
        ("what did putin say?", "The Kremlin had not said whether Putin would travel.", False),
        ("what did trump say?", "Zelenskyy welcomed Trump's idea, saying it was right.", False),
        ("what did peskov say?", "Peskov told reporters it was serious.", True),
        ("what did peskov say?", "\u201cWe are ready,\u201d said Kremlin spokesman Dmitry Peskov.", True),
        ("what date did they meet?", "They met on 16 May 2025.", True),
        ("which day did they meet?", "They met on Friday.", True),
        # The day an article was written is not the day something happened.
        ("what day will trump call him?", "An article of Tuesday 13 May 2025 says Trump will call.", False),
        ("when did the delegation land?", "It landed as of Tuesday 13 May 2025, per the article.", False),
        ("on what exact day did the war start?", "The war started in 2022.", False),
        ("what year was the grain deal?", "The grain deal was agreed in July 2022.", True),
        ("what year was the grain deal?", "The grain deal was agreed in July.", False),
        ("what time did the plane land?", "The plane landed on Thursday morning.", False),
        ("what time of day did the plane land?", "The plane landed on Thursday morning.", True),
        ("what time did the plane land?", "The plane landed on Thursday.", False),
        ("what time did the plane land?", "The plane landed at 10:30 local time.", True),
        (
            "what time did the monday night ceasefire start?",
            "A ceasefire for Monday night was ignored.",
            False,
        ),
        ("what date in june was the second round?", "Talks on Thursday 15 May, then in early June.", False),
        ("what date in june was the second round?", "The second round was on 2 June.", True),
        ("how old is medinsky?", "Medinsky, a former culture minister, led the team.", False),
        # An amount of money, not any number (a date, a count).
        ("how much is the us spending on the talks?", "The US hosted talks on 18 February 2025.", False),
        ("how much did the talks cost?", "The talks cost $2 million.", True),
        ("how long did the call last?", "The call lasted two hours.", True),
        ("how long since putin and zelensky met?", "They last met in Paris in 2019.", True),  # since when
        ("how long did the call last?", "Erdogan called Putin on Sunday.", False),
        (
            "how long did the call last?",
            "Written two days before the talks.",
            False,
        ),  # a when, not a how long
        (
            "when did umerov become defence minister?",
            "Umerov is defence minister, in Istanbul on 15 May.",
            False,
        ),
        ("when did umerov become defence minister?", "Umerov was appointed in September 2023.", True),
        # "What did X say" wants a sentence naming X that reports speech (read loosely: here Trump speaks).
        ("what did witkoff say?", "Trump said Witkoff would attend.", True),
        ("what did witkoff say?", "Witkoff and Kellogg arrived in Istanbul.", False),
        ("what did kellogg say?", "Trump said Witkoff would attend.", False),
        (
            "what did denisov say russia would propose?",
            "According to Denisov, the delegation reflects continuity. He said Russia would propose it.",
            True,
        ),
        ("what did he say?", "Peskov said nothing.", True),
        (
            "what did zhovkva say?",
            "The negotiators include Ihor Zhovkva. Zelenskyy said the team would include his office.",
            False,
        ),  # "his" far into a sentence where someone else speaks
        ("what did medvedchuk say?", "TRT World counts Medvedchuk among them. It says nothing more.", False),
        ("what did the trt article say?", "TRT World says Istanbul was chosen.", True),  # the article speaks
        (
            "what did trump say about erdogan?",
            'Trump was optimistic. TRT World quotes him: "Erdogan will be a great host."',
            True,
        ),  # quoted through "him"
        ("what did rubio say when he got to turkey?", "Rubio was due to attend, as Trump made known.", False),
        (
            "when did trump say he would go?",
            "On Tuesday Trump said he might fly.",
            True,
        ),  # no speaker named: any speech
        ("who led the delegation?", "Medinsky led it.", None),  # no slot: anything answers
        (
            "what did ukraine say about the offer?",
            "Erdogan offered to host Russia–Ukraine talks; his office said Turkey stands ready.",
            False,
        ),  # a side named in a compound is not one speaking
        ("how many russian soldiers died?", "Ukraine destroyed all 10 drones Russia launched.", False),
        ("how many russians went back?", "215 Ukrainians for 55 Russians.", True),
        ("what was the exact ceasefire start date agreed?", "A ceasefire deal was made in May.", False),
        ("what was the exact ceasefire start date agreed?", "It began on 12 May.", True),
    ],
)
def test_a_slot_is_filled_only_by_what_it_asks_for(question: str, text: str, expected: bool | None) -> None:
    assert _fills(question, text) is expected


@pytest.mark.parametrize(
    ("wrong", "text", "right"),
    [
        (["sunday"], "On Monday 12 May 2025 there were 133 clashes.", ["Monday"]),
        (["april", "juli"], "The rounds were in May and June 2025.", ["May", "June"]),
        (["2023"], "The Black Sea Grain Initiative came out of the 2022 talks.", ["2022"]),
        # The day an article was written is no day of what it reports; "may" as a verb is no month.
        (["sunday"], "An article written on Tuesday 13 May 2025 says 133 clashes.", None),
        (["april"], "Russia may send a delegation.", None),
        (["istanbul"], "The talks were in Istanbul on Friday.", None),
    ],
)
def test_other_dates_are_what_the_text_gives_in_place_of_a_wrong_one(
    wrong: list[str], text: str, right: list[str] | None
) -> None:
    assert other_dates(wrong, text) == right


@pytest.mark.parametrize(
    ("question", "claimed"),
    [
        ("why did they agree to swap 2000 pows", ["2000"]),
        ("what happened in the 2022 prisoner swap", []),
        ("who was freed in the september 2022 prisoner exchange", []),
    ],
)
def test_a_year_like_number_is_a_claimed_count_only_before_what_it_counts(
    question: str, claimed: list[str]
) -> None:
    tokens = Normalizer().tokens(question)
    assert [number for number, _ in claims(tokens, is_content)] == claimed


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("which party does medvedchuk lead?", "parti"),
        ("which saudi city are the talks held in", "citi"),
        ("what did putin say", None),
        ("who led the russian delegation", None),
    ],
)
def test_a_what_or_which_question_asks_for_the_noun_after_it(question: str, asked: str | None) -> None:
    assert asked_noun(Normalizer().tokens(question), is_content) == asked


def test_a_number_given_for_what_a_claim_counts_and_a_day_of_a_month_that_counts_nothing():
    tokens = NORMALIZER.tokens
    text = "On Wednesday 14 May 2025, the day before, Putin approved it. Russia launched 273 drones."
    assert gives(("273", frozenset({"drone"})), text, tokens)
    assert not gives(("14", frozenset({"day"})), text, tokens)  # a date, not fourteen days
    assert contradiction(("300", frozenset({"drone"})), text, tokens) == "273"
    assert contradiction(("273", frozenset({"drone"})), text, tokens) is None


@pytest.mark.parametrize(
    ("question", "speech"),
    [
        ("what did peskov say?", True),
        ("did umerov say anything at the table?", True),
        ("what did ankara say it was ready to organise?", False),  # asks what it was ready to organise
        ("under what condition did zelenskyy say he would attend?", False),
    ],
)
def test_words_said_are_asked_for_unless_a_clause_after_the_verb_is_what_is_asked(question, speech):
    slot = slot_of(NORMALIZER.tokens(question), is_content)
    assert (slot is not None and slot.name == "speech") is speech
