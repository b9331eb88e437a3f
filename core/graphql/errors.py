"""Shapes of expected failures in GraphQL.

Mutations return ``XxxSuccess | <typed errors>``; each typed error implements
:class:`UserError` so a client can always read ``code`` and ``message``. Failures of a
query document itself (too deep, too many aliases, bad cursor) are GraphQL errors with
``extensions.code`` set, never a bare 500.
"""

from __future__ import annotations

from enum import StrEnum

import strawberry
from graphql import GraphQLError


@strawberry.interface(description="An expected failure, as data: a stable code and a message.")
class UserError:
    code: str
    message: str


class RequestErrorCode(StrEnum):
    QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
    TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
    QUERY_TOO_LARGE = "QUERY_TOO_LARGE"
    INVALID_CURSOR = "INVALID_CURSOR"
    BAD_REQUEST = "BAD_REQUEST"
    INTERNAL = "INTERNAL"


class CodedGraphQLError(GraphQLError):
    """A GraphQL error carrying ``extensions.code``; never masked."""

    def __init__(self, code: RequestErrorCode, message: str) -> None:
        super().__init__(message, extensions={"code": code.value})


class AccessDenied(GraphQLError):
    """The viewer may not do this (yet): a code, a message and what would allow it.

    Raised by permission checks in any domain. ``details`` land in ``extensions`` beside
    the code (e.g. ``requiredTier``, ``acrValues``, ``maxAge`` for a step-up), so the
    client can start the right flow instead of showing a generic failure. Never masked.
    """

    def __init__(self, code: str, message: str, **details: object) -> None:
        super().__init__(message, extensions={"code": code, **details})
