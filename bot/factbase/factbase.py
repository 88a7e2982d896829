"""The loaded, validated fact base: an immutable snapshot the engine and front ends read from."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from bot.factbase.calibration import Calibration
from bot.factbase.kinds import ITEM_KINDS, item_kind
from bot.factbase.models import AliasGroup, Entry, Event, Language, Model, Person, Source, Unanswerable


@dataclass(frozen=True)
class FactBase:
    sources: dict[str, Source]
    entries: dict[str, Entry]
    people: dict[str, Person]
    events: dict[str, Event]
    unanswerable: dict[str, Unanswerable] = field(default_factory=dict)
    aliases: tuple[AliasGroup, ...] = ()
    language: Language = field(default_factory=Language)
    calibration: Calibration | None = None  # the fitted decision; None before `python -m bot calibrate`
    version: str = "empty"
    files: tuple[str, ...] = ()
    held: dict[str, int] = field(default_factory=dict)  # file -> how many items, alias groups it holds
    loaded_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def timeline(self) -> list[Event]:
        return sorted(self.events.values(), key=lambda e: (e.when.date.sort_key, e.id))

    def topics(self) -> list[str]:
        return sorted({t for e in self.events.values() for t in e.topics})

    def items(self, kind: str) -> dict[str, Model]:
        """The items of one kind by id, the kind named as in `bot.factbase.kinds` ("entry")."""
        return getattr(self, item_kind(kind).key)

    def counts(self) -> dict[str, int]:
        """How many items of each kind (by YAML key), then sources and aliases."""
        counts = {kind.key: len(getattr(self, kind.key)) for kind in ITEM_KINDS}
        return counts | {"sources": len(self.sources), "aliases": len(self.aliases)}

    def evidence_per_source(self) -> Counter[str]:
        return Counter(
            ev.source
            for kind in ITEM_KINDS
            for item in getattr(self, kind.key).values()
            for ev in kind.evidence(item)
        )

    def entries_per_topic(self) -> Counter[str]:
        return Counter(t for e in self.entries.values() for t in e.topics)
