"""GraphQL for identity's passkeys (being built)."""

from __future__ import annotations

import strawberry


@strawberry.type
class PasskeyQuery:
    pass


@strawberry.type
class PasskeyMutation:
    pass
