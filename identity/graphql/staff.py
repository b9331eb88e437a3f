"""GraphQL for identity's staff (being built)."""

from __future__ import annotations

import strawberry


@strawberry.type
class StaffQuery:
    pass


@strawberry.type
class StaffMutation:
    pass
