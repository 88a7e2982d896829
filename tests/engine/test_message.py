"""From a chat message to the question in it: markup, filler, text-speak and sentences, as a table."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.engine.message import MessageReader, is_open_question, strip_markup, too_little
from bot.factbase import load_factbase
from bot.settings import PROJECT_ROOT

FACTBASE = load_factbase(PROJECT_ROOT / "knowledge")
READER = MessageReader(FACTBASE.language)


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("<@123456> who is rubio?", "who is rubio?"),
        ("<@!98765> <@&555> <#42> who is rubio?", "who is rubio?"),
        ("<# <@ who is rubio?", "who is rubio?"),  # mentions cut short
        ("@everyone who is rubio?", "who is rubio?"),
        ("@here who is rubio?", "who is rubio?"),
        ("who is rubio? <:thinking_face:12345> 🤔🇹🇷👍🏽", "who is rubio?"),
        ("**who** is __rubio__?", "who is rubio?"),
        ("||who is rubio||", "who is rubio"),
        ("`who is rubio`", "who is rubio"),
        ("```\nwho is rubio\n```", "who is rubio"),
        ("~~who~~ is *rubio*?", "who is rubio?"),
        ("who is \x1b[31mrubio\x1b[0m?", "who is rubio?"),  # terminal colours pasted with it
        ("\x1b]0;title\x07who is rubio?", "who is rubio?"),
        ("who is ru\u00adbio?", "who is rubio?"),  # a soft hyphen copied from a web page
        ("who is ru\u200bbio?", "who is rubio?"),
        ("hey bot 🙂 quick one, who led the russian delegation?", "who led the russian delegation?"),
        ("i'm new here, who led the russian delegation?", "who led the russian delegation?"),  # '
        ("i’m new here, who led the russian delegation?", "who led the russian delegation?"),  # ’
        ("ngl who led the russian delegation lol", "who led the russian delegation"),
        ("who led the russian delegation? asking for a friend", "who led the russian delegation?"),
        ("who led the russian delegation? thx in advance 🙏", "who led the russian delegation?"),
        ("wat r the names of the negotiators", "what are the names of the negotiators"),
        ("wen did u say the talks r", "when did you say the talks are"),
        ("how many ppl were swapped b4 the talks", "how many people were swapped before the talks"),
        ("y did putin want talks in da 1st place", "why did putin want talks"),  # filler once expanded
        ("gonna be honest idk who witkoff is", "who witkoff is"),
        ("where did the US hold talks", "where did the US hold talks"),
        ("wat was trump sayin abt goin to istanbul", "what was trump saying about going to istanbul"),
        (
            "is putin meetin zelensky within berlin",
            "is putin meeting zelensky within berlin",
        ),  # case kept: US is a country
        ("see https://example.org/x who is rubio?", "see who is rubio?"),
        ("how many drones were shot down, per the trump article", "how many drones were shot down"),
        ("per the TRT World article who led?", "who led?"),
        ("ayo what did peskov say tho", "what did peskov say though"),
        ("wat did the 2022 talks lead 2", "what did the 2022 talks lead to"),
        ("did putin come 2 the talks", "did putin come to the talks"),
        ("who r the envoys goin 2 turkey", "who are the envoys going to turkey"),
        ("wen did the russians get 2 istanbul", "when did the russians get to istanbul"),
        ("erdogans offer 2 putin was wat", "erdogans offer to putin was what"),
        ("wat r the memos from the 1st 2 rounds", "what are the memos from the first 2 rounds"),
        ("how many drones 2 days before", "how many drones 2 days before"),
        ("wat did macron call 4", "what did macron call for"),
        ("trump pushed 4 the talks", "trump pushed for the talks"),
        ("4 drones hit kyiv, asked 4 5 more", "4 drones hit kyiv, asked 4 5 more"),
        ("who did he tlk 2", "who did he talk to"),
        # Two letters of a small word swapped; a real word ("form") or a name stays as it is.
        ("belgorod shells fired how mnay", "belgorod shells fired how many"),
        ("hwo led the talks waht was the form", "who led the talks what was the form"),
        ("did Erdgoan host", "did Erdgoan host"),
        # A digit typed for a letter between letters; digits elsewhere stay.
        ("who is den1sov", "who is denisov"),
        ("the g7 summit in 2025", "the g7 summit in 2025"),
        # A tag at a statement's end goes, its question mark stays; in a question only after a comma.
        ("lavrov led the russians right?", "lavrov led the russians?"),
        ("putin came to istanbul, is that true?", "putin came to istanbul?"),
        ("russia sent 273 drones or not", "russia sent 273 drones?"),
        ("who led the russians, right?", "who led the russians?"),
        ("who is right?", "who is right?"),
        ("is ukraine right", "is ukraine right"),
        ("did trump say no?", "did trump say no?"),
        # A letter typed three times or more is one or two, whichever makes the commoner word.
        ("hiii, who is Podolyak?", "hi, who is Podolyak?"),
        ("sooo goooood, who led the russians", "so good, who led the russians"),
        ("were they face 2 face b4", "were they face to face before"),
        ("what is medinsky tryna achieve", "what is medinsky trying to achieve"),
        # A quoted line is the articles' words: no filler is taken out of it ("appreciate it").
        (
            "> All of us in Ukraine would appreciate it\nwho said that? lol",
            "All of us in Ukraine would appreciate it who said that?",
        ),
    ],
)
def test_a_message_is_read_as_its_question(message: str, question: str) -> None:
    assert READER.read(message).question == question


@pytest.mark.parametrize(
    ("message", "tidy"),
    [
        ("lol ok so <@123456789> and ukraine's?", "and ukraine's?"),
        ("when was that?", "when was that?"),  # nothing but cues: read() calls it too little
        ("hey bot 🙂 who else was there?? :flag_us:", "who else was there?"),
        ("**and** the us? <#42>", "and the us?"),
        ("is erdogan gonna host? and when", "is erdogan going to host? and when"),
    ],
)
def test_tidy_takes_away_markup_and_filler_but_no_question_word(message: str, tidy: str) -> None:
    assert READER.tidy(message) == tidy


@pytest.mark.parametrize(
    ("message", "first"),
    [
        (
            "my uncle says erdogan is neutral. is turkey close to both sides?",
            "is turkey close to both sides?",
        ),
        ("I read the TRT piece. Who led the Russian delegation? Thanks!", "Who led the Russian delegation?"),
        ("> erdogan is neutral\nis that true?", "is that true?"),
        ("ok so\nwho is rubio", "who is rubio"),
        ("**question**: where did the delegation land?", "where did the delegation land?"),
        ("sorry for the spam. last one: what did peskov say?", "what did peskov say?"),
    ],
)
def test_the_sentence_that_asks_is_tried_first(message: str, first: str) -> None:
    reading = READER.read(message)
    assert reading.sentences[0] == first
    assert reading.question in reading.sentences  # the whole message is always tried as well


@pytest.mark.parametrize(
    ("message", "tail"),
    [
        ("first time posting here what city hosts the talks?", "what city hosts the talks?"),
        ("just want to know who the kremlin spokesman is", "who the kremlin spokesman is"),
        ("not trying to start a fight. just want to know who's in charge", "who's in charge"),
        ("Igor Kostyukov — what's his job?", None),  # the question leans on what came before
        ("who led the delegation?", None),  # it opens with its question word
        ("since when has peskov been spokesman", None),  # "since when" is the question word
    ],
)
def test_a_question_starting_mid_sentence_is_also_tried_from_its_question_word(
    message: str, tail: str | None
) -> None:
    assert READER.read(message).tails == ((tail,) if tail else ())


@pytest.mark.parametrize(
    ("message", "little"),
    [
        ("v", True),
        ("2", True),
        ("??", True),
        ("lol", True),
        ("hi", True),
        ("", True),
        ("<@123>", True),
        ("the and of", True),
        ("ok k", True),
        ("you're wrong", True),  # talking to the bot, not asking about the talks
        ("good bot", True),
        ("thx bot", True),
        ("medinsky?", False),
        ("215", False),
        ("paris 2019", False),
        ("who is rubio", False),
    ],
)
def test_too_little_to_go_on(message: str, little: bool) -> None:
    assert READER.read(message).too_little is little


@pytest.mark.parametrize(
    ("question", "open_"),
    [
        ("what did rubio say in istanbul?", True),
        ("and who led the team", True),
        ("did putin attend?", False),
        ("is turkey close to both sides", False),
        ("saudi arabia", False),
        ("first direct talks since when?", True),
        ("before this week when were they last in direct talks", True),
        ("did they say when the talks start", False),
    ],
)
def test_open_questions_are_told_from_yes_no_ones(question: str, open_: bool) -> None:
    assert is_open_question(question) is open_


FACT_WORDS = sorted({w for e in FACTBASE.entries.values() for w in e.question.split()})
MARKUP = ["<@123>", "<@!9>", "<@&5>", "<#7>", "@everyone", "@here", "||", "**", "`", "> ", "🙂", "<:x:1>"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FACT_WORDS + MARKUP) | st.text(max_size=8), max_size=25))
def test_reading_any_message_keeps_no_discord_markup(parts: list[str]) -> None:
    reading = READER.read(" ".join(parts))
    for leftover in ("<@", "<#", "@everyone", "@here", "||", "**", "`", "🙂"):
        assert leftover not in reading.question
    assert all(s for s in reading.sentences)
    assert isinstance(reading.too_little, bool) and too_little(reading.question) is reading.too_little


def test_strip_markup_keeps_lines_for_sentence_splitting() -> None:
    assert strip_markup("**a**\n> b\n- c") == "a\nb\nc"
