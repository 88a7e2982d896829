"""What the engine returns: plain, Discord-free objects every front end renders in its own way."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

TargetKind = Literal["entry", "person", "event", "gap"]

DONT_KNOW = "I don't know — the articles I draw on don't cover that."
"""How every front end (console, `ask`, Discord) says that the fact base has no answer."""


@dataclass(frozen=True)
class SourceRef:
    """One piece of evidence as a reader sees it: which article, which outlet, the quoted words."""

    id: str
    title: str
    outlet: str | None
    quote: str
    period: str
    has_headline: bool


@dataclass(frozen=True)
class Suggestion:
    """A question the bot can answer, offered when it is unsure; `target` answers it directly."""

    question: str
    kind: TargetKind
    target: str


@dataclass(frozen=True)
class Candidate:
    kind: TargetKind
    target: str
    phrasing: str
    score: float
    coverage: float
    similarity: float


@dataclass(frozen=True)
class Explanation:
    """For maintainers: why the engine answered (or did not) as it did."""

    normalized: str
    tokens: tuple[str, ...]
    unknown: tuple[str, ...]
    corrections: dict[str, str]
    threshold: float
    best: Candidate | None
    runner_up: Candidate | None
    # Follow-ups only: the question as read in context (None: as written) and how context was used.
    read_as: str | None = None
    context: str | None = None


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    text: str | None
    confidence: float
    kind: TargetKind | None = None
    target: str | None = None
    title: str | None = None
    reported: str | None = None
    sources: tuple[SourceRef, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    notice: str | None = None
    explanation: Explanation | None = field(default=None, compare=False)

    @property
    def full_text(self) -> str | None:
        """The answer as shown to a reader, with when it was reported."""
        if self.text is None:
            return None
        return f"{self.text}\n{self.reported}" if self.reported else self.text

    def to_json(self) -> dict:
        """The object `ask --json` prints."""
        return {
            "question": self.question,
            "answered": self.answered,
            "answer": self.full_text,
            "confidence": round(self.confidence, 3),
            "entry": self.target,
            "kind": self.kind,
            "sources": [
                {"id": s.id, "title": s.title, "outlet": s.outlet, "quote": s.quote} for s in self.sources
            ],
            "suggestions": [s.question for s in self.suggestions],
            "notice": self.notice,
        }

    def explain_json(self) -> dict | None:
        return asdict(self.explanation) if self.explanation else None
