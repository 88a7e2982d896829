"""The signals the decision to answer is made from, and the curve used before any fit.

A hand-set score threshold trades answerable questions for abstentions almost one for one.  Instead a
logistic model (`bot.factbase.calibration.Calibration`, fitted by `python -m bot calibrate`) reads
several signals of the top candidate at once and estimates the probability that it answers the
question.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.factbase.calibration import Calibration


@dataclass(frozen=True)
class Signals:
    """What retrieval knows about its top candidate for one question; each in a small fixed range.

    score, coverage, similarity, precision: the engine's scores, about 0..1 (score may dip below 0
        by the penalties).
    passes_rule: 1 when the old hand-set rule would answer (score >= 0.6 and coverage >= 0.55): a
        step the linear model cannot draw from score and coverage alone.
    margin: top score minus the best other answerable target's score, 0..1.
    unknown_share: share of the question's weight in words the fact base has never seen, 0..1.
    worst_miss: how much of its rarest word the answer leaves out: max over the question's words of
        idf x (1 - the answer's weight for it), over the largest idf in the question, 0..1.  High
        when the one telling word ("kebab", "Lavrov") is not what the answer is about.
    unknown_name: 1 when one of those unseen words is no common English word either: most likely a
        name the articles never mention ("Lavrov", "Topkapi"), so the answer is about someone else.
    terms: number of meaningful words in the question, scaled as log(1 + n) / 3.
    missing_specific: 1 when the question names a person, place, month or number the answer lacks.
    missing_slot: 1 when the question asks for a number or a date and the answer has none.
    asked_missing: 1 when a what/which question's noun ("which *party*", "what was the death *toll*"),
        or what words were said about ("what did Gladkov say about *casualties*"), is not among the
        answer's words: it may say something else about the same thing.
    intent: 1 when "who" meets a person or "when" meets an event, 0 otherwise.
    gap_gap: the best known gap's score minus the top score (-1 when no gap is in sight).
    is_person, is_event: what kind of thing the top candidate is.
    agreement: 1 when the top candidate is also the best of the candidates both by coverage (the
        question's words it explains) and by similarity (its closest phrasing): two views that agree.
    """

    score: float
    passes_rule: float
    coverage: float
    similarity: float
    precision: float
    margin: float
    unknown_share: float
    worst_miss: float
    unknown_name: float
    terms: float
    missing_specific: float
    missing_slot: float
    asked_missing: float
    intent: float
    gap_gap: float
    is_person: float
    is_event: float
    agreement: float

    def vector(self) -> list[float]:
        return [getattr(self, name) for name in self.__dataclass_fields__]

    @classmethod
    def names(cls) -> list[str]:
        return list(cls.__dataclass_fields__)


def fallback() -> Calibration:
    """Before any fit: a steep curve around the engine's historical threshold (score 0.6)."""
    names = Signals.names()
    weights = [0.0] * len(names)
    weights[names.index("score")] = 12.0
    weights[names.index("coverage")] = 4.0
    return Calibration(
        features=names,
        mean=[0.6 if n == "score" else 0.55 if n == "coverage" else 0.0 for n in names],
        scale=[1.0] * len(names),
        weights=weights,
        bias=0.0,
        confident=0.6,
        likely=0.5,
        fitted_on={"note": "built-in fallback; run `python -m bot calibrate`"},
    )
