"""Turn free text into the tokens retrieval compares: case, accents, punctuation, plurals and aliases.

The same function reads the fact base and the user's question, so both sides always agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import Stemmer

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_POSSESSIVE = re.compile(r"(\w)'s\b")
_LETTERS_OR_DIGITS = re.compile(r"[a-z]+|[0-9]+")
_ANY_DIGIT = re.compile(r"\d")
_DIGIT_GROUPS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_US = re.compile(r"\bU\.?S\.?(?:A\.?)?(?=\W|$)")
# "what did the us say": after "the", a lowercase "us" is the country too (the pronoun never follows it).
_THE_US = re.compile(r"\bthe\s+us\b", re.IGNORECASE)
# "all of us in Ukraine", "be with us", "tell us": the pronoun, whoever types it lowercase ("us envoys",
# "wat did us say" stay the country); read as "we", a stopword.
_OUR_US = re.compile(r"\b(of|for|with|tell|let|help|give|show|told|gave|join|joined|among|like)\s+us\b")
# "what did macron *call on* putin to do?" asks what he urged, not about a phone call on Monday.
# Not "the call on monday to discuss it".
_CALL_ON = re.compile(
    r"(?<!the )(?<!a )(?<!phone )\bcall(?:ed|s|ing)?\s+(?:on|upon)\s+"
    r"(?!(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|today\b|tomorrow\b)(?=[\w-]+(?:\s+[\w-]+)?\s+to\b)"
)
# PyStemmer is the C build of the Snowball stemmer: the same stems as the pure-Python
# `snowballstemmer` (checked on all 321 180 words of wordfreq's English list) about 12x faster.
_STEMMER = Stemmer.Stemmer("english")

# Words that carry no meaning for matching.  Question words are kept apart: they tell the intent.
STOPWORDS = frozenset(
    """
    a about above after again all also am an and any are aren as at be been before being below
    between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his i if in into is isn it its itself just let
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were while with would you your yours
    yourself yourselves will shall might must s t d ll re ve m o y hey hi hello please pls plz bot
    thanks thank tell know say said says anything something someone anyone thing things get got
    really actually u ur r im ive id whats whos hows wheres whens whys like kind sort bit lot lots
    ok okay yeah yes any one ones though actual hed whod theyd youd
    """.split()
)
QUESTION_WORDS = frozenset(["who", "whom", "whose", "what", "when", "where", "why", "how", "which"])


def fold(text: str) -> str:
    """Lowercase, accents removed, apostrophes unified: 'Türkiye’s' -> "turkiye's"."""
    text = text.translate(_APOSTROPHES)
    if text.isascii():  # the common case: nothing to decompose, and casefold is lower for ASCII
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold().replace("ı", "i")


def words(text: str) -> list[str]:
    """Folded word tokens: possessives dropped, digit groups joined ('5,000' -> '5000').

    Letters and digits are separate words ('30km' -> '30', 'km').  Each rewrite runs only when its
    trigger is in the text: reading the fact base normalises about a million phrasings at 100 000
    entries, and most have no 'U', no apostrophe and no digit.
    """
    text = fold(_US.sub(" usa ", text) if "U" in text else text)
    if "us" in text:
        text = _THE_US.sub("the usa", _OUR_US.sub(r"\1 we", text) if " us" in text else text)
    if "'" in text:
        text = _POSSESSIVE.sub(r"\1", text)
    if "call" in text:
        text = _CALL_ON.sub("urge ", text)
    if _ANY_DIGIT.search(text):
        text = _DIGIT_GROUPS.sub("", text)
    return _LETTERS_OR_DIGITS.findall(text.replace("'", ""))


# Words the stemmer would merge with one that means something else: a negotiator is a person (one of
# a delegation), negotiations are the talks; Snowball reads both as "negoti".
_KEPT_APART = {"negotiator": "negotiatr", "negotiators": "negotiatr"}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stemmer: 'negotiations', 'negotiating' -> 'negoti'."""
    if len(word) <= 3 or word.isdigit() or word in STOPWORDS or word in QUESTION_WORDS:
        return word
    return _KEPT_APART.get(word) or _STEMMER.stemWord(word)


class Normalizer:
    """Words -> canonical tokens, with multi-word aliases folded first ('prisoners of war' -> 'pow')."""

    def __init__(self, alias_groups: Iterable[tuple[str, Iterable[str]]] = ()) -> None:
        self._phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
        for canonical, variants in alias_groups:
            target = tuple(stem(w) for w in words(canonical))
            for variant in (canonical, *variants):
                key = tuple(stem(w) for w in words(variant))
                if len(key) == 1 and key[0] in STOPWORDS:
                    continue  # 'us' the pronoun is not the USA; capital 'US' is read before folding
                if key and key != target:
                    self._phrases[key] = target
                    # "top us diplomat" written "top US diplomat" reads "top usa diplomat" (see `words`).
                    if len(key) > 1 and "us" in key:
                        self._phrases[tuple("usa" if w == "us" else w for w in key)] = target
        self._longest = max((len(k) for k in self._phrases), default=1)
        self._starts = frozenset(k[0] for k in self._phrases)  # most words start no alias: one lookup

    def pairs(self, text: str) -> list[tuple[str, str]]:
        """(word as written, canonical token) for every token of `text`, stopwords included."""
        surface = words(text)
        raw = [stem(w) for w in surface]
        if self._starts.isdisjoint(raw):
            return list(zip(surface, raw, strict=True))
        out: list[tuple[str, str]] = []
        i = 0
        while i < len(raw):
            if raw[i] not in self._starts:
                out.append((surface[i], raw[i]))
                i += 1
                continue
            for size in range(min(self._longest, len(raw) - i), 0, -1):
                target = self._phrases.get(tuple(raw[i : i + size]))
                if target is not None:
                    written = " ".join(surface[i : i + size])
                    out.extend((written, t) for t in target)
                    i += size
                    break
            else:
                out.append((surface[i], raw[i]))
                i += 1
        return out

    def tokens(self, text: str) -> list[str]:
        return [token for _, token in self.pairs(text)]

    def content(self, text: str) -> tuple[str, ...]:
        """Tokens that carry meaning: no stopwords, no question words."""
        return tuple(t for t in self.tokens(text) if is_content(t))


NOT_CONTENT = STOPWORDS | QUESTION_WORDS


def is_content(token: str) -> bool:
    return token not in NOT_CONTENT
