"""What an answer itself says its articles do not give: "It names no city, date or participants",
"does not say when or where", "gives no date for the call", "names no one".

The fact base is honest about its edges, and a follow-up often walks straight to one: after "where is
the US hosting new talks?" comes "which city?".  A person rereads the answer just given, sees "it names
no city" and says they don't know, rather than offering some other item's city.  This module reads
those disclaimers and what a follow-up asks (a time, a place, a person), so `bot.engine.followup` can do
the same.  Qualified disclaimers ("gives no *exact* date", "no *more precise* location than South
Ukraine", "no *other* casualty figures") leave what they do give, so they set nothing aside.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass

from bot.engine.slots import Slot

# What a disclaimed word says is missing, by the kind of question it leaves unanswered: "when" any
# time ("when was that?"), "date"/"day"/"month" the day ("what date…"; a year may still be given).
_TIME = ("time", "day", "year")
_WHAT: dict[str, tuple[str, ...]] = {
    "when": _TIME,
    **dict.fromkeys(("date", "dates", "day", "days", "month"), ("day",)),
    "year": ("year",),
    **dict.fromkeys(("where", "city", "place", "location", "venue", "country"), ("place", "town")),
    # "names no town" still gives the region: only "which town…" is left unanswered
    **dict.fromkeys(("town", "towns", "village", "villages"), ("town",)),
    **dict.fromkeys(("who", "one", "participants", "person", "people", "author", "surname"), ("person",)),
}
# "gives no date, city or participants"; "does not say when or where"; "no article says on which day".
_DISCLAIMER = re.compile(
    r"\b(?:(?:gives?|names?|mentions?|states?|reports?)\s+no|does\s+not\s+(?:say|name|give|specify|report)"
    r"|no\s+article\s+(?:says|gives|names|reports))\s",
    re.IGNORECASE,
)
_LISTED = re.compile(r"[\w ,]*")
# "does not split it between Russian and Ukrainian forces": no share of a total is given.
_SPLIT = re.compile(r"\b(?:does\s+not\s+split|gives\s+no\s+breakdown|no\s+breakdown)\b", re.IGNORECASE)
# Sentences, and the clauses of one after a semicolon ("…gives only the byline "Liam"; it names no
# surname"): the notice quotes the clause that says what is missing.
_SENTENCE = re.compile(r"(?:(?<=[.!?;])|(?<=[.!?;][\"”]))\s+")
# Words that end the list of what is missing ("…no date *for* the call", "…no one *and* gives…").
_LIST_END = frozenset("for of that so than about but is was".split())
_QUALIFIED = frozenset("exact precise precisely more other further details detail exactly".split())
_LIST_WORDS = frozenset({"or", "and", "on", "which", "any", "the"})
MAX_LISTED = 6  # words read after "names no": "city, date or participants" is five


def unsaid(text: str) -> dict[str, str]:
    """The kinds of fact ("time", "day", "year", "place", "person") `text` says its articles lack, each
    with the sentence that says so."""
    kinds: dict[str, str] = {}
    for words, sentence in _disclaimers(text):
        for word in words:
            if word in _WHAT:
                kinds.update(dict.fromkeys(_WHAT[word], sentence))
            elif word not in _LIST_WORDS:
                break  # "does not name *the deals* that expired": a thing, not a kind of fact
    return kinds


def disclaimed(text: str, read: Callable[[str], Sequence[str]]) -> dict[str, str]:
    """Every word `text` lists as lacking ("names no *city*, *date* or *participants*"; "names no
    *surname*"), as `read` reads it (aliases applied: "participants" is "attend"), each with the
    sentence that says so: what a question asking for that very thing ("which city…", "which
    officials…") is told instead of an answer."""
    return {
        token: sentence
        for words, sentence in _disclaimers(text)
        for w in _asked_words(words)
        # "does not say *where*": a question word, which `read` may drop, is kept as written
        for token in (read(w) or ((w,) if w in _QUESTION_WORDS else ()))
    }


def _asked_words(words: list[str]) -> list[str]:
    """ "does not say *when or where* the summit would be held": after question words comes a clause
    about what was discussed, not more that is missing (the summit itself is told)."""
    if not words or words[0] not in _QUESTION_WORDS:
        return words
    return list(itertools.takewhile(lambda w: w in _QUESTION_WORDS or w in ("or", "and"), words))


def wanted(read: Sequence[str], noun: str | None, counted: Collection[str] = ()) -> frozenset[str]:
    """What a question asks for, in the words a disclaimer would use, from its tokens as read (stopwords
    kept) and the noun of its what/which (`bot.engine.slots.asked_noun`): "which *town*", "where…"
    (a place, a location), "when…", "what *exactly*…" (details), "which *officials*…" (anyone taking
    part), "who wrote…" (the byline), "how many *wounded*…" (what it `counted`), "how many *of* the
    1,000…" (a share of a total).  Not an outlet or a
    source: a source item with none "of its own" still answers "which outlet…" by the one it cites."""
    words = set(read)
    asked = ({noun} | (set(counted) - _SPANS)) - _NOT_ASKED - {None}
    if asked & _TAKING_PART:
        asked |= _TAKING_PART
    if asked & _DAY:  # "what date…" is told by "does not say which day"
        asked |= _DAY
    if "where" in words:
        asked |= _WHERE
    if "when" in words:
        asked.add("when")
    if words & _EXACT:
        asked.add("detail")
    # "how many of the 5,000 are russian", "of the 1,000 POWs how many are russian": a share of a total
    if any(a == "mani" and b == "of" for a, b in itertools.pairwise(read)) or (
        bool(read) and read[0] == "of" and "mani" in words
    ):
        asked.add("split")
    if "bylin" in words and "who" in words:
        asked.add("bylin")
    # "how many civilians were *injured*": what befell them is what is counted
    if "mani" in words:
        at = read.index("mani")
        asked.update(b for a, b in itertools.pairwise(read[at + 1 : at + 5]) if a in _BE)
    return frozenset(asked)


_QUESTION_WORDS = frozenset({"when", "where"})
_DAY = frozenset({"date", "day"})
_BE = frozenset({"were", "was", "are", "is", "got", "been"})
_WHERE = frozenset({"where", "place", "locat", "venu"})
_EXACT = frozenset({"exact", "specif", "detail", "precis"})  # "what exact terms…"
_TAKING_PART = frozenset({"attend", "offici", "peopl", "leader", "deleg", "member", "person"})
_NOT_ASKED = frozenset({"outlet", "sourc", "articl", "report"})
# "how many *days*" asks how long, not which day ("does not say which day").
_SPANS = frozenset({"day", "week", "month", "year", "hour", "minut", "time"})


def _disclaimers(text: str) -> Iterator[tuple[list[str], str]]:
    """(the words listed as missing, up to the end of the list; the sentence) for each unqualified
    disclaimer in `text` ("gives no *exact* date" says a date is given, only not exactly)."""
    for sentence in _SENTENCE.split(text):
        for match in _DISCLAIMER.finditer(sentence):
            listed = _LISTED.match(sentence, match.end())
            words = re.findall(r"\w+", listed.group().lower() if listed else "")[:MAX_LISTED]
            said = _capitalised(sentence)
            if words[:1] in (["details"], ["detail"]) or words[:2] == ["further", "detail"]:
                yield ["details"], said  # "gives no details of their content": none at all
            if not words or words[0] in _QUALIFIED:
                continue
            end = next((i for i, w in enumerate(words) if w in _LIST_END or w in _QUALIFIED), len(words))
            yield words[:end], said
        if _SPLIT.search(sentence):
            yield ["split"], _capitalised(sentence)


def _capitalised(sentence: str) -> str:
    """A clause quoted as a sentence of its own: "it names no surname" -> "It names no surname"."""
    said = sentence.strip()
    return said[:1].upper() + said[1:]


@dataclass(frozen=True)
class Asked:
    """What kind of fact a question asks for, as `unsaid` names kinds (None: none of them)."""

    kind: str | None

    @classmethod
    def of(cls, tokens: Sequence[str], slot: Slot | None) -> Asked:
        """`tokens` as the normaliser reads the question (stopwords kept), `slot` as the engine parsed it."""
        if slot is not None and slot.name in ("day", "clock"):
            return cls("day")
        if slot is not None and slot.name == "year":
            return cls("year")
        if slot is not None and slot.name in ("date", "since"):
            return cls("time")
        words = set(tokens)
        if _wh_noun(tokens, _TOWNS):
            return cls("town")
        if "where" in words or _wh_noun(tokens, _PLACES):
            return cls("place")
        if "who" in words or "whom" in words or ("name" in words and not _PERSONAL.isdisjoint(words)):
            return cls("person")  # "who…", "what was her name?"
        return cls(None)


_PERSONAL = frozenset({"he", "she", "his", "her", "him", "their", "they"})
# Nouns after "which"/"what" that ask for a place (tokens as the normaliser stems them).
_PLACES = frozenset({"citi", "countri", "place", "locat", "venu"})
_TOWNS = frozenset({"town", "villag"})


def _wh_noun(tokens: Sequence[str], nouns: frozenset[str]) -> bool:
    return any(
        t in ("what", "which") and not nouns.isdisjoint(tokens[i + 1 : i + 3]) for i, t in enumerate(tokens)
    )
