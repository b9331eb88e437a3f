"""The one GraphQL schema, composed from each domain's Query (and later Mutation) classes."""

from __future__ import annotations

import strawberry
from strawberry.schema.config import StrawberryConfig

from casework.graphql import CaseworkMutation, CaseworkQuery, CaseworkSubscription
from core.graphql.extensions import schema_extensions
from core.settings import Settings
from identity.graphql import IdentityMutation, IdentityQuery
from licenses.graphql import LicensesMutation, LicensesQuery
from reference.graphql import ReferenceQuery


@strawberry.type(description="Everything a client can read.")
class Query(ReferenceQuery, IdentityQuery, CaseworkQuery, LicensesQuery):
    pass


@strawberry.type(description="Everything a client can change.")
class Mutation(IdentityMutation, CaseworkMutation, LicensesMutation):
    pass


@strawberry.type(description="What a client can watch live (graphql-transport-ws).")
class Subscription(CaseworkSubscription):
    pass


def build_schema(settings: Settings) -> strawberry.Schema:
    limits = settings.graphql
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        config=StrawberryConfig(auto_camel_case=True),
        extensions=schema_extensions(
            max_depth=limits.max_depth,
            max_tokens=limits.max_tokens,
            max_aliases=limits.max_aliases,
            mask_errors=settings.app.env != "development",
        ),
    )


def export_sdl(schema: strawberry.Schema) -> str:
    return schema.as_str() + "\n"
