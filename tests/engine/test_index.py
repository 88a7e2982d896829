"""The compact document table and the capped index read exactly what full dicts and lists would."""

from __future__ import annotations

import math

import pytest

from bot.engine import Engine
from bot.engine.documents import ROLE_WEIGHTS, DocBuilder
from bot.engine.index import InvertedIndex
from bot.factbase import load_factbase
from bot.factbase.kinds import ITEM_KINDS
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_factbase(PROJECT_ROOT / "knowledge"))


def plain_bag(engine: Engine, kind, item) -> dict[str, float]:
    """A document's words and weights the simple way: the heaviest role each word appears in."""
    bag: dict[str, float] = {}
    for role, texts in kind.about(item):
        for text in texts:
            for token in engine.normalizer.content(text):
                bag[token] = max(bag.get(token, 0.0), ROLE_WEIGHTS[role])
    return bag


def test_every_document_reads_back_as_written(engine: Engine) -> None:
    docs = iter(engine.index.docs)
    for kind in ITEM_KINDS:
        for item in engine.factbase.items(kind.name).values():
            doc = next(docs)
            assert (doc.kind, doc.target, doc.text) == (kind.name, item.id, kind.facts(item))
            assert doc.phrasings == tuple(" ".join(engine.normalizer.content(p)) for p in kind.asked(item))
            bag = plain_bag(engine, kind, item)
            assert dict(doc.weights.items()) == bag and len(doc.weights) == len(bag)
            assert doc.weights.get("no-such-token") is None and doc.weights.get("kyiv", 0.0) == bag.get(
                "kyiv", 0.0
            )
            assert engine.index.docs.find(kind.name, item.id) == doc
    assert next(docs, None) is None
    assert engine.index.docs.find("entry", "no-such-entry") is None


@pytest.mark.parametrize("cap", [1, 3, 50])
def test_postings_are_the_heaviest_documents_up_to_the_cap(engine: Engine, cap: int) -> None:
    builder = DocBuilder(engine.normalizer)
    table = builder.build(engine.factbase)
    index = InvertedIndex(table, builder.surface, max_postings=cap)
    docs = list(table)
    for token, (ids, segments) in index.postings.items():
        holders = sorted((-doc.weights[token], i) for i, doc in enumerate(docs) if token in doc.weights)
        assert list(ids) == [i for _, i in holders[:cap]]
        start = 0
        for end, weight in segments:
            assert all(docs[i].weights[token] == weight for i in ids[start:end])
            start = end
        assert start == len(ids)
        assert index.idf[token] == math.log(1 + len(docs) / len(holders))


@pytest.mark.parametrize(
    ("word", "token"),
    [
        ("governer", "governor"),  # stems to "govern" (government), a word the fact base also knows
        ("government", "govern"),  # a word the fact base writes is never respelt
        ("fone", "call"),  # an alias of "call", too short to respell into "fomin"
    ],
)
def test_a_misspelling_that_stems_into_another_word_is_respelt(
    engine: Engine, word: str, token: str | None
) -> None:
    [term] = engine.index.terms(engine.normalizer.pairs(word))
    assert term.token == token
