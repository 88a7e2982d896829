"""The kinds of fact-base item, in one table that the loader, the engine and the front ends iterate.

Adding a kind means writing its model in `models.py` (and its list in `FactBaseFile` and `FactBase`)
and one `ItemKind` row here saying how it is asked, what it is about and how it reads as an answer.
Nothing else lists the kinds: the loader validates and cross-checks every row, the engine indexes and
renders every row, and `FactBase.counts` counts every row.  A kind missing from this table is an error
where it is used, never a silent fall into another kind's branch.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.factbase.models import Entry, Event, Evidence, Model, Person, Unanswerable
from bot.wording import person_card

# How much a word counts towards what an item is about, by the role of the text it comes from.
# The engine turns these roles into weights (`bot.engine.documents.ROLE_WEIGHTS`).
Role = str
ASKED, ROLE, BODY, TAG, QUOTE = "asked", "role", "body", "tag", "quote"


@dataclass(frozen=True)
class ItemKind:
    """One kind of fact-base item and how every layer reads it.

    `name` is what answers, suggestions and feedback call the kind ("entry"); `key` is its list in
    the YAML files and its attribute on `FactBase` ("entries").  `answers` is False for items that
    are recognised only to abstain with a reason (known gaps).  The callables take one item of
    `model` and return plain text, so the registry stays free of engine and Discord code.
    """

    name: str
    key: str
    model: type[Model]
    answers: bool
    asked: Callable[[Any], tuple[str, ...]]  # the ways it is asked: matched against the whole question
    suggestion: Callable[[Any], str]  # offered as "did you mean"
    about: Callable[[Any], list[tuple[Role, list[str]]]]  # its words, by role, in reading order
    facts: Callable[[Any], str]  # the text a "how many"/"when" question checks for a number or date
    title: Callable[[Any], str]  # the heading of its answer
    text: Callable[[Any], str]  # the body of its answer

    @property
    def cites(self) -> bool:
        """Whether its items quote sources (their evidence is checked against the articles)."""
        return "evidence" in self.model.model_fields

    def evidence(self, item: Any) -> list[Evidence]:
        return list(item.evidence) if self.cites else []


def _topics(topics: list[str]) -> list[str]:
    return [t.replace("-", " ") for t in topics]


def _quotes(item: Entry | Person | Event) -> list[str]:
    return [e.quote for e in item.evidence]


ENTRY = ItemKind(
    name="entry",
    key="entries",
    model=Entry,
    answers=True,
    asked=lambda e: (e.question, *e.alternatives),
    suggestion=lambda e: e.question,
    about=lambda e: [
        (ASKED, [e.question, *e.alternatives]),
        (BODY, [e.answer]),
        (TAG, _topics(e.topics)),
        (QUOTE, _quotes(e)),
    ],
    facts=lambda e: e.answer,
    title=lambda e: e.question,
    text=lambda e: e.answer,
)
# Titles of whoever leads something: "who leads nato?" is answered by its Secretary General's card.
_LEADING = re.compile(
    r"\b(?:president|prime minister|secretary general|chancellor|head|chief|commander|leader|governor)\b",
    re.IGNORECASE,
)


def _leading(p: Person) -> list[str]:
    """ "lead" for a card whose title leads something (not a deputy's), else nothing."""
    leads = any(_LEADING.search(role) and "deputy" not in role.lower() for role in p.roles)
    return ["lead"] if leads else []


PERSON = ItemKind(
    name="person",
    key="people",
    model=Person,
    answers=True,
    asked=lambda p: (p.name, *p.variants),
    suggestion=lambda p: f"Who is {p.name}?",
    about=lambda p: [
        (ASKED, [p.name, *p.variants]),
        # A card tells someone's role and country: "what is Witkoff's job", "who does Podolyak work
        # for", "where is Meloni from".
        (ROLE, [*p.roles, "role job work boss name", "country nationality"]),
        (BODY, [p.side, p.summary or "", *_leading(p)]),
        (QUOTE, _quotes(p)),
    ],
    facts=lambda p: " ".join([*p.roles, p.summary or ""]),
    title=lambda p: p.name,
    text=person_card,
)
EVENT = ItemKind(
    name="event",
    key="events",
    model=Event,
    answers=True,
    asked=lambda ev: (ev.title,),
    suggestion=lambda ev: ev.title,
    about=lambda ev: [
        (ASKED, [ev.title]),
        (BODY, [ev.summary, ev.when.date.display(), ev.when.label or ""]),
        (TAG, _topics(ev.topics)),
        (QUOTE, _quotes(ev)),
    ],
    facts=lambda ev: f"{ev.when.display()} {ev.summary}",
    title=lambda ev: f"{ev.when.display()}: {ev.title}",
    text=lambda ev: f"{ev.when.display()}: {ev.summary}",
)
GAP = ItemKind(
    name="gap",
    key="unanswerable",
    model=Unanswerable,
    answers=False,
    asked=lambda g: tuple(g.questions),
    suggestion=lambda g: g.questions[0],
    about=lambda g: [(ASKED, list(g.questions))],
    facts=lambda g: g.note,
    title=lambda g: g.questions[0],
    text=lambda g: g.note,
)

ITEM_KINDS: tuple[ItemKind, ...] = (ENTRY, PERSON, EVENT, GAP)
BY_NAME: dict[str, ItemKind] = {kind.name: kind for kind in ITEM_KINDS}
BY_KEY: dict[str, ItemKind] = {kind.key: kind for kind in ITEM_KINDS}


def item_kind(name: str) -> ItemKind:
    """The kind called `name`; an unknown name is a ValueError, never a guess."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown kind of fact-base item {name!r}; known: {sorted(BY_NAME)}") from None
