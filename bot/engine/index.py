"""An inverted index over documents, so a question is scored against a few candidates, not all.

Posting lists are impact-ordered (heaviest first) and read only to a cap, which keeps the cost of a
question flat as the fact base grows; the exact scoring of the survivors happens in the engine.
Misspelt words are mapped to the nearest known words with rapidfuzz before lookup.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.engine.documents import LEVELS, DocTable
from bot.engine.english import zipf_at_least

MIN_FUZZY_LEN = 4
FUZZY_CUTOFF = 80.0
LONG_WORD, LONG_WORD_CUTOFF = 8, 72.0  # long words survive more typos: "delegashun" ~ "delegation"
RESPELL_LEN = 6  # a misspelling that stems into another known word is corrected from this length
# A word at least this common in English (Zipf scale) is a real word, not a typo to correct:
# "weather" must not become "whether", nor "handed" become "landed".
ENGLISH_WORD_ZIPF = 3.0


@dataclass(frozen=True)
class QueryTerm:
    """A word of the question as the index understood it."""

    word: str
    token: str | None  # the known token it maps to, None when unknown
    match: float  # 1.0 exact, < 1 for a spelling correction
    idf: float
    spelt: str | None = None  # a misspelling: the fact-base word it was read as ("italain" -> "italian")


class InvertedIndex:
    """Impact-ordered posting lists from tokens to documents, with spelling correction.

    Only what `candidates` reads is built: per token, the `max_postings` heaviest documents (ties by
    document number), as a tuple of document numbers cut into runs of equal weight.  At 100 000
    entries 82 % of all postings lie past that cap; keeping them cost most of a gigabyte.

    Parameters
    ----------
    docs : DocTable
        The documents; a document's position in `docs` is its id in `candidates`.
    surface : dict, optional
        Words as written in the fact base -> their token, so misspellings are compared with
        whole words ("delegashun" ~ "delegation") rather than stems.
    max_postings : int, >= 1, default 800
        How many documents are read per query term, heaviest first.  A term in more documents than
        this is common enough that the rest add little; the cap keeps a question's cost flat as the
        fact base grows (p99 about 2 ms at 100 000 entries).  Lower it and the index agrees less
        often with exhaustive scoring (`bench`).
    """

    def __init__(
        self, docs: DocTable, surface: dict[str, str] | None = None, max_postings: int = 800
    ) -> None:
        self.docs = docs
        self.max_postings = max_postings
        n = len(docs)
        tokens = docs.tokens.strings
        # Per token and weight level, the first `max_postings` documents (in document order), and
        # how many documents hold the token at all (for its idf).
        runs: list[list[array[int]]] = [[array("I") for _ in LEVELS] for _ in tokens]
        frequency = Counter(docs.bag_tokens)
        exact: list[array[int]] = [array("I") for _ in range(len(docs.phrasings))]
        bag_tokens, bag_levels = docs.bag_tokens, docs.bag_levels
        for i in range(n):
            lo, hi = docs.bag_range(i)
            for token_id, level in zip(bag_tokens[lo:hi], bag_levels[lo:hi], strict=True):
                run = runs[token_id][level]
                if len(run) < max_postings:
                    run.append(i)
            lo, hi = docs.phrasing_range(i)
            for phrasing_id in dict.fromkeys(docs.phrasing_ids[lo:hi]):
                exact[phrasing_id].append(i)
        # Posting lists are tuples of one shared int object per document: reading them allocates
        # nothing (an `array` makes a new int for every element read, a third slower per question).
        numbers = list(range(n))
        self._exact = [tuple(numbers[i] for i in ids) for ids in exact]
        # token -> (document numbers, heaviest first; ((end of a run, its weight), ...))
        self.postings: dict[str, tuple[tuple[int, ...], tuple[tuple[int, float], ...]]] = {}
        self.idf: dict[str, float] = {}
        for token_id, token in enumerate(tokens):
            ids: list[int] = []
            segments = []
            for level, run in enumerate(runs[token_id]):
                room = max_postings - len(ids)
                if run and room > 0:
                    ids.extend(numbers[i] for i in run[:room])
                    segments.append((len(ids), LEVELS[level]))
            runs[token_id] = []
            self.postings[token] = (tuple(ids), tuple(segments))
            self.idf[token] = math.log(1 + n / frequency[token_id])
        self.unknown_idf = math.log(1 + max(n, 1))
        known = {word: token for word, token in (surface or {}).items() if token in self.postings}
        known.update((t, t) for t in self.postings if len(t) >= MIN_FUZZY_LEN and not t.isdigit())
        self._spellings = known
        # Typos rarely change a word's first letter, so each word is compared with its own letter only.
        self._vocab: dict[str, list[str]] = defaultdict(list)
        for word in sorted(known):
            self._vocab[word[0]].append(word)
        self.correct = lru_cache(maxsize=16384)(self._correct)

    def _correct(self, word: str, token: str) -> tuple[str, float, str] | None:
        """The known token a misspelt word most likely meant, with how sure we are and the word
        as the fact base writes it."""
        if len(token) < MIN_FUZZY_LEN or token.isdigit():
            return None
        if zipf_at_least(word, ENGLISH_WORD_ZIPF):
            return None
        cutoff = LONG_WORD_CUTOFF if len(word) >= LONG_WORD else FUZZY_CUTOFF
        best = process.extractOne(word, self._vocab.get(word[0], ()), scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None:
            return None
        return self._spellings[best[0]], best[1] / 100.0, best[0]

    def _respellable(self, word: str) -> bool:
        """A single long word the fact base never writes (not a name, not an alias like "fone")."""
        return len(word) >= RESPELL_LEN and word.isalpha() and word not in self._spellings

    def terms(self, pairs: Iterable[tuple[str, str]]) -> list[QueryTerm]:
        """Look up each (word as written, token) of a question; unknown words are kept as such."""
        terms = []
        seen: set[str] = set()
        for word, token in pairs:
            if token in seen:
                continue
            seen.add(token)
            if token in self.idf:
                # A misspelling can stem into another known word ("governer" -> "govern", as in
                # government): a word nobody writes that is close to one the fact base uses is that one.
                lowered = word.lower()
                respelt = self.correct(lowered, token) if self._respellable(lowered) else None
                if respelt is not None and respelt[0] != token:
                    terms.append(QueryTerm(word, respelt[0], respelt[1], self.idf[respelt[0]], respelt[2]))
                else:
                    terms.append(QueryTerm(word, token, 1.0, self.idf[token]))
                continue
            corrected = self.correct(word, token)
            if corrected is None:
                terms.append(QueryTerm(word, None, 0.0, self.unknown_idf))
            else:
                known, match, spelt = corrected
                terms.append(QueryTerm(word, known, match, self.idf[known], spelt))
        return terms

    def candidates(self, terms: list[QueryTerm], limit: int) -> list[int]:
        """Documents asked exactly this way, then those sharing the most weighted words."""
        phrase = " ".join(t.token for t in terms if t.token)
        phrasing_id = self.docs.phrasings.ids.get(phrase)
        exact = list(self._exact[phrasing_id][:limit]) if phrasing_id is not None else []
        scores: dict[int, float] = defaultdict(float)
        for term in terms:
            if term.token is None:
                continue
            gain = term.idf * term.match
            ids, segments = self.postings[term.token]
            start = 0
            for end, weight in segments:
                share = gain * weight
                for i in ids[start:end]:
                    scores[i] += share
                start = end
        ranked = heapq.nlargest(limit, scores, key=scores.__getitem__)
        return list(dict.fromkeys([*exact, *ranked]))[:limit]


def is_name_like(word: str) -> bool:
    """A word of four letters or more that is no common English word: a name, or a bad typo."""
    return len(word) >= 4 and word.isalpha() and not zipf_at_least(word, ENGLISH_WORD_ZIPF)
