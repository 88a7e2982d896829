"""The /timeline date parser and the overlap rule, as a table."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.factbase.dates import DateError, bounds, events_between, overlaps, parse_date
from bot.factbase.models import PartialDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025", (2025, None, None)),
        ("2025-05", (2025, 5, None)),
        ("2025-5", (2025, 5, None)),
        ("2025-05-16", (2025, 5, 16)),
        ("May 2025", (2025, 5, None)),
        ("may 2025", (2025, 5, None)),
        ("Sept 2025", (2025, 9, None)),
        ("Dec 2019", (2019, 12, None)),
        ("16 May 2025", (2025, 5, 16)),
        ("16th May 2025", (2025, 5, 16)),
        ("May 16 2025", (2025, 5, 16)),
        ("May 16, 2025", (2025, 5, 16)),
        ("  1 June 2025 ", (2025, 6, 1)),
        ("2025/05/16", (2025, 5, 16)),
    ],
)
def test_accepted_forms(text: str, expected: tuple[int, int | None, int | None]) -> None:
    date = parse_date(text)
    assert (date.year, date.month, date.day) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "yesterday",
        "May",
        "16 May",
        "2025-13",
        "2025-02-30",
        "31 April 2025",
        "Mayo 2025",
        "25",
        "2025-05-16T10:00",
    ],
)
def test_rejected_forms_say_what_is_accepted(text: str) -> None:
    with pytest.raises(DateError, match="2025-05"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2025-02", dt.date(2025, 2, 1), dt.date(2025, 2, 28)),
        ("2025-05-16", dt.date(2025, 5, 16), dt.date(2025, 5, 16)),
    ],
)
def test_bounds(text: str, first: dt.date, last: dt.date) -> None:
    assert bounds(PartialDate.parse(text)) == (first, last)


@pytest.mark.parametrize(
    ("event", "start", "end", "inside"),
    [
        ("2025-05", "2025-05-16", None, True),  # a month-dated event may be on or after the 16th
        ("2025-05", None, "2025-05-01", True),
        ("2025-05", "2025-06", None, False),
        ("2025", "2025-05-16", "2025-05-16", True),  # a year-dated event may be that very day
        ("2025-05-15", "2025-05-16", None, False),
        ("2025-05-15", "2025-05", "2025-05", True),
        ("2022-03", "2025", None, False),
        ("2019-12", None, "2020", True),
        ("2025-06", None, None, True),
    ],
)
def test_overlap(event: str, start: str | None, end: str | None, inside: bool) -> None:
    def parse(text: str | None) -> PartialDate | None:
        return PartialDate.parse(text) if text else None

    assert overlaps(PartialDate.parse(event), parse(start), parse(end)) is inside


def test_from_after_to_is_an_error() -> None:
    with pytest.raises(DateError, match="after"):
        events_between([], PartialDate.parse("2025-06"), PartialDate.parse("2025-05"))
