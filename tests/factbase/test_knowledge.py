"""The bundled fact base: one test loads every file and reports every problem together."""

from pathlib import Path

import pytest

from bot.factbase import check_factbase
from bot.settings import PROJECT_ROOT

KNOWLEDGE = PROJECT_ROOT / "knowledge"
SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"


def test_every_knowledge_file_is_valid():
    sources = SEEDS if SEEDS.is_dir() else None
    factbase, problems = check_factbase(KNOWLEDGE, sources)
    assert not problems, "\n".join(map(str, problems))
    assert factbase is not None


def test_coverage_of_the_fact_base():
    factbase, _ = check_factbase(KNOWLEDGE)
    counts = factbase.counts()
    assert counts["entries"] >= 100
    assert counts["people"] >= 20
    assert counts["events"] >= 15
    if SEEDS.is_dir():
        assert set(factbase.sources) == {p.stem for p in SEEDS.glob("*.txt")}
    cited = set(factbase.evidence_per_source())
    assert cited == set(factbase.sources), "every article backs at least one fact"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not beside the project")
def test_the_articles_are_not_shipped():
    shipped = {p.name for p in Path(PROJECT_ROOT).rglob("*.txt") if ".venv" not in p.parts}
    assert not shipped & {p.name for p in SEEDS.glob("*.txt")}


def test_no_event_claims_more_precision_than_its_label():
    factbase, _ = check_factbase(KNOWLEDGE)
    for event in factbase.events.values():
        assert event.when.basis.strip(), event.id
        if event.when.label and event.when.date.precision == "day":
            assert str(event.when.date.day) in event.when.label, (event.id, event.when.label)
