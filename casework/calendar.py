"""Working days (工作日): weekends and public holidays off, make-up days (调休) on.

Statutory time limits are counted in working days from the day after acceptance
(the acceptance day itself does not count). The calendar is the ``holiday`` table,
seeded from ``casework/data/holidays.csv`` (the State Council's published holiday
arrangement) and extended by admins as each year's arrangement is published; a day not
in the table is a working day exactly when it is Monday to Friday.

The arithmetic is pure (:class:`WorkCalendar`), so it is tested without a database;
:func:`load_calendar` reads the table once per use.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from casework.tables import Holiday

HOLIDAYS_CSV = Path(__file__).parent / "data" / "holidays.csv"

#: More than any statutory limit: a search past it means a broken calendar, not a date.
_MAX_SPAN_DAYS = 3660


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """Holidays (off) and make-up working days (on), overriding the Mon-Fri rule."""

    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        if day in self.holidays:
            return False
        if day in self.workdays:
            return True
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> date:
        """The date of the ``days``-th working day after ``start`` (``start`` excluded).

        Zero days is ``start`` itself (a same-day promise).
        """
        if days < 0:
            raise ValueError("days must not be negative")
        current, counted = start, 0
        for _ in range(_MAX_SPAN_DAYS):
            if counted == days:
                return current
            current += timedelta(days=1)
            if self.is_working_day(current):
                counted += 1
        raise ValueError("no such working day within ten years; is the calendar sane?")

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many of a limit are used by ``end``."""
        if end <= start:
            return 0
        return sum(
            1
            for offset in range(1, (end - start).days + 1)
            if self.is_working_day(start + timedelta(days=offset))
        )


def calendar_of(rows: Iterable[tuple[date, str]]) -> WorkCalendar:
    listed = list(rows)
    return WorkCalendar(
        holidays=frozenset(day for day, kind in listed if kind == "holiday"),
        workdays=frozenset(day for day, kind in listed if kind == "workday"),
    )


async def load_calendar() -> WorkCalendar:
    """The whole holiday table (a few dozen rows a year) as a calendar."""
    rows = await Holiday.select(Holiday.day, Holiday.kind)
    return calendar_of([(row["day"], row["kind"]) for row in rows])


def seed_rows() -> list[tuple[date, str, str]]:
    with HOLIDAYS_CSV.open(encoding="utf-8") as handle:
        return [
            (date.fromisoformat(row["day"]), row["kind"], row["name"])
            for row in csv.DictReader(handle)
        ]


async def seed_holidays() -> int:
    """Insert the published holiday arrangement (idempotent); returns rows added."""
    existing = {row["day"] for row in await Holiday.select(Holiday.day)}
    new = [
        Holiday(day=day, kind=kind, name=name)
        for day, kind, name in seed_rows()
        if day not in existing
    ]
    if new:
        await Holiday.insert(*new)
    return len(new)
