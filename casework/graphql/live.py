"""Casework GraphQL: the live case-status subscription (being built)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from core.graphql.context import Ctx


@strawberry.type
class CaseworkSubscription:
    @strawberry.subscription(description="Placeholder until the live-status broker lands.")
    async def case_status(self, info: Ctx, case_id: strawberry.ID) -> AsyncGenerator[str, None]:
        if False:  # pragma: no cover
            yield ""
        return
