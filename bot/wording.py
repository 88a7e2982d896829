"""What the bot says in its own words, in one place for every front end (console, JSON, Discord).

Rewording the bot's topic, its "I don't know", how it names an article or how long a question may
be is a change to this file only; tests import these names instead of repeating the words.
"""

from __future__ import annotations

from typing import Protocol

TOPIC = "the 2025 Russia–Ukraine peace talks in Istanbul"
SHORT_TOPIC = "the Istanbul talks"  # where space is short (the bot's status line)
EXAMPLE_QUESTION = "Who led Russia's delegation?"

DONT_KNOW = "I don't know — the articles I draw on don't cover that."
NO_KNOWN_WORDS = f"I could not find any words I know in that. I answer questions in English about {TOPIC}."
EMPTY_QUESTION = f"Ask me something about {TOPIC}."
TOO_LITTLE = f"That is too little for me to go on — ask me a full question, e.g. “{EXAMPLE_QUESTION}”"
EMPTY_MENTION = f"Ask me something about {TOPIC} — e.g. “{EXAMPLE_QUESTION}” (see /help)."
DONT_KNOW_SHORT = "I don't know."
# Notices that are the whole reply: there was no question to know or not know the answer to.
NO_QUESTION = frozenset({NO_KNOWN_WORDS, EMPTY_QUESTION, TOO_LITTLE})


def abstention(notice: str | None) -> list[str]:
    """The paragraphs of an abstention: "I don't know" and why.  A notice that says what the articles
    do cover follows a short "I don't know." (not "…don't cover that", which it would contradict);
    "too little to go on" stands alone."""
    if notice is None:
        return [DONT_KNOW]
    if notice in NO_QUESTION:
        return [notice]
    return [DONT_KNOW_SHORT, notice]


def unsaid_notice(sentence: str) -> str:
    """Why a follow-up is not answered: the answer just given already said the articles lack it."""
    return f"The articles don't say — as my last answer put it: “{sentence}”"


# How much of a question is read: the default of `Settings.max_question_chars` and `EngineConfig`, and
# how much of a question the feedback store keeps.
MAX_QUESTION_CHARS = 500


def near_miss(notice: str, nearest: str) -> str:
    """A near miss's notice: what the articles lack, then the nearest question they answer."""
    return f"{notice} The nearest thing they cover: “{nearest}”"


def spoken_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def truncation_notice(limit: int) -> str:
    return f"Your question was long, so only its first {limit} characters were read."


MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


class Article(Protocol):
    """Anything that names an article: a fact-base `Source` or an answer's `SourceRef`."""

    @property
    def title(self) -> str: ...
    @property
    def outlet(self) -> str | None: ...
    @property
    def has_headline(self) -> bool: ...


_OPENING_MARKS = '“"«'
_CLOSING_MARKS = '”"»'


def in_quotes(text: str) -> str:
    """“text”, unless the quoted words are themselves a quotation: ““to establish …”” reads as a typo.

    A quote that opens and closes with quotation marks of its own (the article quoting someone) is
    shown with those marks only.
    """
    stripped = text.strip()
    if len(stripped) > 1 and stripped[0] in _OPENING_MARKS and stripped[-1] in _CLOSING_MARKS:
        return stripped
    return f"“{stripped}”"


def headline(source: Article) -> str:
    """A printed headline in quotation marks; a description of an untitled article as it is."""
    return f"“{source.title}”" if source.has_headline else source.title


def source_label(source: Article) -> str:
    """'TRT World — “Istanbul talks: A last chance for peace?”' (a description is not quoted)."""
    return f"{source.outlet} — {headline(source)}" if source.outlet else headline(source)


class Named(Protocol):
    """A person of the fact base, as far as describing them goes."""

    @property
    def name(self) -> str: ...
    @property
    def roles(self) -> list[str]: ...
    @property
    def side(self) -> str: ...
    @property
    def summary(self) -> str | None: ...


# Past-tense verbs that do not end in "-ed", for summaries written as "[he] said …" (`person_summary`).
_IRREGULAR_PAST = frozenset(
    "said told led met spoke wrote gave made took sent held sat saw became left won lost went came "
    "put set brought thought fought sought stood kept".split()
)
_NOT_VERBS = frozenset({"united", "armed", "limited", "red"})  # "-ed" words that open noun phrases


def person_card(person: Named) -> str:
    """Who someone is, in a sentence or two: 'Andrii Sybiha (Ukraine): Foreign Minister of Ukraine
    and member of the Ukrainian delegation in Istanbul. Ukraine's foreign minister, listed …'.

    Roles and side are written for retrieval, each with a gloss in brackets ("Presidential Aide
    (aide to Russia's president)"); the card drops the glosses, joins the roles as a list and
    leaves out a side the roles already say.
    """
    roles = spoken_list([unglossed(role) for role in person.roles])
    side = unglossed(person.side)
    label = f"{person.name} ({side})" if side and side.casefold() not in roles.casefold() else person.name
    card = f"{label}: {roles.rstrip('.')}."
    summary = person_summary(person)
    return f"{card} {summary}" if summary else card


def person_summary(person: Named) -> str:
    """The summary as a sentence: one written as a predicate ("Led Russia's delegation …", "Named as
    one of …") gets the person's surname as its subject ("Medinsky led …", "Meloni was named as …")."""
    summary = (person.summary or "").strip()
    first, _, rest = summary.partition(" ")
    word = first.casefold()
    if word in _NOT_VERBS or not (word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 3)):
        return summary
    surname = person.name.split()[-1]
    passive = rest.split(" ", 1)[0] in {"as", "by"}
    return f"{surname} {'was ' if passive else ''}{word} {rest}"


def unglossed(text: str) -> str:
    """'Presidential Aide (aide to Russia's president)' -> 'Presidential Aide'."""
    depth, out = 0, []
    for char in text:
        depth += char == "("
        if not depth:
            out.append(char)
        depth -= char == ")" and depth > 0
    return " ".join("".join(out).split()).replace(" ,", ",") or text
