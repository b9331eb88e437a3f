"""Working-day arithmetic (工作日): weekends, public holidays and make-up days (调休).

The pure tests use the published 2026 arrangement from casework/data/holidays.csv; the
database tests check that the holiday table is what the deadlines are computed from.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from casework.calendar import (
    WorkCalendar,
    calendar_of,
    load_calendar,
    seed_holidays,
    seed_rows,
)
from casework.tables import Holiday

CALENDAR_2026 = calendar_of((day, kind) for day, kind, _ in seed_rows())


def d(text: str) -> date:
    return date.fromisoformat(text)


def test_without_holidays_weekends_are_the_only_days_off() -> None:
    plain = WorkCalendar()
    friday = d("2026-03-06")
    assert plain.is_working_day(friday)
    assert not plain.is_working_day(d("2026-03-07"))
    assert not plain.is_working_day(d("2026-03-08"))
    assert plain.add_working_days(friday, 1) == d("2026-03-09")
    assert plain.add_working_days(friday, 5) == d("2026-03-13")
    # Accepted on a Saturday: the first working day after it is Monday.
    assert plain.add_working_days(d("2026-03-07"), 1) == d("2026-03-09")


def test_zero_days_is_the_start_itself_and_negative_days_are_refused() -> None:
    assert CALENDAR_2026.add_working_days(d("2026-03-04"), 0) == d("2026-03-04")
    # Even on a day off: a same-day promise is the acceptance day.
    assert CALENDAR_2026.add_working_days(d("2026-10-03"), 0) == d("2026-10-03")
    with pytest.raises(ValueError, match="negative"):
        CALENDAR_2026.add_working_days(d("2026-03-04"), -1)


def test_the_national_day_week_and_its_make_up_saturday() -> None:
    # 1-7 October off; Sunday 20 September and Saturday 10 October are working days.
    for offset in range(7):
        assert not CALENDAR_2026.is_working_day(d("2026-10-01") + timedelta(days=offset))
    assert CALENDAR_2026.is_working_day(d("2026-09-20"))  # a Sunday
    assert CALENDAR_2026.is_working_day(d("2026-10-10"))  # a Saturday
    assert not CALENDAR_2026.is_working_day(d("2026-10-11"))  # an ordinary Sunday

    accepted = d("2026-09-30")  # Wednesday, the day before the holiday
    assert CALENDAR_2026.add_working_days(accepted, 1) == d("2026-10-08")
    assert CALENDAR_2026.add_working_days(accepted, 2) == d("2026-10-09")
    assert CALENDAR_2026.add_working_days(accepted, 3) == d("2026-10-10")
    assert CALENDAR_2026.add_working_days(accepted, 4) == d("2026-10-12")
    assert CALENDAR_2026.working_days_between(accepted, d("2026-10-12")) == 4


def test_the_make_up_sunday_before_mid_autumn() -> None:
    friday = d("2026-09-18")
    assert not CALENDAR_2026.is_working_day(d("2026-09-19"))
    assert CALENDAR_2026.add_working_days(friday, 1) == d("2026-09-20")
    assert CALENDAR_2026.add_working_days(friday, 2) == d("2026-09-21")
    # Mid-Autumn: Friday 25 September off, then the weekend.
    assert CALENDAR_2026.add_working_days(d("2026-09-24"), 1) == d("2026-09-28")


def test_the_spring_festival() -> None:
    # Saturday 14 February is a make-up day, 15-23 February off, Saturday 28 on again.
    friday = d("2026-02-13")
    assert CALENDAR_2026.add_working_days(friday, 1) == d("2026-02-14")
    assert CALENDAR_2026.add_working_days(friday, 2) == d("2026-02-24")
    assert CALENDAR_2026.add_working_days(friday, 6) == d("2026-02-28")
    assert CALENDAR_2026.add_working_days(friday, 7) == d("2026-03-02")
    assert CALENDAR_2026.working_days_between(friday, d("2026-03-02")) == 7
    # Nothing of the limit is used during the holiday itself.
    assert CALENDAR_2026.working_days_between(d("2026-02-14"), d("2026-02-23")) == 0


def test_working_days_between_counts_the_half_open_span() -> None:
    monday = d("2026-03-02")
    assert CALENDAR_2026.working_days_between(monday, monday) == 0
    assert CALENDAR_2026.working_days_between(monday, monday - timedelta(days=3)) == 0
    assert CALENDAR_2026.working_days_between(monday, d("2026-03-03")) == 1
    assert CALENDAR_2026.working_days_between(monday, d("2026-03-16")) == 10


def test_adding_and_counting_agree_all_year() -> None:
    """Whatever the start (working day or not), counting up to the deadline gives the limit."""
    start = d("2026-01-01")
    for offset in range(365):
        day = start + timedelta(days=offset)
        for days in (0, 1, 5, 10, 20):
            due = CALENDAR_2026.add_working_days(day, days)
            assert CALENDAR_2026.working_days_between(day, due) == days
            if days:
                assert CALENDAR_2026.is_working_day(due)
                assert CALENDAR_2026.working_days_between(day, due - timedelta(days=1)) == days - 1


async def test_seeding_is_idempotent_and_the_table_is_the_calendar(database_url: str) -> None:
    rows = seed_rows()
    # A migration loads the published arrangement into every database.
    assert await Holiday.count() == len(rows)
    await Holiday.delete(force=True)
    assert await seed_holidays() == len(rows)
    assert await seed_holidays() == 0
    assert await Holiday.count() == len(rows)
    assert await load_calendar() == CALENDAR_2026

    # An admin adds a day off (say, a local holiday): deadlines computed afterwards move.
    await Holiday.insert(Holiday(day=d("2026-03-10"), kind="holiday", name="测试假日"))
    calendar = await load_calendar()
    assert not calendar.is_working_day(d("2026-03-10"))
    assert calendar.add_working_days(d("2026-03-09"), 1) == d("2026-03-11")


async def test_an_empty_table_is_the_plain_week(database_url: str) -> None:
    await Holiday.delete(force=True)
    assert await load_calendar() == WorkCalendar()
