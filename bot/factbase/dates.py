"""The dates people type into /timeline, and matching them against partially known event dates.

An event dated only "May 2025" is neither before nor after 16 May 2025: it covers the whole month.
So every date here is an interval (first day, last day), and an event is in range when its interval
overlaps the asked one.  No front end invents a day the articles do not give.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from collections.abc import Iterable

from bot.factbase.models import Event, PartialDate
from bot.wording import MONTHS

ACCEPTED_FORMS = "2025, 2025-05, 2025-05-16, May 2025, 16 May 2025 or May 16 2025"

log = logging.getLogger(__name__)

_MONTH_NUMBERS = {name.lower(): i for i, name in enumerate(MONTHS, 1)}
_MONTH_NUMBERS |= {name[:3].lower(): i for i, name in enumerate(MONTHS, 1)}
_MONTH_NUMBERS["sept"] = 9
_ISO = re.compile(r"^\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?$")
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_YEAR = re.compile(r"^\d{4}$")


class DateError(ValueError):
    """A date the user typed that none of the accepted forms matches."""


def parse_date(text: str) -> PartialDate:
    """'2025', '2025-05', '2025-05-16', 'May 2025', '16 May 2025', 'May 16, 2025' -> a PartialDate."""
    cleaned = " ".join(text.replace(",", " ").replace(".", " ").replace("/", "-").split())
    if not cleaned:
        raise DateError(f"Give a date such as {ACCEPTED_FORMS}.")
    if _ISO.match(cleaned):
        return _checked(*(int(part) for part in cleaned.split("-")), text=text)
    words = cleaned.lower().split()
    if len(words) == 2 and words[0] in _MONTH_NUMBERS and _YEAR.match(words[1]):
        return _checked(int(words[1]), _MONTH_NUMBERS[words[0]], text=text)
    if len(words) == 3 and _YEAR.match(words[2]):
        first, second = words[0], words[1]
        if first in _MONTH_NUMBERS and _DAY.match(second):
            return _checked(int(words[2]), _MONTH_NUMBERS[first], int(_DAY.match(second)[1]), text=text)
        if second in _MONTH_NUMBERS and _DAY.match(first):
            return _checked(int(words[2]), _MONTH_NUMBERS[second], int(_DAY.match(first)[1]), text=text)
    raise DateError(f"I can't read the date {text.strip()!r}. Use {ACCEPTED_FORMS}.")


def _checked(year: int, month: int | None = None, day: int | None = None, *, text: str) -> PartialDate:
    try:
        if day is not None:
            dt.date(year, month or 1, day)
        elif month is not None and not 1 <= month <= 12:
            raise ValueError(f"month {month}")
        if not 1 <= year <= 9999:
            raise ValueError(f"year {year}")
    except ValueError:
        raise DateError(f"{text.strip()!r} is not a real date. Use {ACCEPTED_FORMS}.") from None
    return PartialDate(year=year, month=month, day=day)


def bounds(date: PartialDate) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date may mean: '2025-05' -> (1 May 2025, 31 May 2025)."""
    if date.month is None:
        return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    if date.day is None:
        last = calendar.monthrange(date.year, date.month)[1]
        return dt.date(date.year, date.month, 1), dt.date(date.year, date.month, last)
    day = dt.date(date.year, date.month, date.day)
    return day, day


def overlaps(date: PartialDate, start: PartialDate | None, end: PartialDate | None) -> bool:
    """Could something dated `date` have happened between `start` and `end` (both inclusive)?"""
    first, last = bounds(date)
    if start is not None and last < bounds(start)[0]:
        return False
    return not (end is not None and first > bounds(end)[1])


def events_between(
    events: Iterable[Event], start: PartialDate | None = None, end: PartialDate | None = None
) -> list[Event]:
    """The events whose date interval overlaps [start, end], in the given (date) order.

    An event whose date is no calendar date (only possible if validation was bypassed) is left out
    and logged: one bad item must not take the whole timeline down with it.
    """
    if start is not None and end is not None and bounds(start)[0] > bounds(end)[1]:
        raise DateError(f"'from' ({start.display()}) is after 'to' ({end.display()}).")
    kept = []
    for event in events:
        try:
            if overlaps(event.when.date, start, end):
                kept.append(event)
        except (ValueError, OverflowError) as exc:
            log.error(
                "timeline: left out event %s, its date %s is impossible: %s", event.id, event.when.date, exc
            )
    return kept
