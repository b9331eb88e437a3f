"""Identity's GraphQL: queries and mutations composed from one module per area."""

from __future__ import annotations

import strawberry

from identity.graphql.accounts import AccountMutation, AccountQuery


@strawberry.type
class IdentityQuery(AccountQuery):
    pass


@strawberry.type
class IdentityMutation(AccountMutation):
    pass


__all__ = ["IdentityMutation", "IdentityQuery"]
