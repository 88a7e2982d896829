"""The registry of item kinds is complete, and every layer reads the kinds from it."""

from __future__ import annotations

import dataclasses

import pytest

from bot.engine import Engine
from bot.factbase import FactBase, load_factbase
from bot.factbase.kinds import BY_KEY, ITEM_KINDS, item_kind
from bot.factbase.models import FactBaseFile
from bot.settings import PROJECT_ROOT

NOT_ITEMS = {
    "sources",
    "aliases",
    "language",
}  # lists of a knowledge file that are not items the bot answers with


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_factbase(PROJECT_ROOT / "knowledge"))


def test_every_item_list_of_a_knowledge_file_is_a_registered_kind() -> None:
    lists = set(FactBaseFile.model_fields) - NOT_ITEMS
    assert lists == set(BY_KEY)
    fields = {f.name for f in dataclasses.fields(FactBase)}
    for kind in ITEM_KINDS:
        assert kind.key in fields
        assert FactBaseFile.model_fields[kind.key].annotation == list[kind.model]


def test_counts_and_documents_cover_every_kind(engine: Engine) -> None:
    counts = engine.factbase.counts()
    documented = dict.fromkeys((k.name for k in ITEM_KINDS), 0)
    for doc in engine.index.docs:
        documented[doc.kind] += 1
    for kind in ITEM_KINDS:
        assert counts[kind.key] == documented[kind.name] > 0


@pytest.mark.parametrize("kind", [k for k in ITEM_KINDS if k.answers])
def test_every_answering_kind_renders_with_its_sources(engine: Engine, kind) -> None:
    item = next(iter(engine.factbase.items(kind.name).values()))
    answer = engine.render(kind.name, item.id)
    assert answer.answered and answer.kind == kind.name and answer.target == item.id
    assert answer.title == kind.title(item) and answer.text == kind.text(item)
    assert [s.quote for s in answer.sources] == [e.quote for e in kind.evidence(item)]


def test_an_unknown_or_abstaining_kind_is_refused_not_rendered_as_another(engine: Engine) -> None:
    gap = next(iter(engine.factbase.unanswerable))
    with pytest.raises(ValueError, match="abstention"):
        engine.render("gap", gap)
    with pytest.raises(ValueError, match="unknown kind"):
        engine.render("rumour", "anything")
    with pytest.raises(ValueError, match="unknown kind"):
        item_kind("entries")
