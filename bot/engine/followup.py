"""Follow-up questions: read "and ukraine's?", "when was that?", "who else was there?" in context.

In a channel people answer the bot back.  A follow-up alone is usually unanswerable ("what did he
say?"), so it is rewritten with the previous exchange before normal retrieval, and the engine then
answers the rewritten question exactly as it answers any other.  Nothing here scores documents.

The follow-up is first tidied like any message (mentions, emoji, markdown, filler, text-speak) but
nothing else is taken away: "when was that?" is all cues.  The rules, in the order they are tried:

* "ok different question: …", "separate q - …": the rest is answered on its own.
* A follow-up with no cue of dependence (no pronoun, no "and …"/"what about …" opening of any of its
  sentences, no "else", not a bare fragment like "fomin?" or a count of nothing it names like "how
  many were shot down?") that the engine answers on its own is answered on its own: context never
  drags a clear new question back to the old topic.  One it recognises as a known gap is too, unless
  the answer just given says it ("how many rounds were fired?" right after Gladkov's claim).
  "What did the kremlin say?" (words said about nothing it names) is a cue of dependence: it is also
  read in context, the reading alone competing on fit; so is one saying nothing the previous question
  did not ("what was the date of *the call*?" after Erdogan's call with Putin).
* A follow-up about the previous answer's topic that asks what that answer itself says the articles
  lack ("which city?" after "It names no city, date or participants") gets "I don't know", quoting
  that sentence (`bot.engine.unsaid`), not some other item's city.
* Otherwise a few readings are built and each is answered: the follow-up alone (not when it has a
  pronoun or replies: "what did he say", "what did putin reply?" alone are about nobody; "did russia
  launch in *its* biggest attack" has none); its "he/she/they" standing for the previous subject ("what
  did Denisov say…") and its "there" for the previous place; the previous question with the follow-up's
  names swapped in for its own ("who was on *ukraine's* delegation"; "the military one" after the
  deputy foreign minister asks for the deputy military minister; "what came out of them?" after "how
  many rounds…" drops the "many" its own question word replaces; a day stays unless a new one is
  given: "and ukraine's?" after Russia's drones on Sunday asks for Ukraine's on Sunday, and the answer
  just given counts again only if it says that fact of the new side; "and casualties?" counts
  casualties, not the drones counted before), unless the follow-up is a whole question whose own
  reference was resolved; the follow-up about the previous topic ("when was that" + "where did Putin and
  Zelensky last meet"; a day it gives replaces the old one, and "how many on tuesday?" counts what the
  previous question counted); a fragment asking for something new ("which weapons?" after Denisov
  on monitoring) with the previous topic's names only ("which weapons? denisov").
  The previous topic is the question as asked and, second, the question
  of the item it was answered with (or, after an honest "the articles don't say" for a known gap,
  whom and when that gap names: "when?" after the gap on Trump's Monday call with Putin).
  "He" is one person (the first named), called by the name only they have ("Medinsky", not the
  "Vladimir" he shares with Putin); "them" is never two people the follow-up names one of ("what did
  putin say about them?" after Erdogan and Putin on Syria: the strikes), and words said "about it" must
  come from an answer naming what the previous question named.
  A reading counts if it still asks what the follow-up asks (a number, a date, words said), its
  answer in context gives it (a time for "when was that?", words of whom "he" means), context lent
  it no false premise, an answer to a question about "he" names him unless it is closely linked to
  the previous one ("which airport did he land at?" after Trump's words on flying to Istanbul is not
  the Russian delegation's landing), and it is answered with an answer that covers what the
  follow-up itself newly asks (`own_coverage`: context may say who, not what — "how old is he?" is
  not answered with his entry; one asking for a name or for more people must name someone new:
  "what was her name?"; "how long did they last?" must be answered by the thing discussed or an
  item of its event; "when was it agreed?" asks for a time, so the answer need not say "agreed"),
  or if it hits a known gap (an honest "the articles don't say").  Among the counting
  readings the best fit wins: confidence x own coverage, weighed by how closely the answer is linked
  to the previous one (`Links`: a follow-up is about what was just discussed, while a reading that
  merely borrowed the old words lands on a stranger).  "Who else was on ukraine's team?" is also
  read without its "else" (the previous answer set aside, what it asks is a whole question); and
  "anyone else?" reads the previous question without what that one set aside ("besides Erdogan, who
  did Zelenskyy say he'd welcome?": who he'd welcome, Erdogan still set aside); "who else is on the
  team?" after a person's card sets that person aside too (unless "he" still means them), and
  "anyone else?" after a question naming someone as what it asks about ("witkoff was one of the us
  envoys due friday?", not "who did trump confirm…" nor "zelensky said…") asks who, them set aside.
  What a follow-up sets aside itself ("anything besides ukraine?") is no new word of its readings.
  "who else…" first prefers a linked answer other than the one just given, then one that says
  something that answer did not (not another item retelling it, nor a gap), a fragment ("and
  ukraine's?", "fomin?") a reading in context (a whole question opening with "and" competes on fit:
  "and where are the us-hosted talks?" is a new question), and then the follow-up itself with its
  "he" put in words beats the old words added to it ("what did Medinsky say?" after "who led the
  russian delegation", not the delegation again) — unless it still ends pointing back ("when did
  Trump say that?" is about what he said, not about him).
* None counts: the bot says it does not know (never "too little to go on": the context was read),
  and passes on whom the question was about.

The previous exchange travels as an `Exchange`: the question as asked and the entry, person or event
it was answered with (whose own question, people, places, dates and topics make the context), or,
when it was not answered, the question as read in context.  Only the last exchange is context: a
conversation never piles up old turns.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import re
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from bot.engine.answer import Answer
from bot.engine.documents import name_owners, sole_owners
from bot.engine.message import AUXILIARIES
from bot.engine.normalize import QUESTION_WORDS, is_content
from bot.engine.slots import SPEECH, YEAR, Slot, fills, split_sentences
from bot.engine.unsaid import Asked, unsaid
from bot.factbase.kinds import BY_NAME, ITEM_KINDS, item_kind
from bot.wording import MONTHS, NO_QUESTION, WEEKDAYS, spoken_list, unsaid_notice

if TYPE_CHECKING:
    from bot.engine.engine import Engine
    from bot.factbase import FactBase

# Words that stand for someone named before, and for something said before.
PERSONAL = frozenset("he she him her his hers they them their theirs".split())
DEMONSTRATIVE = frozenset("it its that this there those these".split())
PRONOUNS = PERSONAL | DEMONSTRATIVE
PLURAL = frozenset("they them their theirs".split())
POSSESSIVE = frozenset("his its their".split())
# Openings that attach a question to the previous one: "and ukraine's?", "what about the us".
_OPENER = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|but|wait|hmm|right)\W+)*(?:and|also|what\s+about|how\s+about|same\s+for)\b",
    re.IGNORECASE,
)
# Openings that say the opposite: "ok diff question: who is …", "separate q - …".
_NEW_TOPIC = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|but|now)\W+)*(?:a\s+)?(?:diff(?:erent)?|separate|new|unrelated|other|another)"
    r"\s+(?:q|qn|question|topic|thing)\b\W*",
    re.IGNORECASE,
)
# Words that make a question a response to what was just discussed: "what did putin *reply*?",
# "how did the kremlin *respond*?", "what did they say *back*?" (not "reply *to* the offer", which
# names what it responds to).
REPLY_WORDS = frozenset(
    "reply replied replies respond responded responds response react reacted reaction back".split()
)
_REPLY = re.compile(rf"\b(?:{'|'.join(sorted(REPLY_WORDS))})\b(?!\s+(?:to|of|from)\b)", re.IGNORECASE)
ELSE_WORDS = frozenset({"else", "other", "others", "besides", "another", "too", "also"})
# A follow-up this short (in meaningful words) is a fragment of a question ("fomin?", "over what
# period?") unless it asks about someone or something by name ("who is rubio?") or is a whole
# question with its verb ("what is the capital of france?"); one word and no name is a fragment
# even with its verb ("who was freed").
FRAGMENT_WORDS = 2
# What a count of people in general counts (tokens as the normaliser stems them): "how many people did
# it kill?" is answered by "at least one civilian death", while "how many civilians…" is not answered
# by a count of soldiers.
ANYONE = frozenset({"peopl", "person"})
# "how many of *those* are *ukrainian*?": a part of what was just counted.
_PART = re.compile(
    r"\bhow\s+many\s+of\s+(?:those|them|these)\s+(?:\w+\s+)?(?:are|were|is|was)\s+([\w'’-]+)",
    re.IGNORECASE,
)
# The share of a follow-up's own words (rarity-weighted) its answer must cover; see `own_coverage`.
OWN_COVERAGE = 0.4
# Words that say what kind of answer is wanted rather than what about ("which *city*", "what *day*",
# "how *long*"): an answer need not contain them (tokens as the normaliser stems them).
ANSWER_TYPES = frozenset("day date time year month long last citi place venu locat countri name".split())
# Verbs that only say that the thing discussed took place somewhere: "where was it *held*?", "where
# did he say it would *happen*?" ask for a place, which the answer need not put in those words.
# ("When did it happen?", "when will it be held?" are another matter: the date an answer gives is often
# when something was reported or proposed, not when it happened; ignoring "happen" there cost answers
# on the held-out conversations, twice.)
WHERE_VERBS = frozenset("held hold happen occur locat base".split())
# Verbs that only say that the thing discussed came about: "when was it *agreed*?", "when was it *set
# up*?" ask for a time, which the answer (it must give one) need not put in those words.
WHEN_VERBS = frozenset("agre sign found establish launch creat start set reach".split())
# How much an answer's link to the previous one (`Links.related`, 0..1) counts when readings compete:
# a reading's fit is its confidence x own coverage x (1 - w + w * related).
RELATED_WEIGHT = 0.5
# Readings built from the question of the item last answered with, rather than from what the asker
# wrote, count this much of their fit: the asker's words first.  On conversations-train.yaml 1.0 and
# 0.8 gave 88.9 %, 0.9 gave 90.0 % (one conversation: "what else did they talk about?").
ANSWER_TOPIC = "previous answer"
ANSWER_TOPIC_WEIGHT = 0.9
# A known gap reached only through words context lent ("…foreign minister… defense minister") counts
# this much of its fit: its confidence is that of the answer it silenced, not its own.  On the training
# conversations 0.4-0.8 all gave one more right answer than 1.0 (train2) and cost none; 0.6 is between.
LENT_GAP_WEIGHT = 0.6
# How closely (`Links.related`, 0..1) an answer must be linked to the previous one to be trusted with a
# follow-up about "he" that it does not name (`FollowUps._about_subject`): on the training
# conversations every answer that rule set aside was a stranger linked at most 0.13 (the Russian
# delegation's landing for "which airport did he land at?" after Trump's words); applied to every
# answer, it cost one held-out conversation (a linked answer calling him otherwise, we presume).
STRANGER_LINK = 0.3
# The share of an answer's own words (rarity-weighted) the previous answer did not already say, below
# which it tells a "what else…" follow-up nothing new: after March 2022's talks led to the grain deal,
# another item retelling that meeting says 0.23 new, the one adding the September 2022 prisoner swap
# 0.50.  See `FollowUps.tells_new`.
NEW_CONTENT = 0.3
# "when was that", "what day", "over how long": asks for the time of what was just discussed.
_TIME_ASK = re.compile(
    r"\b(?:when|what\s+(?:day|date|year|month|time)|how\s+long|what\s+period)\b", re.IGNORECASE
)
_WORD = re.compile(r"\w")
_TIMES = frozenset({"time", "day", "year"})  # what `Asked` calls a question for a time
# "which outlet reported it?", "what's the source for that", "who wrote that?", "source?": where the
# answer just given comes from.
_ASKS_SOURCE = re.compile(
    r"^\W*(?:(?:which|what|who)\b[^?]{0,25}"
    r"\b(?:outlet|source|sources|article|paper|newspaper|site|publication)\b[^?]{0,25}\b(?:it|that|this)\b"
    r"|(?:who|which outlet)\s+(?:reported|wrote|published|said)\s+(?:it|that|this)"
    r"|(?:source|sources|says who)\W*$|where(?:'s| is| does) (?:that|this|it) (?:from|come from))",
    re.IGNORECASE,
)
# A follow-up may come after a first sentence: "is erdogan hosting again? and when".
_SENTENCES = re.compile(r"(?<=[?!.;])\s+")
_BYLINE = re.compile(r"\bbyline\s+\W?\w+\W?", re.IGNORECASE)
_THERE = re.compile(r"\bthere\b", re.IGNORECASE)
# "what about the *military one*": a word and the "one" standing for what the old question named.
_ONE = re.compile(r"\b(\w+)\s+ones?\b", re.IGNORECASE)
# The words that set the previous answer aside ("who *else*", "any *other*"); "besides X" names its own.
_ELSE = re.compile(r"\b(?:else|others?|another)\b", re.IGNORECASE)
# "Anyone else?", "anywhere else?": who or where, which an answer names rather than says.
INDEFINITE = frozenset("anyone anybody anything anywhere someone somebody something somewhere".split())
PEOPLE_ASKED = frozenset("anyone anybody someone somebody".split())
# "besides Rubio", "apart from stabilising wheat prices,": what a question sets aside, up to a comma, a
# question word or an auxiliary (or, when none comes within four words, the one word after it).
_SET_ASIDE = re.compile(
    r"\b(?:besides|apart\s+from|aside\s+from|other\s+than|except(?:\s+for)?)\s+"
    r"(?P<aside>(?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+(?=\s*(?:[,?;]|\s(?:who|whom|what|which|where|when|how|"
    r"were|was|did|do|does|is|are|has|have|had)\b))|(?:the\s+)?[\w'’-]+)",
    re.IGNORECASE,
)
# The word that makes "how" ask for an amount or a length: "how *many*", "how *long*".
_HOW = re.compile(r"\bhow\s+(many|much|long|old|far|often)\b", re.IGNORECASE)
# A question ending on what was discussed, still pointing back once "he" is put in words ("when did he
# say *that*?", "when'd he say *it*?").  Not "it" otherwise nor "about that" inside: "what did they
# agree on it?" is whole enough.
_POINTING = re.compile(
    r"\b(?:that|this|(?:say|said|mean|meant|post|posted|write|wrote)\s+it)\W*$", re.IGNORECASE
)
# "what did he say *about them*?": about the previous topic itself.
_ABOUT_IT = re.compile(r"\babout\s+(?:it|that|this|them|those|these)\b", re.IGNORECASE)
_DROPPED = re.compile(
    rf"\b(?:{'|'.join(sorted(DEMONSTRATIVE | ELSE_WORDS | INDEFINITE, key=len, reverse=True))})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Exchange:
    """One earlier question and what it was answered with: the context of the next question."""

    question: str
    kind: str | None = None
    target: str | None = None

    @classmethod
    def of(cls, answer: Answer) -> Exchange:
        """The exchange an answer closes.

        An answered question leaves the item it was answered with, and the question as asked (with
        its "he" or "there" put in words, so the next turn still knows whom "he" means), or as it was
        read in context ("anyone else?" leaves "who else did trump say would go to istanbul"); an
        unanswered one leaves the question as it was read in context ("how old is Umerov?").  Neither
        carries the turns before it: a conversation's context is its last exchange, never a pile of
        old ones.
        """
        if answer.answered:
            explanation = answer.explanation
            resolved = explanation and (explanation.resolved or explanation.read_as)
            return cls(resolved or answer.question, answer.kind, answer.target)
        read_as = answer.explanation.read_as if answer.explanation else None
        return cls(read_as or answer.question, answer.kind if answer.answered else None, answer.target)


@dataclass(frozen=True)
class Cues:
    """What in a follow-up shows that it leans on the previous exchange."""

    pronoun: bool
    opener: bool
    other: bool
    time: bool
    fragment: bool

    @property
    def any(self) -> bool:
        return (
            self.pronoun or self.opener or self.other or self.fragment or self.reply or self.said_of_nothing
        )

    reply: bool = False  # "what did putin reply?": a response to what was just discussed
    # "what did the kremlin say?": words said, about nothing it names — maybe about what was discussed.
    said_of_nothing: bool = False


ON_ITS_OWN = "on its own"
WITHOUT_ELSE = "without 'else'"
WITHOUT_NAMED = "who else, the people of the previous question set aside"


@dataclass(frozen=True)
class Reading:
    how: str
    text: str
    from_answer: bool = False  # built from the question of the item last answered with
    resolves: bool = False  # the follow-up itself with its "he"/"there" put in words
    swap: bool = False  # the previous question with the follow-up's words in place of its own
    # Its "he" put in words, but its "that"/"it" still points back: "when did Trump say *that*?"
    dangling: bool = False


@dataclass(frozen=True)
class Tried:
    """One reading of a follow-up, answered, with what tells a right answer from a lucky match."""

    reading: Reading
    answer: Answer
    gap: bool  # an honest "the articles don't say" for a known gap
    coverage: float  # `FollowUps.own_coverage` of the answer
    related: float | None  # `Links.related` to the previous answer (None: it had none)
    # It asks what the follow-up asks (a number, a date, words said), and context lent it no premise.
    eligible: bool = True
    # About no one but people already named ("who else besides galuzin?" after "…besides medinsky?").
    named: bool = False
    # The answer just given, again for "and ukraine's?", but it says the fact for the old side only.
    old_side_only: bool = False
    # It retells what the answer just given said ("what else…" after it asks for something new).
    retold: bool = False
    # The answer just given, whose words include what "anything else besides the prisoner swaps?"
    # sets aside: it told more than that, so it answers the "else" too.
    told_more: bool = False

    def counts(self, cues: Cues) -> bool:
        if not self.eligible:
            return False
        return self.gap or (self.answer.answered and self.coverage >= OWN_COVERAGE)

    def preference(self, after: Exchange, cues: Cues) -> tuple[bool, bool, bool, bool, float]:
        """The best fit (confidence x own coverage x link to the previous answer); but for "who else…"
        first an answer other than the one just given or one about no one but people already named,
        and for a fragment ("and ukraine's?", "fomin?", "how many were shot down?") first a reading
        in context (the fragment alone is the fallback)."""
        answer = self.answer
        repeated = (answer.kind, answer.target) == (after.kind, after.target) and not self.told_more
        repeated = repeated or self.named
        alone = self.reading.how == ON_ITS_OWN
        fit = (
            answer.confidence * self.coverage * (1 - RELATED_WEIGHT + RELATED_WEIGHT * (self.related or 0.0))
        )
        if self.reading.from_answer:
            fit *= ANSWER_TOPIC_WEIGHT
        if self.gap and self.reading.how != ON_ITS_OWN:
            fit *= LENT_GAP_WEIGHT
        # "who else…": another answer, but one linked to the last ("who else was there" is not a gap).
        stranger = not self.related
        # "what else…": then an answer that says something new over one retelling the last (or a gap).
        new = not (cues.other and ((self.retold and not self.told_more) or self.gap))
        return (
            not (cues.other and (repeated or stranger)),
            new,
            not (cues.fragment and alone),
            self.reading.resolves and not self.reading.dangling,
            fit,
        )


class Links:
    """How closely two fact-base items are linked: the articles, events, people and topics they share.

    A follow-up is about what was just answered, so its answer is usually linked to the previous one
    ("what did the kremlin say" after Erdogan's call with Putin: the Kremlin's response to that call,
    same article and event), while a reading that merely borrowed the old words can land anywhere
    (Trump's call with Putin).  Each shared link counts by its rarity (a link every item has says
    nothing); `related` is the cosine of the two items' weighted links, 0..1, 1 for the same item.
    """

    def __init__(self, factbase: FactBase) -> None:
        # Only how many items share each link is kept (a few hundred links); an item's own links are
        # read from the fact base when asked, so 100 000 entries cost no per-item table.
        self.factbase = factbase
        counts: Counter[tuple[str, str]] = Counter()
        total = 0
        for kind in ITEM_KINDS:
            for item in factbase.items(kind.name).values():
                counts.update(set(_links(kind.name, item)))
                total += 1
        self.weight = {link: math.log(1 + total / count) ** 2 for link, count in counts.items()}

    def of(self, item: tuple[str | None, str | None]) -> frozenset[tuple[str, str]]:
        kind, target = item
        items = self.factbase.items(kind) if kind in BY_NAME else {}
        found = items.get(target) if target else None
        return frozenset(_links(kind, found)) if kind and found is not None else frozenset()

    def related(self, a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> float:
        if a == b:
            return 1.0
        first, second = self.of(a), self.of(b)
        if not first or not second:
            return 0.0
        weight = self.weight
        shared = sum(weight[link] for link in first & second)
        return shared / math.sqrt(sum(weight[x] for x in first) * sum(weight[x] for x in second))


def _links(kind: str, item: object) -> list[tuple[str, str]]:
    """An item's links: the articles it cites, its events, people and topics, and itself when other
    items can name it (a person, an event)."""
    links = [(kind, item.id)] if kind in ("person", "event") else []  # type: ignore[attr-defined]
    links += [("source", e.source) for e in getattr(item, "evidence", ())]
    links += [("event", e) for e in getattr(item, "events", ())]
    links += [("person", p) for p in getattr(item, "people", ())]
    links += [("topic", t) for t in getattr(item, "topics", ())]
    return links


class FollowUps:
    """Answers a question given the exchange before it (see the module docstring)."""

    _per_engine: ClassVar[weakref.WeakKeyDictionary[Engine, FollowUps]] = weakref.WeakKeyDictionary()

    @classmethod
    def of(cls, engine: Engine) -> FollowUps:
        """One reader per engine (it indexes the engine's documents once; a reload builds a new one)."""
        reader = cls._per_engine.get(engine)
        if reader is None:
            reader = cls._per_engine[engine] = cls(engine)
        return reader

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        normalizer = engine.normalizer
        people = engine.factbase.people.values()
        self.owners = name_owners(engine.factbase, normalizer.content)  # whose names each word is in
        self.person_tokens = frozenset(self.owners)
        # Tokens that name one person only ("medinsky"; not "vladimir", shared by Putin and Medinsky).
        self.person_of = sole_owners(engine.factbase, normalizer.content)
        # Names of people and places, plus the sides people speak for ("Russia", "United States"):
        # the words an elliptical follow-up swaps ("and ukraine's?" after a question about Russia's).
        sides = {person.side for person in people if "(" not in person.side}
        self.sides = frozenset(token for side in sides for token in normalizer.content(side))
        self.named = engine.specific | self.sides
        self.times = frozenset(t for word in (*MONTHS, *WEEKDAYS) for t in normalizer.content(word))
        self.gaps = {gap.note: gap.id for gap in engine.factbase.unanswerable.values()}
        self.links = Links(engine.factbase)
        self._tokens = functools.lru_cache(maxsize=4096)(normalizer.tokens)

    def answer(self, question: str, after: Exchange) -> Answer:
        engine = self.engine
        fresh = _NEW_TOPIC.match(question)
        if fresh and question[fresh.end() :].strip():
            answer = engine.answer(question[fresh.end() :])
            answer = dataclasses.replace(answer, question=question)
            return _noted(answer, None, "marked as a new question; the previous question was not used")
        alone = engine.answer(question)
        # Mentions, emoji, markdown and filler go; every word of the question stays ("when was that?").
        tidy = _as_pronouns(engine.reader.tidy(question))
        if not _WORD.search(tidy):  # nothing but a mention, an emoji, "lol": nothing to follow up
            return _noted(alone, None, "nothing to read in context; the previous question was not used")
        if _ASKS_SOURCE.search(tidy) and after.kind is not None and after.target is not None:
            # "which outlet reported it?": the sources of the answer just given.
            return _noted(self._source_of(question, after), None, "asks where the previous answer comes from")
        cues = self._cues_after(tidy, after)
        if not cues.any and alone.answered:
            return _noted(alone, None, "stands on its own; the previous question was not used")
        if not cues.any and self._known_gap(alone):
            # A known gap, unless what was just said answers it: "how many rounds were fired?" right
            # after Gladkov's claim of 65 drones and over 100 rounds is about his claim.
            again = self._said_just_now(tidy, after, cues)
            if again is None:
                return _noted(alone, None, "stands on its own; the previous question was not used")
            how = f"read in context of {after.question!r} (the answer just given says it)"
            return _noted(dataclasses.replace(again.answer, question=question), again.reading.text, how)
        readings = self.readings(tidy, after, cues)
        # What the follow-up asks, with whom "he" means put in words ("what did *Rubio* say"); a number
        # of whatever it counts ("how many people did it kill": "at least one civilian death").
        wanted = self.engine.parse(next((r.text for r in readings if r.resolves), tidy)).slot
        said = self._said_to_be_missing(
            next((r.text for r in readings if r.resolves), tidy), after, self.engine.parse(tidy).slot
        )
        if said is not None:
            in_context = next((r.text for r in readings if r.how != ON_ITS_OWN), None)
            abstained = dataclasses.replace(_abstained(alone), notice=unsaid_notice(said))
            return _noted(abstained, in_context, "the previous answer says the articles lack what it asks")
        # "How many on tuesday?" after Monday's clashes counts clashes: a count of nothing named keeps
        # what the previous question counted, and a count of its own counts what it names ("how many
        # civilians…" is not answered by the soldiers just counted), people in general anyone.
        counted = (wanted.counted or self._part_counted(tidy)) - ANYONE if wanted else frozenset()
        if wanted and wanted.name == "number" and not counted:
            before = self.engine.parse(after.question).slot
            counted = before.counted if before and before.name == "number" else frozenset()
        wanted = wanted and dataclasses.replace(wanted, counted=counted)
        tried = [
            self.judge(reading, tidy, alone if reading.text == tidy else None, after, wanted)
            for reading in readings
        ]
        counting = [t for t in tried if t.counts(cues)]
        if cues.opener and cues.fragment and any(t.old_side_only for t in tried):
            # "and ukraine's?" after Russia's drones on Sunday was understood, and the articles give that
            # number for Russia only: the fragment alone (Ukraine's delegation) is no answer to it.
            counting = [t for t in counting if t.reading.how != ON_ITS_OWN]
        # "what is the capital of france" after a gap on Ukraine's delegation: unknown either way, and
        # nothing in it leans on the context, so no note about the old topic comes with it.
        counting = [t for t in counting if cues.any or alone.answered or t.answer.answered]
        if not counting:
            listed = "; ".join(f"{r.how}: {r.text!r}" for r in readings)
            # A follow-up that leans on the context keeps its first reading in context as what was
            # asked, so a next turn still knows whom "he" means; one that does not stands alone.
            in_context = next((r.text for r in readings if r.how != ON_ITS_OWN), None) if cues.any else None
            how = f"no reading in context was answerable (tried {listed})"
            abstained = _abstained(alone)
            if cues.any and abstained.notice in NO_QUESTION:
                # "who were the others?" is no empty message: read in context, it is one the articles
                # cannot answer, not one with "too little to go on" or "no words I know".
                abstained = dataclasses.replace(abstained, notice=None)
            return _noted(abstained, in_context, how)
        best = max(counting, key=lambda t: t.preference(after, cues))
        answer = dataclasses.replace(best.answer, question=question)
        if best.reading.how == ON_ITS_OWN:
            return _noted(answer, None, "answered on its own; no reading in context did better")
        # Whom "he" meant is carried to the next turn ("…/ what did he post / on what platform").
        resolved = next((r.text for r in readings if r.resolves), None)
        how = f"read in context of {after.question!r} ({best.reading.how})"
        return _noted(answer, best.reading.text, how, resolved)

    def _part_counted(self, question: str) -> frozenset[str]:
        """What "how many of those are ukrainian?" counts: the part named after the pronoun standing
        for what was just counted (the Ukrainians among the casualties), not the casualties again."""
        found = _PART.search(question)
        return frozenset(self.engine.normalizer.content(found.group(1))) if found else frozenset()

    def _source_of(self, question: str, after: Exchange) -> Answer:
        """The answer just given, told by where it comes from: "TRT World reported it, in “…”."."""
        answer = self.engine.render(after.kind, after.target, question=question)
        told = [
            f"{_teller(s.outlet)} (“{s.title}”)" if s.has_headline else _teller(s.outlet or s.title)
            for s in {s.id: s for s in answer.sources}.values()
        ]
        text = f"That comes from {spoken_list(told)}. {answer.text}"
        return dataclasses.replace(answer, text=text)

    def _said_to_be_missing(self, question: str, after: Exchange, slot: Slot | None) -> str | None:
        """The sentence of the previous answer saying the articles lack what the follow-up asks ("It
        names no city…" for "which city?"), or None.

        Only for a follow-up about the previous answer's topic (it names nothing the previous exchange
        does not), and a person is missing only from an answer that names nobody the follow-up does
        not name itself ("the Liam article names no one", but another article names Medinsky)."""
        doc = self.engine.index.docs.find(after.kind, after.target) if after.kind and after.target else None
        if doc is None:
            return None
        asked = Asked.of(self.engine.normalizer.tokens(question), slot)
        missing = unsaid(doc.text).get(asked.kind or "")
        if missing is None:
            return None
        content = self.engine.normalizer.content
        before = {*content(after.question), *content(doc.text)}
        if any(token in self.named and token not in before for token in content(question)):
            return None  # it names someone or something new: it is about them
        if asked.kind == "person":  # the author of a byline is no one the answer is about
            people = {self.person_of.get(t) for t in content(_BYLINE.sub(" ", doc.text))} - {None}
            if people - {self.person_of.get(t) for t in content(question)}:
                return None
        return missing

    def _said_just_now(self, question: str, after: Exchange, cues: Cues) -> Tried | None:
        """The best reading in context answered with the item just given, when it counts (with a number
        of what the follow-up itself counts, if it counts something: "how many wounded soldiers were
        exchanged?" is not answered by an outcome saying they were, with no number)."""
        wanted = self.engine.parse(question).slot
        tried = [
            self.judge(reading, question, None, after, wanted)
            for reading in self.readings(question, after, cues)
            if reading.how != ON_ITS_OWN
        ]
        again = [
            t
            for t in tried
            if t.counts(cues)
            and t.answer.answered
            and (t.answer.kind, t.answer.target) == (after.kind, after.target)
        ]
        return max(again, key=lambda t: t.preference(after, cues)) if again else None

    def judge(
        self, reading: Reading, question: str, answer: Answer | None, after: Exchange, wanted: Slot | None
    ) -> Tried:
        """One reading answered, with what tells a right answer in context from a lucky match.

        A reading in context must give what the follow-up asks (`wanted`: a time, a number, words
        said by whom "he" means): "when was that?" after Rutte's words is not answered by his words
        again, and "what did he say?" after Rubio's trip not by Medinsky's statement."""
        answer = answer or self.engine.answer(reading.text)
        gap = self._known_gap(answer)
        item = ("gap", gap) if gap else (answer.kind, answer.target) if answer.answered else None
        before = (after.kind, after.target) if after.kind and after.target else None
        related = self.links.related(before, item) if before and item else None
        coverage = self.own_coverage(question, answer) if answer.answered else 1.0
        # "what did he say in the talks" read as "what zhovkva talks" no longer asks for words said.
        asks, got = self.engine.parse(question).slot, self.engine.parse(reading.text).slot
        same = asks is None or (got is not None and got.name == asks.name)
        # (Alone too when it counts what the previous question counted: alone it counts nothing.)
        in_context = reading.how != ON_ITS_OWN or bool(wanted and wanted.counted)
        if in_context and wanted and answer.answered and not self._gives(wanted, answer):
            same = False
        # An answer reached only through the context must still fit what the follow-up newly asks.
        through_context = reading.how != ON_ITS_OWN and answer.answered
        if through_context and not self._lasts_as_discussed(question, after, answer):
            same = False
        old_side_only = (
            reading.swap
            and same
            and (answer.kind, answer.target) == (after.kind, after.target)
            and not self._says_of_new_side(question, after, reading, answer)
        )
        same = same and not old_side_only
        # A false premise is corrected only when the asker stated it, never when context lent the words.
        if reading.how != ON_ITS_OWN and self._premise(answer.kind, answer.target):
            same = False
        if through_context and not self._names_someone_new(question, after, answer):
            same = False
        if through_context and not self._about_what_was_said(question, after, answer):
            same = False
        # "Which airport did he land at?": an answer about him (or closely linked to the last one).
        stranger = (related or 0.0) < STRANGER_LINK
        if through_context and stranger and not self._about_subject(question, after, answer):
            same = False
        named = self._about_named(f"{after.question} {question}", answer)
        retold = answer.answered and not self.tells_new(after, answer)
        told_more = (answer.kind, answer.target) == (after.kind, after.target) and self._set_aside_told(
            question, after
        )
        return Tried(
            reading, answer, gap is not None, coverage, related, same, named, old_side_only, retold, told_more
        )

    def _set_aside_told(self, question: str, after: Exchange) -> bool:
        """Does the answer just given say what the follow-up sets aside ("besides the prisoner swaps")?"""
        found = _SET_ASIDE.search(question)
        doc = self.engine.index.docs.find(after.kind, after.target) if after.kind and after.target else None
        if found is None or doc is None:
            return False
        set_aside = self.engine.normalizer.content(found.group("aside"))
        return bool(set_aside) and all(t in doc.weights for t in set_aside)

    def tells_new(self, after: Exchange, answer: Answer) -> bool:
        """Does the answer say something the previous answer did not (`NEW_CONTENT` of its rarity-weighted
        words)?  "What else did Türkiye mediate?" after the March 2022 talks' grain deal is not answered
        by another item retelling those talks, but by the one adding the 2022 prisoner swap."""
        docs = self.engine.index.docs
        before = docs.find(after.kind, after.target) if after.kind and after.target else None
        now = docs.find(answer.kind, answer.target) if answer.kind and answer.target else None
        if before is None or now is None:
            return True
        idf = self.engine.index.idf
        said = set(self._tokens(before.text))
        own = {t for t in self._tokens(now.text) if is_content(t)}
        total = sum(idf.get(t, 0.0) for t in own)
        return not total or sum(idf.get(t, 0.0) for t in own - said) / total >= NEW_CONTENT

    def _names_someone_new(self, question: str, after: Exchange, answer: Answer) -> bool:
        """For a follow-up asking for a name or for more people ("what was her name?", "who were the
        55 russians besides medvedchuk?"): does the answer name someone the conversation has not
        named?  An answer naming no one new gives no name, and one asking for the name of a role ("who
        was the intelligence representative, by name?") must name them in a sentence saying that role,
        not among others listed elsewhere in the answer.  Always true for other follow-ups (a plain
        "who would monitor it?" may be answered "the parties themselves"), and for "who is he?",
        which asks about the person named, not for another."""
        content = self.engine.normalizer.content
        tokens = self.engine.normalizer.tokens(question)
        more = "name" in tokens or not ELSE_WORDS.isdisjoint(re.findall(r"\w+", question.lower()))
        if Asked.of(tokens, None).kind != "person" or not more:
            return True
        own = [t for t in content(_DROPPED.sub(" ", question)) if t not in self.person_tokens]
        if not own:
            return True  # "who is he?", "who is medinsky?": about the one named
        doc = (
            self.engine.index.docs.find(answer.kind, answer.target) if answer.kind and answer.target else None
        )
        if doc is None:
            return True
        named = {self.person_of.get(t) for t in content(f"{after.question} {question}")}
        # "who was the intelligence representative, by name?": the name comes with the role asked
        # about, not from a list of others ("…names the negotiators as Yermak, Umerov…").
        role = (
            {t for t in own if t not in self.named and t not in ANSWER_TYPES} if "name" in tokens else set()
        )
        return any(
            (not role or not role.isdisjoint(read))
            and any(self.person_of.get(t) not in named for t in read if t in self.person_of)
            for read in map(self._tokens, split_sentences(_BYLINE.sub(" ", doc.text)))
        )

    def _about_subject(self, question: str, after: Exchange, answer: Answer) -> bool:
        """For a follow-up asking about "he" or "she" (a person the previous exchange named): does the
        answer name that person?  "Which airport did he land at?" after Trump's words on flying to
        Istanbul is about Trump's landing, not the Russian delegation's, which only shares the words
        the previous question lent.  Always true when the follow-up names people of its own (its "he"
        may be theirs: "and zelensky, where did he stop?") or "he" stands for no one known."""
        content = self.engine.normalizer.content
        written = {w.lower() for w, _ in self.engine.normalizer.pairs(question)}
        if not written & (PERSONAL - PLURAL) or any(t in self.person_tokens for t in content(question)):
            return True
        # Whoever the previous question named may be "he" ("how did he respond?" after what Erdogan
        # offered Putin), and whom it was answered with.
        subject = f"{self.subject(after) or ''} {after.question}"
        people = {self.person_of.get(t) for t in content(subject)} - {None}
        if not people:
            return True
        if answer.kind == "person":
            return answer.target in people
        if people & {p for kind, p in self.links.of((answer.kind, answer.target)) if kind == "person"}:
            return True
        doc = (
            self.engine.index.docs.find(answer.kind, answer.target) if answer.kind and answer.target else None
        )
        return doc is None or bool(people & {self.person_of.get(t) for t in content(doc.text)})

    def _about_named(self, text: str, answer: Answer) -> bool:
        """Is the answer about no one but people `text` names (their card, or an entry of theirs
        alone)?  After "who's in russia's delegation besides medinsky?", "who else besides galuzin?"
        is answered by neither's card nor by the entry on the two of them."""
        named = {self.person_of.get(token) for token in self.engine.normalizer.content(text)} - {None}
        if not named or not answer.answered or answer.kind not in BY_NAME:
            return False
        if answer.kind == "person":
            return answer.target in named
        item = self.engine.factbase.items(answer.kind).get(answer.target or "")
        people = set(getattr(item, "people", ()))
        return bool(people) and people <= named

    def _lasts_as_discussed(self, question: str, after: Exchange, answer: Answer) -> bool:
        """For "how long did they last?", "how long did that meeting last?": is the answer about the
        very thing just discussed (the item itself, or one of its events)?  A length is a length of
        something: that of the years without talks does not say how long the talks lasted.  Always
        true for other follow-ups."""
        slot = self.engine.parse(question).slot
        if slot is None or slot.name != "duration" or not self.cues(question).pronoun:
            return True
        if (answer.kind, answer.target) == (after.kind, after.target):
            return True
        events = {link for link in self.links.of((after.kind, after.target)) if link[0] == "event"}
        return bool(events & self.links.of((answer.kind, answer.target)))

    def _says_of_new_side(self, question: str, after: Exchange, reading: Reading, answer: Answer) -> bool:
        """Does the answer just given, given again for "and ukraine's?", say for the new side or person
        what was asked of the old one?  After "how many drones did russia launch on sunday", Russia's
        273 drones do not say how many Ukraine launched; "215 Ukrainian soldiers for 55 Russian
        personnel" does say how many Russians went back.  The fact asked for (a number, a date) must be
        in a sentence naming the new side; true when the follow-up names no new side or person."""
        content = self.engine.normalizer.content
        before = set(content(after.question))
        new = {
            t
            for word, named in self._words(question)
            if named and self._name_kind(word) == "name"
            for t in content(word)
            if t not in before
        }
        slot = self.engine.parse(reading.text).slot
        doc = (
            self.engine.index.docs.find(answer.kind, answer.target) if answer.kind and answer.target else None
        )
        if not new or slot is None or doc is None:
            return True
        slot = dataclasses.replace(slot, counted=frozenset(), speakers=frozenset())
        return any(
            new & set(self._tokens(sentence)) and fills(slot, sentence, self._tokens)
            for sentence in split_sentences(doc.text)
        )

    def _gives(self, slot: Slot, answer: Answer) -> bool:
        doc = (
            self.engine.index.docs.find(answer.kind, answer.target) if answer.kind and answer.target else None
        )
        return doc is None or fills(slot, doc.text, self._tokens)

    def _premise(self, kind: str | None, target: str | None) -> bool:
        entry = self.engine.factbase.entries.get(target or "") if kind == "entry" else None
        return bool(entry and entry.premise)

    def _known_gap(self, answer: Answer) -> str | None:
        """The known gap behind an honest "the articles don't say": as good an outcome as an answer."""
        return None if answer.answered or answer.notice is None else self.gaps.get(answer.notice)

    def own_coverage(self, question: str, answer: Answer) -> float:
        """How much of what the follow-up itself says (its own words, rarity-weighted) the answer covers.

        Context may fill in who and what, but not what is newly asked: "how old is he?" after a
        question about Umerov must not be answered with Umerov's entry, which says nothing of age.
        """
        own = self.engine.parse(_DROPPED.sub(" ", question)).terms
        asked = Asked.of(self.engine.normalizer.tokens(question), self.engine.parse(question).slot).kind
        verbs = WHERE_VERBS if asked == "place" else WHEN_VERBS if asked in _TIMES else frozenset()
        ignored = ANSWER_TYPES | verbs
        terms = [t for t in own if t.token not in ignored]
        total = sum(t.idf for t in terms)
        doc = (
            self.engine.index.docs.find(answer.kind, answer.target) if answer.kind and answer.target else None
        )
        if not total or doc is None:
            return 1.0
        return sum(t.idf * t.match * doc.weights.get(t.token, 0.0) for t in terms if t.token) / total

    # -- reading the follow-up ----------------------------------------------------------------------
    def cues(self, question: str) -> Cues:
        pairs = self.engine.normalizer.pairs(question)
        written = {word.lower() for word, _ in pairs}
        content = [token for _, token in pairs if is_content(token)]
        # A phrase read as one alias counts its words: "what is the capital of france" is no fragment.
        words = sum(len(word.split()) for word, token in pairs if is_content(token))
        asks = any(token in QUESTION_WORDS for _, token in pairs)
        named = any(token in self.named for token in content)
        # "what did putin and erdogan discuss in *their* call": a plural pronoun for people it names.
        people = {token for token in content if token in self.person_tokens}
        self_contained = not (written & PERSONAL - PLURAL) and len(people) >= 2
        pronouns = (written - self._bound(pairs)) & (PRONOUNS - PLURAL if self_contained else PRONOUNS)
        return Cues(
            pronoun=bool(pronouns),
            opener=any(_OPENER.match(sentence) for sentence in _SENTENCES.split(question)),
            other=bool(written & ELSE_WORDS),
            reply=_REPLY.search(question) is not None,
            said_of_nothing=self._said_of_nothing(question),
            time=bool(_TIME_ASK.search(question)),
            fragment=(words <= 1 and not named)
            or (words <= FRAGMENT_WORDS and not (asks and (named or written & AUXILIARIES)))
            # "where in ukraine?": a question word and names, with no verb or thing asked of them
            or (asks and not written & AUXILIARIES and all(token in self.named for token in content))
            or self._counts_nothing(question),
        )

    def _cues_after(self, question: str, after: Exchange) -> Cues:
        """The follow-up's cues, and one more: it only echoes the previous question (`_echoes`)."""
        cues = self.cues(question)
        if not cues.any and self._echoes(question, after):
            cues = dataclasses.replace(cues, said_of_nothing=True)
        return cues

    def _echoes(self, question: str, after: Exchange) -> bool:
        """ "What date was *the call*?" after "erdogan called putin about a third round?": every word it
        says of what it asks about (not what kind of answer it wants) was in the previous question, so
        "the call" is the one just discussed, not any call; it is also read in context."""
        content = self.engine.normalizer.content
        own = {t for t in content(question) if t not in ANSWER_TYPES}
        return bool(own) and own <= set(content(after.question))

    def _said_of_nothing(self, question: str) -> bool:
        """ "What did the kremlin say?" after Erdoğan's call with Putin: words said by someone, about
        nothing the question names, may be about what was just discussed (the Kremlin's response to
        that call), so it is also read in context and the readings compete on fit."""
        query = self.engine.parse(question)
        if query.slot is None or query.slot.name != "speech":
            return False
        speakers = query.slot.speakers
        return bool(speakers) and all(t.token in speakers for t in query.terms)

    def _counts_nothing(self, question: str) -> bool:
        """ "How many were shot down?", "how many ukrainians?": a count of nothing it names but a side
        is a count of what was just discussed (the drones of the previous question; the prisoners
        swapped in 2022)."""
        slot = self.engine.parse(question).slot
        tokens = self.engine.normalizer.tokens(question)
        return (
            slot is not None
            and slot.name == "number"
            and ("how", "mani") in itertools.pairwise(tokens)
            and slot.counted <= self.sides
        )

    def _bound(self, pairs: list[tuple[str, str]]) -> set[str]:
        """Possessives that follow a name in the question and so stand for it: "did russia launch in
        *its* biggest attack", "what did putin say about *his* call" (unless the same word also comes
        before any name)."""
        bound: set[str] = set()
        free: set[str] = set()
        named = False
        for word, token in pairs:
            if token in self.named:
                named = True
            elif word.lower() in POSSESSIVE:
                (bound if named else free).add(word.lower())
        return bound - free

    def readings(self, question: str, after: Exchange, cues: Cues) -> list[Reading]:
        """The ways the follow-up may be meant, each as a question the engine can answer alone."""
        new_names = [w for w, named in self._words(question) if named]
        readings = []
        if not (cues.pronoun or cues.reply):  # "what did he say", "what did putin reply": about nobody
            readings.append(Reading(ON_ITS_OWN, question))
        personal = {w.lower() for w, _ in self.engine.normalizer.pairs(question)} & PERSONAL
        subject = self.subject(after, plural=personal <= PLURAL)
        if subject and personal <= PLURAL and self._one_of_them(question, subject):
            subject = None  # "what did putin say about *them*?": not about Putin and Erdogan
        place = (
            self.place(after)
            if "there" in {w.lower() for w, _ in self.engine.normalizer.pairs(question)}
            else None
        )
        # "who else did he say would be there?": both put in words in one reading, or "he" is nobody.
        resolved, how = question, []
        if subject and personal:
            resolved = self._resolve(resolved, subject)
            how.append("'he/she/they' taken as " + subject)
        if place:
            resolved = _THERE.sub(f"in {place}", resolved)
            how.append(f"'there' taken as {place}")
        if how:
            dangling = _POINTING.search(resolved) is not None
            readings.append(Reading(" and ".join(how), resolved, resolves=True, dangling=dangling))
        # "who else was on ukraine's team?": the question it asks once the previous answer is set aside.
        if cues.other and not cues.pronoun and not cues.fragment:
            readings.append(Reading(WITHOUT_ELSE, _ELSE.sub(" ", question)))
        # "and ukraine's?": the previous question with the follow-up's names in place of its own.
        # What the follow-up sets aside is no new word: "anything besides ukraine?" is not about Ukraine.
        bare = list(
            dict.fromkeys(w for w, _ in self._words(_DROPPED.sub(" ", _SET_ASIDE.sub(" ", question))))
        )
        asks = self._question_words(_OPENER.sub(" ", question)) or self._question_words(after.question)
        about = cues.pronoun or cues.other or cues.time or not cues.any or self.engine.parse(question).slot
        # A whole question whose own "he"/"there" was resolved above keeps its own verb: "who was there
        # from the us" is not "who *led* the delegation from the us".
        resolved = any(r.resolves for r in readings)
        swap = cues.opener or cues.fragment or not resolved
        for source, asked_then in self.topics(after):
            # "any others?" after "besides Rubio, who else…": Rubio stays set aside, and unasked.
            text = _ELSE.sub(" ", _SET_ASIDE.sub(" ", asked_then)) if cues.other else asked_then
            old = self._topic_words(text, question, after, cues, bool(personal))
            frame = self._frame(old, new_names, after, cues, lent=source == ANSWER_TOPIC)
            head = self._head_of_one(question, old)
            frame = _swap_modifiers(
                frame, [*bare, head] if head else bare, lambda w: any(n for word, n in self._words(w))
            )
            frame = self._recount(frame, text, question, bare, cues)
            lent = source == ANSWER_TOPIC
            if swap:
                readings.append(
                    Reading(
                        f"the {source} with the new words", " ".join([*asks, *frame, *bare]), lent, swap=True
                    )
                )
            # "anyone else?" after "witkoff was one of the us envoys due friday?": who else was, the
            # people it named set aside (the question they were named in may name no one to ask for).
            readings += self._without_named(question, text, old, bare) if cues.other and not lent else []
            # "when was that?", "who else was there?": the follow-up about the previous topic.
            if about:
                topic = _DROPPED.sub(" ", question)
                # A day the follow-up gives replaces the old one ("how many on tuesday?" after Monday's
                # clashes); any other new name is added to the topic ("what did zelensky say about it").
                dated = "time" in {self._name_kind(w) for w in new_names}
                kept_words = [w for w, named in old if not (dated and named and self._name_kind(w) == "time")]
                readings.append(Reading(f"about the {source}", " ".join([topic, *kept_words]), lent))
            # "which weapons?" after Denisov on monitoring: his weapons, not monitoring again (the old
            # words would pull the reading back to the answer just given, which names no weapons).
            names = [w for w, named in old if named]
            if cues.fragment and not about and bare and not new_names and names:
                readings.append(Reading(f"about whom the {source} named", " ".join([question, *names]), lent))
        tidied = (dataclasses.replace(r, text=_spaced(r.text)) for r in readings)
        return list({r.text: r for r in tidied}.values())

    def _frame(
        self, old: list[tuple[str, bool]], new_names: list[str], after: Exchange, cues: Cues, *, lent: bool
    ) -> list[str]:
        """The previous topic's words an ellipsis keeps.  A name gives way to a new one of its kind:
        "and ukraine's?" after Russia's drones on Sunday asks about Ukraine's drones on Sunday, not
        about Ukraine's drones on any day.  Only in an ellipsis of the asker's own question: the
        answered item's question (`lent`) has qualifiers the asker never wrote ("…in May 2025"), which
        any new name replaces — but not a day the asker gave — and "what else…" starts afresh."""
        kept = not lent and (cues.opener or cues.fragment) and not cues.other
        replaced = {self._name_kind(w) for w in new_names}
        if new_names and not kept:
            replaced = {"time", "name"}
        # "what did putin reply?" after what Macron said to Putin (or demanded of him, as the answer
        # tells): Putin answers Macron, who stays.
        if cues.reply and all(self._in_exchange(w, old, after) for w in new_names):
            replaced = set()
        asked_days = (
            set() if not lent or "time" in {self._name_kind(w) for w in new_names} else self._days(after)
        )
        return [
            w
            for w, named in old
            if not (named and self._name_kind(w) in replaced and w.lower() not in asked_days)
        ]

    def _in_exchange(self, name: str, old: list[tuple[str, bool]], after: Exchange) -> bool:
        """Is `name` one the previous question wrote, or a person its answer's item names?"""
        if name.lower() in {w.lower() for w, _ in old}:
            return True
        factbase = self.engine.factbase
        item = factbase.items(after.kind).get(after.target) if after.kind and after.target else None
        people = getattr(item, "people", ())
        return any(self.person_of.get(t) in people for t in self.engine.normalizer.content(name))

    def _days(self, after: Exchange) -> set[str]:
        """The days, months and years the previous question gave, as written (lower case)."""
        return {
            w.lower() for w, named in self._words(after.question) if named and self._name_kind(w) == "time"
        }

    def _topic_words(
        self, text: str, question: str, after: Exchange, cues: Cues, personal: bool
    ) -> list[tuple[str, bool]]:
        """The previous topic's words a reading borrows: not the person a "who else…" sets aside, nor
        the "many" of a "how many" the follow-up's own question word replaces ("what came out of
        them?" after "how many rounds…" asks what the rounds produced, not how many there were)."""
        old = self._set_aside(self._words(text), question, after, cues, personal)
        if self._question_words(_OPENER.sub(" ", question)):
            amount = {m.lower() for m in _HOW.findall(text)} - {m.lower() for m in _HOW.findall(question)}
            old = [(w, named) for w, named in old if w.lower() not in amount]
        return old

    def _set_aside(
        self, old: list[tuple[str, bool]], question: str, after: Exchange, cues: Cues, personal: bool
    ) -> list[tuple[str, bool]]:
        """The previous topic's words without the person a "who else…" sets aside: after "who is
        Fomin?", "who else is on the team?" asks about the team, not Fomin (unless "he" still means
        him: "who else did he say would be there?")."""
        if not cues.other or personal or after.kind != "person":
            return old
        if Asked.of(self.engine.normalizer.tokens(question), None).kind != "person":
            return old
        content = self.engine.normalizer.content
        return [
            (w, named)
            for w, named in old
            if not any(after.target in self.owners.get(t, ()) for t in content(w))
        ]

    def topics(self, after: Exchange) -> list[tuple[str, str]]:
        """What the previous exchange was about, as questions: the question as asked, and the question
        of the item it was answered with ("and ukraine's team?" leaves "Who was in the Ukrainian
        delegation…?").  Only the last exchange counts, so a conversation never piles up old turns."""
        asked = self.engine.reader.tidy(after.question)
        topics = [("previous question", asked)]
        kind, target = after.kind, after.target
        # A false premise's question states the wrong premise it corrects: it is no topic.
        if kind and target and self.engine.has_target(kind, target) and not self._premise(kind, target):
            item = item_kind(kind).suggestion(self.engine.factbase.items(kind)[target])
            item = " ".join(_DROPPED.sub(" ", item).split())  # "What else did…": "else" was its own cue
            if item.lower() != asked.lower():
                topics.append((ANSWER_TOPIC, item))
        elif kind is None and (gap := self._known_gap(self.engine.answer(asked))):
            # "who is trump going to speak with" met a known gap (what Trump and Putin agreed on their
            # Monday call): "when?" is about whom and when that gap names; the rest of its question
            # is what the articles lack, which would only lead back to the gap.
            asked_of_gap = self.engine.factbase.unanswerable[gap].questions[0]
            names = [word for word, named in self._words(asked_of_gap) if named]
            topics += [(ANSWER_TOPIC, " ".join(names))] if names else []
        return topics

    def place(self, after: Exchange) -> str | None:
        """Where 'there' most likely points after this exchange: the places its topic names."""
        sides = self.sides
        places = [
            word
            for _, topic in self.topics(after)
            for word, token in self.engine.normalizer.pairs(topic)
            if token in self.engine.specific and token not in self.person_tokens and token not in sides
        ]
        return " ".join(dict.fromkeys(places)) or None

    def subject(self, after: Exchange, plural: bool = False) -> str | None:
        """Who 'he' or 'she' (or, `plural`, 'they') most likely stands for after this exchange: the
        person answered with, the first person (two people) the question named, or the first (two) of
        the answer's.  None when 'they' has no two people to stand for ("what did they agree": the two
        sides).  "He" is one person: after "what did erdogan offer putin", Erdogan."""
        fb = self.engine.factbase
        wanted = 2 if plural else 1
        if after.kind == "person" and after.target in fb.people:
            return None if plural else self._called(after.target)
        named: dict[str, list[str]] = {}  # each person the question names, in order, with the words
        # "who is zelensky's senior adviser": Zelenskyy is not who "he" is next, his adviser is.
        owners = {w.lower() for w in re.findall(r"(\w+)['’]s\b", after.question)}
        for word, token in self.engine.normalizer.pairs(after.question):
            if token in self.person_of and word.lower() not in owners:
                named.setdefault(self.person_of[token], []).append(word)
        people: list[str] = []
        if after.kind == "entry" and after.target in fb.entries:
            people = fb.entries[after.target].people
        elif after.kind == "event" and after.target in fb.events:
            people = fb.events[after.target].people
        # "who did trump say would be a great host?" is answered by someone else: "he" is then Erdogan.
        answered = [p for p in people if p not in named]
        if named and answered and self._asks_for_someone(after.question) and len(answered) >= wanted:
            return " and ".join(self._called(p) for p in answered[:wanted] if p in fb.people) or None
        if len(named) >= wanted:
            return " and ".join(" ".join(words) for words in list(named.values())[:wanted])
        names = [self._called(p) for p in people[:wanted] if p in fb.people]
        return " and ".join(names) if len(names) == wanted else None

    def _about_what_was_said(self, question: str, after: Exchange, answer: Answer) -> bool:
        """For "what did putin say about *them*?" (the previous topic, not its people): does the answer
        name a thing the previous question named ("Israel's strikes in Syria")?  Putin's words about
        anything else are not his words about them.  Always true for other follow-ups, for the answer
        just given, and when the previous question named nothing but people."""
        if not _ABOUT_IT.search(question) or (answer.kind, answer.target) == (after.kind, after.target):
            return True
        content = self.engine.normalizer.content
        things = {t for t in content(after.question) if t in self.named and t not in self.person_tokens}
        doc = (
            self.engine.index.docs.find(answer.kind, answer.target) if answer.kind and answer.target else None
        )
        return not things or doc is None or not things.isdisjoint(doc.weights)

    def _one_of_them(self, question: str, subject: str) -> bool:
        """Does the follow-up itself name one of the people its "they/them" would stand for?  Then
        "them" is not those people: "what did putin say about them?" after Erdogan and Putin's talk of
        Israel's strikes in Syria asks about the strikes (one speaks of a group including himself as
        "us", or of the others by name), so it is read about the previous topic instead."""
        content = self.engine.normalizer.content
        own = {self.person_of.get(t) for t in content(question)} - {None}
        return not own.isdisjoint(self.person_of.get(t) for t in content(subject))

    def _called(self, person: str) -> str:
        """A person's surname, or the words of the name others do not share ("Medinsky", not "Vladimir
        Medinsky": the "Vladimir" of Putin would pull the question towards whatever names both; and
        "Erdoğan", not "Recep Tayyip Erdoğan", which would pull it towards his card)."""
        name = self.engine.factbase.people[person].name
        content = self.engine.normalizer.content
        own = [word for word in name.split() if all(self.person_of.get(t) == person for t in content(word))]
        return own[-1] if own else name

    def _words(self, text: str) -> list[tuple[str, bool]]:
        """Meaningful words as written, each with whether it names someone or something specific.

        A phrase read as one alias ("black sea grain deal") comes once, not once per token of it."""
        specific = self.named
        words: list[tuple[str, bool]] = []
        last = None  # the word as written last added
        for word, token in self.engine.normalizer.pairs(text):
            named = token in specific or token.isdigit()
            if word == last:
                words[-1] = (word, words[-1][1] or named)
            elif is_content(token):
                words.append((word, named))
                last = word
            else:
                last = None
        return words

    def _recount(self, frame: list[str], text: str, question: str, new: list[str], cues: Cues) -> list[str]:
        """The old words without what the old question counted, when a fragment names a new thing to
        count: "and casualties?" after "how many offensive drones did russia launch in the sunday
        attack?" counts casualties of that attack, not drones ("how many … attack casualties")."""
        before = self.engine.parse(text).slot
        if not cues.fragment or before is None or not before.counted or self.engine.parse(question).slot:
            return frame
        content = self.engine.normalizer.content
        old = {t for w in frame for t in content(w)}
        if not any(t not in old and t not in self.named for w in new for t in content(w)):
            return frame  # "and russians?": a new side of the same count
        # The counted words and the modifiers right before them ("offensive drones").
        counted = {i for i, w in enumerate(frame) if set(content(w)) & before.counted}
        modifiers = {i - 1 for i in counted if i - 1 >= 0 and not set(content(frame[i - 1])) & self.named}
        return [w for i, w in enumerate(frame) if i not in counted | modifiers]

    def _head_of_one(self, question: str, old: list[tuple[str, bool]]) -> str | None:
        """The title of office a "one" stands for: "what about the *military one*" after "who was the
        russian deputy *foreign minister*" asks for the deputy *military* minister, so "military"
        takes the place of "foreign" before "minister" (`_swap_modifiers`).  None when the word
        before "one" is a name (a side swaps as names do: "and the italian one?") or no title was
        named before."""
        found = _ONE.search(question)
        content = self.engine.normalizer.content
        if found is None or not (tokens := content(found.group(1))) or set(tokens) & self.named:
            return None
        titles = self.engine.roles.titles
        heads = [word for word, named in old if not named and set(content(word)) & titles]
        return heads[-1] if heads else None

    def _without_named(
        self, question: str, text: str, old: list[tuple[str, bool]], bare: list[str]
    ) -> list[Reading]:
        """For "anyone else?": who else, with the people the previous question named as its answer
        set aside (none or one reading)."""
        if not self._asks_for_someone(question):
            return []
        named_as_answer = self._named_as_answer(text, question)
        others = [w for w, _ in old if w.lower() not in named_as_answer]
        if len(others) == len(old):
            return []
        return [Reading(WITHOUT_NAMED, " ".join(["who", *others, *bare]))]

    def _asks_for_someone(self, question: str) -> bool:
        """Does the follow-up ask for a person: "who else…", "anyone else?", "anybody else there?"."""
        tokens = self.engine.normalizer.tokens(question)
        written = {w.lower() for w in re.findall(r"\w+", question)}
        return Asked.of(tokens, None).kind == "person" or bool(written & PEOPLE_ASKED)

    def _named_as_answer(self, question: str, follow_up: str = "") -> set[str]:
        """The people a question names as what it asks about, to be set aside by "anyone else?": in
        "witkoff was one of the us envoys due friday?" Witkoff, but none in a question asking "who…"
        (they are not its answer: "who did trump confirm would attend?"), nor one who speaks ("zelensky
        said the foreign ministry would be represented") — unless the follow-up asks who else did so
        ("rutte praised türkiye's role" / "who else praised it?")."""
        if "who" in self.engine.normalizer.tokens(question):
            return set()
        words = re.findall(r"[\w'’-]+", question)
        asked = {w.lower() for w in re.findall(r"[\w'’-]+", follow_up)}
        return {
            word.lower()
            for i, word in enumerate(words)
            if any(t in self.person_tokens for t in self.engine.normalizer.content(word))
            and (not (said := SPEECH.search(" ".join(words[i + 1 : i + 3]))) or said.group().lower() in asked)
        }

    def _name_kind(self, word: str) -> str:
        """What a name names, as far as a swap goes: a time (a weekday, a month, a year), or someone or
        something ("Kyiv" stands for Ukraine, so places and sides are one kind)."""
        tokens = set(self.engine.normalizer.content(word))
        if tokens & self.times or any(YEAR.fullmatch(t) for t in tokens):
            return "time"
        return "name"

    def _question_words(self, text: str) -> list[str]:
        return [t for t in self.engine.normalizer.tokens(text) if t in QUESTION_WORDS][:1]

    @staticmethod
    def _resolve(question: str, subject: str) -> str:
        personal = re.compile(rf"\b(?:{'|'.join(sorted(PERSONAL, key=len, reverse=True))})\b", re.I)
        return personal.sub(subject, question)


# Words that point back at people as "he" or "they" do: "where did zelensky meet *that person*?",
# "what else did *the two leaders* discuss?".
_THAT_PERSON = re.compile(
    r"\b(?:that|this|the\s+same)\s+(?:person|guy|man|woman|dude|lady|official|politician|leader)\b", re.I
)
_THOSE_TWO = re.compile(
    r"\b(?:the\s+two|both|those\s+two|these\s+two)\s+(?:leaders|men|presidents|of\s+them|guys)\b"
    r"|\bthe\s+pair\b",
    re.I,
)
# "and denisov's take?", "what about zelensky's view": what that person said of what was discussed.
_OPINION = re.compile(
    r"^\W*(?:(?:and|so|ok|but)\W+)?(?:what\s+about\s+|how\s+about\s+|what'?s\s+)?(?:the\s+)?([\w-]+)['’]s?\s+"
    r"(?:take|view|views|opinion|thoughts|stance|position|reaction)\W*$",
    re.IGNORECASE,
)


def _as_pronouns(question: str) -> str:
    """The follow-up with the words that point back put as pronouns, which `FollowUps.readings` resolves:
    "where did zelensky meet him?", "what else did they discuss?", "what did denisov say about it?"."""
    question = _OPINION.sub(r"what did \1 say about it?", question)
    return _THOSE_TWO.sub("they", _THAT_PERSON.sub("him", question))


def _teller(outlet: str | None) -> str:
    """Who tells it: "TRT World", "the article with the byline "Liam"" (an article named by byline)."""
    if not outlet:
        return "an article"
    return f"the article with the {outlet}" if outlet.startswith("byline") else outlet


def _spaced(text: str) -> str:
    """A reading as shown: one space between words, none before punctuation ("who did he say ?")."""
    return re.sub(r"\s+([?!.,;:])", r"\1", " ".join(text.split()))


def _swap_modifiers(frame: list[str], new: list[str], is_name: Callable[[str], bool]) -> list[str]:
    """The old words without those the new ones replace: "and the *defense* minister?" after "who is
    the *foreign* minister on ukraine's team" drops "foreign", the word before the shared "minister".
    A name is no modifier: "what did putin reply?" after "what did Macron say to Putin" keeps Macron."""
    shared = {w.lower() for w in new} & {w.lower() for w in frame}
    mine = {w.lower() for w in new}
    return [
        word
        for i, word in enumerate(frame)
        if not (
            i + 1 < len(frame)
            and frame[i + 1].lower() in shared
            and word.lower() not in mine
            and not is_name(word)
        )
    ]


def _abstained(answer: Answer) -> Answer:
    """`answer` turned into an honest "I don't know" that keeps its suggestions."""
    return dataclasses.replace(
        answer,
        answered=False,
        tier="unsure",
        understood=None,
        text=None,
        kind=None,
        target=None,
        title=None,
        reported=None,
        sources=(),
    )


def _noted(answer: Answer, read_as: str | None, how: str, resolved: str | None = None) -> Answer:
    """The answer with its explanation saying whether and how the context was used."""
    if answer.explanation is None:
        return answer
    explanation = dataclasses.replace(answer.explanation, read_as=read_as, context=how, resolved=resolved)
    return dataclasses.replace(answer, explanation=explanation)
