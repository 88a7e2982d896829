"""Turn entries, people and timeline events into searchable documents.

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

from bot.engine.answer import TargetKind
from bot.engine.normalize import Normalizer, is_content
from bot.factbase import FactBase
from bot.factbase.models import MONTHS, Entry, Event, Person, Unanswerable

WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
# Capitalised words rarer than this in everyday English are names of people and places.
NAME_ZIPF = 4.0
_SENTENCE = re.compile(r"(?<=[.!?:;])\s+")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")

PHRASING_WEIGHT = 1.0
NAME_WEIGHT = 1.0
ROLE_WEIGHT = 0.8
BODY_WEIGHT = 0.55
TAG_WEIGHT = 0.4
QUOTE_WEIGHT = 0.35


@dataclass(frozen=True)
class Doc:
    kind: TargetKind
    target: str
    suggestion: str
    phrasings: tuple[str, ...]
    weights: dict[str, float]
    text: str  # what the reader is shown: slot checks look for a number or a date in it

    @property
    def key(self) -> tuple[TargetKind, str]:
        return self.kind, self.target


class DocBuilder:
    def __init__(self, normalizer: Normalizer) -> None:
        self.normalizer = normalizer
        # Words as written in the fact base -> their token, so a misspelling can be matched against
        # whole words ("delegashun" ~ "delegation") rather than stems ("deleg").
        self.surface: dict[str, str] = {}
        self._seen: set[str] = set()

    def build(self, factbase: FactBase) -> Iterator[Doc]:
        for entry in factbase.entries.values():
            yield self.entry_doc(entry)
        for person in factbase.people.values():
            yield self.person_doc(person)
        for event in factbase.events.values():
            yield self.event_doc(event)
        for gap in factbase.unanswerable.values():
            yield self.gap_doc(gap)

    def _phrasing(self, text: str) -> str:
        return " ".join(self.normalizer.content(text))

    def _learn_surface(self, text: str) -> None:
        if text in self._seen:
            return
        self._seen.add(text)
        for word, token in self.normalizer.pairs(text):
            if len(word) >= 4 and word.isalpha() and is_content(token):
                self.surface.setdefault(word, token)

    def _bag(self, *fields: tuple[float, list[str] | tuple[str, ...]]) -> dict[str, float]:
        weights: dict[str, float] = {}
        for weight, texts in fields:
            for text in texts:
                self._learn_surface(text)
                for token in self.normalizer.content(text):
                    if weights.get(token, 0.0) < weight:
                        weights[token] = weight
        return weights

    def entry_doc(self, entry: Entry) -> Doc:
        asked = (entry.question, *entry.alternatives)
        return Doc(
            kind="entry",
            target=entry.id,
            suggestion=entry.question,
            text=entry.answer,
            phrasings=tuple(self._phrasing(p) for p in asked),
            weights=self._bag(
                (PHRASING_WEIGHT, asked),
                (BODY_WEIGHT, [entry.answer]),
                (TAG_WEIGHT, [t.replace("-", " ") for t in entry.topics]),
                (QUOTE_WEIGHT, [e.quote for e in entry.evidence]),
            ),
        )

    def person_doc(self, person: Person) -> Doc:
        names = (person.name, *person.variants)
        return Doc(
            kind="person",
            target=person.id,
            suggestion=f"Who is {person.name}?",
            text=" ".join([*person.roles, person.summary or ""]),
            phrasings=tuple(self._phrasing(n) for n in names),
            weights=self._bag(
                (NAME_WEIGHT, names),
                (ROLE_WEIGHT, person.roles),
                (BODY_WEIGHT, [person.side, person.summary or ""]),
                (QUOTE_WEIGHT, [e.quote for e in person.evidence]),
            ),
        )

    def event_doc(self, event: Event) -> Doc:
        date_words = [event.when.date.display(), event.when.label or ""]
        return Doc(
            kind="event",
            target=event.id,
            suggestion=event.title,
            text=f"{event.when.display()} {event.summary}",
            phrasings=(self._phrasing(event.title),),
            weights=self._bag(
                (PHRASING_WEIGHT, [event.title]),
                (BODY_WEIGHT, [event.summary, *date_words]),
                (TAG_WEIGHT, [t.replace("-", " ") for t in event.topics]),
                (QUOTE_WEIGHT, [e.quote for e in event.evidence]),
            ),
        )

    def gap_doc(self, gap: Unanswerable) -> Doc:
        return Doc(
            kind="gap",
            target=gap.id,
            suggestion=gap.questions[0],
            phrasings=tuple(self._phrasing(q) for q in gap.questions),
            weights=self._bag((PHRASING_WEIGHT, gap.questions)),
            text=gap.note,
        )


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
