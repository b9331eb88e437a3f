"""Identity's GraphQL: queries and mutations composed from one module per area."""

from __future__ import annotations

import strawberry

from identity.graphql.accounts import AccountMutation, AccountQuery
from identity.graphql.enterprises import EnterpriseMutation, EnterpriseQuery
from identity.graphql.passkeys import PasskeyMutation, PasskeyQuery
from identity.graphql.staff import StaffMutation, StaffQuery
from identity.graphql.verification import VerificationMutation, VerificationQuery


@strawberry.type
class IdentityQuery(AccountQuery, PasskeyQuery, StaffQuery, EnterpriseQuery, VerificationQuery):
    pass


@strawberry.type
class IdentityMutation(
    AccountMutation, PasskeyMutation, StaffMutation, EnterpriseMutation, VerificationMutation
):
    pass


__all__ = ["IdentityMutation", "IdentityQuery"]
