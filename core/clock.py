"""The one source of "now", so tests can freeze or move time.

Code never calls ``datetime.now()`` directly; it calls :func:`now`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta

_frozen: ContextVar[datetime | None] = ContextVar("frozen_now", default=None)


def now() -> datetime:
    """The current time, timezone-aware (UTC)."""
    frozen = _frozen.get()
    return frozen if frozen is not None else datetime.now(UTC)


@contextmanager
def frozen_at(moment: datetime) -> Iterator[FrozenClock]:
    """Freeze time at ``moment`` inside the block; ``advance`` moves it."""
    if moment.tzinfo is None:
        raise ValueError("frozen time must be timezone-aware")
    clock = FrozenClock(moment)
    token = _frozen.set(moment)
    clock._token = token
    try:
        yield clock
    finally:
        _frozen.reset(token)


class FrozenClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment
        self._token: object = None

    def advance(self, delta: timedelta) -> datetime:
        self.moment = self.moment + delta
        _frozen.set(self.moment)
        return self.moment
