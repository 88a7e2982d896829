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

# How much of a question is read: the default of `Settings.max_question_chars` and `EngineConfig`, and
# how much of a question the feedback store keeps.
MAX_QUESTION_CHARS = 500


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


def headline(source: Article) -> str:
    """A printed headline in quotation marks; a description of an untitled article as it is."""
    return f"“{source.title}”" if source.has_headline else source.title


def source_label(source: Article) -> str:
    """'TRT World — “Istanbul talks: A last chance for peace?”' (a description is not quoted)."""
    return f"{source.outlet} — {headline(source)}" if source.outlet else headline(source)
