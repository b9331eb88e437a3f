"""Keys of rows ordered by a moment or a day, then by id: made and read back, or refused."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from core.graphql.pagination import InvalidCursor, pair_key, split_day_key, split_moment_key

ID = uuid.UUID("0b0c0d0e-0000-4000-8000-000000000001")


def test_a_moment_key_round_trips() -> None:
    at = datetime(2026, 11, 23, 8, 30, 15, 123456, tzinfo=UTC)
    assert split_moment_key(pair_key(at, ID)) == (at, str(ID))


def test_a_day_key_round_trips() -> None:
    assert split_day_key(pair_key(date(2026, 12, 1), ID)) == (date(2026, 12, 1), str(ID))


@pytest.mark.parametrize(
    "key",
    [
        "",
        "2026-11-23T08:30:00+00:00",
        "2026-11-23T08:30:00+00:00|not-a-uuid",
        f"yesterday|{ID}",
        f"2026-11-23T08:30:00|{ID}",  # no time zone: not one of ours
    ],
)
def test_keys_this_api_did_not_make_are_refused(key: str) -> None:
    with pytest.raises(InvalidCursor):
        split_moment_key(key)


def test_a_day_key_is_not_a_moment_key() -> None:
    with pytest.raises(InvalidCursor):
        split_day_key(pair_key(datetime(2026, 11, 23, tzinfo=UTC), ID))
