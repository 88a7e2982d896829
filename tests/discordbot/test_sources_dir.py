"""SOURCES_DIR: with the articles at hand, live reload and /kb reload also check every quote."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from bot.factbase import load_factbase
from bot.settings import PROJECT_ROOT
from tests.discordbot.conftest import Talks

pytestmark = pytest.mark.usefixtures("fail_on_error_logs")

QUOTE = "As in 2022, it is led by Presidential Aide Vladimir Medinsky"


def articles_for(knowledge: Path, folder: Path) -> Path:
    """Stand-in articles that hold exactly the quotes the bundled fact base cites."""
    factbase = load_factbase(knowledge)
    quotes: dict[str, list[str]] = defaultdict(list)
    for item in [*factbase.entries.values(), *factbase.people.values(), *factbase.events.values()]:
        for evidence in item.evidence:
            quotes[evidence.source].append(evidence.quote)
    folder.mkdir()
    for source_id in factbase.sources:
        (folder / f"{source_id}.txt").write_text("\n".join(quotes[source_id]), encoding="utf-8")
    return folder


@pytest.fixture
def overrides(tmp_path: Path, request: pytest.FixtureRequest) -> dict[str, Any]:
    """SOURCES_DIR set; `indirect` parametrization gives the reload interval."""
    articles = articles_for(PROJECT_ROOT / "knowledge", tmp_path / "articles")
    return {"sources_dir": articles, "reload_interval": getattr(request, "param", 0.2)}


def misquote(talks: Talks) -> str:
    for path in sorted((talks.knowledge / "entries").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if QUOTE in text:
            path.write_text(text.replace(QUOTE, QUOTE.replace("Medinsky", "Medvedev")), encoding="utf-8")
            return f"knowledge/entries/{path.name}"
    raise AssertionError(f"no entry quotes {QUOTE!r}")


async def test_the_watcher_refuses_a_quote_that_is_not_in_its_article(talks: Talks) -> None:
    version = talks.bot.knowledge.factbase.version
    where = misquote(talks)
    alert = await talks.fake.wait_for_bot_message(talks.alerts)
    assert talks.errors.take(r"fact base problem|kept fact base version")
    [embed] = alert.embeds
    assert "NOT reloaded" in embed["title"]
    assert where in embed["description"] and "quote is not verbatim in" in embed["description"]
    assert talks.bot.knowledge.factbase.version == version


@pytest.mark.parametrize("overrides", [3600], indirect=True)  # no watcher: only the command reloads
async def test_kb_reload_checks_quotes_too(talks: Talks) -> None:
    misquote(talks)
    response = await talks.command("kb reload", user=talks.maya)
    assert talks.errors.take(r"fact base problem|kept fact base version")
    [embed] = response.embeds
    assert embed["title"].startswith("Fact base NOT reloaded")
    assert "quote is not verbatim in" in embed["description"]
