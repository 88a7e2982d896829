"""What kind of fact a question wants, and whether an answer's text holds one.

"How many…" wants a number, "when…" a time, "what date…" a day of a month, "how old…" an age, "what
did Rubio say…" words *Rubio* said.  A text without one does not answer the question however many of
its words it shares ("what did Witkoff say after the talks?" is not answered by "Witkoff and Kellogg
arrived in Istanbul", nor by a text where only others speak).  Who speaks is read loosely: a sentence
that names the speaker and reports speech counts, even when someone else is the one speaking.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.engine.normalize import stem
from bot.engine.sides import NATIONS
from bot.wording import MONTHS, WEEKDAYS

_MONTH = "|".join(MONTHS)
_DAY_MONTH = re.compile(rf"\b\d{{1,2}} (?:{_MONTH})\b")
_MONTHS = {stem(m.lower()): m for m in MONTHS}  # as the normaliser reads them: "decemb" -> December
_NUMBER_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?"
_NUMBER_WORD = re.compile(rf"(?:{_NUMBER_WORDS}|several|dozen|hundr\w*|thousand\w*)")
NUMBER = re.compile(rf"\d|\b(?:{_NUMBER_WORDS}|several|all|none|no|single)\b", re.IGNORECASE)
DATE = re.compile(
    rf"\b(?:1[89]\d\d|20\d\d|{_MONTH}|{'|'.join(WEEKDAYS)}|today|tomorrow|"
    r"yesterday|morning|night|weeks?|months?|years?|days?|hours?|earlier|later|before|after|since|"
    r"undated)\b",
    re.IGNORECASE,
)
# "What date…", "which day…": a day of a month or a weekday, not "weeks later".
DAY = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})|(?:{_MONTH})\s+\d{{1,2}}\b|{'|'.join(WEEKDAYS)}|"
    r"\d{4}-\d\d-\d\d|today|tomorrow|yesterday)",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
MONTH = re.compile(rf"\b(?:{_MONTH})\b")  # capitalised: "may" the verb is no month
CLOCK = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|\b\d{1,2}:\d\d\b|o'clock|local time|"
    r"\b(?:noon|midnight|midday)\b",
    re.IGNORECASE,
)
# "What time of day": a part of the day answers it too ("on Thursday morning"); "what time" wants a clock.
TIME_OF_DAY = re.compile(
    CLOCK.pattern + r"|\b(?:morning|afternoon|evening|night|overnight|dawn|dusk)\b", re.IGNORECASE
)
AGE = re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged?\s+\d{1,3}\b|\bborn\b", re.IGNORECASE)
DURATION = re.compile(
    rf"\b(?:\d+|{_NUMBER_WORDS}|a|an|several|few)[- ](?:minutes?|hours?|days?|weeks?|months?|years?)\b"
    r"(?!\s+(?:before|after|earlier|later|ago|since|into|on)\b)",  # "two days before the talks": a when
    re.IGNORECASE,
)
# "How much is the US spending…": an amount of money.
MONEY = re.compile(
    r"[$€£]\s?\d|\b\d[\d,.]*\s*(?:dollars|euros|pounds|million|billion|bn)\b|\b(?:million|billion)\b",
    re.IGNORECASE,
)
_MONEY_WORDS = frozenset(
    {"spend", "spent", "cost", "paid", "pay", "fund", "money", "dollar", "budget", "euro"}
)
# "When did Umerov become defence minister", "since when has Peskov been spokesman": when something
# began, which a date of something else does not answer.
SINCE = re.compile(
    r"\b(?:became|become|becomes|appointed|named as|since|took office|sworn in|in office)\b", re.IGNORECASE
)
SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|stated|wrote|writes|warned|urged|stressed|emphasi[sz]ed|noted|"
    r"insisted|announced|declared|claimed|described|called|accused|argued|added|posted|praised|"
    r"criticised|criticized|promised|offered|confirmed|denied|remarked|suggested|proposed|quotes|quoted|quoting)\b|[“”\"]",
    re.IGNORECASE,
)
# "What did Meloni say, word for word?", "any quotes?": the answer must quote them.
QUOTE = re.compile(r"[“”\"]")
# Word pairs asking for words verbatim; "quoted" alone does not ("the expert TRT World quoted").
_VERBATIM = frozenset(
    {
        ("word", "for"),
        ("exact", "word"),
        ("own", "word"),
        ("direct", "quot"),
        ("exact", "quot"),
        ("any", "quot"),
    }
    | {("quot", "from"), ("a", "quot"), ("the", "quot")}
)
_QUOTE_WORDS = frozenset({"verbatim"})
# "Did Witkoff actually make it to Istanbul?" asks whether it happened: an answer saying only that it
# was expected, planned or offered ("were expected to arrive on Friday") does not say.  It must report
# it done, or not done.
HAPPENED = re.compile(
    r"\b(?:arrived|attended|met|landed|flew|went|came|visited|joined|travell?ed|signed|agreed|happened|"
    r"took (?:place|effect|part)|(?:was|were) held|began|started|ended|showed up|turned up|ignored|"
    r"did not|didn't|was not|were not|never|no)\b",
    re.IGNORECASE,
)
_DID = frozenset({"did", "has", "have"})
_ACTUALLY = frozenset({"actually", "really", "ever", "actual"})
_ACTUALLY_PAIRS = frozenset(
    {("make", "it"), ("made", "it"), ("end", "up"), ("take", "effect"), ("go", "ahead")}
)
_WHEN_SLOTS = frozenset({"date", "day", "month", "year", "clock"})
_EXACT_SLOTS = frozenset(
    {"day", "month", "year", "clock", "age", "duration", "since", "quote", "happened", "money"}
)
ASKED_WORDS = 2  # "which saudi city": a word saying which kind, then what is asked for
WH_REACH = 4  # words from "what"/"which" to what it asks for: "what was the exact time"
# Words that may stand between: "what exact day", "which specific year", "what was the date".
_WH_FILLER = frozenset({"was", "is", "the", "s", "exact", "specif", "precis", "actual"})
_BECOME = frozenset({"becom", "becam", "appoint"})  # tokens as the normaliser stems them
_FULL_DATE = rf"(?:(?:{'|'.join(WEEKDAYS)})\s+)?\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}}"
_REPORTING_DATE = re.compile(
    rf"\b(?:(?:article|piece|report)\s+(?:written\s+on|of|dated|published\s+on)|written\s+on|as\s+of)"
    rf"\s+{_FULL_DATE}|\(the day [^)]*written\)"
    # "TRT World (Thursday 15 May 2025) reports…", "(writing on …)", "(reported on …)": when it was told.
    rf"|(?<=World)\s*\([^)]*\d{{4}}\)|\((?:writing|written|reported)\s+(?:on|in)\s[^)]*\)",
    re.IGNORECASE,
)
_BOUND_DATE = re.compile(rf"\b(?:by|before|after|until|till)\s+(?:the\s+)?{_FULL_DATE}", re.IGNORECASE)
_ATTRIBUTION = re.compile(
    r"\b(?:it|article|articles|report|piece|world|outlet|byline\s+\W?liam\W?)\s+(?:\w+\s+)?"
    r"(?:says|said|writes|wrote|notes|noted|reports|reported|adds|added)\b",
    re.IGNORECASE,
)
# "What did the peace summit *piece* say": the article is the speaker asked about (tokens).
_ARTICLE_WORDS = frozenset({"articl", "piec", "report", "outlet", "trt", "world", "liam", "bylin", "headlin"})
# Question tokens (normalised: "says" -> "say") that ask for someone's words.
SPEECH_VERBS = frozenset({"say", "said", "tell", "told", "write", "wrote", "post", "claim", "add"})
_AUXILIARIES = frozenset({"did", "do", "doe", "does"})
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
TEXTS = 32768  # answer texts and sentences whose reading is remembered (each a few hundred bytes)
_POSSESSIVE_WORD = re.compile(r"\b\w+['’]s\b")
_COMPOUND = re.compile(r"\b\w+[–-]\w+\b")
INVERTED_WINDOW = 5  # words after "said" where its speaker may stand: "said Kremlin spokesman Dmitry Peskov"
PRONOUN_WINDOW = 4  # words at a sentence's start where "he"/"him" stands for the one named before
COUNT_WINDOW = 4  # words after a number that may name what it counts ("273 Russian attack drones")
# Words after "how many" that say how it is counted, not what: "how many days long", "how many total".
_COMPLEMENT = frozenset({"that", "whether", "if"})
_ASKING = frozenset({"what", "which", "who", "whom", "whose", "where", "how", "why"})
_A_YEAR = re.compile(r"(?:19|20)\d\d")
_PER = frozenset({"per", "week", "day", "month", "year", "hour", "night"})  # a rate's unit, after the count
_NOT_COUNTED = frozenset({"long", "old", "more", "exact", "total", "rough", "approxim"})
_PRONOUNS = frozenset({"he", "she", "they", "his", "her", "their", "him", "them"})


@dataclass(frozen=True)
class Slot:
    """What the question wants: `pattern` must match the answer's text; when `speakers` is set, in a
    sentence that names one of them (tokens as the normaliser reads them)."""

    name: str
    pattern: re.Pattern[str]
    speakers: frozenset[str] = frozenset()
    counted: frozenset[str] = frozenset()  # "how many drones": the number must count drones
    # Time words the question gives itself ("what time did the ceasefire on monday *night* start"): an
    # answer repeating them gives no time.
    given: frozenset[str] = frozenset()

    @property
    def exact(self) -> bool:
        """Asks for one precise kind of fact (a day, a year, a clock time, an age, a duration): an
        answer without one answers another question."""
        return self.name in _EXACT_SLOTS


def slot_of(tokens: Sequence[str], is_content: Callable[[str], bool]) -> Slot | None:
    """The slot a question's tokens (normalised, stopwords included) ask for, or None for anything."""
    pairs = set(itertools.pairwise(tokens))
    if ("how", "mani") in pairs:
        return Slot("number", NUMBER, counted=_counted(tokens, is_content))
    if ("how", "much") in pairs:
        return Slot("money", MONEY) if not _MONEY_WORDS.isdisjoint(tokens) else Slot("number", NUMBER)
    if ("how", "old") in pairs:
        return Slot("age", AGE)
    if ("how", "long") in pairs:
        # "how long since they met": since when, which a date answers
        return Slot("date", DATE) if "sinc" in tokens else Slot("duration", DURATION)
    if _wh_asks(tokens, {"time", "hour"}) and "when" not in tokens:
        clock = TIME_OF_DAY if ("of", "day") in pairs else CLOCK
        return Slot("clock", clock, given=_given(clock, tokens))
    if _wh_asks(tokens, {"date", "day"}, is_content) or ("date", "of") in pairs:
        month = next((_MONTHS[t] for t in tokens if t in _MONTHS), None)  # "what date in june": of June
        return Slot("day", _day_of(month) if month else DAY, given=_given(DAY, tokens))
    if _wh_asks(tokens, {"month"}):
        return Slot("month", MONTH)
    if _wh_asks(tokens, {"year"}):
        return Slot("year", YEAR)
    if ("when" in tokens and not _BECOME.isdisjoint(tokens)) or ("sinc", "when") in pairs:
        return Slot("since", SINCE)
    # "what did Rubio say when he got to Turkey", "which issue came up when they spoke": another
    # question word first makes "when" a conjunction; "when did Trump say…" asks for a time.
    if "when" in tokens and _ASKING.isdisjoint(tokens[: tokens.index("when")]):
        return Slot("date", DATE)
    return _did_or_said(tokens, pairs, is_content)


_SPEECH_ASKED = frozenset({"what", "anything", "something"})
# A pronoun standing for the speaker, then a verb: "what did Ankara say *it was* ready to organise"
# asks about its own stance; "what did Denisov say *Russia* would propose" still asks for his words.
_SUBJECTS = frozenset({"it", "he", "she", "they", "we"})
_CLAUSE_VERBS = frozenset(
    {"was", "is", "were", "are", "would", "will", "could", "had", "has", "want", "plan"}
)


def _did_or_said(
    tokens: Sequence[str], pairs: set[tuple[str, str]], is_content: Callable[[str], bool]
) -> Slot | None:
    """Whether it really happened, words verbatim, or words said."""
    if tokens and tokens[0] in _DID and (pairs & _ACTUALLY_PAIRS or not _ACTUALLY.isdisjoint(tokens)):
        return Slot("happened", HAPPENED)
    # "what did Peskov say", "did Umerov say anything at the table?"; but "what did Ankara say *it was*
    # ready to organise" asks what it was ready to organise: a clause after the verb only reports it.
    speech = (
        not _SPEECH_ASKED.isdisjoint(tokens)
        and not SPEECH_VERBS.isdisjoint(tokens)
        and not any(
            a in SPEECH_VERBS and b in _SUBJECTS and c in _CLAUSE_VERBS
            for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False)
        )
    )
    if pairs & _VERBATIM or not _QUOTE_WORDS.isdisjoint(tokens):
        return Slot("quote", QUOTE, _speakers(tokens, is_content) if speech else frozenset())
    if speech:
        return Slot("speech", SPEECH, _speakers(tokens, is_content))
    return None


def _given(pattern: re.Pattern[str], tokens: Sequence[str]) -> frozenset[str]:
    return frozenset(t for t in tokens if pattern.fullmatch(t))


@lru_cache(maxsize=12)
def _day_of(month: str) -> re.Pattern[str]:
    return re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{month}\b|\b{month}\s+\d{{1,2}}\b", re.IGNORECASE)


def _wh_asks(
    tokens: Sequence[str], nouns: set[str], is_content: Callable[[str], bool] = lambda _: False
) -> bool:
    """ "What date", "which exact day", "what was the year": a what/which with one of `nouns` next, or
    after a few `_WH_FILLER` words."""
    for i, t in enumerate(tokens):
        if t in ("what", "which"):
            after = list(itertools.dropwhile(_WH_FILLER.__contains__, tokens[i + 1 : i + 1 + WH_REACH]))
            if after and after[0] in nouns:
                return True
            # "what was the ceasefire start *date* agreed": the noun ends a run of words naming it.
            named = itertools.dropwhile(_WH_FILLER.__contains__, tokens[i + 1 :])
            run = list(itertools.takewhile(is_content, named))[:WH_REACH]
            if not nouns.isdisjoint(run[1:]):
                return True
    return False


def asked_noun(tokens: Sequence[str], is_content: Callable[[str], bool]) -> str | None:
    """What a what/which question asks for, as the normaliser reads it: "which *party* does Medvedchuk
    lead", "which saudi *city* are the talks in" (the second of two words in a row: the first says
    which kind).  None for "what did Putin say", where a verb follows."""
    for i, t in enumerate(tokens):
        if t in ("what", "which"):
            after = list(itertools.dropwhile(_WH_FILLER.__contains__, tokens[i + 1 : i + 1 + WH_REACH]))
            run = list(itertools.takewhile(is_content, after))[:ASKED_WORDS]
            return run[-1] if run else None
    return None


def _speakers(tokens: Sequence[str], is_content: Callable[[str], bool]) -> frozenset[str]:
    """Who is asked about in "what did <speaker> say…": the words between the auxiliary and the verb."""
    start = next((i for i, t in enumerate(tokens) if t in _AUXILIARIES), None)
    if start is None:
        return frozenset()
    end = next((i for i in range(start + 1, len(tokens)) if tokens[i] in SPEECH_VERBS), None)
    if end is None:
        return frozenset()
    return frozenset(t for t in tokens[start + 1 : end] if is_content(t))


def _counted(tokens: Sequence[str], is_content: Callable[[str], bool]) -> frozenset[str]:
    """What "how many <…>" counts: the content words right after it, any of which will do ("how many
    russian soldiers", "how many clashes monday", "how many days long" -> day); none when a stopword
    follows ("how many were there")."""
    start = next(i for i, pair in enumerate(itertools.pairwise(tokens)) if pair == ("how", "mani")) + 2
    run = list(itertools.takewhile(is_content, tokens[start : start + 3]))
    # "how many days long" counts days; "how many civilians die per week" counts civilians, not weeks.
    run = run[:1] + [t for t in run[1:] if t not in _PER]
    counted = frozenset(run) - _NOT_COUNTED
    # "how many russian soldiers": soldiers, not anything Russian ("10 drones Russia launched"); but
    # "how many russians went back" counts Russians.
    return counted - frozenset(NATIONS) if counted & COUNT_NOUNS else counted


@lru_cache(maxsize=TEXTS)
def _without_reporting_dates(text: str) -> str:
    """`text` without the dates that only say when an article was written ("an article of Tuesday
    13 May 2025 says…"): they tell when it was reported, not when it happened."""
    return _REPORTING_DATE.sub(" ", text)


# Each day, month and year a question may get wrong, by what it is, as the normaliser stems it.
_CALENDAR = {
    **{stem(d.lower()): ("weekday", d) for d in WEEKDAYS},
    **{stem(m.lower()): ("month", m) for m in MONTHS},
}


def _calendar(token: str) -> tuple[str, str] | None:
    return ("year", token) if YEAR.fullmatch(token) else _CALENDAR.get(token)


def other_dates(wrong: Sequence[str], text: str, days: Collection[str] = ()) -> list[str] | None:
    """The days, months or years `text` gives in place of each of `wrong` (the question's, which
    `text` lacks): "sunday" against an answer about Monday -> ["Monday"]; a day of the month among
    `days` ("may *15*") against "13 May" -> ["13 May"].  None when one of `wrong` is no date, or
    `text` gives nothing of its kind to put in its place."""
    plain = _without_reporting_dates(text)
    words = re.findall(r"\w+", plain)
    given = [_calendar(stem(w.lower())) for w in words if w[0].isupper() or w.isdigit()]
    given += [("day of month", m.group()) for m in _DAY_MONTH.finditer(plain)]
    found: list[str] = []
    for token in wrong:
        kind = ("day of month", token) if token in days else _calendar(token)
        if kind is None:
            return None
        others = [name for k, name in filter(None, given) if k == kind[0] and name.split()[0] != kind[1]]
        if not others:
            return None
        found += others
    return list(dict.fromkeys(found))


@lru_cache(maxsize=TEXTS)
def split_sentences(text: str) -> tuple[str, ...]:
    """The sentences of an answer as slot checks read them: "1,000 prisoners" as one number."""
    return tuple(_SENTENCE.split(_THOUSANDS.sub("", text)))


@lru_cache(maxsize=TEXTS)
def _has(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(text) is not None


def _counts(counted: frozenset[str], text: str, tokens: Callable[[str], Sequence[str]]) -> bool:
    """Is there a number in `text` with `counted` among the few words after it ("273 drones",
    "1,000 prisoners of war", "30-day ceasefire")?  Only sentences with a number are read."""
    return any(
        not counted.isdisjoint(after)
        for sentence in split_sentences(text)
        if _has(NUMBER, sentence)
        for _, after in _numbers_and_after(tuple(tokens(sentence)))
    )


@lru_cache(maxsize=4096)
def _numbers_and_after(words: tuple[str, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each number among `words` with the few words right after it (what it may count); a year
    counts nothing ("in 2025, some time after June" gives no number of times)."""
    return tuple(
        (word, frozenset(words[i + 1 : i + 1 + COUNT_WINDOW]))
        for i, word in enumerate(words)
        if (word.isdigit() and not _A_YEAR.fullmatch(word)) or _NUMBER_WORD.fullmatch(word)
    )


def fills(slot: Slot, text: str, tokens: Callable[[str], Sequence[str]]) -> bool:
    """Does `text` hold what `slot` asks for?  `tokens` reads a sentence as the normaliser does
    (called only for sentences that can matter: it is the costly part).

    Words of a speaker count in a sentence that names them, or that follows one naming them and
    speaks through a pronoun ("According to Denisov, … . He said Russia …")."""
    if slot.name in _WHEN_SLOTS:
        text = _without_reporting_dates(text)
    if slot.name == "day":  # "by 15 May 2025", "before the 15 May talks": a bound, not the day
        text = _BOUND_DATE.sub(" ", text)
    if slot.given:
        if not any(m.group().lower() not in slot.given for m in slot.pattern.finditer(text)):
            return False
    elif not _has(slot.pattern, text):
        return False
    if slot.counted:
        return _counts(slot.counted, text, tokens)
    if not slot.speakers:
        return True
    named_before = False
    for sentence in split_sentences(text):
        read = tokens(sentence)
        plain = without_compounds(sentence)  # "Russia–Ukraine talks" names no one speaking
        named = not slot.speakers.isdisjoint(read if plain == sentence else tokens(plain))
        said = sentence if slot.speakers & _ARTICLE_WORDS else _unattributed(sentence)
        # "He said…", "TRT World quotes him": the pronoun opens the sentence, so it is its speaker
        # ("Zelenskyy said …, his office" is Zelenskyy speaking, whoever was named before).
        goes_on = named_before and not _PRONOUNS.isdisjoint(read[:PRONOUN_WINDOW])
        if (goes_on and slot.pattern.search(said)) or (named and _speaks(slot, said, tokens)):
            return True
        named_before = named
    return False


def _speaks(slot: Slot, sentence: str, tokens: Callable[[str], Sequence[str]]) -> bool:
    """Does one of `slot.speakers` speak in `sentence`: named before words of speech ("Peskov said",
    "According to Denisov, … told"), or right after them ("…," said Kremlin spokesman Peskov)?  Not
    one spoken about: "Trump confirmed that Rubio would attend" has Trump speaking, not Rubio."""
    for match in slot.pattern.finditer(sentence):
        # "Zelenskyy welcomed Trump's idea, saying…": a name in the possessive is not the one speaking,
        # nor one in a compound ("Russia–Ukraine peace talks, … his office said").
        before = _POSSESSIVE_WORD.sub(" ", without_compounds(sentence[: match.start()]))
        if not slot.speakers.isdisjoint(tokens(before)):
            return True
        after = tokens(sentence[match.end() :])[:INVERTED_WINDOW]
        # "…said that/whether/if Putin would travel" speaks about Putin.
        if _COMPLEMENT.isdisjoint(after) and not slot.speakers.isdisjoint(after):
            return True
    return False


@lru_cache(maxsize=TEXTS)
def without_compounds(sentence: str) -> str:
    """The sentence without its hyphenated compounds ("Russia–Ukraine talks"): what a sentence names
    as its subject, not as a modifier."""
    return _COMPOUND.sub(" ", sentence)


@lru_cache(maxsize=TEXTS)
def _unattributed(sentence: str) -> str:
    """The sentence without what only says an article reports it ("the article says", "It adds",
    "TRT World writes"): the article speaking is not the person asked about speaking."""
    return _ATTRIBUTION.sub(" ", sentence)


Claim = tuple[str, frozenset[str]]  # a number the question takes for granted and what it counts


def claims(
    tokens: Sequence[str], is_content: Callable[[str], bool], years: Collection[str] = ()
) -> tuple[Claim, ...]:
    """Numbers a question takes for granted, with what they count: "how did ukraine get 500 soldiers
    back" -> ("500", {soldier}); "why did macron call for a 60-day ceasefire" -> ("60", {day, ceasefire}).
    Years are not counts: a year-like number is one unless it is none of `years` (those the articles
    give) and stands before what it counts ("swap 2000 pows")."""
    found = []
    for i, token in enumerate(tokens):
        if token.isdigit() and not (
            YEAR.fullmatch(token) and (token in years or not _counts_before(tokens, i))
        ):
            nouns = frozenset(itertools.takewhile(is_content, tokens[i + 1 : i + 3]))
            if nouns:
                found.append((token, nouns))
    return tuple(found)


# Nouns a year-like number counts when no date word stands before it: "swap 2000 pows" is a count,
# "the 2022 prisoner swap" and "september 2022 prisoners" are years.
COUNT_NOUNS = frozenset({"pow", "prison", "soldier", "drone", "peopl", "civilian", "troop", "missil"})
_BEFORE_A_YEAR = frozenset({"the", "in", "of", "sinc", "from", "by", "until", "a", "an", "year"})


def _counts_before(tokens: Sequence[str], i: int) -> bool:
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return after in COUNT_NOUNS and before not in _BEFORE_A_YEAR and before not in _CALENDAR


def contradiction(claim: Claim, text: str, tokens: Callable[[str], Sequence[str]]) -> str | None:
    """The number `text` gives in digits for what `claim` counts, when it gives another one and never
    the claimed one ("215 soldiers" against "500 soldiers"); None otherwise."""
    given = _numbers_given(claim, text, tokens)
    if not given or claim[0] in given:
        return None
    return given[0]


def gives(claim: Claim, text: str, tokens: Callable[[str], Sequence[str]]) -> bool:
    """Does `text` give the claimed number for what it counts ("273 drones")?"""
    return claim[0] in _numbers_given(claim, text, tokens)


def _numbers_given(claim: Claim, text: str, tokens: Callable[[str], Sequence[str]]) -> list[str]:
    """The numbers `text` gives in digits for what `claim` counts (a day of a month counts nothing:
    "on 14 May, the day before" gives no 14 days)."""
    nouns = claim[1]
    return [
        word
        for sentence in split_sentences(text)
        if _has(NUMBER, sentence)
        for word, after in _numbers_and_after(tuple(tokens(_DAY_MONTH.sub(" ", sentence))))
        if word.isdigit() and not nouns.isdisjoint(after)
    ]
