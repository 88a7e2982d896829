"""Turn entries, people and timeline events into searchable documents.

Each document carries the phrasings it can be asked by and a weighted bag of the words it is about:
words from the ways it is asked count most, words from its answer and evidence less.  The same
documents serve retrieval, the full-scan baseline and suggestions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bot.engine.answer import TargetKind
from bot.engine.normalize import Normalizer
from bot.factbase import FactBase
from bot.factbase.models import Entry, Event, Person

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

    @property
    def key(self) -> tuple[TargetKind, str]:
        return self.kind, self.target


class DocBuilder:
    def __init__(self, normalizer: Normalizer) -> None:
        self.normalizer = normalizer

    def build(self, factbase: FactBase) -> Iterator[Doc]:
        for entry in factbase.entries.values():
            yield self.entry_doc(entry)
        for person in factbase.people.values():
            yield self.person_doc(person)
        for event in factbase.events.values():
            yield self.event_doc(event)

    def _phrasing(self, text: str) -> str:
        return " ".join(self.normalizer.content(text))

    def _bag(self, *fields: tuple[float, list[str] | tuple[str, ...]]) -> dict[str, float]:
        weights: dict[str, float] = {}
        for weight, texts in fields:
            for text in texts:
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
            phrasings=(self._phrasing(event.title),),
            weights=self._bag(
                (PHRASING_WEIGHT, [event.title]),
                (BODY_WEIGHT, [event.summary, *date_words]),
                (TAG_WEIGHT, [t.replace("-", " ") for t in event.topics]),
                (QUOTE_WEIGHT, [e.quote for e in event.evidence]),
            ),
        )
