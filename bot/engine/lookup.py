"""Finding a person or a topic from a few typed letters, for autocomplete and for /who.

Names are compared after the engine's own `fold` (case, accents, apostrophes), so "erdogan",
"Erdoğan" and "ERDOGAN" are the same name here as they are to the answering engine, and with
rapidfuzz, the engine's fuzzy matcher, so that "Zelensky" still finds "Volodymyr Zelenskyy".
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

from bot.engine.normalize import fold
from bot.factbase import FactBase
from bot.factbase.models import Person

NAME_CUTOFF = 60.0
WHO_CUTOFF = 75.0


def _folded(text: str) -> str:
    return " ".join(fold(text).replace("-", " ").split())


def match_people(
    factbase: FactBase, query: str, *, limit: int = 25, cutoff: float = NAME_CUTOFF
) -> list[Person]:
    """People whose name or a variant looks like `query`, best first (all people for an empty query)."""
    people = list(factbase.people.values())
    wanted = _folded(query)
    if not wanted:
        return sorted(people, key=lambda p: _folded(p.name))[:limit]
    names: list[str] = []
    owners: list[Person] = []
    for person in people:
        for name in (person.name, *person.variants):
            names.append(_folded(name))
            owners.append(person)
    best: dict[str, tuple[float, Person]] = {}
    for _, score, index in process.extract(
        wanted, names, scorer=_name_score, limit=None, score_cutoff=cutoff
    ):
        person = owners[index]
        if person.id not in best or score > best[person.id][0]:
            best[person.id] = (score, person)
    ranked = sorted(best.values(), key=lambda pair: (-pair[0], _folded(pair[1].name)))
    return [person for _, person in ranked[:limit]]


def _name_score(query: str, name: str, **_: object) -> float:
    """Typing the start of a name (or of one of its words) ranks highest; otherwise the best of the
    whole-name similarity and the similarity to any single word ('zelensky' ~ 'zelenskyy')."""
    if name.startswith(query) or any(word.startswith(query) for word in name.split()):
        return 90.0 + min(len(query), 10)
    per_word = max((fuzz.ratio(query, word) for word in name.split()), default=0.0)
    return max(fuzz.token_sort_ratio(query, name), per_word)


def find_person(factbase: FactBase, value: str) -> Person | None:
    """The person an autocomplete value (an id) or a typed name means, if any is close enough."""
    if value in factbase.people:
        return factbase.people[value]
    matches = match_people(factbase, value, limit=1, cutoff=WHO_CUTOFF)
    return matches[0] if matches else None


def match_topics(topics: Iterable[str], query: str, *, limit: int = 25) -> list[str]:
    """Topics containing `query`, then fuzzy look-alikes; all topics for an empty query."""
    topics = list(topics)
    wanted = _folded(query)
    if not wanted:
        return topics[:limit]
    plain = {topic: _folded(topic) for topic in topics}
    contains = [topic for topic in topics if wanted in plain[topic]]
    fuzzy = [
        topics[index]
        for _, _, index in process.extract(
            wanted, [plain[t] for t in topics], scorer=fuzz.WRatio, score_cutoff=70
        )
    ]
    return list(dict.fromkeys([*contains, *fuzzy]))[:limit]
