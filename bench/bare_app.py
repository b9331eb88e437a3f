"""ASGI app for the HTTP benchmark only: OneTap's app plus one bare Litestar JSON route.

``uvicorn bench.bare_app:app`` serves exactly what ``api.asgi:app`` serves (same factory,
middleware, lifespan and database pool) and, in addition, ``GET /bench/regions``: the rows of
the benchmark's GraphQL query read through the same ``reference.service.list_regions`` call,
without GraphQL. The two endpoints therefore differ only by the GraphQL layer (parsing,
validation, execution, connection/edge objects and the response shape).

Never deployed: production serves ``api.asgi:app``.
"""

from __future__ import annotations

from litestar import get

from api.app import create_app
from bench.regions_query import BARE_PATH, FIRST, PARENT_CODE
from core.settings import get_settings
from reference.service import RegionLevel, list_regions


@get(BARE_PATH, include_in_schema=False)
async def bare_regions() -> dict[str, list[dict[str, str]]]:
    """The rows of ``bench.regions_query.GRAPHQL_QUERY``, as plain JSON.

    Mirrors the resolver's database work: ``first`` is capped at the configured maximum page
    size and one more row is fetched (to know whether a next page exists).
    """
    limit = min(FIRST, get_settings().graphql.max_page_size)
    records = await list_regions(level=RegionLevel.COUNTY, parent_code=PARENT_CODE, limit=limit + 1)
    return {
        "regions": [
            # ``level`` as GraphQL spells enum values: the member name (COUNTY).
            {"code": r.code, "name": r.name, "nameEn": r.name_en, "level": r.level.name}
            for r in records[:limit]
        ]
    }


app = create_app(get_settings())
app.register(bare_regions)
