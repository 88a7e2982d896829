"""A tiny, valid fact base in a temporary folder, for tests that break it on purpose (`kb`)."""

from pathlib import Path

import pytest

ARTICLE = "Delegations met in Istanbul on Thursday. The Russian team was led by Vladimir Medinsky.\n"

SOURCES = """\
sources:
  - id: test-article
    title: Talks in Istanbul
    has_headline: true
    outlet: Test Wire
    published:
      date: 2025-05-15
      basis: Says "on Thursday".
    period: mid-May 2025
"""

PEOPLE = """\
people:
  - id: vladimir-medinsky
    name: Vladimir Medinsky
    variants: [Medinski]
    roles: [Head of the Russian delegation]
    side: Russia
    evidence:
      - source: test-article
        quote: "The Russian team was led by Vladimir Medinsky."
"""

ENTRIES = """\
entries:
  - id: who-led-russia
    question: Who led the Russian delegation?
    alternatives:
      - head of the russian team
    answer: Vladimir Medinsky led the Russian delegation in Istanbul.
    people: [vladimir-medinsky]
    evidence:
      - source: test-article
        quote: "The Russian team was led by Vladimir Medinsky."
  - id: where-talks
    question: Where did the delegations meet?
    alternatives:
      - venue of the talks
    answer: The delegations met in Istanbul on Thursday.
    evidence:
      - source: test-article
        quote: "Delegations met in Istanbul on Thursday."
"""


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    """A valid knowledge/ folder plus a sources/ folder holding its one article."""
    knowledge = tmp_path / "knowledge"
    (knowledge / "entries").mkdir(parents=True)
    (knowledge / "sources.yaml").write_text(SOURCES)
    (knowledge / "people.yaml").write_text(PEOPLE)
    (knowledge / "entries" / "talks.yaml").write_text(ENTRIES)
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "test-article.txt").write_text(ARTICLE)
    return knowledge
