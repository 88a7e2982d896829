"""The answering engine: a question in, a sourced answer or an honest abstention out.

Scoring rewards a document for explaining the *whole* question: every meaningful word of the question
is weighted by how rare it is, and a word the fact base has never seen counts against every document.
That is what lets "what is the population of Istanbul?" abstain although "Istanbul" is everywhere.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import logging
import math
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.engine.answer import Answer, Candidate, Explanation, SourceRef, Suggestion
from bot.engine.documents import VIEWS, Doc, DocBuilder, person_spellings, specific_tokens
from bot.engine.followup import Exchange, FollowUps
from bot.engine.index import InvertedIndex, QueryTerm, is_name_like
from bot.engine.memo import Memo
from bot.engine.message import MessageReader, is_open_question, unmentioned
from bot.engine.normalize import QUESTION_WORDS, Normalizer, is_content, stem
from bot.engine.places import WHERE, Places
from bot.engine.roles import Roles
from bot.engine.sides import attackers, delegations, other_delegation, swapped
from bot.engine.signals import Signals, fallback
from bot.engine.slots import (
    YEAR,
    Claim,
    Slot,
    asked_noun,
    claims,
    contradiction,
    fills,
    gives,
    other_dates,
    slot_of,
    split_sentences,
    without_compounds,
)
from bot.engine.unsaid import disclaimed, wanted
from bot.factbase import FactBase
from bot.factbase.calibration import Calibration, Tier
from bot.factbase.kinds import BY_NAME, item_kind
from bot.factbase.models import Evidence
from bot.wording import (
    EMPTY_QUESTION,
    MAX_QUESTION_CHARS,
    MONTHS,
    NO_KNOWN_WORDS,
    TOO_LITTLE,
    near_miss,
    spoken_list,
    truncation_notice,
)

log = logging.getLogger(__name__)

WHO_WORDS = frozenset({"who", "whom", "whose"})
WHEN_WORDS = frozenset({"when", "date", "day", "timeline"})
# "what's erdogan's role", "witkoff job?": asked of a person, their card answers as "who is" would.
ROLE_WORDS = frozenset({"role", "job", "posit", "titl"})
PERSON_WORDS = WHO_WORDS | ROLE_WORDS
# A number another item gives is no wrong number when that item explains this share (or more) of
# what the corrected answer explains: "why did russia launch the 273 drones on saturday night?" (0.92
# against the 10 drones shot down), not "gladkov said ukraine used 10 drones on belgorod" (0.78).
ELSEWHERE_COVERAGE = 0.85
# A wrong number in a question is corrected from an answer explaining at least this much of it.
CORRECTION_COVERAGE = 0.5
# Answers tried, best first, for one naming another place than a statement does ("…in ankara, right?").
PLACE_CANDIDATES = 3
# Another place is a bold correction: the answer must explain most of the rest of the statement.
PLACE_COVERAGE = 0.7
_MONTH_WORD = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_DAY_OF_MONTH = re.compile(
    rf"\b(?:(?:{_MONTH_WORD})[a-z]*\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_WORD})[a-z]*)\b",
    re.IGNORECASE,
)
DAYPARTS = frozenset({"morn", "afternoon", "evening", "night", "overnight"})  # as the normaliser reads them

# A phrasing matched at this similarity was asked word for word (a gap asked so wins; `calibrate`
# leaves such training questions out).
VERBATIM_SIMILARITY = 0.999
# A question read as one of an entry's own phrasings this closely is asked the way the maintainer
# wrote it to be asked: what that phrasing asks for, the entry answers ("no date has been set").
ASKED_AS_SIMILARITY = 0.9

# Titles of office: "who is the governor of Kursk?" asks for whoever holds one.
TITLES = (
    "governor minister secretary spokesman spokeswoman spokesperson envoy ambassador mayor chancellor "
    "premier president commander general admiral analyst adviser advisor aide deputy chief head "
    "leader ceo chairman director"
).split()

ORDINALS = frozenset({"fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "4th", "5th", "6th"})

WHICH = frozenset({"what", "which"})

# What an answer lacks when it does not fill an exact slot (`bot.engine.slots`), as a notice says it.
SLOT_LACKS = {
    "day": "give no day",
    "month": "give no month",
    "year": "give no year",
    "clock": "give no time of day",
    "age": "give no age",
    "duration": "say nothing of how long",
    "since": "do not say since when",
    "quote": "quote no words",
    "happened": "do not report that it happened",
    "money": "give no amount of money",
}
NEAR_MISS_COVERAGE = 0.4  # an answer explaining less of the question is too far off to name

# A capital standing for its government ("what did Kyiv's air defence shoot down"): an answer about the
# country is no near miss (tokens as the normaliser reads them).
STANDS_FOR = {"kyiv": "ukrain", "kremlin": "russia", "ankara": "turkey"}
ALWAYS_STANDS = frozenset({"kremlin"})  # never the city as a place in these articles
_POSSESSOR = re.compile(r"\b(kyiv|kiev|ankara)['’]s\b", re.IGNORECASE)
# Words that make a title someone else's: "Deputy Foreign Minister", "former culture minister" (stems).
QUALIFIERS = frozenset({"deputi", "former", "vice", "act"})
# A question asking about a deputy's or a former post itself: "what was Medinsky before, culture minister?"
ASKS_QUALIFIED = QUALIFIERS | {"before", "previous", "earlier", "ex", "past", "once"}
_NOT_QUALIFIED = re.compile(
    r"\b(?:not|no)\s+(?:the\s+|a\s+|his\s+)?(?:deputy|former|vice|acting)\b", re.IGNORECASE
)
QUALIFIED_WINDOW = 3  # "Deputy Chief of the General Staff": the qualifier comes a few tokens before

# A false-premise correction answers only a question it explains this much of (coverage), and that
# states this much of the premise (precision).
PREMISE_COVERAGE, PREMISE_PRECISION = 0.55, 0.7
# Words of a premise common enough in the fact base to be its claim ("talks", "held", "led") rather
# than a rare name of it ("Hagia Sophia").
CLAIM_IDF = 3.0
# Names in about half the documents ("Ukraine", "Russia", "Istanbul") are no detail of a premise.
EVERYWHERE_IDF = 1.2

# How much of a message is read to find the question in it: a whole Discord message (2,000
# characters), so a question at the end of a long message is found; each sentence is then read up to
# `max_question_chars`.
MESSAGE_WINDOW = 2000
PHRASE_WORD_LEN = 5  # shorter words of an alias phrase are too easily another word misspelt
TAIL_TERMS = 2  # meaningful words a question at a message's end needs to be read alone
ASKED_GAP_WORDS = 2  # a known gap's question must say this much to be found inside a longer one
_LEANS = re.compile(r"\b(?:he|his|him|she|her)\b", re.IGNORECASE)
_BARE_YES_NO = re.compile(r"^(?:Yes|No)[.!,]\s")


def _only_qualified(title: str, sentences: list[tuple[str, ...]]) -> bool:
    """Is every mention of `title` (a token) among these sentences' tokens a deputy's, a former or an
    acting one (a qualifier at most `QUALIFIED_WINDOW` tokens before it), and is there one at all?"""
    seen = False
    for tokens in sentences:
        for i, token in enumerate(tokens):
            if token == title:
                if QUALIFIERS.isdisjoint(tokens[max(0, i - QUALIFIED_WINDOW) : i]):
                    return False
                seen = True
    return seen


_HEDGES = frozenset({"mayb", "possibl", "realli", "perhap", "even", "exactli"})  # "say about *maybe* flying"


def _among(words: frozenset[str], term: QueryTerm) -> bool:
    """Is the question's word one of `words` (as the index reads it, or stemmed when unknown)?"""
    return (term.token or stem(term.word.lower())) in words


def as_confidence(score: float) -> float:
    """A score as the confidence an answer reports: 0..1, three decimals.

    Penalties can push a score below zero (a question naming a day no document has); an answer
    never reports that as a negative confidence.
    """
    return round(min(max(score, 0.0), 1.0), 3)


@dataclass(frozen=True)
class EngineConfig:
    """The engine's tuning numbers.  Changing any of them changes answers: re-run both eval sets.

    A candidate's score is ``w_coverage * coverage + w_similarity * similarity + w_precision *
    precision`` (each part 0..1, the weights sum to 1), plus the intent bonus, minus the penalties, so
    it ranges from about -0.54 to 1.08.

    Parameters
    ----------
    threshold : float, 0..1, default 0.6
        The best candidate must score at least this to be answered; below it the engine abstains.
        The eval floors (`make test`: 95 % answerable and 95 % abstentions) were tuned at 0.6.
    min_coverage : float, 0..1, default 0.55
        ...and must explain at least this share of the question's rarity-weighted words, so a
        question with one unexplained rare word ("population of Istanbul") abstains.
    suggestion_floor : float, 0..1, default 0.25
        Candidates scoring at least this are offered ("did you mean") in an abstention, at most 3.
    max_question_chars : int, >= 1, default `bot.wording.MAX_QUESTION_CHARS` (500)
        Characters of a question that are read; the rest is dropped with a notice.
    max_terms : int, >= 1, default 40
        Meaningful words of a question looked up; bounds the cost of a pasted essay.
    candidates : int, >= 1, default 28
        Documents the index hands over for exact scoring.  Fewer is faster but the index agrees
        less often with exhaustive scoring (`bench`: "same top as exhaustive").  32 answered every
        dev and channel training question as 40 did, with the p99 at 1 000 entries 0.3 ms lower;
        28 answers them as 32 does (one more right on the fourth training set), a few percent faster.
    w_coverage, w_similarity, w_precision : float, 0..1, defaults 0.6, 0.25, 0.15 (sum 1)
        Weights of coverage (the question's words the document is about), similarity (rapidfuzz
        `token_sort_ratio` of the question to the closest phrasing) and precision (the share of that
        phrasing's words the question contains).
    intent_bonus : float, >= 0, default 0.08
        Added to a person for a "who" question and to an event for a "when" question (with coverage
        above 0.5); half of it is taken off people and events otherwise, so entries win ties.
    missing_specific_penalty : float, >= 0, default 0.3
        Taken off a document lacking a name, place, month or number the question names.
    missing_slot_penalty : float, >= 0, default 0.2
        Taken off a document with no number ("how many") or no date ("when") in its text.
    gap_margin : float, >= 0, default 0.04
        A known gap silences the best answerable candidate only if it scores this much more (or
        covers more of the question).  0.07 let near misses through ("what did Witkoff say when he
        arrived?": gap 1.0, arrival entry 0.953); 0.04 cost no answerable question of the dev or
        channel training sets, 0.02 cost some.
    """

    threshold: float = 0.6
    min_coverage: float = 0.55
    suggestion_floor: float = 0.25
    max_question_chars: int = MAX_QUESTION_CHARS
    max_terms: int = 40
    candidates: int = 28
    w_coverage: float = 0.6
    w_similarity: float = 0.25
    w_precision: float = 0.15
    intent_bonus: float = 0.08
    missing_specific_penalty: float = 0.3
    missing_slot_penalty: float = 0.2
    gap_margin: float = 0.04


@dataclass(frozen=True)
class Query:
    text: str
    terms: list[QueryTerm]
    words: frozenset[str]
    phrase: str
    truncated: bool
    specific: tuple[str, ...] = ()
    slot: Slot | None = None
    asks: str | None = None  # the question word it opens with: "when", "where", "who", ...
    claims: tuple[Claim, ...] = ()  # numbers it takes for granted: "how did they get 500 soldiers back"
    attackers: frozenset[str] = frozenset()  # the side it says attacks (`bot.engine.sides`)
    delegations: frozenset[str] = frozenset()  # the country whose delegation it asks about
    # Opens with a statement or a yes/no question, not a question word ("the 133 clashes happened on
    # sunday right", "did they arrive on wednesday"): a day it gets wrong is a premise to correct,
    # where "how many clashes on sunday" asks for what the articles lack, a near miss.
    states: bool = False
    asked: str | None = None  # what a what/which question asks for: "which *party*" (`asked_noun`)
    read: tuple[str, ...] = ()  # its tokens as read, stopwords kept ("flying over *to* ankara")

    @functools.cached_property
    def standing(self) -> frozenset[str]:
        """The capitals it names for their countries: "Kyiv's air defence", "the swap Ankara brokered",
        "how many drones did Moscow send" — any not where something happens ("in Ankara")."""
        read = self.read
        # "according to *Kyiv's* commander": a capital's own is its government's, wherever it stands.
        possessive = {m.lower().replace("kiev", "kyiv") for m in _POSSESSOR.findall(self.text)}
        return frozenset(
            t
            for i, t in enumerate(read)
            if t in STANDS_FOR
            and (t in ALWAYS_STANDS or not i or read[i - 1] not in WHERE or t in possessive)
        )

    @property
    def presupposes(self) -> bool:
        """A why/how question takes its details for granted as a statement does ("why did turkey mediate
        the swap in october 2022?"); "how many drones on saturday?" asks about a day, a near miss."""
        return self.asks in ("why", "how") and self.slot is None

    @functools.cached_property
    def total_idf(self) -> float:
        return sum(t.idf for t in self.terms)

    @functools.cached_property
    def gains(self) -> tuple[tuple[str, float], ...]:
        """(token, idf x match) of each known word: what a document covering it gains."""
        return tuple((t.token, t.idf * t.match) for t in self.terms if t.token)

    @functools.cached_property
    def known(self) -> frozenset[str | None]:
        return frozenset(t.token for t in self.terms)


@dataclass(frozen=True)
class Attempt:
    """One reading of a message through retrieval: its top answerable candidate and how sure we are."""

    query: Query
    ranked: list[Candidate]
    chosen: Candidate | None
    gap: Candidate | None
    probability: float
    signals: Signals | None = None
    # The question read was cut: only its first `cut` characters were read (0: it was read whole).  A
    # sentence is cut at `max_question_chars`, a whole message at `MESSAGE_WINDOW`.
    cut: int = 0
    others: tuple[Candidate, ...] = ()  # what the message's other questions are confidently about
    gap_asked: bool = False  # `gap` is asked in full, for what `chosen` lacks (`Engine._asked_gap`)


class Engine:
    """Answers questions from one fact base; build a new Engine for a new fact base.

    Building indexes every item of every kind (`bot.factbase.kinds.ITEM_KINDS`); it takes about
    0.1 s for the bundled fact base and 11 s at 100 000 entries (`python -m bot bench`).  After that the
    engine only reads (besides its caches), so one engine serves every front end and thread.

    Parameters
    ----------
    factbase : FactBase
        A loaded, validated fact base (`bot.factbase.load_factbase`).
    config : EngineConfig, optional
        Tuning numbers; the defaults are the ones the eval sets are measured with.
    """

    def __init__(self, factbase: FactBase, config: EngineConfig | None = None) -> None:
        self.factbase = factbase
        self.config = config or EngineConfig()
        # People's one-word spellings first ("Erdgan" is Erdoğan), so the maintainers' aliases win.
        groups = [*person_spellings(factbase), *((g.canonical, g.variants) for g in factbase.aliases)]
        self.normalizer = Normalizer(groups)
        builder = DocBuilder(self.normalizer)
        docs = builder.build(factbase)
        self.index = InvertedIndex(docs, {**self._phrase_words(groups), **builder.surface})
        self.specific = specific_tokens(factbase, self.normalizer)
        self.reader = MessageReader(factbase.language)
        # The question word each entry is asked with ("Where in Istanbul were the talks held?").
        self._asks = {
            entry.id: first
            for entry in factbase.entries.values()
            if (first := next(iter(self.normalizer.tokens(entry.question)), None)) in QUESTION_WORDS
        }
        # Titles a "who is the <title>" question asks for, as the normaliser reads them.
        self._titles = frozenset(t for title in TITLES for t in self.normalizer.content(title))
        self._premises = frozenset(e.id for e in factbase.entries.values() if e.premise)
        self._years = frozenset(y for doc in self.index.docs for y in YEAR.findall(doc.text))
        self.roles = Roles(factbase, self.normalizer, TITLES)
        self.places = Places(factbase.language.places, self.normalizer)
        # Known gaps asked as "what did X say…": they silence only questions that ask for words said
        # ("who is ukraine's foreign minister" is not "what did ukraine's foreign minister say").
        # And a gap asking which kind ("what drones did russia use") is not a count ("how many drones…").
        gap_slots = {}
        for gap in factbase.unanswerable.values():
            for asked in gap.questions:
                tokens = self.normalizer.tokens(asked)
                slot = slot_of(tokens, is_content)
                gap_slots[(gap.id, builder._content(asked))] = (
                    tokens[0] if tokens else "",
                    slot and slot.name,
                )
        self._words_gaps = frozenset(k for k, (_, name) in gap_slots.items() if name == "speech")
        self._kind_gaps = frozenset(
            k for k, (first, name) in gap_slots.items() if first in WHICH and not name
        )
        # Checks run on every candidate of every question, each remembered (`bot.engine.memo`).
        self._slot_hits: Memo[tuple[Slot, str, str], bool] = Memo()
        self._qualified: Memo[tuple[str, str, str], bool] = Memo()
        self._bare: Memo[tuple[str, str], bool] = Memo()
        self._sides: Memo[tuple[str, str], tuple[frozenset[str], frozenset[str]]] = Memo()
        self._premise_memo: Memo[str, tuple[frozenset[str], frozenset[str]]] = Memo()
        self._phrasing_idf: Memo[str, tuple[tuple[tuple[str, float], ...], float]] = Memo()
        self._asked_slots: Memo[str, dict[str, str]] = Memo()
        self._outlet_words: Memo[tuple[str, str], frozenset[str]] = Memo()
        self._source_outlets = {
            source.id: frozenset(self.normalizer.content(source.outlet))
            for source in factbase.sources.values()
            if source.outlet
        }
        # Sentences of answers read for slot checks, each once: all of them up front for a fact base
        # of up to `VIEWS` documents (20 ms for the bundled one), the recent ones of a bigger one.
        self._tokens = functools.lru_cache(maxsize=4 * VIEWS)(self._read_sentence)
        # What each answer says its articles lack, read once (`_disclaimed`).
        self._lacking = functools.lru_cache(maxsize=VIEWS)(
            functools.partial(disclaimed, read=self.normalizer.content)
        )
        if len(self.index.docs) <= VIEWS:
            for doc in self.index.docs:
                for sentence in split_sentences(doc.text):
                    self._tokens(sentence)
                    self._tokens(without_compounds(sentence))
        self.calibration = self._calibration(factbase)

    def _read_sentence(self, text: str) -> tuple[str, ...]:
        return tuple(sys.intern(token) for token in self.normalizer.tokens(text))

    @staticmethod
    def _calibration(factbase: FactBase) -> Calibration:
        """The fitted decision, or the built-in curve when none is fitted for these signals."""
        fitted = factbase.calibration
        if fitted is None:
            return fallback()
        if fitted.features != Signals.names():
            log.warning(
                "knowledge/calibration.json was fitted on other signals (%s); using the built-in "
                "curve until `python -m bot calibrate` is run",
                ", ".join(fitted.features),
            )
            return fallback()
        return fitted

    def _phrase_words(self, groups: Sequence[tuple[str, Sequence[str]]]) -> dict[str, str]:
        """Words of the aliases' phrases, each as the phrase it belongs to, for spelling only: "saudi
        arabja" is "saudi arabia" though "arabia" alone is in no answer (the phrase is read as one)."""
        words: dict[str, str] = {}
        for _, variants in groups:
            for variant in variants:
                parts = variant.lower().split()
                read = self.normalizer.content(variant)
                if len(parts) > 1 and len(read) == 1:
                    words.update((w, read[0]) for w in parts if len(w) >= PHRASE_WORD_LEN and w.isalpha())
        return words

    # -- public API ---------------------------------------------------------------------------------
    def answer(self, question: str, after: Exchange | None = None) -> Answer:
        """Read a message as people write it and answer the question in it, or abstain honestly.

        The message is cleaned first (`MessageReader`: mentions, emoji, markdown, filler, text-speak);
        each sentence that asks something is tried and the one whose top answer is most probably
        right wins.  The calibrated probability then picks the tier.  Never raises on any string.

        Parameters
        ----------
        question : str
            Anything a user typed, as typed: only the first `config.max_question_chars` characters
            are read (with a notice when cut).
        after : Exchange, optional
            The previous exchange when `question` may be a follow-up ("and ukraine's?"); it is then
            read in that context (see `bot.engine.followup`).

        Returns
        -------
        Answer
            `tier` "confident" (the answer) or "likely" (the answer, with `understood` naming the
            question the bot thinks was asked): `answered` True with `text` and `sources` (never
            empty); `tier` "unsure": `answered` False, `text` None, up to 3 `suggestions` and
            possibly a `notice` saying why (too little to go on, a known gap, a near miss, a cut
            question).  `confidence` is the calibrated probability that the top answer is right, 0..1.
        """
        if after is not None:
            return FollowUps.of(self).answer(question, after)
        message = str(question)
        shown = " ".join(message.split())
        best = self.attempt(message)
        if best is None:
            notice = TOO_LITTLE if shown else EMPTY_QUESTION
            if len(unmentioned(message)) > self._window:
                # 100 000 characters with no question in their first 2 000: not "too little".
                notice = truncation_notice(self._window)
            return self._abstain(self.parse(""), [], notice=notice, shown=shown)
        limit = self.config.max_question_chars
        decided = self._decide(best, shown=shown[:limit], truncated=best.cut)
        # Every path reports the question as the member wrote it, never the reading it was tidied to.
        return dataclasses.replace(decided, question=shown[:limit])

    def attempt(self, message: str) -> Attempt | None:
        """The best reading of `message` through retrieval, or None when there is too little to go on.

        Used by `answer`, and by `python -m bot calibrate` to learn from the same signals.
        """
        limit, window = self.config.max_question_chars, self._window
        # Mentions go before the window is cut: 300 "@everyone" ahead of "who is rubio?" hide nothing.
        message = unmentioned(message)
        reading = self.reader.read(message[:window])
        if reading.too_little:
            return None
        attempts = []
        whole = None  # the attempt on the whole cleaned message (always among the sentences)
        for sentence in reading.sentences:
            query = self.parse(sentence[:limit])
            if sentence != reading.question and self._leans(sentence, query):
                continue
            attempt = self._attempt(sentence[:limit], query)
            # The message went on past what is read at all: say that, before any sentence's cut.
            cut = limit if len(sentence) > limit else 0
            if sentence == reading.question:
                whole = attempt
                if len(message) > window:
                    cut = window
            attempts.append(dataclasses.replace(attempt, cut=cut) if cut else attempt)
        if reading.tails and max(a.probability for a in attempts) < self.calibration.confident:
            # "first time posting here what city hosts the talks?" -> "what city hosts the talks?"; but
            # "meloni, the spanish prime minister, said what about the talks?" is not "what about the
            # talks?", nor "saudi arabia talks who is hosting" "who is hosting": a tail must keep every
            # name, place and number the message gives, and name one itself or say more than one thing.
            named = set(whole.query.specific if whole else ())
            for tail in reading.tails:
                attempt = self._attempt(tail[:limit])
                kept = set(attempt.query.specific)
                if named <= kept and (kept or len(attempt.query.terms) >= TAIL_TERMS):
                    attempts.append(attempt)
        best = max(attempts, key=lambda a: a.probability)
        # Other questions of the same message that read confidently, offered beside the answer.
        others = tuple(
            dict.fromkeys(
                a.chosen
                for a in attempts
                if a is not best and a.chosen and a.probability >= self.calibration.confident
            )
        )
        return dataclasses.replace(best, others=others) if others else best

    @staticmethod
    def _leans(sentence: str, query: Query) -> bool:
        """ "denisov is a minister right? what's *his* position": a question whose "he" names no one
        in it leans on the sentence before; it is read only with it, in the whole message."""
        return _LEANS.search(sentence) is not None and not query.specific

    @property
    def _window(self) -> int:
        """How much of a whole message is read (`MESSAGE_WINDOW`, or more when a sentence may be longer)."""
        return max(self.config.max_question_chars, MESSAGE_WINDOW)

    def gap_wins(self, attempt: Attempt) -> bool:
        """Does a known gap outrank the top answer clearly enough to silence it?"""
        gap, chosen = attempt.gap, attempt.chosen
        if gap is None or chosen is None:
            return gap is not None
        if self._counts_claim(attempt.query, chosen):
            return False  # "so russia used 300 drones on sunday?": the count is the answer's, right or wrong
        # Asked word for word as the gap is ("how long did the talks last"), and no less covered.
        if gap.similarity >= VERBATIM_SIMILARITY > chosen.similarity and gap.coverage >= chosen.coverage:
            return True
        if attempt.gap_asked:
            return True  # asked in full, for what the answer lacks
        return gap.score >= chosen.score and self._gap_wins(gap, chosen)

    def _attempt(self, text: str, query: Query | None = None) -> Attempt:
        """Retrieval for one reading of the message (`query`: `text` already parsed), with the signals
        and probability of its top answer."""
        query = query or self.parse(text)
        if not query.terms:
            return Attempt(query, [], None, None, 0.0)
        ranked = self.rank(query)
        open_question = is_open_question(query.text)
        eligible = [
            c
            for c in ranked
            if c.kind != "gap"
            and not (open_question and self._bare_yes_no(c))
            and self._premise_named(query, c)
        ]
        chosen = eligible[0] if eligible else None
        if chosen is None:
            return Attempt(query, ranked, None, self._gap(query, ranked), 0.0)
        asked = self._asked_gap(query, ranked, chosen)
        gap = asked or self._gap(query, ranked)
        signals = self.signals(query, chosen, eligible, gap)
        probability = self.calibration.probability(signals.vector())
        return Attempt(query, ranked, chosen, gap, probability, signals, gap_asked=asked is not None)

    def _asked_gap(self, query: Query, ranked: list[Candidate], chosen: Candidate) -> Candidate | None:
        """A known gap the question asks in full ("what was the *name* of the *mother* *killed* in the
        273-drone attack" holds "name of the mother killed"), for the very thing the top answer lacks
        (the noun it asks for: it tells of her death, never her name): the question is that gap, with
        context around it."""
        weights = self._doc(chosen.kind, chosen.target).weights
        asked = query.asked
        if asked is None or weights.get(asked, 0.0) > 0.0:
            return None
        for candidate in ranked:
            if candidate.kind != "gap":
                continue
            for phrasing in self._doc("gap", candidate.target).phrasings:
                words = set(phrasing.split())
                if (
                    len(words) >= ASKED_GAP_WORDS
                    and asked in words
                    and words <= query.known
                    and self._gap_fits(query, candidate.target, phrasing)
                ):
                    return dataclasses.replace(candidate, phrasing=phrasing, similarity=1.0)
        return None

    def _gap(self, query: Query, ranked: list[Candidate]) -> Candidate | None:
        """The best known gap for `query`, matched only through those of its questions that fit it.

        A gap lists questions the articles cannot answer; one of them that asks for words said ("what
        did Ukraine's foreign minister say") or names someone or something else ("who is *Ukraine's*
        prime minister" against "who is the *Italian* prime minister") is another question."""
        gap = next((c for c in ranked if c.kind == "gap"), None)
        if gap is None or self._gap_fits(query, gap.target, gap.phrasing):
            return gap
        doc = self._doc(gap.kind, gap.target)
        others = [p for p in doc.phrasings if self._gap_fits(query, gap.target, p)]
        return self._score(query, doc, others) if others else None

    def _gap_fits(self, query: Query, target: str, phrasing: str) -> bool:
        if (target, phrasing) in self._words_gaps and not (query.slot and query.slot.name == "speech"):
            return False
        if query.slot is not None and query.slot.name == "number" and (target, phrasing) in self._kind_gaps:
            return False
        words = phrasing.split()
        tokens = set(words)
        named = {t.token for t in query.terms}
        # "who sat at the table in the second round" names a round, as a question would (`parse`).
        rounds = {a for a, b in itertools.pairwise(words) if b == "round" and a in ORDINALS}
        other = {t for t in tokens - named if t in self.specific or t in rounds}
        return not (other and any(t not in tokens for t in query.specific))

    def _decide(self, attempt: Attempt, *, shown: str, truncated: int) -> Answer:
        query, ranked, chosen, gap = attempt.query, attempt.ranked, attempt.chosen, attempt.gap
        notice = self._truncation_notice(truncated)
        if not query.terms:
            return self._abstain(query, [], notice=NO_KNOWN_WORDS, shown=shown)
        if gap is not None and self.gap_wins(attempt):
            gap_note = self.factbase.unanswerable[gap.target].note if self._confident(gap) else None
            # "Sybiha as Ukraine's defence minister, what did he say": unknown, and the role is wrong.
            wrong = self.roles.misattributed(query.text)
            if wrong is not None and gap_note:
                gap_note = f"{wrong.notice()} {gap_note}"
                # "what did foreign minister umerov say", "kostyukov is the deputy defence minister
                # right": the correction is the answer, with what is not known.
                states = query.states or (query.slot is not None and query.slot.name == "speech")
                if states and chosen and (corrected := self._misattribution(query, chosen)) is not None:
                    return dataclasses.replace(corrected, notice=gap_note)
            return self._abstain(query, ranked, notice=gap_note or notice, shown=shown, attempt=attempt)
        if chosen is not None and (corrected := self._number_correction(attempt)) is not None:
            return corrected
        tier = self.calibration.tier(attempt.probability) if chosen is not None else "unsure"
        if tier == "unsure" and chosen is not None and chosen.target in self._premises:
            # A correction chosen only once the question states its wrong premise (`_premise_named`):
            # correcting it, saying what was understood, beats an "I don't know".
            tier = "likely"
        if chosen is not None and (corrected := self._misattribution(query, chosen)) is not None:
            return corrected
        if chosen is not None and (corrected := self._place_correction(attempt)) is not None:
            return corrected
        if chosen is None:
            return self._abstain(query, ranked, notice=notice, shown=shown, attempt=attempt)
        return self._checked(attempt, chosen, tier, notice=notice, shown=shown)

    def _checked(
        self, attempt: Attempt, chosen: Candidate, tier: Tier, *, notice: str | None, shown: str
    ) -> Answer:
        """The chosen answer, unless it is a near miss: then "I don't know", saying what it lacks."""
        query, ranked = attempt.query, attempt.ranked
        doc = self._doc(chosen.kind, chosen.target)
        if attempt.signals is not None and attempt.signals.missing_specific:
            if (corrected := self._date_correction(query, chosen)) is not None:
                return corrected
            tier = "unsure"  # a near miss: the question names a year, person or place the answer lacks
        # "what date…", "how old…": an answer without one is a near miss.
        unfilled = query.slot is not None and query.slot.exact and not self._answers(query, doc, chosen)
        swap = self._swapped(query, chosen)
        if swap and query.states and not unfilled:
            return self._corrected(query, chosen, swap)  # "ukraine launched 273 drones at russia right?"
        disclaimed = self._disclaimed(query, chosen, doc) if not (unfilled or swap) else None
        if disclaimed is not None:
            return self._abstain(query, ranked, notice=disclaimed, shown=shown, attempt=attempt)
        if tier == "unsure" or unfilled or swap:
            lacking = (
                (swap and near_miss(swap, doc.suggestion))
                or self._near_miss_notice(query, chosen)
                or (self._slot_notice(query.slot, chosen) if unfilled and query.slot else None)
            )
            return self._abstain(query, ranked, notice=lacking or notice, shown=shown, attempt=attempt)
        # "who is rubio? and who is witkoff?": what the message's other questions ask comes first.
        asked = [c for c in attempt.others if c.target != chosen.target]
        close = [
            c
            for c in ranked
            if c.score >= self.config.threshold and c.target != chosen.target and self.suggestable(c)
        ]
        close = list({c.target: c for c in [*asked, *close]}.values())[: max(2, len(asked))]
        return self.render(
            chosen.kind,
            chosen.target,
            question=shown,
            confidence=attempt.probability,
            tier=tier,
            understood=doc.suggestion if tier == "likely" else None,
            suggestions=tuple(self._suggestion(c) for c in close),
            notice=notice,
            explanation=self._explain(query, chosen, self._runner_up(ranked, chosen), attempt),
        )

    def _number_correction(self, attempt: Attempt) -> Answer | None:
        """The first of the best answers (`PLACE_CANDIDATES`) to correct a wrong number: "both sides
        agreed to swap 1,500 POWs right" is corrected by the 1,000-POW deal even when a summary of
        the rounds, which gives no POW count, scores a little higher."""
        chosen = attempt.chosen
        tried = [chosen, *(c for c in attempt.ranked[:PLACE_CANDIDATES] if c is not chosen)]
        return next(
            (
                corrected
                for c in tried
                if c is not None
                and (c is chosen or self.suggestable(c))
                and (corrected := self._correction(attempt.query, c)) is not None
            ),
            None,
        )

    def _correction(self, query: Query, chosen: Candidate) -> Answer | None:
        """A question built on a wrong number ("how did ukraine get 500 soldiers back in the 2022
        swap?") gets the answer that gives the right one, saying so, instead of "I don't know" —
        when that answer is about the rest of the question and counts the same thing."""
        if not query.claims or chosen.target in self._premises:
            return None  # a false-premise entry corrects in its own words
        numbers = {number for number, _ in query.claims}
        if not self._explains_rest(query, chosen, lambda t: (t.token or t.word) in numbers):
            return None
        doc = self._doc(chosen.kind, chosen.target)
        for claim in query.claims:
            if self._given_elsewhere(query, claim, chosen):
                continue  # "why did russia launch the 273 drones on saturday?": 273 is right, not 10
            given = contradiction(claim, doc.text, self._tokens)
            if given is not None:
                return self._corrected(
                    query, chosen, f"The articles give {int(given):,}, not {int(claim[0]):,}."
                )
        return None

    def _counts_claim(self, query: Query, chosen: Candidate) -> bool:
        """Does the answer give a number for what the question claims a number of ("300 drones"
        against "273 drones"), whether the same one or not?  Asked of a statement that asks no count
        itself: in "of the 273 drones, how many were shot down" the count claimed is not the one asked."""
        if not query.claims or not query.states or (query.slot is not None and query.slot.name == "number"):
            return False
        text = self._doc(chosen.kind, chosen.target).text
        return any(
            gives(claim, text, self._tokens) or contradiction(claim, text, self._tokens) is not None
            for claim in query.claims
        )

    def _given_elsewhere(self, query: Query, claim: Claim, chosen: Candidate) -> bool:
        """Does another item, as much about the rest of the question, give the claimed number for what
        it counts? Then the claim is no wrong number, only the answer chosen for it is about something
        else (found through the index: the items holding both the number and a word for what it
        counts).  "Gladkov said ukraine used 10 drones" is still wrong: the 10 drones shot down over
        Kyiv are no one's claim about Belgorod."""
        number, nouns = claim
        holding = set(self.index.postings.get(number, ((),))[0])
        docs = self.index.docs
        return any(
            docs[i].target != chosen.target
            and gives(claim, docs[i].text, self._tokens)
            and self._score(query, docs[i]).coverage >= ELSEWHERE_COVERAGE * chosen.coverage
            for noun in nouns
            for i in holding.intersection(self.index.postings.get(noun, ((),))[0])
        )

    @staticmethod
    def _explains_rest(
        query: Query,
        chosen: Candidate,
        wrong: Callable[[QueryTerm], bool],
        enough: float = CORRECTION_COVERAGE,
    ) -> bool:
        """Does the answer explain the rest of the question, all but its `wrong` words (a wrong number
        or day it cannot explain)?  Only then is it the one to correct the question with."""
        rest = sum(t.idf for t in query.terms if not wrong(t))
        return bool(rest) and chosen.coverage * query.total_idf / rest >= enough

    def _date_correction(self, query: Query, chosen: Candidate) -> Answer | None:
        """ "the 133 clashes happened on sunday right", "why did turkey mediate the swap in october
        2022?": a statement, or a why/how question, that gets only a day, month or year wrong gets the
        answer with the right one, saying so — when the answer explains the rest."""
        if not (query.states or query.presupposes) or chosen.target in self._premises:
            return None
        doc = self._doc(chosen.kind, chosen.target)
        if query.slot is not None and query.slot.exact and not self._answers(query, doc, chosen):
            return None  # "did the talks start at 10 on thursday": the hour asked is missing too
        wrong = self._missing_specifics(query, doc)
        # "on saturday night": the part of the day goes with the wrong day; an unknown day is wrong too.
        if not self._explains_rest(
            query, chosen, lambda t: (t.token or stem(t.word.lower())) in wrong or t.token in DAYPARTS
        ):
            return None
        days = self._days_of_month(query.text)
        right = other_dates(wrong, doc.text, days)
        if right is None:
            return None
        if len(right) > len(wrong):
            right = self._nearest(right, query, doc.text)
        written = {t.token or stem(t.word.lower()): t.word for t in query.terms}  # "october", not "octob"
        said = [days.get(t) or written.get(t, t).capitalize() for t in wrong]
        return self._corrected(
            query, chosen, f"The articles give {spoken_list(right)}, not {spoken_list(said)}."
        )

    def _nearest(self, names: list[str], query: Query, text: str) -> list[str]:
        """Of several dates an answer gives, those written in the sentences sharing most words with the
        question: "273 drones on saturday" is corrected to the attack's Sunday, not to the Monday of a
        call the same answer mentions."""
        known = query.known

        def shared(name: str) -> int:
            return max(
                (len(known.intersection(self._tokens(s))) for s in split_sentences(text) if name in s),
                default=0,
            )

        best = max(map(shared, names))
        return [name for name in names if shared(name) == best]

    @staticmethod
    def _days_of_month(text: str) -> dict[str, str]:
        """Numbers the question writes as a day of a month ("on may 15", "15th of may"), each with how
        a notice says it ("15 May")."""
        days = {}
        for m in _DAY_OF_MONTH.finditer(text):
            day = m.group("day") or m.group("day2")
            month = next((name for name in MONTHS if m.group().lower().count(name[:3].lower())), "")
            days[day] = f"{int(day)} {month}".strip()
        return days

    def _corrected(self, query: Query, chosen: Candidate, notice: str) -> Answer:
        """The answer to a question built on a wrong detail, with the notice that corrects it: "likely",
        so the member sees what was understood."""
        return self.render(
            chosen.kind,
            chosen.target,
            question=query.text,
            confidence=chosen.coverage,
            tier="likely",
            understood=self._doc(chosen.kind, chosen.target).suggestion,
            notice=notice,
        )

    def _place_correction(self, attempt: Attempt) -> Answer | None:
        """ "the talks were held in ankara, right?": a statement naming a place the answer lacks, where
        the answer names one other place of that kind, gets that answer, saying so (`bot.engine.places`)
        — from the best answers that explain the rest of it, unless the answer it would be given names
        the place."""
        query = attempt.query
        if not query.states:
            return None
        asked = self.places.named(query.read)
        if not asked:
            return None
        sure = self.calibration.tier(attempt.probability) != "unsure"
        for candidate in attempt.ranked[:PLACE_CANDIDATES]:
            if not self.suggestable(candidate):
                continue  # a known gap, or a false premise correcting in its own words
            doc = self._doc(candidate.kind, candidate.target)
            given = self.places.given((doc.kind, doc.target), split_sentences(doc.text), self._tokens)
            if asked.keys() <= given.keys():
                if sure and candidate is attempt.chosen:
                    return None  # the answer it gets names every place the statement does
                continue
            swap = self.places.swapped(asked, given)
            if swap is None:
                continue
            wrong = frozenset(self.places.words[swap[0]])
            if self._explains_rest(query, candidate, functools.partial(_among, wrong), PLACE_COVERAGE):
                return self._corrected(query, candidate, f"The articles give {swap[1]}, not {swap[0]}.")
        return None

    def _misattribution(self, query: Query, chosen: Candidate) -> Answer | None:
        """ "NATO secretary general Denisov said…": the answer naming whom the articles give that role
        (Rutte) corrects the premise, saying so (`bot.engine.roles`)."""
        wrong = self.roles.misattributed(query.text)
        if wrong is None:
            return None
        weights = self._doc(chosen.kind, chosen.target).weights
        people = [p for p in (wrong.holder, wrong.wrong) if p is not None]
        if not any(t in weights for p in people for t in self.roles.names(p)):
            return None  # the answer is about neither: no correction to give with it
        return self._corrected(query, chosen, wrong.notice())

    def signals(
        self, query: Query, chosen: Candidate, eligible: list[Candidate], gap: Candidate | None
    ) -> Signals:
        """What retrieval knows about `chosen`, the top answerable candidate for `query`."""
        doc = self._doc(chosen.kind, chosen.target)
        other = next((c for c in eligible if c.target != chosen.target and not self._tells(chosen, c)), None)
        unknown = sum(t.idf for t in query.terms if t.token is None)
        return Signals(
            score=chosen.score,
            passes_rule=float(self._confident(chosen)),
            coverage=chosen.coverage,
            similarity=chosen.similarity,
            precision=self._precision(query, chosen.phrasing),
            margin=min(max(chosen.score - (other.score if other else 0.0), 0.0), 1.0),
            unknown_share=unknown / query.total_idf if query.total_idf else 1.0,
            worst_miss=self._worst_miss(query, doc),
            unknown_name=float(any(is_name_like(t.word) for t in query.terms if t.token is None)),
            terms=math.log1p(len(query.terms)) / 3,
            missing_specific=float(self._missing_specifics(query, doc) != ()),
            missing_slot=float(not self._answers(query, doc, chosen)),
            asked_missing=float(query.asked is not None and doc.weights.get(query.asked, 0.0) == 0.0),
            intent=float(
                (doc.kind == "person" and bool(query.words & PERSON_WORDS))
                or (doc.kind == "event" and bool(query.words & WHEN_WORDS))
            ),
            gap_gap=(gap.score - chosen.score) if gap else -1.0,
            is_person=float(doc.kind == "person"),
            is_event=float(doc.kind == "event"),
            agreement=float(
                chosen.coverage >= max(c.coverage for c in eligible)
                and chosen.similarity >= max(c.similarity for c in eligible)
            ),
        )

    def _tells(self, a: Candidate, b: Candidate) -> bool:
        """Do two candidates tell the same fact: an entry and a timeline event it lists as its own?
        Such a runner-up is no rival, so it does not shrink the margin."""
        entries = self.factbase.entries
        return any(
            entry.kind == "entry"
            and event.kind == "event"
            and entry.target in entries
            and event.target in entries[entry.target].events
            for entry, event in ((a, b), (b, a))
        )

    @staticmethod
    def _worst_miss(query: Query, doc: Doc) -> float:
        top = max((t.idf for t in query.terms), default=0.0)
        if not top:
            return 0.0
        weights = doc.weights
        return (
            max(t.idf * (1.0 - t.match * weights.get(t.token, 0.0) if t.token else 1.0) for t in query.terms)
            / top
        )

    def _premise_named(self, query: Query, candidate: Candidate) -> bool:
        """A false-premise correction answers only a question that names every specific detail (name,
        place, month, number) of the wrong premise it matched: "why did Lavrov lead the Russian team"
        gets it, "who led ukraine's delegation" does not get "why was Rubio head of Ukraine's team"."""
        if candidate.target not in self._premises or candidate.kind != "entry":
            return True
        named = {t.token for t in query.terms}
        idf = self.index.idf
        details = {
            t
            for t in candidate.phrasing.split()
            if (t in self.specific and idf.get(t, 0.0) >= EVERYWHERE_IDF) or (t.isdigit() and len(t) > 1)
        }
        # ...is mostly about the premise, puts most of the wrong premise itself ("who is russia's foreign
        # minister?" does not claim that the foreign minister led the team), and states its claim, not
        # only its names: "who built the Hagia Sophia?" shares no word but the names of "were the talks
        # held in the Hagia Sophia?" (two of the premise's specific names will also do: "NATO chief
        # Stoltenberg", where the alias reads "NATO chief" as Rutte).
        names, claim = self._premise_words(candidate.target)
        return (
            details <= named
            and (not claim or bool(claim & named) or len(named & names) >= 2)
            and candidate.coverage >= PREMISE_COVERAGE
            and self._precision(query, candidate.phrasing) >= PREMISE_PRECISION
        )

    def _premise_words(self, target: str) -> tuple[frozenset[str], frozenset[str]]:
        """The specific names a premise entry is asked with, and the common words of its claim
        (memoised: asked of every premise among the candidates of every question)."""
        found = self._premise_memo.get(target)
        if found is None:
            phrased = {t for p in self._doc("entry", target).phrasings for t in p.split()}
            idf = self.index.idf
            claim = frozenset(t for t in phrased if t not in self.specific and idf.get(t, 0.0) < CLAIM_IDF)
            found = self._premise_memo.put(target, (frozenset(phrased & self.specific), claim))
        return found

    def suggestable(self, candidate: Candidate) -> bool:
        """Offered as "Did you mean" or "Related": real content, never a gap or a false premise."""
        return candidate.kind != "gap" and candidate.target not in self._premises

    def _bare_yes_no(self, candidate: Candidate) -> bool:
        """An answer opening with a bare "Yes." or "No." answers only a yes/no question (memoised: it
        is asked of every candidate of every open question)."""
        key = (candidate.kind, candidate.target)
        bare = self._bare.get(key)
        if bare is None:
            bare = self._bare.put(key, bool(_BARE_YES_NO.match(self._doc(*key).text)))
        return bare

    def _missing_specifics(self, query: Query, doc: Doc) -> tuple[str, ...]:
        weights = doc.weights
        # "Kyiv's air defence", "the Kremlin's answer": the capital stands for the country; Moscow and
        # the Kremlin always do in these articles ("how many drones did Moscow send").
        standing = query.standing
        told_by = self._outlets(doc.kind, doc.target)
        return tuple(
            t
            for t in query.specific
            if (
                weights.get(t, 0.0) == 0.0
                and not (t in standing and weights.get(STANDS_FOR[t], 0.0))
                and t not in told_by
            )
            or self._only_qualified(query, t, doc)
        )

    def _outlets(self, kind: str, target: str) -> frozenset[str]:
        """The words naming the outlets an answer is drawn from ("quoted by TRT": TRT is where it was
        said, no detail the answer must repeat), memoised per item."""
        found = self._outlet_words.get((kind, target))
        if found is None:
            item = self.factbase.items(kind).get(target)
            words = (self._source_outlets.get(e.source, frozenset()) for e in getattr(item, "evidence", ()))
            found = self._outlet_words.put((kind, target), frozenset().union(*words))
        return found

    def _only_qualified(self, query: Query, title: str, doc: Doc) -> bool:
        """Does the answer hold `title` only as a deputy's or a former one ("Deputy Foreign Minister
        Galuzin")?  Then it does not answer "who is Russia's foreign minister?" — unless the question
        says "deputy" or "former" itself."""
        if title not in self._titles:
            return False
        if not ASKS_QUALIFIED.isdisjoint(query.words) and not _NOT_QUALIFIED.search(query.text):
            return False  # "who is the deputy…": but "…, not the deputy" asks for the minister
        key = (title, doc.kind, doc.target)
        found = self._qualified.get(key)
        if found is None:
            sentences = [self._tokens(s) for s in split_sentences(doc.text)]
            found = self._qualified.put(key, _only_qualified(title, sentences))
        return found

    def _swapped(self, query: Query, chosen: Candidate) -> str | None:
        """The notice for an answer where another side attacks, or another country's delegation is
        named, than the one the question asks about (`bot.engine.sides`)."""
        if not query.attackers and not query.delegations:
            return None
        doc = self._doc(chosen.kind, chosen.target)
        key = (doc.kind, doc.target)
        sides = self._sides.get(key)
        if sides is None:
            read = [self._tokens(s) for s in split_sentences(doc.text)]
            sides = self._sides.put(
                key,
                (frozenset().union(*map(attackers, read)), frozenset().union(*map(delegations, read))),
            )
        return swapped(query.attackers, sides[0]) or other_delegation(query.delegations, sides[1])

    def _disclaimed(self, query: Query, chosen: Candidate, doc: Doc) -> str | None:
        """The answer's own sentence saying its articles lack the very thing asked ("It names no city"
        for "which saudi city…", "does not say where" for "where…", "does not name the leaders" for
        "which european leaders…"), as a near miss's notice (`bot.engine.unsaid`)."""
        counted = query.slot.counted if query.slot is not None and query.slot.name == "number" else ()
        asked = wanted(query.read, query.asked, counted)
        if chosen.target in self._premises or not asked:
            return None
        missing = self._lacking(doc.text)
        said = next((missing[t] for t in asked if t in missing), None)
        return said and near_miss(f"The articles don't say: “{said}”", doc.suggestion)

    def _slot_notice(self, slot: Slot, chosen: Candidate) -> str | None:
        """ "What day did Zelenskyy meet Erdoğan?" near an answer with no day: say it has none."""
        lacks = SLOT_LACKS.get(slot.name)
        if lacks is None or chosen.coverage < NEAR_MISS_COVERAGE or chosen.target in self._premises:
            return None
        return near_miss(
            f"The articles I draw on {lacks} here.", self._doc(chosen.kind, chosen.target).suggestion
        )

    def _near_miss_notice(self, query: Query, chosen: Candidate) -> str | None:
        """When the question names something the nearest answer does not cover, say what is known."""
        doc = self._doc(chosen.kind, chosen.target)
        missing = self._missing_specifics(query, doc)
        # A false premise's question states what the articles contradict: never offered as known.
        if not missing or chosen.coverage < NEAR_MISS_COVERAGE or chosen.target in self._premises:
            return None
        written = {t.token: t.word for t in query.terms if t.token}
        named = ", ".join(dict.fromkeys(written.get(t, t) for t in missing))
        if all(doc.weights.get(t, 0.0) > 0.0 for t in missing):  # held only as a deputy's or former title
            return near_miss(
                f"The articles I draw on name only a deputy or a former {named} here.", doc.suggestion
            )
        return near_miss(f"The articles I draw on say nothing about {named} here.", doc.suggestion)

    @staticmethod
    def _runner_up(ranked: list[Candidate], chosen: Candidate) -> Candidate | None:
        return next((c for c in ranked if c.target != chosen.target), None)

    def _gap_wins(self, gap: Candidate, answerable: Candidate) -> bool:
        """A known gap silences real content only when it explains words the content does not."""
        return (
            gap.coverage > answerable.coverage + 0.02
            or gap.score - answerable.score >= self.config.gap_margin
        )

    def _confident(self, candidate: Candidate) -> bool:
        return candidate.score >= self.config.threshold and candidate.coverage >= self.config.min_coverage

    def explain(self, question: str) -> Explanation:
        """Why `answer(question)` answers as it does: the reading, the match, scores and the tier."""
        explanation = self.answer(question).explanation
        assert explanation is not None  # every Answer from `answer` carries one
        return explanation

    def render(
        self,
        kind: str,
        target: str,
        *,
        question: str | None = None,
        confidence: float = 1.0,
        tier: Tier = "confident",
        understood: str | None = None,
        suggestions: tuple[Suggestion, ...] = (),
        notice: str | None = None,
        explanation: Explanation | None = None,
    ) -> Answer:
        """The answer for one known item (also used by suggestion buttons and `/who`).

        `kind` is a name from `bot.factbase.kinds.ITEM_KINDS` whose items answer ("entry", "person",
        "event"); an unknown kind, a kind that only abstains ("gap") or an unknown `target` raise
        ValueError or KeyError rather than render something else.  `confidence` is clamped to 0..1.
        """
        spec = item_kind(kind)
        if not spec.answers:
            raise ValueError(f"a {kind} only explains an abstention; it is not an answer")
        item = self.factbase.items(kind)[target]
        title, text = spec.title(item), spec.text(item)
        sources = self._sources(spec.evidence(item))
        periods = list(dict.fromkeys(s.period for s in sources))
        # "mid-May 2025 and May 2025" says less than "mid-May 2025": drop a period another one names.
        periods = [p for p in periods if not any(p != q and p in q for q in periods)]
        return Answer(
            question=question if question is not None else title,
            answered=True,
            text=text,
            confidence=as_confidence(confidence),
            tier=tier,
            understood=understood,
            kind=kind,
            target=target,
            title=title,
            reported=f"As reported in {spoken_list(periods)}." if periods else None,
            sources=sources,
            suggestions=suggestions,
            notice=notice,
            explanation=explanation,
        )

    def _doc(self, kind: str, target: str) -> Doc:
        doc = self.index.docs.find(kind, target)
        if doc is None:
            raise KeyError((kind, target))
        return doc

    def has_target(self, kind: str, target: str) -> bool:
        return kind in BY_NAME and target in self.factbase.items(kind)

    # -- retrieval ----------------------------------------------------------------------------------
    def parse(self, question: str) -> Query:
        text = " ".join(str(question).split())
        truncated = len(text) > self.config.max_question_chars
        text = text[: self.config.max_question_chars]
        pairs, terms = self._read(text)
        if any(t.spelt for t in terms):
            pairs, terms = self._respelt(text, terms)
        tokens = [token for _, token in pairs]
        phrase = " ".join(t.token or t.word for t in terms)
        specific = tuple(
            t.token
            for t in terms
            if t.token and (t.token in self.specific or (t.token.isdigit() and len(t.token) > 1))
        )
        # A weekday or month the fact base never mentions ("on saturday") is still a detail it lacks.
        specific += tuple(
            w for t in terms if t.token is None and (w := stem(t.word.lower())) in self.specific
        )
        asks = next((t for t in tokens if t in QUESTION_WORDS), None)
        # The slot reads misspellings as the index corrected them ("how many drons").
        corrected = {t.word: t.token for t in terms if t.token}
        read = [corrected.get(word, token) for word, token in pairs]
        # "who's the governor of kursk", "what's the name of the air force spokesman": an answer with
        # no governor, no spokesman, names another.
        if asks == "who" or "name" in read:
            specific += tuple(t for t in read if t in self._titles and t not in specific)
        # "The fourth round" is another round than the two the articles report (and the third offered).
        specific += tuple(a for a, b in itertools.pairwise(read) if b == "round" and a in ORDINALS)
        slot = slot_of(read, is_content)
        return Query(
            text,
            terms,
            frozenset(tokens),
            phrase,
            truncated,
            specific,
            slot,
            asks,
            self._claims(read, slot),
            attackers(read),
            delegations(read),
            bool(read) and read[0] not in QUESTION_WORDS,
            self._asked(read, slot),
            tuple(read),
        )

    def _asked(self, read: list[str], slot: Slot | None) -> str | None:
        """What the question asks for beyond its names: the noun of a what/which question ("which
        *party*"), or what words were said about ("what did Gladkov say about *casualties*")."""
        asked = asked_noun(read, is_content)
        if asked is None and slot is not None and slot.name in ("speech", "quote") and "about" in read:
            after = read[read.index("about") + 1 :]
            asked = next(
                (t for t in after if is_content(t) and t not in self.specific and t not in _HEDGES), None
            )
        return asked if asked not in self.specific else None

    def _claims(self, read: list[str], slot: Slot | None) -> tuple[Claim, ...]:
        """Numbers the question takes for granted (`bot.engine.slots.claims`), and a count it guesses
        ("how many clashes on monday, was it like 100?": 100 clashes, to be corrected, not a detail
        the answer lacks)."""
        found = claims(read, is_content, self._years)
        if slot is None or slot.name != "number" or not slot.counted:
            return found
        taken = {number for number, _ in found}
        guessed = tuple(
            (t, slot.counted) for t in read if t.isdigit() and t not in taken and t not in self._years
        )
        return found + guessed

    def _read(self, text: str) -> tuple[list[tuple[str, str]], list[QueryTerm]]:
        """(word, token) pairs, normalised once (tokens for intent, content words for terms), and terms."""
        pairs = self.normalizer.pairs(text)
        content = [(word, token) for word, token in pairs if is_content(token)]
        return pairs, self.index.terms(content[: self.config.max_terms])

    def _respelt(self, text: str, terms: list[QueryTerm]) -> tuple[list[tuple[str, str]], list[QueryTerm]]:
        """The question read again with its misspellings written as the fact base writes them, so a
        phrase they were part of is known ("the italain pm" is "the italian prime minister", Meloni).
        A corrected word still counts only as much as the correction was sure."""
        spelt = {t.word.lower(): t for t in terms if t.spelt}
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, spelt)) + r")\b", re.IGNORECASE)
        again = pattern.sub(lambda m: spelt[m.group().lower()].spelt or m.group(), text)
        pairs, read = self._read(again)
        sure = {t.spelt: t.match for t in spelt.values()}
        return pairs, [dataclasses.replace(t, match=sure[t.word]) if t.word in sure else t for t in read]

    def rank(self, query: Query) -> list[Candidate]:
        ids = self.index.candidates(query.terms, self.config.candidates)
        ranked = [self._score(query, self.index.docs[i]) for i in ids]
        ranked.sort(key=lambda c: self._order(query, c))
        return ranked

    def _order(self, query: Query, c: Candidate) -> tuple[float, bool, str, str]:
        """Best score first; on a tie, the entry asked with the question's own question word
        ("where were the talks" and "when were the talks" both read as "talk")."""
        return (-c.score, self._asks.get(c.target) != query.asks, c.kind, c.target)

    def score_all(self, query: Query) -> list[Candidate]:
        """Exhaustive scoring of every document: the reference the index must agree with."""
        ranked = [self._score(query, doc) for doc in self.index.docs]
        ranked.sort(key=lambda c: self._order(query, c))
        return ranked

    def _score(self, query: Query, doc: Doc, phrasings: Sequence[str] | None = None) -> Candidate:
        """How well `doc` answers `query`, its closest phrasing taken among `phrasings` (default all)."""
        cfg = self.config
        weights = doc.weights
        coverage = sum(gain * weights.get(token, 0.0) for token, gain in query.gains) / query.total_idf
        phrasing, best, _ = process.extractOne(
            query.phrase, doc.phrasings if phrasings is None else phrasings, scorer=fuzz.token_sort_ratio
        )
        similarity = best / 100.0
        precision = self._precision(query, phrasing)
        score = cfg.w_coverage * coverage + cfg.w_similarity * similarity + cfg.w_precision * precision
        score += self._intent(query, doc, coverage)
        if any(weights.get(t, 0.0) == 0.0 for t in query.specific):
            score -= cfg.missing_specific_penalty
        if query.slot is not None and not self._answers_by(query.slot, doc, phrasing, similarity):
            score -= cfg.missing_slot_penalty
        return Candidate(
            doc.kind, doc.target, phrasing, round(score, 4), round(coverage, 4), round(similarity, 4)
        )

    def _answers(self, query: Query, doc: Doc, candidate: Candidate) -> bool:
        """Does the candidate give what the question's slot asks for (`_answers_by`)?"""
        slot = query.slot
        return slot is None or self._answers_by(slot, doc, candidate.phrasing, candidate.similarity)

    def _answers_by(self, slot: Slot, doc: Doc, phrasing: str, similarity: float) -> bool:
        """Its text holds what `slot` asks for, or the question reads as one of the entry's own
        phrasings that asks the same ("when will the third round take place" of the entry saying no
        date is set): the maintainer wrote it to answer that."""
        if self._fills(slot, doc):
            return True
        return (
            doc.kind == "entry"
            and similarity >= ASKED_AS_SIMILARITY
            and self._asked_slot(doc.target).get(phrasing) == slot.name
        )

    def _asked_slot(self, target: str) -> dict[str, str]:
        """What each of an entry's phrasings (as the index holds them) asks for, read when first needed."""
        slots = self._asked_slots.get(target)
        if slots is None:
            entry = self.factbase.entries[target]
            slots = {}
            for text in (entry.question, *entry.alternatives):
                tokens = self.normalizer.tokens(text)
                slot = slot_of(tokens, is_content)
                if slot is not None:
                    slots.setdefault(" ".join(filter(is_content, tokens)), slot.name)
            slots = self._asked_slots.put(target, slots)
        return slots

    def _fills(self, slot: Slot, doc: Doc) -> bool:
        """Does the document's text hold what the slot asks for (`bot.engine.slots`)?  Memoised:
        the answer never changes for one engine, and the check runs on every candidate of every
        question."""
        key = (slot, doc.kind, doc.target)
        hit = self._slot_hits.get(key)
        if hit is None:
            hit = self._slot_hits.put(key, fills(slot, doc.text, self._tokens))
        return hit

    def _precision(self, query: Query, phrasing: str) -> float:
        """The share of the phrasing's weight (its words by rarity) that the question says."""
        weighted = self._phrasing_idf.get(phrasing)
        if weighted is None:
            idf = self.index.idf
            pairs = tuple((t, idf.get(t, 0.0)) for t in phrasing.split())
            weighted = self._phrasing_idf.put(phrasing, (pairs, sum(w for _, w in pairs) or 1.0))
        pairs, total = weighted
        if not pairs:
            return 0.0
        known = query.known
        return sum(w for t, w in pairs if t in known) / total

    def _intent(self, query: Query, doc: Doc, coverage: float) -> float:
        bonus = self.config.intent_bonus
        if doc.kind == "person":
            return bonus if query.words & PERSON_WORDS and coverage > 0.5 else -bonus / 2
        if doc.kind == "event":
            return bonus if query.words & WHEN_WORDS and coverage > 0.5 else -bonus / 2
        return 0.0

    # -- helpers ------------------------------------------------------------------------------------
    def _abstain(
        self,
        query: Query,
        ranked: list[Candidate],
        notice: str | None = None,
        *,
        shown: str | None = None,
        attempt: Attempt | None = None,
    ) -> Answer:
        seen: set[str] = set()
        suggestions = []
        for c in ranked:
            if c.score < self.config.suggestion_floor or len(suggestions) == 3:
                break
            if c.target not in seen and self.suggestable(c):
                seen.add(c.target)
                suggestions.append(self._suggestion(c))
        best = attempt.chosen if attempt and attempt.chosen else (ranked[0] if ranked else None)
        return Answer(
            question=shown if shown is not None else query.text,
            answered=False,
            text=None,
            confidence=as_confidence(attempt.probability) if attempt else 0.0,
            tier="unsure",
            suggestions=tuple(suggestions),
            notice=notice,
            explanation=self._explain(query, best, self._runner_up(ranked, best) if best else None, attempt),
        )

    def _suggestion(self, candidate: Candidate) -> Suggestion:
        kind = item_kind(candidate.kind)
        item = self.factbase.items(candidate.kind)[candidate.target]
        return Suggestion(kind.suggestion(item), candidate.kind, candidate.target)

    def _sources(self, evidence: list[Evidence]) -> tuple[SourceRef, ...]:
        refs = []
        for ev in evidence:
            src = self.factbase.sources[ev.source]
            refs.append(SourceRef(src.id, src.title, src.outlet, ev.quote, src.period, src.has_headline))
        return tuple(refs)

    @staticmethod
    def _truncation_notice(truncated: int) -> str | None:
        """Say how much of a long question was read (`Attempt.cut`), or nothing when all of it was."""
        return truncation_notice(truncated) if truncated else None

    def _explain(
        self,
        query: Query,
        best: Candidate | None,
        runner_up: Candidate | None,
        attempt: Attempt | None = None,
    ) -> Explanation:
        return Explanation(
            cleaned=query.text,
            normalized=query.phrase,
            tokens=tuple(t.token or t.word for t in query.terms),
            unknown=tuple(t.word for t in query.terms if t.token is None),
            corrections={t.word: t.token for t in query.terms if t.token and t.token != t.word},
            threshold=self.config.threshold,
            best=best,
            runner_up=runner_up,
            probability=round(attempt.probability, 3) if attempt else 0.0,
            tier=self.calibration.tier(attempt.probability) if attempt and attempt.chosen else "unsure",
            signals=attempt.signals if attempt else None,
        )
