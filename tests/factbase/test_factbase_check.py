"""`kb check`: every class of mistake a maintainer can make is reported as file:line: field: message."""

from pathlib import Path

import pytest

from bot.factbase import FactBaseError, check_factbase, load_factbase


def problems(kb: Path, sources: bool = True) -> list[str]:
    factbase, found = check_factbase(kb, kb.parent / "sources" if sources else None)
    assert (factbase is None) == bool(found)
    return [str(p) for p in found]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture does not contain {old!r}"
    path.write_text(text.replace(old, new, 1))


def test_the_fixture_is_valid(kb):
    assert problems(kb) == []
    factbase = load_factbase(kb)
    assert factbase.counts()["entries"] == 2
    assert factbase.version != "empty"


def test_unknown_field_is_reported_with_its_path_and_line(kb):
    edit(kb / "people.yaml", "    side: Russia", "    side: Russia\n    sied: typo")
    assert problems(kb) == ["knowledge/people.yaml:7: people[0].sied: unknown field (check the spelling)"]


def test_missing_required_field(kb):
    edit(kb / "people.yaml", "    side: Russia\n", "")
    assert problems(kb) == ["knowledge/people.yaml:2: people[0].side: Field required"]


def test_unknown_source_is_a_dangling_reference(kb):
    edit(kb / "people.yaml", "      - source: test-article", "      - source: trt")
    assert problems(kb) == ["knowledge/people.yaml:8: people[0].evidence[0].source: unknown source 'trt'"]


def test_unknown_person_on_an_entry(kb):
    edit(kb / "entries" / "talks.yaml", "people: [vladimir-medinsky]", "people: [vladimir-putin]")
    assert problems(kb) == [
        "knowledge/entries/talks.yaml:7: entries[0].people[0]: unknown person 'vladimir-putin'"
    ]


def test_duplicate_ids_across_files(kb):
    (kb / "entries" / "more.yaml").write_text(
        (kb / "entries" / "talks.yaml")
        .read_text()
        .split("  - id: where-talks")[0]
        .replace("head of the russian team", "russia's lead negotiator")
        .replace("Who led the Russian delegation?", "Who headed Russia's delegation?")
    )
    found = problems(kb)
    assert found == [
        "knowledge/entries/talks.yaml:2: entries[0].id: duplicate id 'who-led-russia' "
        "(also at knowledge/entries/more.yaml:2)"
    ]


def test_the_same_phrasing_on_two_entries(kb):
    edit(kb / "entries" / "talks.yaml", "      - venue of the talks", "      - Head of the Russian team?")
    assert problems(kb) == [
        "knowledge/entries/talks.yaml:14: entries[1].alternatives[0]: phrasing 'Head of the Russian team?' "
        "is also used by 'who-led-russia'"
    ]


def test_duplicate_yaml_key(kb):
    edit(kb / "people.yaml", "    side: Russia", "    side: Russia\n    side: Ukraine")
    assert problems(kb) == ["knowledge/people.yaml:7: people[0].side: duplicate key (first on line 6)"]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("''", "String should have at least 10 characters"),
        ("x" * 901, "String should have at most 900 characters"),
    ],
)
def test_empty_or_overlong_answer(kb, answer, message):
    edit(
        kb / "entries" / "talks.yaml",
        "    answer: The delegations met in Istanbul on Thursday.",
        f"    answer: {answer}",
    )
    assert problems(kb) == [f"knowledge/entries/talks.yaml:15: entries[1].answer: {message}"]


def test_quote_must_be_verbatim_in_its_article(kb):
    edit(
        kb / "entries" / "talks.yaml",
        '"Delegations met in Istanbul on Thursday."',
        '"Delegations met in Ankara on Thursday."',
    )
    [problem] = problems(kb)
    assert problem.startswith(
        "knowledge/entries/talks.yaml:18: entries[1].evidence[0].quote: quote is not verbatim"
    )
    assert problems(kb, sources=False) == []  # only checked when the articles are given


def test_whitespace_in_quotes_may_differ(kb):
    edit(
        kb / "entries" / "talks.yaml",
        '"Delegations met in Istanbul on Thursday."',
        '"Delegations  met in\n        Istanbul on Thursday."',
    )
    assert problems(kb) == []


def test_bad_date_and_bad_id(kb):
    edit(kb / "sources.yaml", "date: 2025-05-15", "date: 2025-13")
    edit(kb / "sources.yaml", "id: test-article", "id: Test Article")
    found = problems(kb, sources=False)
    assert any("sources[0].id: String should match pattern" in p for p in found)
    assert any("sources[0].published.date: Value error, month 13 is not 1..12" in p for p in found)


def test_all_problems_are_reported_at_once_and_nothing_half_loads(kb):
    edit(kb / "people.yaml", "      - source: test-article", "      - source: nowhere")
    edit(kb / "entries" / "talks.yaml", "people: [vladimir-medinsky]", "people: [nobody]")
    (kb / "broken.yaml").write_text("aliases:\n  - canonical: russia\n")
    with pytest.raises(FactBaseError) as caught:
        load_factbase(kb)
    assert len(caught.value.problems) == 3
    assert "3 problems in the fact base" in str(caught.value)
    assert "knowledge/broken.yaml:2: aliases[0].variants: Field required" in str(caught.value)


def test_a_syntax_error_suspends_reference_checks_instead_of_flooding(kb):
    (kb / "people.yaml").write_text("people:\n  - id: x\n    name: [unclosed\n")
    assert problems(kb) == [
        "knowledge/people.yaml:4: YAML syntax error: "
        "while parsing a flow sequence did not find expected ',' or ']'"
    ]


def test_empty_file_and_empty_folder(kb, tmp_path):
    (kb / "empty.yaml").write_text("")
    assert problems(kb) == ["knowledge/empty.yaml: file is empty"]
    empty = tmp_path / "nothing"
    empty.mkdir()
    assert "no .yaml files found" in problems(empty, sources=False)[0]
