"""Casework GraphQL: catalogue (being built)."""

from __future__ import annotations

import strawberry


@strawberry.type
class CatalogueQuery:
    pass


@strawberry.type
class CatalogueMutation:
    pass
