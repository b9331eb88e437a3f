"""Case numbers: format, the MOD 11-2 check character, and the per-region-per-day sequence."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework import numbers
from core.db import DB

ALPHABET = "0123456789X"
stored_numbers = st.builds(
    numbers.compose,
    st.from_regex(r"\A[1-9][0-9]{5}\Z"),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(min_value=1, max_value=numbers.MAX_SEQUENCE),
)


def test_the_check_character_is_iso_7064_mod_11_2() -> None:
    # The same scheme as the resident ID card: the standard's worked example.
    assert numbers.check_character("11010519491231002") == "X"
    assert numbers.check_character("44052418800101001") == "4"
    with pytest.raises(ValueError, match="digits"):
        numbers.check_character("12a4")


def test_a_number_is_region_date_sequence_and_check_character() -> None:
    stored = numbers.compose("350100", date(2026, 11, 22), 123)
    assert stored[:20] == "35010020261122000123"
    assert len(stored) == numbers.LENGTH
    assert stored[20] == numbers.check_character(stored[:20])
    assert numbers.display(stored) == f"350100-20261122-000123-{stored[20]}"
    assert numbers.is_valid(stored)
    with pytest.raises(ValueError, match="region"):
        numbers.compose("35010", date(2026, 11, 22), 1)
    with pytest.raises(ValueError, match="sequence"):
        numbers.compose("350100", date(2026, 11, 22), 0)
    with pytest.raises(ValueError, match="sequence"):
        numbers.compose("350100", date(2026, 11, 22), 1_000_000)


@given(stored_numbers)
def test_lookup_accepts_the_grouped_the_spaced_and_the_lower_case_forms(stored: str) -> None:
    grouped = numbers.display(stored)
    assert numbers.normalise(stored) == stored
    assert numbers.normalise(grouped) == stored
    assert numbers.normalise(" " + grouped.replace("-", " ") + " ") == stored
    assert numbers.normalise(grouped.replace("-", "－")) == stored  # a full-width dash
    assert numbers.normalise(stored.lower()) == stored


@given(stored_numbers)
def test_every_single_character_error_is_caught(stored: str) -> None:
    for position, right in enumerate(stored):
        for wrong in ALPHABET:
            if wrong != right:
                typo = stored[:position] + wrong + stored[position + 1 :]
                assert numbers.normalise(typo) is None, (stored, typo)


@given(stored_numbers)
def test_every_swap_of_two_neighbours_is_caught(stored: str) -> None:
    for position in range(len(stored) - 1):
        a, b = stored[position], stored[position + 1]
        if a != b:
            swapped = stored[:position] + b + a + stored[position + 2 :]
            assert numbers.normalise(swapped) is None, (stored, swapped)


def test_what_cannot_be_a_number_is_none() -> None:
    for text in ("", "350100", "35010020261122000123", "3501002026112200012345", "A" * 21):
        assert numbers.normalise(text) is None


def test_the_date_is_the_date_in_china() -> None:
    # 16:30 UTC is half past midnight the next day in Shanghai.
    assert numbers.shanghai_date(datetime(2026, 11, 22, 16, 30, tzinfo=UTC)) == date(2026, 11, 23)
    assert numbers.shanghai_date(datetime(2026, 11, 22, 15, 59, tzinfo=UTC)) == date(2026, 11, 22)
    with pytest.raises(ValueError, match="aware"):
        numbers.shanghai_date(datetime(2026, 11, 22, 12, 0))


async def _next(region: str, at: datetime) -> str:
    async with DB.transaction():
        return await numbers.next_number(region, at)


async def test_the_sequence_counts_per_region_and_china_day(database_url: str) -> None:
    evening = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # 20:00 in Fuzhou
    after_midnight = datetime(2026, 11, 22, 16, 5, tzinfo=UTC)  # 00:05 the next day
    first = await _next("350100", evening)
    second = await _next("350100", evening)
    other_region = await _next("350200", evening)
    next_day = await _next("350100", after_midnight)
    assert numbers.display(first).startswith("350100-20261122-000001-")
    assert numbers.display(second).startswith("350100-20261122-000002-")
    assert numbers.display(other_region).startswith("350200-20261122-000001-")
    assert numbers.display(next_day).startswith("350100-20261123-000001-")
    assert all(numbers.is_valid(n) for n in (first, second, other_region, next_day))


async def test_a_rolled_back_submission_gives_its_number_back(database_url: str) -> None:
    at = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)

    class Abandoned(Exception):
        pass

    async def abandoned_submission() -> None:
        async with DB.transaction():
            await numbers.next_number("350100", at)
            raise Abandoned

    with pytest.raises(Abandoned):
        await abandoned_submission()
    assert (await _next("350100", at))[14:20] == "000001"


async def test_concurrent_submissions_get_distinct_consecutive_numbers(database_url: str) -> None:
    at = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
    handed_out = await asyncio.gather(*(_next("350100", at) for _ in range(24)))
    assert len(set(handed_out)) == 24
    assert sorted(int(n[14:20]) for n in handed_out) == list(range(1, 25))
