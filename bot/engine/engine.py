"""The answering engine: a question in, a sourced answer or an honest abstention out.

Scoring rewards a document for explaining the *whole* question: every meaningful word of the question
is weighted by how rare it is, and a word the fact base has never seen counts against every document.
That is what lets "what is the population of Istanbul?" abstain although "Istanbul" is everywhere.
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.engine.answer import Answer, Candidate, Explanation, SourceRef, Suggestion, TargetKind
from bot.engine.documents import Doc, DocBuilder, specific_tokens
from bot.engine.followup import Exchange, FollowUps
from bot.engine.index import InvertedIndex, QueryTerm
from bot.engine.normalize import Normalizer, is_content
from bot.factbase import FactBase
from bot.factbase.models import Evidence

log = logging.getLogger(__name__)

WHO_WORDS = frozenset({"who", "whom", "whose"})
WHEN_WORDS = frozenset({"when", "date", "day", "timeline"})
# A question that asks for a number or a date is not answered by a text that has none.
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|"
    r"thousands?|several|all|none|no|single)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:1[89]\d\d|20\d\d|January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|tomorrow|"
    r"yesterday|morning|night|weeks?|months?|years?|days?|hours?|earlier|later|before|after|since|"
    r"undated)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EngineConfig:
    threshold: float = 0.6
    min_coverage: float = 0.55
    suggestion_floor: float = 0.25
    max_question_chars: int = 500
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
        """Answer `question`; `after` is the previous exchange when it is a follow-up (see followup)."""
        if after is not None:
            return FollowUps.of(self).answer(question, after)
        query = self.parse(question)
        if not query.terms:
            notice = (
                "I could not find any words I know in that. I answer questions in English about the "
                "2025 Russia–Ukraine peace talks in Istanbul."
                if query.text
                else "Ask me something about the 2025 Russia–Ukraine peace talks in Istanbul."
            )
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
        kind: TargetKind,
        target: str,
        *,
        question: str | None = None,
        confidence: float = 1.0,
        suggestions: tuple[Suggestion, ...] = (),
        notice: str | None = None,
        explanation: Explanation | None = None,
    ) -> Answer:
        """The answer for one known entry, person or event (also used by suggestion buttons)."""
        fb = self.factbase
        if kind == "entry":
            entry = fb.entries[target]
            title, text, evidence = entry.question, entry.answer, entry.evidence
        elif kind == "person":
            person = fb.people[target]
            title = person.name
            text = f"{person.name}: {'; '.join(person.roles)} ({person.side})."
            text += f" {person.summary}" if person.summary else ""
            evidence = person.evidence
        else:
            event = fb.events[target]
            title = f"{event.when.display()}: {event.title}"
            text, evidence = f"{event.when.display()}: {event.summary}", event.evidence
        sources = self._sources(evidence)
        periods = list(dict.fromkeys(s.period for s in sources))
        return Answer(
            question=question if question is not None else title,
            answered=True,
            text=text,
            confidence=round(min(max(confidence, 0.0), 1.0), 3),
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
            confidence=round(best.score, 3) if best else 0.0,
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
            limit = self.config.max_question_chars
            return f"Your question was long, so only its first {limit} characters were read."
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
