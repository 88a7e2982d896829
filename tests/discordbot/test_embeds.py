"""What the embeds show, and that they stay within Discord's limits whatever the answer holds."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.discordbot.ui import embeds, limits
from bot.discordbot.ui.limits import embed_length
from bot.engine import Answer, Engine, SourceRef, Suggestion
from bot.engine.live import ReloadResult
from bot.factbase import load_factbase
from bot.settings import PROJECT_ROOT
from bot.storage import Disliked, Gap
from bot.wording import DONT_KNOW, DONT_KNOW_SHORT, MAX_QUESTION_CHARS, source_label


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_factbase(PROJECT_ROOT / "knowledge"))


def within_limits(embed) -> None:
    data = embed.to_dict()
    assert embed_length(data) <= limits.EMBED_TOTAL
    assert len(data.get("title") or "") <= limits.EMBED_TITLE
    assert len(data.get("description") or "") <= limits.EMBED_DESCRIPTION
    assert len((data.get("footer") or {}).get("text") or "") <= limits.FOOTER
    assert len(data.get("fields", [])) <= limits.FIELDS
    for field in data.get("fields", []):
        assert 0 < len(field["name"]) <= limits.FIELD_NAME
        assert 0 < len(field["value"]) <= limits.FIELD_VALUE


odd_text = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=5000)
sources = st.builds(
    SourceRef,
    id=st.text(min_size=1, max_size=20),
    title=odd_text,
    outlet=st.none() | odd_text,
    quote=odd_text,
    period=st.text(max_size=50),
    has_headline=st.booleans(),
)
suggestions = st.builds(
    Suggestion, question=odd_text, kind=st.just("entry"), target=st.text(min_size=1, max_size=80)
)
answers = st.builds(
    Answer,
    question=odd_text,
    answered=st.booleans(),
    text=odd_text,
    confidence=st.floats(0, 1),
    kind=st.just("entry"),
    target=st.just("x"),
    title=st.none() | odd_text,
    reported=st.none() | odd_text,
    sources=st.lists(sources, max_size=40).map(tuple),
    suggestions=st.lists(suggestions, max_size=3).map(tuple),
    notice=st.none() | odd_text,
)


@settings(max_examples=150, deadline=None)
@given(answers, st.text(min_size=1, max_size=300))
def test_answer_embeds_always_fit(answer: Answer, version: str) -> None:
    within_limits(embeds.answer_embed(answer, version))


def test_answer_embed_shows_answer_sources_confidence_and_version(engine: Engine) -> None:
    answer = engine.answer("Who led the Russian delegation?")
    embed = embeds.answer_embed(answer, engine.factbase.version).to_dict()
    assert embed["title"] == answer.title
    assert answer.text in embed["description"]
    assert "As reported in" in embed["description"]
    source = answer.sources[0]
    field = next(f for f in embed["fields"] if f["name"] == source_label(source))
    assert f"“{source.quote}”" in field["value"]
    assert embed["footer"]["text"] == f"High confidence · fact base {engine.factbase.version}"


def test_one_field_per_article_even_when_quoted_twice() -> None:
    refs = tuple(
        SourceRef("a", "Headline", "Outlet", f"Quote number {i}.", "May 2025", True) for i in range(2)
    )
    answer = Answer("q", True, "An answer.", 0.7, "entry", "t", "Title", None, refs)
    embed = embeds.answer_embed(answer, "v1").to_dict()
    [field] = embed["fields"]
    assert field["name"] == "Outlet — “Headline”"
    assert field["value"] == "“Quote number 0.”\n“Quote number 1.”"
    assert embed["footer"]["text"].startswith("Medium confidence")


def test_abstention_is_short_and_honest_with_suggestions(engine: Engine) -> None:
    answer = engine.answer("what is the population of Istanbul?")
    assert not answer.answered and answer.suggestions
    embed = embeds.answer_embed(answer, "v9").to_dict()
    assert embed["description"].startswith((DONT_KNOW, DONT_KNOW_SHORT))
    for suggestion in answer.suggestions:
        assert suggestion.question in embed["description"]
    assert "fields" not in embed
    assert embed["footer"]["text"] == "fact base v9"


def test_timeline_pages_show_dates_with_their_own_precision(engine: Engine) -> None:
    factbase = engine.factbase
    events = factbase.timeline()
    pages = embeds.timeline_pages(events, factbase, heading="Timeline")
    assert len(pages) == -(-len(events) // embeds.EVENTS_PER_PAGE)
    names = [field.name for page in pages for field in page.fields]
    for event, name in zip(events, names, strict=True):
        assert name.startswith(event.when.display())
    month_only = next(e for e in events if e.when.date.precision == "month" and not e.when.label)
    assert any(name.startswith(f"{month_only.when.date.display()} — ") for name in names)
    for page in pages:
        within_limits(page)
        assert page.footer.text.startswith("Page ")


def test_every_information_embed_fits(engine: Engine) -> None:
    factbase = engine.factbase
    person = factbase.people["vladimir-medinsky"]
    built = [
        embeds.sources_embed(factbase),
        embeds.about_embed(factbase, uptime=dt.timedelta(hours=5, minutes=3), guilds=2),
        embeds.help_embed(
            [("/x " * 100, "y" * 2000)] * 40, qa_channel_ids=[1, 2], max_question_chars=MAX_QUESTION_CHARS
        ),
        embeds.person_embed(person, engine.render("person", person.id).sources, factbase.version),
        embeds.explain_embed("who led?", engine.explain("who led Russia?"), factbase.version),
        embeds.gaps_embed(
            [Gap("q " * 300, 3, "a", "b", 1)] * 40, [Disliked("entry", "x", 2, 1, "t")] * 40, scope="s"
        ),
    ]
    for embed in built:
        within_limits(embed)


def test_reload_report_lists_problems_and_stays_within_limits() -> None:
    from bot.factbase import Problem

    problems = [
        Problem(f"knowledge/entries/f{i}.yaml", i + 1, "entries[0].answer", "too long " * 20)
        for i in range(300)
    ]
    embed = embeds.reload_embed(ReloadResult(ok=False, changed=False, version="abc", problems=problems))
    within_limits(embed)
    description = embed.description or ""
    assert "knowledge/entries/f0.yaml:1: entries[0].answer: too long" in description
    assert description.rstrip().endswith("more")
    assert "abc" in description


def test_a_problem_naming_a_field_in_backticks_stays_one_code_span() -> None:
    from bot.factbase import Problem

    problem = Problem(
        "knowledge/zz.yaml", 3, "entries[0].question", "`question:` is missing", item="entry 'x'"
    )
    embed = embeds.reload_embed(ReloadResult(ok=False, changed=False, version="abc", problems=[problem]))
    assert (embed.description or "").splitlines()[1] == (
        "• `` knowledge/zz.yaml:3: entries[0].question (entry 'x'): `question:` is missing ``"
    )
