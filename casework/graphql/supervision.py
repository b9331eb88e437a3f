"""Casework GraphQL: supervision (being built)."""

from __future__ import annotations

import strawberry


@strawberry.type
class SupervisionQuery:
    pass


@strawberry.type
class SupervisionMutation:
    pass
