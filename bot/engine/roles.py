"""A role given to the wrong person: "NATO secretary general Denisov said…", "French president Meloni…".

Such a question states a false premise the articles contradict: they give that role to someone else
(Mark Rutte, Emmanuel Macron).  When the best answer names that someone, it is the correction — given
with a notice saying who holds the role — instead of an "I don't know" for the name it lacks.

Only a role written right before the wrong name counts ("foreign minister Umerov"), and only one
holding a title ("minister", "president", "secretary"…): "what did Erdogan say to Trump" puts no role
on Trump and stays a near miss.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.engine.normalize import Normalizer, is_content, words
from bot.factbase import FactBase
from bot.factbase.models import Person
from bot.wording import unglossed

ROLE_WINDOW = 4  # tokens before a name that may be the role put on it ("nato secretary general denisov")


@dataclass(frozen=True)
class Misattribution:
    """The question gave `holder`'s role to someone else, written as `wrong`."""

    holder: Person
    role: str
    wrong: str


class Roles:
    """Who holds which role, as the normaliser reads the people's names and roles."""

    def __init__(self, factbase: FactBase, normalizer: Normalizer, titles: Collection[str]) -> None:
        self.normalizer = normalizer
        self.titles = frozenset(titles)
        owners: dict[str, set[str]] = {}
        for person in factbase.people.values():
            for name in (person.name, *person.variants):
                for token in normalizer.content(name):
                    owners.setdefault(token, set()).add(person.id)
        self.owner = {token: next(iter(ids)) for token, ids in owners.items() if len(ids) == 1}
        self.people = factbase.people
        # Each role of each person with its tokens: ("NATO Secretary General", {nato, secretari, general}).
        self.roles = [
            (person, role, frozenset(normalizer.content(role)))
            for person in factbase.people.values()
            for role in person.roles
        ]

    def misattributed(
        self, question: str, missing: Sequence[str], answer_tokens: Collection[str]
    ) -> Misattribution | None:
        """The role the question puts on a name the answer lacks, when the answer names the one the
        articles give that role to."""
        pairs = self.normalizer.pairs(question)
        tokens = [token for _, token in pairs]
        for token in missing:
            wrong_id = self.owner.get(token)
            if wrong_id is None or token not in tokens:
                continue
            at = tokens.index(token)
            for person, role in self._holders(pairs[max(0, at - ROLE_WINDOW) : at], wrong_id):
                if any(t in answer_tokens for t in self.normalizer.content(person.name)):
                    return Misattribution(person, unglossed(role), self.people[wrong_id].name)
        return None

    def _holders(self, window: Sequence[tuple[str, str]], wrong_id: str) -> list[tuple[Person, str]]:
        """Who holds the role written in `window` (the words before a name), other than `wrong_id`: a
        role the aliases read as its holder ("french president" is Macron), or the people whose roles
        hold every word of it ("nato secretary general")."""
        for written, token in window:
            holder = self.owner.get(token)
            if holder and holder != wrong_id and not self._is_name(written, holder):
                person = self.people[holder]
                return [(person, person.roles[0])] if person.roles else []
        before = {t for _, t in window if is_content(t) and t not in self.owner}
        if not before or self.titles.isdisjoint(before):
            return []
        return [(p, role) for p, role, words in self.roles if p.id != wrong_id and before <= words]

    def _is_name(self, written: str, person_id: str) -> bool:
        """Is `written` one of the person's names ("Macron"), not a role read as them ("french president")?"""
        person = self.people[person_id]
        written_words = set(words(written))
        return any(written_words <= set(words(name)) for name in (person.name, *person.variants))
