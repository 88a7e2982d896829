"""Turn every kind of fact-base item into a searchable document.

Each document carries the phrasings it can be asked by and a weighted bag of the words it is about:
words from the ways it is asked count most, words from its answer and evidence less.  The same
documents serve retrieval, the full-scan baseline and suggestions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from wordfreq import zipf_frequency

from bot.engine.normalize import Normalizer, is_content
from bot.factbase import FactBase
from bot.factbase.kinds import ASKED, BODY, ITEM_KINDS, QUOTE, ROLE, TAG, ItemKind, Role
from bot.wording import MONTHS, WEEKDAYS

# Capitalised words rarer than this in everyday English are names of people and places.
NAME_ZIPF = 4.0
_SENTENCE = re.compile(r"(?<=[.!?:;])\s+")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")

# How much a word counts towards what a document is about, by where it was written.  A word the item
# is asked by (or a person's name) counts fully; the answer, tags and quotes mention much that the
# item is not about.  Changing these changes answers: check with the eval sets.
ROLE_WEIGHTS: dict[Role, float] = {ASKED: 1.0, ROLE: 0.8, BODY: 0.55, TAG: 0.4, QUOTE: 0.35}


@dataclass(frozen=True)
class Doc:
    kind: str  # a name from `bot.factbase.kinds.ITEM_KINDS`
    target: str
    suggestion: str
    phrasings: tuple[str, ...]
    weights: dict[str, float]
    text: str  # what the reader is shown: slot checks look for a number or a date in it

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.target


class DocBuilder:
    def __init__(self, normalizer: Normalizer) -> None:
        self.normalizer = normalizer
        # Words as written in the fact base -> their token, so a misspelling can be matched against
        # whole words ("delegashun" ~ "delegation") rather than stems ("deleg").
        self.surface: dict[str, str] = {}
        self._seen: set[str] = set()

    def build(self, factbase: FactBase) -> Iterator[Doc]:
        for kind in ITEM_KINDS:
            for item in getattr(factbase, kind.key).values():
                yield self.doc(kind, item)

    def doc(self, kind: ItemKind, item: object) -> Doc:
        return Doc(
            kind=kind.name,
            target=item.id,  # type: ignore[attr-defined]
            suggestion=kind.suggestion(item),
            text=kind.facts(item),
            phrasings=tuple(self._phrasing(p) for p in kind.asked(item)),
            weights=self._bag(kind.about(item)),
        )

    def _phrasing(self, text: str) -> str:
        return " ".join(self.normalizer.content(text))

    def _learn_surface(self, text: str) -> None:
        if text in self._seen:
            return
        self._seen.add(text)
        for word, token in self.normalizer.pairs(text):
            if len(word) >= 4 and word.isalpha() and is_content(token):
                self.surface.setdefault(word, token)

    def _bag(self, fields: list[tuple[Role, list[str]]]) -> dict[str, float]:
        weights: dict[str, float] = {}
        for role, texts in fields:
            weight = ROLE_WEIGHTS[role]
            for text in texts:
                self._learn_surface(text)
                for token in self.normalizer.content(text):
                    if weights.get(token, 0.0) < weight:
                        weights[token] = weight
        return weights


def specific_tokens(factbase: FactBase, normalizer: Normalizer) -> frozenset[str]:
    """Tokens that name one particular thing: people, places, months, weekdays.

    A question that names one of these and a document that lacks it are about different things
    ("how many were swapped after the *June* round" is not answered by the May round's entry).
    Numbers count too; the engine checks those itself.
    """
    texts = [*MONTHS, *WEEKDAYS]
    for person in factbase.people.values():
        texts += [person.name, *person.variants]
    tokens = {t for text in texts for t in normalizer.content(text)}
    capitalised, lowercase = Counter(), Counter()
    prose = [e.answer for e in factbase.entries.values()] + [e.summary for e in factbase.events.values()]
    for text in prose:
        for sentence in _SENTENCE.split(text):
            for word in _WORD.findall(sentence)[1:]:
                (capitalised if word[0].isupper() else lowercase)[word] += 1
    for word, count in capitalised.items():
        if count > lowercase[word.lower()] and zipf_frequency(word, "en") < NAME_ZIPF:
            tokens.update(normalizer.content(word))
    return frozenset(t for t in tokens if len(t) > 2)
