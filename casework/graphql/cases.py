"""Casework GraphQL: cases (being built)."""

from __future__ import annotations

import strawberry


@strawberry.type
class CaseQuery:
    pass


@strawberry.type
class CaseMutation:
    pass
