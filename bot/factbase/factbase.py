"""The loaded, validated fact base: an immutable snapshot the engine and front ends read from."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from bot.factbase.models import AliasGroup, Entry, Event, Person, Source, Unanswerable


@dataclass(frozen=True)
class FactBase:
    sources: dict[str, Source]
    entries: dict[str, Entry]
    people: dict[str, Person]
    events: dict[str, Event]
    unanswerable: dict[str, Unanswerable] = field(default_factory=dict)
    aliases: tuple[AliasGroup, ...] = ()
    version: str = "empty"
    files: tuple[str, ...] = ()
    loaded_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def timeline(self) -> list[Event]:
        return sorted(self.events.values(), key=lambda e: (e.when.date.sort_key, e.id))

    def topics(self) -> list[str]:
        return sorted({t for e in self.events.values() for t in e.topics})

    def counts(self) -> dict[str, int]:
        return {
            "entries": len(self.entries),
            "people": len(self.people),
            "events": len(self.events),
            "sources": len(self.sources),
            "unanswerable": len(self.unanswerable),
            "aliases": len(self.aliases),
        }

    def evidence_per_source(self) -> Counter[str]:
        items = [*self.entries.values(), *self.people.values(), *self.events.values()]
        return Counter(ev.source for item in items for ev in item.evidence)

    def entries_per_topic(self) -> Counter[str]:
        return Counter(t for e in self.entries.values() for t in e.topics)
