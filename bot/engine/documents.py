"""Turn every kind of fact-base item into a searchable document, stored in a few flat arrays.

Each document carries the phrasings it can be asked by and a weighted bag of the words it is about:
words from the ways it is asked count most, words from its answer and evidence less.  The same
documents serve retrieval, the full-scan baseline and suggestions.

At 100 000 entries one Python object per document, per bag and per phrasing cost about 900 MB, so
the documents live in a `DocTable` instead: phrasings and tokens are stored once each in a string
table and referred to by number, bags are sorted (token id, weight level) runs in `array`s, and a
`Doc` is only a view made when the engine scores that document.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.engine.english import zipf_at_least
from bot.engine.normalize import NOT_CONTENT, Normalizer, words
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
# A bag stores each weight as its level, 0 the heaviest: one byte per word instead of a float object.
LEVELS: tuple[float, ...] = tuple(sorted(set(ROLE_WEIGHTS.values()), reverse=True))
_LEVEL_OF = {weight: level for level, weight in enumerate(LEVELS)}
# Document views kept ready (each about 350 bytes): every document of a small fact base, the most
# recently scored of a big one.  A question scores 40 candidates; making a view costs a few µs.
VIEWS = 8192


class StringTable:
    """Each distinct string once, with a number: 1.3 M phrasings at 100 000 entries are 37 000 strings."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self.ids: dict[str, int] = {}

    def id(self, text: str) -> int:
        found = self.ids.get(text)
        if found is None:
            found = self.ids[text] = len(self.strings)
            self.strings.append(text)
        return found

    def __len__(self) -> int:
        return len(self.strings)


class DocWeights(Mapping[str, float]):
    """One document's bag as a read-only mapping token -> weight, read from the `DocTable`'s arrays.

    The engine asks it for the few words of a question, so nothing is copied out: a lookup is a
    binary search in the document's run of token ids.
    """

    __slots__ = ("_bag", "_hi", "_levels", "_lo", "_table", "_token_ids")

    def __init__(self, table: DocTable, lo: int, hi: int) -> None:
        self._table, self._lo, self._hi = table, lo, hi
        self._token_ids, self._bag, self._levels = table.tokens.ids, table.bag_tokens, table.bag_levels

    def get(self, token: str, default: float | None = None) -> float | None:  # type: ignore[override]
        token_id = self._token_ids.get(token)
        if token_id is None:
            return default
        bag, hi = self._bag, self._hi
        at = bisect_left(bag, token_id, self._lo, hi)
        return LEVELS[self._levels[at]] if at < hi and bag[at] == token_id else default

    def __getitem__(self, token: str) -> float:
        weight = self.get(token)
        if weight is None:
            raise KeyError(token)
        return weight

    def __iter__(self) -> Iterator[str]:
        return map(self._table.tokens.strings.__getitem__, self._table.bag_tokens[self._lo : self._hi])

    def __len__(self) -> int:
        return self._hi - self._lo


@dataclass(frozen=True, slots=True)
class Doc:
    """One document as the engine scores it: a view made on demand from the `DocTable`."""

    kind: str  # a name from `bot.factbase.kinds.ITEM_KINDS`
    target: str
    suggestion: str
    phrasings: tuple[str, ...]
    weights: Mapping[str, float]
    text: str  # what the reader is shown: slot checks look for a number or a date in it

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.target


class DocTable(Sequence[Doc]):
    """Every document, column by column; `table[i]` is document i as a `Doc`.

    `kinds`, `targets`, `suggestions` and `texts` hold references to the fact base's own strings.
    Document i's phrasings are `phrasing_ids[phrasing_end[i-1]:phrasing_end[i]]` into `phrasings`,
    and its bag is `bag_tokens`/`bag_levels` over the same kind of range, sorted by token id.
    """

    def __init__(self) -> None:
        self.kinds: list[str] = []
        self.targets: list[str] = []
        self.suggestions: list[str] = []
        self.texts: list[str] = []
        self.phrasings = StringTable()
        self.tokens = StringTable()
        self.phrasing_ids = array("I")
        self.phrasing_end = array("I")
        self.bag_tokens = array("I")
        self.bag_levels = array("B")
        self.bag_end = array("I")
        self._by_target: dict[str, dict[str, int]] | None = None
        # The documents scored most recently, as views: questions keep meeting the same candidates.
        self._view = lru_cache(maxsize=VIEWS)(self._make_view)

    def add_doc(
        self,
        kind: str,
        target: str,
        *,
        suggestion: str,
        text: str,
        phrasings: list[str],
        bag: dict[str, float],
    ) -> None:
        self.kinds.append(kind)
        self.targets.append(target)
        self.suggestions.append(suggestion)
        self.texts.append(text)
        self.phrasing_ids.extend(map(self.phrasings.id, phrasings))
        self.phrasing_end.append(len(self.phrasing_ids))
        known = self.tokens.ids
        bag_ids = sorted(
            (known[t] if t in known else self.tokens.id(t), _LEVEL_OF[w]) for t, w in bag.items()
        )
        if bag_ids:
            token_ids, levels = zip(*bag_ids, strict=True)
            self.bag_tokens.extend(token_ids)
            self.bag_levels.extend(levels)
        self.bag_end.append(len(self.bag_tokens))

    def bag_range(self, i: int) -> tuple[int, int]:
        return (self.bag_end[i - 1] if i else 0), self.bag_end[i]

    def phrasing_range(self, i: int) -> tuple[int, int]:
        return (self.phrasing_end[i - 1] if i else 0), self.phrasing_end[i]

    def __len__(self) -> int:
        return len(self.targets)

    def __getitem__(self, i: int) -> Doc:  # type: ignore[override]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        return self._view(i % len(self))

    def _make_view(self, i: int) -> Doc:
        lo, hi = self.phrasing_range(i)
        return Doc(
            kind=self.kinds[i],
            target=self.targets[i],
            suggestion=self.suggestions[i],
            phrasings=tuple(map(self.phrasings.strings.__getitem__, self.phrasing_ids[lo:hi])),
            weights=DocWeights(self, *self.bag_range(i)),
            text=self.texts[i],
        )

    def __iter__(self) -> Iterator[Doc]:
        return (self[i] for i in range(len(self)))

    def find(self, kind: str, target: str) -> Doc | None:
        """The document of one item, or None (the lookup table is built on first use)."""
        if self._by_target is None:
            by_target: dict[str, dict[str, int]] = {}
            for i, (k, t) in enumerate(zip(self.kinds, self.targets, strict=True)):
                by_target.setdefault(k, {})[t] = i
            self._by_target = by_target
        i = self._by_target.get(kind, {}).get(target)
        return None if i is None else self[i]


class DocBuilder:
    def __init__(self, normalizer: Normalizer) -> None:
        self.normalizer = normalizer
        # Words as written in the fact base -> their token, so a misspelling can be matched against
        # whole words ("delegashun" ~ "delegation") rather than stems ("deleg").
        self.surface: dict[str, str] = {}
        # While building: each distinct text -> its content tokens joined by spaces, one string per
        # distinct result.  Texts repeat (an answer shared by variants, a phrasing asked alike by two
        # entries: 1.3 M phrasings at 100 000 entries are 98 000 texts), so each is read once.
        self._joined: dict[str, str] = {}
        self._distinct: dict[str, str] = {}

    def build(self, factbase: FactBase) -> DocTable:
        table = DocTable()
        for kind in ITEM_KINDS:
            for item in getattr(factbase, kind.key).values():
                self.add(table, kind, item)
        self._joined, self._distinct = {}, {}
        return table

    def add(self, table: DocTable, kind: ItemKind, item: object) -> None:
        phrasings = [self._content(p) for p in kind.asked(item)]
        # A word's weight is the heaviest of the roles it appears in: reading the heaviest roles
        # first, a word keeps the first weight it gets.
        bag: dict[str, float] = {}
        fields = sorted(kind.about(item), key=lambda field: -ROLE_WEIGHTS[field[0]])
        for role, texts in fields:
            weight = ROLE_WEIGHTS[role]
            for text in texts:
                bag = dict.fromkeys(self._content(text).split(), weight) | bag
        target: str = item.id  # type: ignore[attr-defined]
        table.add_doc(
            kind.name,
            target,
            suggestion=kind.suggestion(item),
            text=kind.facts(item),
            phrasings=phrasings,
            bag=bag,
        )

    def _content(self, text: str) -> str:
        joined = self._joined.get(text)
        if joined is None:
            joined = " ".join(self._analyse(text))
            joined = self._joined[text] = self._distinct.setdefault(joined, joined)
        return joined

    def _analyse(self, text: str) -> list[str]:
        """The content tokens of `text`, learning its words' spellings on the way (one pass)."""
        content = []
        surface = self.surface
        for word, token in self.normalizer.pairs(text):
            if token not in NOT_CONTENT:
                content.append(token)
                if word not in surface and len(word) >= 4 and word.isalpha():
                    surface[word] = token
        return content


def name_owners(factbase: FactBase, read: Callable[[str], Iterable[str]]) -> dict[str, frozenset[str]]:
    """Whose names each word belongs to, as `read` splits names into words: "medinsky" is one
    person's, "vladimir" two people's (Putin's and Medinsky's)."""
    owners: dict[str, set[str]] = {}
    for person in factbase.people.values():
        for name in (person.name, *person.variants):
            for word in read(name):
                owners.setdefault(word, set()).add(person.id)
    return {word: frozenset(ids) for word, ids in owners.items()}


def sole_owners(factbase: FactBase, read: Callable[[str], Iterable[str]]) -> dict[str, str]:
    """The words of people's names that name one person only, with whom they name."""
    return {word: next(iter(ids)) for word, ids in name_owners(factbase, read).items() if len(ids) == 1}


def person_spellings(factbase: FactBase) -> list[tuple[str, list[str]]]:
    """Each person's one-word spellings of their surname as its alias: "Erdgan" and "Erdoan" are
    Erdoğan wherever they are written, not words only his card knows.  A word two people share
    ("Vladimir") is nobody's, and first names are left alone."""
    owners = name_owners(factbase, words)
    groups = []
    for person in factbase.people.values():
        surname = words(person.name)[-1] if words(person.name) else ""
        # First names stay words of their own: "Emmanuel Macron" keeps both.
        first = {w for name in (person.name, *person.variants) for w in words(name)[:-1]}
        one_word = (found[0] for name in person.variants if len(found := words(name)) == 1)
        spellings = {w for w in one_word if w != surname and w not in first and owners[w] == {person.id}}
        if surname and spellings and owners.get(surname) == {person.id}:
            groups.append((surname, sorted(spellings)))
    return groups


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
    capitalised: Counter[str] = Counter()
    lowercase: Counter[str] = Counter()
    prose = [e.answer for e in factbase.entries.values()] + [e.summary for e in factbase.events.values()]
    for text, copies in Counter(prose).items():  # an answer shared by many entries is read once
        for sentence in _SENTENCE.split(text):
            for word in _WORD.findall(sentence)[1:]:
                (capitalised if word[0].isupper() else lowercase)[word] += copies
    for word, count in capitalised.items():
        if count > lowercase[word.lower()] and not zipf_at_least(word, NAME_ZIPF):
            tokens.update(normalizer.content(word))
    return frozenset(t for t in tokens if len(t) > 2)
