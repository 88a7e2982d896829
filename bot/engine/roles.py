"""A role given to the wrong person: "NATO secretary general Denisov said…", "Meloni, the French president".

Such a question states a false premise the articles contradict: they give that role to someone else
(Mark Rutte, Emmanuel Macron).  The answer then comes with a notice saying who holds the role, instead
of an "I don't know" for the name the answer lacks, or an answer that lets the premise stand.

Only a role set right beside the name counts, as an apposition: written just before it ("foreign
minister Umerov", "French president Meloni") or just after it ("Peskov, Russia's foreign minister",
"Sybiha is Ukraine's defence minister").  A possessive makes it someone else's role ("Zelenskyy's
senior adviser"), and any other word breaks it off ("what did the French president urge Putin to
accept" gives Putin no role).  The role must hold a title ("minister", "president", "secretary"…).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from bot.engine.documents import sole_owners
from bot.engine.normalize import Normalizer, fold, is_content, stem, words
from bot.factbase import FactBase
from bot.factbase.models import Person
from bot.wording import unglossed

# Small words that may sit inside a role or between it and the name: "head of the presidential office",
# "Sybiha is Ukraine's defence minister".
INSIDE = frozenset({"of", "the", "for", "a", "an"})
LINKS = frozenset({"is", "was", "the", "as", "a", "an"})  # "Medinsky is (the) …", "Meloni, the …"
_POSSESSIVE = r"['’]s\b"
ROLE_WORDS = 8  # a role longer than this is a description, not a title
QUALIFIED = frozenset({"deputi", "former", "vice", "act"})  # a deputy's title is not the title


def _as_written(run: list[tuple[str, str]]) -> str:
    """A role as the question wrote it, in reading order and capitalised: "German Chancellor"."""
    return " ".join(dict.fromkeys(written for written, _ in run)).title()  # "defence minister" once


@dataclass(frozen=True)
class Misattribution:
    """The question gave `holder`'s role to `wrong`, who holds another one; or, with no `holder`, a
    role nobody in the articles holds ("German chancellor Macron", "Russian defence minister Fomin"
    for the deputy), written as the question wrote it."""

    holder: Person | None
    role: str
    wrong: Person

    def notice(self) -> str:
        own = unglossed(self.wrong.roles[0]) if self.wrong.roles else None
        if self.holder is None:
            return f"The articles name {self.wrong.name} as {own}, not {self.role}." if own else ""
        wrong = f"{self.wrong.name} ({own})" if own else self.wrong.name
        return f"The articles name {self.holder.name} as {self.role}, not {wrong}."


class Roles:
    """Who holds which role, as the normaliser reads the people's names and roles."""

    def __init__(self, factbase: FactBase, normalizer: Normalizer, titles: Collection[str]) -> None:
        self.normalizer = normalizer
        self.people = factbase.people
        self.owner = sole_owners(factbase, normalizer.content)
        # Each role of each person with its tokens: ("NATO Secretary General", {nato, secretari, general}),
        # read with and without the aliases ("Ukrainian President" is also read as Zelenskyy's name).
        plain = Normalizer()
        self.roles = [
            (person, role, frozenset(normalizer.content(role)) | frozenset(plain.content(role)))
            for person in factbase.people.values()
            for role in person.roles
        ]
        # The words roles are written with, from the short ones and without glosses (not "evident error
        # since it describes his presidency").
        short = [
            unglossed(r) for p in factbase.people.values() for r in p.roles if len(r.split()) <= ROLE_WORDS
        ]
        self.vocabulary = frozenset(t for r in short for t in (*normalizer.content(r), *plain.content(r)))
        self.vocabulary -= set(self.owner)
        self.sides = frozenset(
            t for p in factbase.people.values() for t in normalizer.content(unglossed(p.side))
        )
        self.titles = frozenset(normalizer.content(" ".join(titles))) | frozenset(
            plain.content(" ".join(titles))
        )
        # Titles as written ("head", "leader"), not as the aliases read them: "head" is read as "lead",
        # but "Medinsky led the Ukrainian delegation" sets a verb beside him, not a title.
        self.written_titles = frozenset(map(stem, titles))
        self.role_words = self.vocabulary | self.titles

    def names(self, person: Person) -> tuple[str, ...]:
        return self.normalizer.content(person.name)

    def misattributed(self, question: str) -> Misattribution | None:
        """A role the question sets beside someone who does not hold it while someone else does."""
        pairs = self.normalizer.pairs(question)
        tokens = {token for _, token in pairs}
        named = len(tokens & self.owner.keys())  # a role the aliases read as its holder counts too
        if not named or (named == 1 and tokens.isdisjoint(self.role_words)):
            return None  # no one named, or no role beside anyone: the common case, decided at once
        for at, (written, token) in enumerate(pairs):
            wrong_id = self.owner.get(token)
            if wrong_id is None or not self._is_name(written, wrong_id):
                continue
            before = self._run(pairs[:at][::-1])[::-1]
            possessive = re.search(rf"\b{re.escape(written)}{_POSSESSIVE}", fold(question)) is not None
            after = [] if possessive else self._run(pairs[at + 1 :], links=True)
            # After the name a role is set off ("Meloni, the French president", "Sybiha is …") or names
            # its country ("Peskov, Russia's foreign minister"); "Zelenskyy adviser" is his adviser.
            linked = any(t in LINKS for _, t in pairs[at + 1 : at + 3])
            if after and not linked and after[0][1] not in self.sides:
                after = []
            for run in (before, after):
                found = self._holder(run, wrong_id)
                if found is not None:
                    holder, role = found
                    return Misattribution(holder, unglossed(role) if holder else role, self.people[wrong_id])
        return None

    def _run(self, pairs: list[tuple[str, str]], links: bool = False) -> list[tuple[str, str]]:
        """The role words right beside a name, nearest first: role vocabulary, titles, a role the
        aliases read as its holder ("french president"), and words qualifying a title next to it
        ("*german* chancellor", "*eu commission* president"), through small words, up to anything
        else."""
        run: list[tuple[str, str]] = []
        for at, (written, token) in enumerate(pairs):
            if (
                token in self.vocabulary
                or token in self.titles
                or self._role_alias(written, token)
                or (run and is_content(token) and run[-1][1] in self.titles and not links)
                # "the *german* chancellor", "the *eu commission* president": words qualifying a title
                or (is_content(token) and any(t in self.titles for _, t in pairs[at + 1 : at + 3]))
            ):
                run.append((written, token))
            elif token in INSIDE or (links and not run and token in LINKS):
                continue
            else:
                break
        return run

    def _role_alias(self, written: str, token: str) -> bool:
        """A title the aliases read as the one holding it: "french president" -> Macron."""
        owner = self.owner.get(token)
        return owner is not None and not self._is_name(written, owner) and bool(self._title_in(written))

    def _title_in(self, written: str) -> set[str]:
        return {stem(w) for w in words(written)} & self.written_titles

    def _holder(self, run: list[tuple[str, str]], wrong_id: str) -> tuple[Person | None, str] | None:
        """Who holds the role in `run` when `wrong_id` does not."""
        for written, token in run:
            if self._role_alias(written, token) and self.owner[token] != wrong_id:
                person = self.people[self.owner[token]]
                return (person, person.roles[0]) if person.roles else None
        role = {token for _, token in run if is_content(token)}
        if not role or not any(self._title_in(w) for w, _ in run):
            return None
        own = [held for p, _, held in self.roles if p.id == wrong_id and role <= held]
        if any(QUALIFIED.isdisjoint(held - role) for held in own):
            return None  # they hold it: "foreign minister Sybiha"
        # Who holds it: the one whose title it is outright (not a deputy's), on the side of the one named.
        side = self.people[wrong_id].side
        holders = [(p, r, held) for p, r, held in self.roles if p.id != wrong_id and role <= held]
        holders.sort(key=lambda h: (not QUALIFIED.isdisjoint(h[2] - role), h[0].side != side))
        other = (holders[0][0], holders[0][1]) if holders else None
        if other is not None or own:
            return other or (None, _as_written(run))  # "defence minister Fomin": the deputy
        # "Peskov is Ukraine's spokesperson": his own title, on the other side.
        sides, title = role & self.sides, role - self.sides
        if (
            sides
            and title
            and any(title <= held and sides.isdisjoint(held) for p, _, held in self.roles if p.id == wrong_id)
        ):
            return None, _as_written(run)
        if role <= self.vocabulary | self.sides:
            return None  # role words of the articles, just not one role: too loose to correct
        return None, _as_written(run)  # "german chancellor Macron": a role nobody holds

    def _is_name(self, written: str, person_id: str) -> bool:
        """Is `written` one of the person's names ("Macron"), not a role read as them ("french president")?"""
        person = self.people[person_id]
        written_words = set(words(written))
        return any(written_words <= set(words(name)) for name in (person.name, *person.variants))
