"""The answering engine: a question in, a sourced answer or an honest abstention out.

Scoring rewards a document for explaining the *whole* question: every meaningful word of the question
is weighted by how rare it is, and a word the fact base has never seen counts against every document.
That is what lets "what is the population of Istanbul?" abstain although "Istanbul" is everywhere.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.engine.answer import Answer, Candidate, Explanation, SourceRef, Suggestion
from bot.engine.documents import Doc, DocBuilder, specific_tokens
from bot.engine.followup import Exchange, FollowUps
from bot.engine.index import InvertedIndex, QueryTerm
from bot.engine.normalize import Normalizer, is_content
from bot.factbase import FactBase
from bot.factbase.kinds import item_kind
from bot.factbase.models import Evidence
from bot.wording import (
    EMPTY_QUESTION,
    MAX_QUESTION_CHARS,
    MONTHS,
    NO_KNOWN_WORDS,
    WEEKDAYS,
    truncation_notice,
)

WHO_WORDS = frozenset({"who", "whom", "whose"})
WHEN_WORDS = frozenset({"when", "date", "day", "timeline"})
# A question that asks for a number or a date is not answered by a text that has none.
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|"
    r"thousands?|several|all|none|no|single)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"\b(?:1[89]\d\d|20\d\d|{'|'.join(MONTHS + WEEKDAYS)}|today|tomorrow|"
    r"yesterday|morning|night|weeks?|months?|years?|days?|hours?|earlier|later|before|after|since|"
    r"undated)\b",
    re.IGNORECASE,
)


def as_confidence(score: float) -> float:
    """A score as the confidence an answer reports: 0..1, three decimals.

    Penalties can push a score below zero (a question naming a day no document has); an answer
    never reports that as a negative confidence.
    """
    return round(min(max(score, 0.0), 1.0), 3)


@dataclass(frozen=True)
class EngineConfig:
    """The engine's tuning numbers.  Changing any of them changes answers: re-run both eval sets.

    A candidate's score is ``w_coverage * coverage + w_similarity * similarity + w_precision *
    precision`` (each part 0..1, the weights sum to 1), plus the intent bonus, minus the penalties, so
    it ranges from about -0.54 to 1.08.

    Parameters
    ----------
    threshold : float, 0..1, default 0.6
        The best candidate must score at least this to be answered; below it the engine abstains.
        The eval floors (`make test`: 95 % answerable and 95 % abstentions) were tuned at 0.6.
    min_coverage : float, 0..1, default 0.55
        ...and must explain at least this share of the question's rarity-weighted words, so a
        question with one unexplained rare word ("population of Istanbul") abstains.
    suggestion_floor : float, 0..1, default 0.25
        Candidates scoring at least this are offered ("did you mean") in an abstention, at most 3.
    max_question_chars : int, >= 1, default `bot.wording.MAX_QUESTION_CHARS` (500)
        Characters of a question that are read; the rest is dropped with a notice.
    max_terms : int, >= 1, default 40
        Meaningful words of a question looked up; bounds the cost of a pasted essay.
    candidates : int, >= 1, default 40
        Documents the index hands over for exact scoring.  Fewer is faster but the index agrees
        less often with exhaustive scoring (`bench`: "same top as exhaustive").
    w_coverage, w_similarity, w_precision : float, 0..1, defaults 0.6, 0.25, 0.15 (sum 1)
        Weights of coverage (the question's words the document is about), similarity (rapidfuzz
        `token_sort_ratio` of the question to the closest phrasing) and precision (the share of that
        phrasing's words the question contains).
    intent_bonus : float, >= 0, default 0.08
        Added to a person for a "who" question and to an event for a "when" question (with coverage
        above 0.5); half of it is taken off people and events otherwise, so entries win ties.
    missing_specific_penalty : float, >= 0, default 0.3
        Taken off a document lacking a name, place, month or number the question names.
    missing_slot_penalty : float, >= 0, default 0.2
        Taken off a document with no number ("how many") or no date ("when") in its text.
    gap_margin : float, >= 0, default 0.07
        A known gap silences the best answerable candidate only if it scores this much more (or
        covers more of the question).
    """

    threshold: float = 0.6
    min_coverage: float = 0.55
    suggestion_floor: float = 0.25
    max_question_chars: int = MAX_QUESTION_CHARS
    max_terms: int = 40
    candidates: int = 40
    w_coverage: float = 0.6
    w_similarity: float = 0.25
    w_precision: float = 0.15
    intent_bonus: float = 0.08
    missing_specific_penalty: float = 0.3
    missing_slot_penalty: float = 0.2
    gap_margin: float = 0.07


@dataclass(frozen=True)
class Query:
    text: str
    terms: list[QueryTerm]
    words: frozenset[str]
    phrase: str
    truncated: bool
    specific: tuple[str, ...] = ()
    slot: re.Pattern[str] | None = None

    @property
    def total_idf(self) -> float:
        return sum(t.idf for t in self.terms)


class Engine:
    """Answers questions from one fact base; build a new Engine for a new fact base.

    Building indexes every item of every kind (`bot.factbase.kinds.ITEM_KINDS`); it takes about
    0.3 s for the bundled fact base and grows linearly (see `python -m bot bench`).  After that the
    engine only reads (besides its caches), so one engine serves every front end and thread.

    Parameters
    ----------
    factbase : FactBase
        A loaded, validated fact base (`bot.factbase.load_factbase`).
    config : EngineConfig, optional
        Tuning numbers; the defaults are the ones the eval sets are measured with.
    """

    def __init__(self, factbase: FactBase, config: EngineConfig | None = None) -> None:
        self.factbase = factbase
        self.config = config or EngineConfig()
        self.normalizer = Normalizer((g.canonical, g.variants) for g in factbase.aliases)
        builder = DocBuilder(self.normalizer)
        docs = list(builder.build(factbase))
        self.index = InvertedIndex(docs, builder.surface)
        self._docs = {doc.key: doc for doc in self.index.docs}
        self.specific = specific_tokens(factbase, self.normalizer)

    # -- public API ---------------------------------------------------------------------------------
    def answer(self, question: str, after: Exchange | None = None) -> Answer:
        """A sourced answer to `question`, or an honest abstention.  Never raises on any string.

        Parameters
        ----------
        question : str
            Anything a user typed: whitespace is collapsed and only the first
            `config.max_question_chars` characters are read (with a notice when cut).
        after : Exchange, optional
            The previous exchange when `question` may be a follow-up ("and ukraine's?"); it is then
            read in that context (see `bot.engine.followup`).

        Returns
        -------
        Answer
            `answered` True with `text`, `sources` (never empty) and `confidence` in
            `config.threshold`..1; or `answered` False, `text` None, `confidence` 0..1 (the best
            candidate's score, clamped) with up to 3 `suggestions` and possibly a `notice` saying
            why (a known gap, no known words, a cut question).
        """
        if after is not None:
            return FollowUps.of(self).answer(question, after)
        query = self.parse(question)
        if not query.terms:
            notice = NO_KNOWN_WORDS if query.text else EMPTY_QUESTION
            return self._abstain(query, [], notice=notice)
        ranked = self.rank(query)
        best = ranked[0] if ranked else None
        if best is not None and best.kind == "gap":
            answerable = next((c for c in ranked if c.kind != "gap"), None)
            if answerable is None or self._gap_wins(best, answerable):
                notice = self.factbase.unanswerable[best.target].note
                return self._abstain(query, ranked, notice=notice if self._confident(best) else None)
            best = answerable  # a known gap must clearly beat real content to silence it
        if best is None or not self._confident(best):
            return self._abstain(query, ranked)
        runner_up = ranked[1] if len(ranked) > 1 else None
        close = [
            c
            for c in ranked[1:]
            if c.score >= self.config.threshold and c.target != best.target and c.kind != "gap"
        ][:2]
        return self.render(
            best.kind,
            best.target,
            question=query.text,
            confidence=best.score,
            suggestions=tuple(self._suggestion(c) for c in close),
            notice=self._truncation_notice(query),
            explanation=self._explain(query, best, runner_up),
        )

    def _gap_wins(self, gap: Candidate, answerable: Candidate) -> bool:
        """A known gap silences real content only when it explains words the content does not."""
        return (
            gap.coverage > answerable.coverage + 0.02
            or gap.score - answerable.score >= self.config.gap_margin
        )

    def _confident(self, candidate: Candidate) -> bool:
        return candidate.score >= self.config.threshold and candidate.coverage >= self.config.min_coverage

    def explain(self, question: str) -> Explanation:
        query = self.parse(question)
        ranked = self.rank(query) if query.terms else []
        return self._explain(query, ranked[0] if ranked else None, ranked[1] if len(ranked) > 1 else None)

    def render(
        self,
        kind: str,
        target: str,
        *,
        question: str | None = None,
        confidence: float = 1.0,
        suggestions: tuple[Suggestion, ...] = (),
        notice: str | None = None,
        explanation: Explanation | None = None,
    ) -> Answer:
        """The answer for one known item (also used by suggestion buttons and `/who`).

        `kind` is a name from `bot.factbase.kinds.ITEM_KINDS` whose items answer ("entry", "person",
        "event"); an unknown kind, a kind that only abstains ("gap") or an unknown `target` raise
        ValueError or KeyError rather than render something else.  `confidence` is clamped to 0..1.
        """
        spec = item_kind(kind)
        if not spec.answers:
            raise ValueError(f"a {kind} only explains an abstention; it is not an answer")
        item = self.factbase.items(kind)[target]
        title, text = spec.title(item), spec.text(item)
        sources = self._sources(spec.evidence(item))
        periods = list(dict.fromkeys(s.period for s in sources))
        return Answer(
            question=question if question is not None else title,
            answered=True,
            text=text,
            confidence=as_confidence(confidence),
            kind=kind,
            target=target,
            title=title,
            reported=f"As reported in {' and '.join(periods)}." if periods else None,
            sources=sources,
            suggestions=suggestions,
            notice=notice,
            explanation=explanation,
        )

    def has_target(self, kind: str, target: str) -> bool:
        return (kind, target) in self._docs

    # -- retrieval ----------------------------------------------------------------------------------
    def parse(self, question: str) -> Query:
        text = " ".join(str(question).split())
        truncated = len(text) > self.config.max_question_chars
        text = text[: self.config.max_question_chars]
        pairs = self.normalizer.pairs(text)  # normalised once: tokens for intent, content words for terms
        tokens = [token for _, token in pairs]
        content = [(word, token) for word, token in pairs if is_content(token)]
        terms = self.index.terms(content[: self.config.max_terms])
        phrase = " ".join(t.token or t.word for t in terms)
        specific = tuple(
            t.token for t in terms if t.token and (t.token in self.specific or t.token.isdigit())
        )
        return Query(text, terms, frozenset(tokens), phrase, truncated, specific, self._slot(tokens))

    @staticmethod
    def _slot(tokens: list[str]) -> re.Pattern[str] | None:
        """What kind of fact the question wants: a number ('how many'), a date ('when'), or anything."""
        pairs = set(itertools.pairwise(tokens))
        if ("how", "mani") in pairs or ("how", "much") in pairs:
            return _NUMBER
        if "when" in tokens or ("what", "date") in pairs or ("what", "year") in pairs:
            return _DATE
        return None

    def rank(self, query: Query) -> list[Candidate]:
        ids = self.index.candidates(query.terms, self.config.candidates)
        ranked = [self._score(query, self.index.docs[i]) for i in ids]
        ranked.sort(key=lambda c: (-c.score, c.kind, c.target))
        return ranked

    def score_all(self, query: Query) -> list[Candidate]:
        """Exhaustive scoring of every document: the reference the index must agree with."""
        ranked = [self._score(query, doc) for doc in self.index.docs]
        ranked.sort(key=lambda c: (-c.score, c.kind, c.target))
        return ranked

    def _score(self, query: Query, doc: Doc) -> Candidate:
        cfg = self.config
        weights = doc.weights
        covered = sum(t.idf * t.match * weights.get(t.token, 0.0) for t in query.terms if t.token)
        coverage = covered / query.total_idf
        phrasing, best, _ = process.extractOne(query.phrase, doc.phrasings, scorer=fuzz.token_sort_ratio)
        similarity = best / 100.0
        precision = self._precision(query, phrasing)
        score = cfg.w_coverage * coverage + cfg.w_similarity * similarity + cfg.w_precision * precision
        score += self._intent(query, doc, coverage)
        if any(weights.get(t, 0.0) == 0.0 for t in query.specific):
            score -= cfg.missing_specific_penalty
        if query.slot and not query.slot.search(doc.text):
            score -= cfg.missing_slot_penalty
        return Candidate(
            doc.kind, doc.target, phrasing, round(score, 4), round(coverage, 4), round(similarity, 4)
        )

    def _precision(self, query: Query, phrasing: str) -> float:
        tokens = phrasing.split()
        if not tokens:
            return 0.0
        known = {t.token for t in query.terms}
        idf = self.index.idf
        total = sum(idf.get(t, 0.0) for t in tokens) or 1.0
        return sum(idf.get(t, 0.0) for t in tokens if t in known) / total

    def _intent(self, query: Query, doc: Doc, coverage: float) -> float:
        bonus = self.config.intent_bonus
        if doc.kind == "person":
            return bonus if query.words & WHO_WORDS and coverage > 0.5 else -bonus / 2
        if doc.kind == "event":
            return bonus if query.words & WHEN_WORDS and coverage > 0.5 else -bonus / 2
        return 0.0

    # -- helpers ------------------------------------------------------------------------------------
    def _abstain(self, query: Query, ranked: list[Candidate], notice: str | None = None) -> Answer:
        seen: set[str] = set()
        suggestions = []
        for c in ranked:
            if c.score < self.config.suggestion_floor or len(suggestions) == 3:
                break
            if c.target not in seen and c.kind != "gap":
                seen.add(c.target)
                suggestions.append(self._suggestion(c))
        best = ranked[0] if ranked else None
        return Answer(
            question=query.text,
            answered=False,
            text=None,
            confidence=as_confidence(best.score) if best else 0.0,
            suggestions=tuple(suggestions),
            notice=notice or self._truncation_notice(query),
            explanation=self._explain(query, best, ranked[1] if len(ranked) > 1 else None),
        )

    def _suggestion(self, candidate: Candidate) -> Suggestion:
        doc = self._docs[(candidate.kind, candidate.target)]
        return Suggestion(doc.suggestion, doc.kind, doc.target)

    def _sources(self, evidence: list[Evidence]) -> tuple[SourceRef, ...]:
        refs = []
        for ev in evidence:
            src = self.factbase.sources[ev.source]
            refs.append(SourceRef(src.id, src.title, src.outlet, ev.quote, src.period, src.has_headline))
        return tuple(refs)

    def _truncation_notice(self, query: Query) -> str | None:
        if query.truncated:
            return truncation_notice(self.config.max_question_chars)
        return None

    def _explain(self, query: Query, best: Candidate | None, runner_up: Candidate | None) -> Explanation:
        return Explanation(
            normalized=query.phrase,
            tokens=tuple(t.token or t.word for t in query.terms),
            unknown=tuple(t.word for t in query.terms if t.token is None),
            corrections={t.word: t.token for t in query.terms if t.token and t.token != t.word},
            threshold=self.config.threshold,
            best=best,
            runner_up=runner_up,
        )
