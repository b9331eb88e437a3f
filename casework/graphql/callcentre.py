"""Casework GraphQL: callcentre (being built)."""

from __future__ import annotations

import strawberry


@strawberry.type
class CallCentreQuery:
    pass


@strawberry.type
class CallCentreMutation:
    pass
