"""GraphQL for identity's enterprises (being built)."""

from __future__ import annotations

import strawberry


@strawberry.type
class EnterpriseQuery:
    pass


@strawberry.type
class EnterpriseMutation:
    pass
