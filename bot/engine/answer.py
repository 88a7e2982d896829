"""What the engine returns: plain, Discord-free objects every front end renders in its own way."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

# The kind of item an answer, suggestion or candidate points at: a name from
# `bot.factbase.kinds.ITEM_KINDS` ("entry", "person", "event", "gap"), so a new kind needs no edit here.
TargetKind = str


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
    """One document as the engine scored it for a question (shown by `ask --explain`, `/kb explain`).

    `score` is the weighted sum described in `EngineConfig` (about -0.54..1.08; answered from
    `threshold` up); `coverage` (0..1) is the share of the question's rarity-weighted words the
    document is about; `similarity` (0..1) is how close `phrasing`, the document's nearest phrasing
    in normalised tokens, is to the question.
    """

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
    # The message as the engine read it: mentions, emoji, markdown, filler and text-speak resolved.
    cleaned: str | None = None
    # Follow-ups only: the question as read in context (None: as written) and how context was used.
    read_as: str | None = None
    context: str | None = None
    resolved: str | None = None  # the follow-up with its "he"/"there" put in words, for the next turn
    probability: float = 0.0  # calibrated P(best answers the question)
    tier: str = "unsure"
    signals: object | None = None  # bot.engine.signals.Signals of `best`


@dataclass(frozen=True)
class Answer:
    """What every front end renders.

    `answered` True: `text` is the answer, `title` its heading, `sources` the quoted evidence (at
    least one), `reported` when the sources report on, `kind`/`target` the item answered with.
    `answered` False: `text`, `kind`, `target` are None and `suggestions` (0..3) are questions the
    bot can answer.  `confidence` is 0..1 in both cases; `notice` is a remark for the reader (a
    cut question, a known gap's reason); `explanation` is for maintainers and not compared.
    """

    question: str
    answered: bool
    text: str | None
    confidence: float  # calibrated probability that the answer is right, 0..1
    kind: TargetKind | None = None
    target: str | None = None
    title: str | None = None
    reported: str | None = None
    sources: tuple[SourceRef, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    notice: str | None = None
    explanation: Explanation | None = field(default=None, compare=False)
    tier: Literal["confident", "likely", "unsure"] = "unsure"
    understood: str | None = None  # for a `likely` answer: the question the bot thinks was asked

    @property
    def understood_line(self) -> str | None:
        """For a `likely` answer, the line that shows what the bot understood, before the answer."""
        return f"I think you're asking: {self.understood}" if self.understood else None

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
            "tier": self.tier,
            "answer": self.full_text,
            "confidence": round(self.confidence, 3),
            "entry": self.target,
            "kind": self.kind,
            "sources": [
                {"id": s.id, "title": s.title, "outlet": s.outlet, "quote": s.quote} for s in self.sources
            ],
            "understood": self.understood,
            "suggestions": [s.question for s in self.suggestions],
            "notice": self.notice,
        }

    def explain_json(self) -> dict | None:
        return asdict(self.explanation) if self.explanation else None
