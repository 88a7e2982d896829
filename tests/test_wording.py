"""The bot's own wording: a person's card reads as a sentence or two, whatever the content's style."""

import pytest

from bot.cli import main
from bot.factbase.models import Person
from bot.wording import in_quotes, person_card

EVIDENCE = [{"source": "test-article", "quote": "The Russian team was led by Vladimir Medinsky."}]


def person(
    roles: list[str], side: str = "Russia", summary: str | None = None, name: str = "Vladimir Medinsky"
):
    return Person(id="p1", name=name, roles=roles, side=side, summary=summary, evidence=EVIDENCE)


@pytest.mark.parametrize(
    ("who", "card"),
    [
        (
            person(["Presidential Aide (aide to Russia's president)", "head of the delegation (its leader)"]),
            "Vladimir Medinsky (Russia): Presidential Aide and head of the delegation.",
        ),
        (
            person(["head of the Russian delegation"], summary="Led Russia's delegation, as in 2022."),
            "Vladimir Medinsky: head of the Russian delegation. "
            "Medinsky led Russia's delegation, as in 2022.",
        ),
        (
            person(["Italian Prime Minister"], "Italy", "Named as one of the leaders.", "Giorgia Meloni"),
            "Giorgia Meloni (Italy): Italian Prime Minister. Meloni was named as one of the leaders.",
        ),
        (
            person(["Foreign Minister"], "Ukraine", "Ukraine's foreign minister, listed among negotiators."),
            "Vladimir Medinsky (Ukraine): Foreign Minister. "
            "Ukraine's foreign minister, listed among negotiators.",
        ),
        (
            person(["envoy"], "United States", "United States envoy to the talks."),
            "Vladimir Medinsky (United States): envoy. United States envoy to the talks.",
        ),
        (
            person(["Political analyst"], "political analyst (no affiliation given)"),
            "Vladimir Medinsky: Political analyst.",
        ),
    ],
    ids=[
        "glosses-dropped",
        "predicate-gets-subject",
        "passive",
        "noun-phrase-kept",
        "united-not-a-verb",
        "side-in-roles",
    ],
)
def test_a_person_card_reads_as_sentences(who: Person, card: str) -> None:
    assert person_card(who) == card


def test_who_is_at_the_command_line_reads_naturally(kb, capsys) -> None:
    people = kb / "people.yaml"
    people.write_text(
        people.read_text()
        .replace(
            "roles: [Head of the Russian delegation]",
            "roles: [Presidential Aide (aide), head of the Russian delegation]",
        )
        .replace("    side: Russia\n", "    side: Russia\n    summary: Led the delegation in Istanbul.\n")
    )
    assert main(["--knowledge", str(kb), "ask", "who is vladimir medinsky"]) == 0
    first_lines = " ".join(capsys.readouterr().out.split("\nAs reported")[0].split("\n"))
    assert first_lines == (
        "Vladimir Medinsky: Presidential Aide and head of the Russian delegation. "
        "Medinsky led the delegation in Istanbul."
    )


@pytest.mark.parametrize(
    ("quote", "shown"),
    [
        ("As in 2022, it is led by Medinsky", "“As in 2022, it is led by Medinsky”"),
        ("“to establish a durable peace.”", "“to establish a durable peace.”"),  # was ““…””
        ('"military barons"', '"military barons"'),
        ("“crucial” for the talks", "““crucial” for the talks”"),  # only a quote wholly in marks
    ],
)
def test_a_quote_is_shown_in_one_pair_of_quotation_marks(quote: str, shown: str) -> None:
    assert in_quotes(quote) == shown


def test_the_console_wraps_a_long_source_label_and_never_doubles_quotation_marks(capsys) -> None:
    assert main(["ask", "who is medinsky"]) == 0
    out = capsys.readouterr().out
    assert "““" not in out and "””" not in out
    assert all(len(line) <= 96 for line in out.splitlines())
