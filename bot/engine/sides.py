"""Which side does what: who attacks whom, and whose delegation.

"How many drones did *Ukraine* launch at Russia on Sunday?" is not answered by Russia's Sunday attack
on Ukraine, nor "who led the *Turkish* delegation?" by who led Russia's.

The articles report strikes by both sides, and a question that swaps the attacker asks about an attack
they do not report: the nearest answer has the right drones, day and places, so every other check
passes it. This reads, from normalised tokens, which side attacks in a question and in an answer; when
the question's attacker never attacks in the answer and someone else does, the answer is a near miss.

A side attacks when it is the subject of an attacking verb ("Russia deployed 273 drones", "did Kyiv
fire…", "Ukrainian forces used 65 drones"), owns the weapon or the attack ("Russian drones", "Ukraine's
attacks"), or is named after "by" ("attacked by Ukraine"). Shooting drones down is defence, not attack,
and a passive ("Russia was attacked") breaks the link.

A delegation is a country's when the country stands right before it ("the Turkish delegation",
"Russia sent a delegation"); an answer naming only other countries' delegations does not answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Tokens as the normaliser reads them (stems; "struck" is read as "attack", "shot down" as "destroy").
SIDES = {
    **dict.fromkeys(("russia", "russian", "moscow", "kremlin"), "russia"),
    **dict.fromkeys(("ukrain", "ukrainian", "kyiv"), "ukraine"),
}
# "was Russia attacked": Russia is the target.
PASSIVE = frozenset({"was", "were", "is", "are", "been", "be"})
NAMES = {"russia": "Russia", "ukraine": "Ukraine"}
# Countries that may send a delegation, and how a notice names it.
NATIONS = {**SIDES, "turkey": "turkey", "usa": "usa", "europ": "europe"}
ADJECTIVES = {
    "russia": "Russian",
    "ukraine": "Ukrainian",
    "turkey": "Turkish",
    "usa": "US",
    "europe": "European",
}
DELEGATION = "deleg"  # "delegation", "team", "negotiators" as the normaliser reads them
# Words between a country and its delegation: "Russia sent a delegation", "Russia's four-member
# delegation", "the high-level Ukrainian delegation".
OWNING = frozenset({"sent", "a", "an", "the", "s", "its", "own", "member", "strong", "high", "level"})
OWNER_REACH = 4  # tokens before "delegation" where its country may stand
NUMBER = re.compile(r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve")
ATTACKING = frozenset({"launch", "fire", "attack", "deploy", "shell", "bomb", "target", "hit", "strike"})
WIELDING = frozenset({"use", "send", "sent"})  # attacking only with a weapon after them: "used 65 drones"
WEAPONS = frozenset({"drone", "missil", "rocket", "round", "shell", "artilleri", "attack", "strike", "uav"})
# Words that may stand between a side and its verb or weapon: "Ukrainian forces used", "Ukraine had
# launched", "Russia's air force".
BETWEEN = frozenset({"forc", "troop", "armi", "militari", "air", "had", "has", "have", "also", "then", "it"})
REACH = 3  # tokens after a wielding verb where its weapon may stand ("used 65 offensive drones")


def attackers(tokens: Sequence[str]) -> frozenset[str]:
    """The sides that attack in a sentence or question."""
    found = set()
    for i, token in enumerate(tokens):
        side = SIDES.get(token)
        if side is not None and i and tokens[i - 1] in PASSIVE:
            continue
        if side is None:
            if token == "by" and i + 1 < len(tokens) and i and _attacks(tokens, i - 1):
                found.update(SIDES.get(t) for t in tokens[i + 1 : i + 2] if t in SIDES)
            continue
        j = i + 1
        while j < len(tokens) and tokens[j] in BETWEEN:
            j += 1
        if j < len(tokens) and (_attacks(tokens, j) or tokens[j] in WEAPONS):
            found.add(side)
    return frozenset(found)


def _attacks(tokens: Sequence[str], i: int) -> bool:
    token = tokens[i]
    if token in ATTACKING:
        return True
    return token in WIELDING and not WEAPONS.isdisjoint(tokens[i + 1 : i + 1 + REACH])


def swapped(asked: frozenset[str], answer: frozenset[str]) -> str | None:
    """The notice for an answer where only another side attacks than the one the question names, or
    None when they agree, or either says nothing about who attacks (or names both)."""
    wrong = _only_others(asked, answer)
    if wrong is None:
        return None
    right = " and ".join(NAMES[s] for s in sorted(answer))
    return f"The articles have it the other way round here: {right} attacking, not {NAMES[wrong]}."


def _only_others(asked: frozenset[str], answer: frozenset[str]) -> str | None:
    """The one side the question names, when the answer names only other ones."""
    if len(asked) != 1 or not answer or not asked.isdisjoint(answer):
        return None
    return next(iter(asked))


def delegations(tokens: Sequence[str]) -> frozenset[str]:
    """The countries whose delegation a sentence or question names."""
    found = set()
    for i, token in enumerate(tokens):
        if token != DELEGATION:
            continue
        for j in range(i - 1, max(i - 1 - OWNER_REACH, -1), -1):
            if tokens[j] in NATIONS:
                found.add(NATIONS[tokens[j]])
                break
            if tokens[j] not in OWNING and not NUMBER.fullmatch(tokens[j]):
                break
    return frozenset(found)


def other_delegation(asked: frozenset[str], answer: frozenset[str]) -> str | None:
    """The notice for an answer naming only other countries' delegations than the one asked about."""
    wrong = _only_others(asked, answer)
    if wrong is None:
        return None
    right = " and ".join(ADJECTIVES[s] for s in sorted(answer))
    return f"The articles I draw on name no {ADJECTIVES[wrong]} delegation here, only the {right} one."
