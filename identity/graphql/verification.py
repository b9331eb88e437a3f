"""GraphQL for identity's verification (being built)."""

from __future__ import annotations

import strawberry


@strawberry.type
class VerificationQuery:
    pass


@strawberry.type
class VerificationMutation:
    pass
