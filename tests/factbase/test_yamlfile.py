"""Hostile or clumsy YAML never hangs, crashes or half-loads: each is one `file:line: field: message`."""

from pathlib import Path

import pytest

from bot.factbase import check_factbase
from bot.factbase.yamlfile import MAX_DEPTH, MAX_VALUES, read_yaml

ALIAS_BOMB = "a0: &a0 [1,1,1,1,1,1,1,1,1]\n" + "".join(
    f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 8)
)


def problems_of(kb: Path, name: str, text: str | bytes) -> list[str]:
    path = kb / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    factbase, found = check_factbase(kb)
    assert factbase is None
    return [str(p) for p in found]


EVENT = """\
events:
  - id: talks-open
    when:
      date: {date}
      basis: The article says so.
    title: Talks open
    summary: The delegations met in Istanbul.
    evidence:
      - source: test-article
        quote: "Delegations met in Istanbul on Thursday."
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            ALIAS_BOMB,
            "knowledge/zz.yaml:1: anchor &a0: anchors and aliases are not allowed; write it out",
        ),
        ("a: &a [*a]\n", "knowledge/zz.yaml:1: anchor &a: anchors and aliases are not allowed; write it out"),
        (
            "people:\n  - *someone\n",
            "knowledge/zz.yaml:2: alias *someone: anchors and aliases are not allowed; write it out",
        ),
        (
            EVENT.format(date="2019-02-30"),
            "knowledge/zz.yaml:4: events[0].when.date (event 'talks-open'): '2019-02-30' is not a valid date "
            "(day is out of range for month)",
        ),
        (
            "aliases:\n  - canonical: !!int abc\n",
            "knowledge/zz.yaml:2: aliases[0].canonical (alias group 'abc'): "
            "'abc' is not a valid whole number "
            "(invalid literal for int() with base 10: 'abc')",
        ),
        (
            "aliases:\n  - canonical: !!float abc\n",
            "knowledge/zz.yaml:2: aliases[0].canonical (alias group 'abc'): 'abc' is not a valid number "
            "(could not convert string to float: 'abc')",
        ),
        (
            EVENT.format(date='"0000"'),
            "knowledge/zz.yaml:4: events[0].when.date (event 'talks-open'): year 0 is outside 1900–2100",
        ),
        (
            EVENT.format(date='"2025-02-30"'),
            "knowledge/zz.yaml:4: events[0].when.date (event 'talks-open'): 2025-02-30 is not a real date "
            "(no such day in that month)",
        ),
        (
            "entries:\n  - id: x\n    question Who?\n    answer: hi\n",
            "knowledge/zz.yaml:3:5: YAML syntax error: could not find expected ':' "
            "(while scanning a simple key starting here; noticed on line 4)",
        ),
        (
            'entries:\n  - id: x\n    question: "Who?\n    answer: hi\n    topics: [a]\n',
            "knowledge/zz.yaml:3:15: YAML syntax error: the text opened with \" here is not closed on its "
            "line, so the fields below were read into it (YAML stopped on line 6: found unexpected end of "
            'stream); end the text with "',
        ),
        (
            b"aliases:\n  - canonical: caf\xe9\n",
            "knowledge/zz.yaml:2: byte 0xe9 in column 19 is not UTF-8; save the file as UTF-8",
        ),
        (
            "- just a list\n",
            "knowledge/zz.yaml:1: a fact-base file must be a mapping of sections (sources:, entries:, "
            "people:, events:, unanswerable:, aliases:, language:), not a list",
        ),
        (
            "people:\n  - vladimir-putin\n",
            "knowledge/zz.yaml:2: people[0]: is the text 'vladimir-putin'; expected a mapping with `id:`, "
            "`name:`, `roles:`, `side:`, `evidence:` (optional: `variants:`, `summary:`)",
        ),
        (
            "aliases: []\n---\naliases: []\n",
            "knowledge/zz.yaml:2: a second YAML document ('---'); a file holds one document",
        ),
        (
            "x: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
            f"knowledge/zz.yaml:1: nested more than {MAX_DEPTH} levels deep",
        ),
    ],
    ids=[
        "alias-bomb", "recursive-alias", "alias", "impossible-date", "int-tag", "float-tag", "year-0",
        "quoted-impossible-date", "missing-colon", "unclosed-quote", "not-utf8", "top-level-list",
        "item-not-mapping", "two-documents", "too-deep",
    ],
)  # fmt: skip
def test_each_bad_file_is_one_clear_problem_line(kb: Path, text: str | bytes, expected: str) -> None:
    assert problems_of(kb, "zz.yaml", text) == [expected]


def test_no_problem_mentions_python(kb: Path) -> None:
    found = problems_of(kb, "zz.yaml", EVENT.format(date='"2025-13"') + "    extra: [1]\n")
    text = "\n".join(found)
    assert "Value error" not in text and "instance of" not in text and "Traceback" not in text


def test_the_work_any_file_can_cause_is_bounded(kb: Path) -> None:
    """A 1 MB file of half a million values used to take seconds; past MAX_VALUES it is refused."""
    text = "aliases:\n  - canonical: x\n    variants: [" + ",".join(["y"] * MAX_VALUES) + "]\n"
    assert problems_of(kb, "zz.yaml", text) == [
        f"knowledge/zz.yaml:3: more than {MAX_VALUES:,} keys and values in one file; "
        "split it into several files"
    ]
    assert problems_of(kb, "zz.yaml", "a: " + "x" * 1_000_001 + "\n") == [
        "knowledge/zz.yaml: file is 1,000,005 bytes, more than the 1,000,000 allowed; "
        "split it into several files"
    ]


def test_lines_are_remembered_for_every_value(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("people:\n  - id: a\n    roles:\n      - one\n      - two\n")
    read = read_yaml(path, "x.yaml")
    assert read.problems == []
    assert read.data == {"people": [{"id": "a", "roles": ["one", "two"]}]}
    assert read.line_of(("people", 0, "roles", 1)) == 5
    assert read.line_of(("people", 0, "roles")) == 3
    assert read.line_of(("people", 0, "missing")) == 2


TAB_FIX = "a tab character in the indentation; YAML indents with spaces only: replace the tab with spaces"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("people:\n  - id: a\n\tname: b\n", "3:1"),  # the parser's context is line 2: never blame it
        ("people:\n  - id: é\n  \tname: b\n", "3:3"),  # after spaces, past a non-ASCII character
        ("people:\n\t- id: a\n", "2:1"),
        ("people:\n  - id: a\n    evidence:\n\t  - source: x\n", "4:1"),
        ("people:\n  - id: a\n    summary: >-\n      one\n\ttwo\n", "5:1"),  # inside a folded text
    ],
    ids=["key", "after-spaces", "list-item", "nested", "folded-text"],
)
def test_a_tab_is_blamed_at_its_own_line_and_column_with_the_fix(kb: Path, text: str, where: str) -> None:
    assert problems_of(kb, "zz.yaml", text) == [f"knowledge/zz.yaml:{where}: {TAB_FIX}"]


def test_a_tab_in_the_bundled_people_file_names_that_line(kb: Path) -> None:
    """The earlier trial's case: a real file, a tab before a key deep inside it."""
    people = (
        (kb / "people.yaml").read_text().replace("    name: Vladimir Medinsky", "\tname: Vladimir Medinsky")
    )
    line = people.splitlines().index("\tname: Vladimir Medinsky") + 1
    (kb / "people.yaml").write_text(people)
    factbase, found = check_factbase(kb)
    assert factbase is None and [str(p) for p in found] == [f"knowledge/people.yaml:{line}:1: {TAB_FIX}"]


def test_a_missing_closing_quote_is_blamed_where_the_quote_opened(kb: Path) -> None:
    """YAML notices it lines later, at the next quote character; the maintainer must fix the opener."""
    talks = (kb / "entries" / "talks.yaml").read_text()
    opened = talks.replace(
        'quote: "The Russian team was led by Vladimir Medinsky."', 'quote: "The Russian team'
    )
    line = talks.splitlines().index('        quote: "The Russian team was led by Vladimir Medinsky."') + 1
    [problem] = problems_of(kb, "entries/talks.yaml", opened)
    assert problem.startswith(
        f'knowledge/entries/talks.yaml:{line}:16: YAML syntax error: the text opened with " here is not '
        "closed on its line, so the fields below were read into it (YAML stopped on line"
    )
    assert problem.endswith('end the text with "')


def test_a_text_quoted_over_several_lines_on_purpose_is_not_blamed(kb: Path) -> None:
    text = 'aliases:\n  - canonical: "two\n      lines"\n    variants: x: y\n'
    assert problems_of(kb, "zz.yaml", text) == [
        "knowledge/zz.yaml:4:16: YAML syntax error: a ': ' inside a text that is not in quotes; put "
        "the text in quotes ('…' or \"…\")"
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "entries:\n  - id: a\n    question: Who?\n   - id: b\n",
            "knowledge/zz.yaml:4:4: YAML syntax error: this line starts at column 4, which fits neither "
            "the list it is in (its items start with '- ' at column 3) nor the fields of the item above "
            "(column 5); line it up with one of them",
        ),
        (
            "entries:\n  - id: a\n    evidence:\n      - source: s\n      quote: q\n",
            "knowledge/zz.yaml:5:7: YAML syntax error: this line is in the list's column (7) but does not "
            "start with '- '; indent it to column 9 to make it a field of the item above, or start a new "
            "item with '- '",
        ),
        (
            "entries:\n  - id: a\n    question: Who?\n     answer: hi\n",
            "knowledge/zz.yaml:4:6: YAML syntax error: `answer:` is indented deeper than the field above "
            "it (column 6, not 5), so it was read as part of that field's text; line it up with the "
            "field above",
        ),
    ],
)
def test_indentation_mistakes_are_told_in_a_maintainers_words(kb: Path, text: str, problem: str) -> None:
    assert problems_of(kb, "zz.yaml", text) == [problem]
