"""Small pieces for casework's hand-written SQL: a WHERE clause built from parameters,
and ids checked before they reach a ``uuid`` column."""

from __future__ import annotations

import uuid
from typing import Any


class Conditions:
    """Conditions joined by AND, each a fixed string with Piccolo ``{}`` placeholders.

    Only the fixed strings are ever joined into the query; every value goes in ``args``
    as a bound parameter, so user input never becomes SQL.
    """

    def __init__(self, *fixed: str) -> None:
        self.parts: list[str] = list(fixed)
        self.args: list[Any] = []

    def add(self, condition: str, *args: Any) -> None:
        self.parts.append(condition)
        self.args.extend(args)

    @property
    def joined(self) -> str:
        """The conditions joined by AND (``TRUE`` when there are none)."""
        return " AND ".join(self.parts) if self.parts else "TRUE"

    @property
    def where(self) -> str:
        """``WHERE …``, or nothing when there are no conditions."""
        return f"WHERE {' AND '.join(self.parts)}" if self.parts else ""


def as_uuid(value: str) -> uuid.UUID | None:
    """``value`` as a UUID, or None: a malformed id is simply not found, never a 500."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
