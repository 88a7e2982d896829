"""The fact-base schema: what a maintainer may write in `knowledge/*.yaml`.

The models are strict (unknown keys are errors) so that a typo in a field name is reported instead of
silently ignored.  Cross-file rules (unknown ids, duplicate phrasings, verbatim quotes) live in
`bot.factbase.loader`, because a single model cannot see the other files.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from bot.wording import MONTHS

MAX_ANSWER_CHARS = 900
MAX_QUOTE_CHARS = 320
MAX_PHRASING_CHARS = 200

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=2, max_length=80),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Phrasing = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=2, max_length=MAX_PHRASING_CHARS)
]
_FOLDED_KEY = re.compile(
    r"\b(?:topics|people|events|alternatives|premise): [\[a-z]|\bevidence: - |\bquote: ['\"]"
)


def _no_folded_keys(text: str) -> str:
    """A key indented too far under `answer: >-` is folded into the text and shown to members."""
    found = _FOLDED_KEY.search(text)
    if found:
        key = found.group().split(":")[0]
        raise ValueError(
            f"the text contains '{key}:' — a field indented too far and folded into the text? "
            "check its indentation"
        )
    return text


Answer = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=10, max_length=MAX_ANSWER_CHARS),
    AfterValidator(_no_folded_keys),
]
Quote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=8, max_length=MAX_QUOTE_CHARS)]

Precision = Literal["year", "month", "day"]
_DATE_FORMS = {4: "year", 7: "month", 10: "day"}
_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
"""Years a fact-base date may name.  The articles reach back to 2014 at most; the range only has to
catch typos (`0000`, `20255`) that would otherwise break every date computation downstream."""


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PartialDate(Model):
    """A date known to a year, a month or a day: `2022`, `2022-03` or `2025-05-15`."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        if isinstance(value, dt.date):
            parts = [value.year, value.month, value.day]
        else:
            text = str(value).strip()
            if not _DATE_RE.match(text):
                raise ValueError(f"date {text!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
            parts = [int(p) for p in text.split("-")]
        if not EARLIEST_YEAR <= parts[0] <= LATEST_YEAR:
            raise ValueError(f"year {parts[0]} is outside {EARLIEST_YEAR}–{LATEST_YEAR}")
        if len(parts) >= 2 and not 1 <= parts[1] <= 12:
            raise ValueError(f"month {parts[1]} is not 1..12")
        if len(parts) == 3:
            try:
                dt.date(*parts)
            except ValueError:
                raise ValueError(f"{value} is not a real date (no such day in that month)") from None
        return cls(**dict(zip(("year", "month", "day"), parts, strict=False)))

    @property
    def precision(self) -> Precision:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        return "-".join(
            f"{part:02d}" if i else str(part)
            for i, part in enumerate((self.year, self.month, self.day))
            if part is not None
        )

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def display(self) -> str:
        """Shown with no more precision than is known: '15 May 2025', 'May 2025', '2025'."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month - 1]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    def __str__(self) -> str:
        return self.iso


def _partial_date(value: object) -> PartialDate:
    return value if isinstance(value, PartialDate) else PartialDate.parse(value)


class Evidence(Model):
    """A verbatim quote from one source article that backs a statement."""

    source: Id
    quote: Quote


class DatedFact(Model):
    """When something happened, with how the date was worked out from the text."""

    date: PartialDate
    label: Text | None = Field(
        default=None, description="How to say the date when the text is vaguer, e.g. 'early June 2025'."
    )
    basis: Text = Field(description="How the date was resolved from clues inside the text.")

    _coerce_date = field_validator("date", mode="before")(_partial_date)

    def display(self) -> str:
        return self.label or self.date.display()


class Source(Model):
    id: Id
    title: Text = Field(description="The headline as printed, or a description where there is none.")
    has_headline: bool = Field(description="True when `title` is the article's own printed headline.")
    outlet: Text | None = Field(default=None, description="Outlet or byline as the text names it.")
    published: DatedFact | None = None
    period: Text = Field(description="When it reports on, for answers: 'mid-May 2025'.")
    notes: list[Text] = []


class Entry(Model):
    """One question the bot can answer, with the ways people ask it and the evidence for the answer."""

    id: Id
    question: Phrasing
    alternatives: list[Phrasing] = Field(default=[], description="Other ways people ask this.")
    answer: Answer
    topics: list[Id] = []
    people: list[Id] = []
    events: list[Id] = []
    evidence: list[Evidence] = Field(min_length=1)
    premise: bool = Field(
        default=False,
        description=(
            "A false-premise correction: asked the way a wrong premise is put ('why did Putin attend?'),"
            " answered 'No — …'. Never offered as a suggestion, and chosen only for a question that"
            " names the wrong detail itself."
        ),
    )


class Person(Model):
    id: Id
    name: Text
    variants: list[Text] = Field(default=[], description="Other spellings of the name.")
    roles: list[Text] = Field(min_length=1, description="Roles as the articles state them.")
    side: Text = Field(description="Country or organisation the person speaks for.")
    summary: Text | None = None
    evidence: list[Evidence] = Field(min_length=1)


class Event(Model):
    id: Id
    when: DatedFact
    title: Text
    summary: Answer
    topics: list[Id] = []
    people: list[Id] = []
    evidence: list[Evidence] = Field(min_length=1)


class Unanswerable(Model):
    """Something people ask that the articles do not answer, and why: the bot says so honestly.

    Listing these keeps near-miss questions ("what was agreed at the third round?") from being
    answered with a neighbouring entry that shares their words but not their meaning.
    """

    id: Id
    questions: list[Phrasing] = Field(min_length=1, description="Ways people ask it.")
    note: Text = Field(description="Why the articles cannot answer it, shown to the asker.")
    topics: list[Id] = []


class AliasGroup(Model):
    """Words that mean the same to retrieval; every variant is read as `canonical`."""

    canonical: Text
    variants: list[Text] = Field(min_length=1)


_IN_COUNTRY = re.compile(r"(.+?)(?:\s*\((.+)\))?")


def place_name(written: str) -> tuple[str, str | None]:
    """A `Language.places` name and the country it lies in: "Istanbul (Türkiye)" -> Istanbul, Türkiye."""
    name, country = _IN_COUNTRY.fullmatch(" ".join(written.split())).groups()
    return name, country


class Language(Model):
    """How people write in a busy channel, as data: what to drop from a message and what to expand.

    `filler` phrases (greetings, hedges, sign-offs: "hey bot", "ngl", "asking for a friend") are removed
    wherever they stand as whole words; `textspeak` maps a word as typed to what it stands for
    ("wat": "what", "b4": "before"); `tags` turn a statement into a question at its end ("…, right?",
    "… or not?") and are dropped only there ("right" elsewhere is a word).  All are read before
    retrieval, in every front end.  `places` are names of one kind each (a city, a country, a part of
    a country): a statement naming one the answer lacks, where the answer names another of that kind,
    is corrected ("the talks were in ankara right?" -> "The articles give Istanbul, not Ankara.").
    """

    filler: list[Text] = []
    textspeak: dict[str, Text] = {}
    tags: list[Text] = []
    places: dict[str, list[Text]] = {}


class FactBaseFile(Model):
    """The top-level keys a knowledge file may hold; a file may hold any of them."""

    sources: list[Source] = []
    entries: list[Entry] = []
    people: list[Person] = []
    events: list[Event] = []
    unanswerable: list[Unanswerable] = []
    aliases: list[AliasGroup] = []
    language: Language | None = None
