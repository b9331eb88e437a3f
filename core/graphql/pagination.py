"""Cursor connections (Relay style) with keyset pagination and a maximum page size.

Cursors are opaque to clients (base64 of a typed key) and carry the sort key, so a page is
one indexed range query however deep the client pages.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

import strawberry

T = TypeVar("T")


class InvalidCursor(ValueError):
    """A cursor that this API did not issue (or for another list)."""


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    page_info: PageInfo
    edges: list[Edge[T]]


def encode_cursor(kind: str, key: str) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{key}".encode()).decode()


def decode_cursor(kind: str, cursor: str) -> str:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidCursor("cursor is not valid") from None
    prefix, _, key = text.partition(":")
    if prefix != kind or not key:
        raise InvalidCursor("cursor is not valid for this list")
    return key


def pair_key(first: date | datetime, identifier: object) -> str:
    """The key of a row ordered by a moment or a day, then its UUID (ties broken by id)."""
    return f"{first.isoformat()}|{identifier}"


def _split_pair(key: str) -> tuple[str, str]:
    first, _, second = key.rpartition("|")
    try:
        return first, str(uuid.UUID(second))
    except ValueError:
        raise InvalidCursor("cursor is not valid for this list") from None


def split_moment_key(key: str) -> tuple[datetime, str]:
    """(moment, id) of a :func:`pair_key`; a key this API did not make is InvalidCursor."""
    first, identifier = _split_pair(key)
    try:
        moment = datetime.fromisoformat(first)
    except ValueError:
        raise InvalidCursor("cursor is not valid for this list") from None
    if moment.tzinfo is None:
        raise InvalidCursor("cursor is not valid for this list")
    return moment, identifier


def split_day_key(key: str) -> tuple[date, str]:
    """(day, id) of a :func:`pair_key` made from a date."""
    first, identifier = _split_pair(key)
    try:
        return date.fromisoformat(first), identifier
    except ValueError:
        raise InvalidCursor("cursor is not valid for this list") from None


@dataclass(frozen=True)
class PageRequest:
    """A validated request for one page: fetch ``limit + 1`` rows after ``after_key``."""

    limit: int
    after_key: str | None


def page_request(kind: str, first: int | None, after: str | None, max_size: int) -> PageRequest:
    if first is not None and first < 0:
        raise InvalidCursor("first must not be negative")
    limit = max_size if first is None else min(first, max_size)
    return PageRequest(limit, decode_cursor(kind, after) if after else None)


def build_connection(kind: str, rows: list[tuple[str, T]], request: PageRequest) -> Connection[T]:
    """``rows`` are (key, node) pairs in order, at most ``limit + 1`` of them."""
    has_next = len(rows) > request.limit
    page = rows[: request.limit]
    edges = [Edge(cursor=encode_cursor(kind, key), node=node) for key, node in page]
    return Connection(
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=request.after_key is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        edges=edges,
    )
