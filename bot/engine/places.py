"""Places named in a question or an answer, by kind, to catch a statement that gets one wrong.

"The talks were held in Ankara, right?" names a city; the answer about the talks names Istanbul and no
Ankara: one city in place of another is a wrong premise to correct, not a detail to give up on.  The
names and their kinds (city, country, part of a country) are data in `knowledge/language.yaml`,
read the way questions are read, so aliases apply ("Riyadh" is Saudi Arabia, "southern" is south).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from bot.engine.memo import Memo
from bot.engine.normalize import Normalizer
from bot.factbase.models import place_name

# A capital is a place only where something happens in, at or to it: "Ankara wants a summit" and
# "Kyiv's team" are the governments (tokens as the normaliser reads them).
CAPITAL = "capital"
TALKS = frozenset({"talk", "round", "meet"})  # "the Istanbul talks" as the normaliser reads it
WHERE = frozenset({"in", "at", "to", "into", "from", "near", "over", "insid", "outsid", "around"})


class Places:
    """The place names of one fact base's vocabulary; cheap to ask, answers' places remembered."""

    def __init__(self, places: Mapping[str, Sequence[str]], normalizer: Normalizer) -> None:
        self._names: dict[tuple[str, ...], tuple[str, str]] = {}  # words as read -> (name, kind)
        self._inside: dict[str, set[str]] = {}  # a country -> the places named as lying in it
        for kind, names in places.items():
            for written in names:
                name, country = place_name(written)
                if words := tuple(normalizer.content(name)):
                    self._names.setdefault(words, (name, kind))
                if country:
                    self._inside.setdefault(country, set()).add(name)
        self.words = {name: words for words, (name, _) in self._names.items()}
        self._starts = frozenset(words[0] for words in self._names)
        self._longest = max(map(len, self._names), default=0)
        self._given: Memo[tuple[str, str], dict[str, str]] = Memo()

    def named(self, tokens: Sequence[str], titles: bool = True) -> dict[str, str]:
        """The places in tokens as the normaliser reads them, longest name first: name -> kind (a
        capital is a city).  Not `titles`: a place naming talks ("the Istanbul talks", "the Istanbul
        rounds") is no place an answer gives for what it tells."""
        found: dict[str, str] = {}
        i = 0
        while i < len(tokens):
            size = 1
            if tokens[i] in self._starts:
                for n in range(min(self._longest, len(tokens) - i), 0, -1):
                    if (hit := self._names.get(tuple(tokens[i : i + n]))) is not None:
                        name, kind = hit
                        # "the Istanbul talks": the talks' name, no place (unless `titles`)
                        if titles or i + n >= len(tokens) or tokens[i + n] not in TALKS:
                            if kind != CAPITAL:
                                found.setdefault(name, kind)
                            elif i and tokens[i - 1] in WHERE:
                                found.setdefault(name, "city")
                        size = n
                        break
            i += size
        return found

    def given(
        self, key: tuple[str, str], sentences: Iterable[str], read: Callable[[str], Sequence[str]]
    ) -> dict[str, str]:
        """The places an answer's sentences name (remembered under `key`, the answer's kind and id)."""
        found = self._given.get(key)
        if found is None:
            found = {}
            for sentence in sentences:
                found.update(self.named(read(sentence), titles=False))
            found = self._given.put(key, found)
        return found

    def swapped(self, asked: Mapping[str, str], given: Mapping[str, str]) -> tuple[str, str] | None:
        """The one place asked that the answer lacks, and the one place of its kind the answer names
        instead: (wrong, right).  None when more than one is missing, or the answer names none or
        several others (no telling which one the question got wrong)."""
        # "flying to Türkiye" is answered by "flying to Istanbul": a place in it names it too.
        wrong = [
            name
            for name in asked
            if name not in given and given.keys().isdisjoint(self._inside.get(name, ()))
        ]
        if len(wrong) != 1:
            return None
        kind = asked[wrong[0]]
        right = [name for name, other in given.items() if other == kind and name not in asked]
        return (wrong[0], right[0]) if len(right) == 1 else None
