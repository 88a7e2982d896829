"""`kb check`: every class of mistake a maintainer can make is reported as file:line: field: message."""

import os
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
    assert problems(kb) == [
        "knowledge/people.yaml:7: people[0].sied (person 'vladimir-medinsky'): unknown field `sied:` — "
        "did you mean `side:`? (allowed here: id, name, variants, roles, side, summary, evidence)"
    ]


def test_missing_required_field(kb):
    edit(kb / "people.yaml", "    side: Russia\n", "")
    assert problems(kb) == [
        "knowledge/people.yaml:2: people[0].side (person 'vladimir-medinsky'): `side:` is missing; "
        "expected text (Country or organisation the person speaks for)"
    ]


def test_unknown_source_is_a_dangling_reference(kb):
    edit(kb / "people.yaml", "      - source: test-article", "      - source: trt")
    assert problems(kb) == [
        "knowledge/people.yaml:8: people[0].evidence[0].source (person 'vladimir-medinsky'): "
        "unknown source 'trt'"
    ]


def test_unknown_person_on_an_entry(kb):
    edit(kb / "entries" / "talks.yaml", "people: [vladimir-medinsky]", "people: [vladimir-putin]")
    assert problems(kb) == [
        "knowledge/entries/talks.yaml:7: entries[0].people[0] (entry 'who-led-russia'): "
        "unknown person 'vladimir-putin'"
    ]


def touch_later(path: Path, than: Path) -> None:
    """Make `path` the newer edit, whatever the file system's timestamp resolution."""
    older = than.stat().st_mtime_ns
    os.utime(path, ns=(older + 10**9, older + 10**9))


def test_a_duplicate_id_is_blamed_on_the_new_file_not_the_existing_one(kb):
    talks = kb / "entries" / "talks.yaml"
    new = kb / "entries" / "more.yaml"  # sorts before talks.yaml: order of names must not decide
    new.write_text(
        talks.read_text()
        .split("  - id: where-talks")[0]
        .replace("head of the russian team", "russia's lead negotiator")
        .replace("Who led the Russian delegation?", "Who headed Russia's delegation?")
    )
    touch_later(new, than=talks)
    assert problems(kb) == [
        "knowledge/entries/more.yaml:2: entries[0].id (entry 'who-led-russia'): "
        "duplicate id 'who-led-russia' "
        "(already used at knowledge/entries/talks.yaml:2)"
    ]


def test_a_duplicate_phrasing_is_blamed_on_the_new_entry(kb):
    talks = kb / "entries" / "talks.yaml"
    new = kb / "entries" / "aaa.yaml"
    new.write_text(
        "entries:\n  - id: russian-team\n    question: Head of the Russian team?\n"
        "    answer: Vladimir Medinsky led the Russian delegation.\n"
        "    evidence:\n      - source: test-article\n"
        '        quote: "The Russian team was led by Vladimir Medinsky."\n'
    )
    touch_later(new, than=talks)
    assert problems(kb) == [
        "knowledge/entries/aaa.yaml:3: entries[0].question (entry 'russian-team'): "
        "phrasing 'Head of the Russian team?' "
        "is already used by 'who-led-russia' (knowledge/entries/talks.yaml:5)"
    ]


def test_the_same_phrasing_on_two_entries(kb):
    edit(kb / "entries" / "talks.yaml", "      - venue of the talks", "      - Head of the Russian team?")
    assert problems(kb) == [
        "knowledge/entries/talks.yaml:14: entries[1].alternatives[0] (entry 'where-talks'): "
        "phrasing 'Head of the Russian team?' "
        "is already used by 'who-led-russia' (knowledge/entries/talks.yaml:5)"
    ]


def test_duplicate_yaml_key(kb):
    edit(kb / "people.yaml", "    side: Russia", "    side: Russia\n    side: Ukraine")
    assert problems(kb) == [
        "knowledge/people.yaml:7: people[0].side (person 'vladimir-medinsky'): "
        "duplicate key (first on line 6)"
    ]


def test_a_duplicate_key_and_the_schema_problems_of_the_same_file_come_in_one_run(kb):
    edit(kb / "people.yaml", "    side: Russia", "    side: Russia\n    side: Ukraine\n    sied: typo")
    found = problems(kb)
    assert len(found) == 2
    assert "duplicate key (first on line 6)" in found[0] and "unknown field `sied:`" in found[1]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("''", "is 0 characters, too short; expected text of 10–900 characters"),
        ("x" * 901, "is 901 characters, more than the 900 allowed; shorten it"),
    ],
)
def test_empty_or_overlong_answer(kb, answer, message):
    edit(
        kb / "entries" / "talks.yaml",
        "    answer: The delegations met in Istanbul on Thursday.",
        f"    answer: {answer}",
    )
    assert problems(kb) == [
        f"knowledge/entries/talks.yaml:15: entries[1].answer (entry 'where-talks'): {message}"
    ]


def test_quote_must_be_verbatim_in_its_article(kb):
    edit(
        kb / "entries" / "talks.yaml",
        '"Delegations met in Istanbul on Thursday."',
        '"Delegations met in Ankara on Thursday."',
    )
    [problem] = problems(kb)
    assert problem.startswith(
        "knowledge/entries/talks.yaml:18: entries[1].evidence[0].quote (entry 'where-talks'): "
        "quote is not verbatim"
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
    assert (
        "knowledge/sources.yaml:2: sources[0].id (source 'Test Article'): 'Test Article' is not an id: "
        "lowercase letters, digits and hyphens, e.g. 'talks-venue'"
    ) in found
    assert (
        "knowledge/sources.yaml:7: sources[0].published.date (source 'Test Article'): month 13 is not 1..12"
    ) in found


def test_all_problems_are_reported_at_once_and_nothing_half_loads(kb):
    edit(kb / "people.yaml", "      - source: test-article", "      - source: nowhere")
    edit(kb / "entries" / "talks.yaml", "people: [vladimir-medinsky]", "people: [nobody]")
    (kb / "broken.yaml").write_text("aliases:\n  - canonical: russia\n")
    with pytest.raises(FactBaseError) as caught:
        load_factbase(kb)
    assert len(caught.value.problems) == 3
    assert "3 problems in the fact base" in str(caught.value)
    assert (
        "knowledge/broken.yaml:2: aliases[0].variants (alias group 'russia'): `variants:` is missing; "
        "expected a list of texts"
    ) in str(caught.value)


def test_a_syntax_error_suspends_reference_checks_instead_of_flooding(kb):
    (kb / "people.yaml").write_text("people:\n  - id: x\n    name: [unclosed\n")
    assert problems(kb) == [
        "knowledge/people.yaml:3:11: YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence starting here; noticed on line 4)"
    ]


def test_a_file_of_comments_only_adds_nothing_and_blocks_nothing(kb):
    (kb / "empty.yaml").write_text("")
    (kb / "retired.yaml").write_text("# entries:\n#   - id: old-entry\n#     question: Gone?\n")
    assert problems(kb) == []
    assert load_factbase(kb).counts()["entries"] == 2


def test_an_empty_folder(tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    assert "no .yaml files found" in problems(empty, sources=False)[0]


def test_one_problem_is_not_problems(kb):
    edit(kb / "people.yaml", "    side: Russia\n", "")
    with pytest.raises(FactBaseError, match=r"^1 problem in the fact base:"):
        load_factbase(kb)


def test_a_field_folded_into_an_answer_is_a_problem(kb: Path) -> None:
    talks = kb / "entries" / "talks.yaml"
    answer = "Vladimir Medinsky led the Russian delegation in Istanbul."
    text = talks.read_text().replace(
        f"    answer: {answer}\n    people: [vladimir-medinsky]\n",
        f"    answer: >-\n      {answer}\n      people: [vladimir-medinsky]\n",
    )
    assert "      people:" in text
    talks.write_text(text)
    _, problems = check_factbase(kb)
    [problem] = problems
    assert problem.path == "entries[0].answer" and "'people:'" in problem.message
    assert "indentation" in problem.message
    # Blamed on the line of the folded field, where the indentation is to be fixed.
    assert problem.line == text.splitlines().index("      people: [vladimir-medinsky]") + 1


def test_a_missing_sources_folder_is_one_problem(kb: Path) -> None:
    _, problems = check_factbase(kb, kb.parent / "no-such-folder")
    [problem] = problems
    assert problem.file.endswith("no-such-folder") and "no such folder" in problem.message


ENTRY = """\
entries:
  - id: new-entry
    question: Who hosted the talks?
    answer: Türkiye hosted the talks in Istanbul.
    topics: [venue]
    evidence:
      - source: test-article
        quote: "Delegations met in Istanbul on Thursday."
"""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    question: Who hosted the talks?\n",
            "",
            "2: entries[0].question (entry 'new-entry'): `question:` is missing; "
            "expected a phrasing of 2–200 characters",
        ),
        (
            "Who hosted the talks?",
            "12",
            "3: entries[0].question (entry 'new-entry'): is the number 12; "
            "expected a phrasing of 2–200 characters; put it in quotes to make it text",
        ),
        (
            "quote:",
            "qoute:",
            "8: entries[0].evidence[0].qoute (entry 'new-entry'): unknown field `qoute:` — "
            "did you mean `quote:`? (allowed here: source, quote)",
        ),
        (
            "topics: [venue]",
            "topics: venue",
            "5: entries[0].topics (entry 'new-entry'): is the text 'venue'; expected a list of ids: "
            "lowercase letters, digits and hyphens, e.g. 'talks-venue'; write it as a list: [venue]",
        ),
        (
            "    evidence:\n      - source: test-article\n"
            '        quote: "Delegations met in Istanbul on Thursday."\n',
            "    evidence: []\n",
            "6: entries[0].evidence (entry 'new-entry'): is an empty list; expected at least one item, "
            "a mapping with `source:`, `quote:`",
        ),
        (
            "    topics: [venue]\n",
            "    premise: maybe\n",
            "5: entries[0].premise (entry 'new-entry'): is the text 'maybe'; expected true or false",
        ),
    ],
    ids=["missing", "not-text", "misspelt-field", "not-a-list", "no-evidence", "not-a-bool"],
)
def test_schema_problems_name_file_entry_field_fault_and_what_is_expected(kb, old, new, expected):
    (kb / "entries" / "new.yaml").write_text(ENTRY.replace(old, new, 1))
    assert problems(kb) == [f"knowledge/entries/new.yaml:{expected}"]


def test_no_schema_problem_speaks_pydantic(kb):
    """The earlier trial saw 'Field required', 'Input should be a valid string', 'Extra inputs…'."""
    broken = "people:\n  - id: x1\n    name: 5\n    roles: nobody\n    extra: 1\n    evidence: []\n"
    (kb / "zz.yaml").write_text(broken + "aliases:\n  - canonical: a\n")
    text = "\n".join(problems(kb))
    for pydantic_words in ("Field required", "Input should", "Extra inputs", "List should", "String should"):
        assert pydantic_words not in text
    assert text.count("(person 'x1')") == 5 and "(alias group 'a'): `variants:` is missing" in text


def test_a_misspelt_reference_suggests_the_id_meant(kb):
    edit(kb / "entries" / "talks.yaml", "people: [vladimir-medinsky]", "people: [vladimir-medinksy]")
    edit(kb / "people.yaml", "      - source: test-article", "      - source: test-artcle")
    assert problems(kb) == [
        "knowledge/entries/talks.yaml:7: entries[0].people[0] (entry 'who-led-russia'): "
        "unknown person 'vladimir-medinksy' — did you mean 'vladimir-medinsky'?",
        "knowledge/people.yaml:8: people[0].evidence[0].source (person 'vladimir-medinsky'): "
        "unknown source 'test-artcle' — did you mean 'test-article'?",
    ]  # in file order


def test_a_quote_that_is_not_verbatim_shows_the_article_text_it_was_probably_copied_from(kb):
    edit(
        kb / "entries" / "talks.yaml",
        '"Delegations met in Istanbul on Thursday."',
        '"Delegations meet in Istanbul on Thursday."',
    )
    assert problems(kb) == [
        "knowledge/entries/talks.yaml:18: entries[1].evidence[0].quote (entry 'where-talks'): quote is not "
        "verbatim in test-article: 'Delegations meet in Istanbul on Thursday.'; "
        "the article has: 'Delegations met in Istanbul on Thursday.'"
    ]
    edit(
        kb / "entries" / "talks.yaml",
        "Delegations meet in Istanbul on Thursday.",
        "Nothing like the article at all",
    )
    assert problems(kb)[0].endswith("; no passage of the article is close to it")


def test_a_section_with_every_item_commented_out_is_empty_not_broken(kb):
    (kb / "entries" / "later.yaml").write_text("entries:\n  # - id: not-yet\n  #   question: Not yet?\n")
    assert problems(kb) == []


def test_a_quote_differing_only_in_apostrophes_says_so(kb):
    article = kb.parent / "sources" / "test-article.txt"
    article.write_text(article.read_text().replace("Delegations met", "The delegations’ leaders met"))
    edit(
        kb / "entries" / "talks.yaml",
        '"Delegations met in Istanbul on Thursday."',
        '"The delegations\' leaders met in Istanbul on Thursday."',
    )
    assert problems(kb) == [
        "knowledge/entries/talks.yaml:18: entries[1].evidence[0].quote (entry 'where-talks'): quote is not "
        'verbatim in test-article: "The delegations\' leaders met in Istanbul on Thursday."; only its '
        "quotation marks or apostrophes differ — copy them from the article: "
        "'The delegations’ leaders met in Istanbul on Thursday.'"
    ]


def test_a_broken_item_is_listed_before_the_references_it_breaks(kb):
    """A misspelt `id:` makes every reference to the person unknown; the cause comes first."""
    edit(kb / "people.yaml", "  - id: vladimir-medinsky", "  - idd: vladimir-medinsky")
    found = problems(kb)
    assert "idd" in found[0], found
    assert any("unknown person 'vladimir-medinsky'" in p for p in found[1:])


def test_a_place_of_two_kinds_is_a_problem(kb: Path) -> None:
    (kb / "places.yaml").write_text(
        "language:\n  places:\n    city: [Istanbul (Türkiye), Antalya]\n    country: [Türkiye, istanbul]\n"
    )
    assert problems(kb) == ["knowledge/places.yaml:4: language.places.country: 'istanbul' is already a city"]
    (kb / "places.yaml").write_text("language:\n  places:\n    city: [Istanbul (Türkiye), Antalya]\n")
    assert problems(kb) == []
    assert load_factbase(kb).language.places == {"city": ["Istanbul (Türkiye)", "Antalya"]}


def test_a_missing_people_file_is_one_problem_not_one_per_reference(kb: Path) -> None:
    talks = kb / "entries" / "talks.yaml"
    text = talks.read_text()
    extra = text.split("entries:\n", 1)[1]
    copies = "".join(
        extra.replace("who-led-russia", f"who-led-russia-{i}").replace("question: ", f"question: ({i}) ", 1)
        for i in range(25)
    )
    talks.write_text("entries:\n" + copies)
    (kb / "people.yaml").unlink()
    found = problems(kb)
    assert any("no people are defined at all" in p and "people.yaml missing or empty" in p for p in found)
    assert not any("unknown person" in p for p in found)


def test_the_article_text_shown_for_a_quote_starts_and_ends_on_whole_words(kb):
    edit(
        kb / "entries" / "talks.yaml",
        '"Delegations met in Istanbul on Thursday."',
        '"gations met in Istanbul on Thursdy"',
    )
    [problem] = problems(kb)
    assert problem.endswith("the article has: 'Delegations met in Istanbul on Thursday'")


def test_a_folder_given_as_a_relative_path_names_its_files_as_they_open_from_here(kb, monkeypatch):
    edit(kb / "people.yaml", "    side: Russia", "    side: Russia\n    sied: typo")
    beside = kb.parent / "elsewhere"
    beside.mkdir()
    monkeypatch.chdir(beside)
    factbase, found = check_factbase(Path("../knowledge"), Path("../sources"))
    assert factbase is None and str(found[0]).startswith("../knowledge/people.yaml:7:")
