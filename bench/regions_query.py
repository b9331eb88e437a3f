"""The workload both endpoints serve: the counties of Fuzhou City, four fields per row.

Shared by the server side (:mod:`bench.bare_app`) and the driver
(:mod:`bench.http_graphql_vs_bare`), which imports it without building an app.
"""

from __future__ import annotations

import json
from typing import Any

#: Path of the bare endpoint.
BARE_PATH = "/bench/regions"
#: Fuzhou City: its counties are 13 rows in the demo data.
PARENT_CODE = "350100"
#: Page size asked of GraphQL; the bare endpoint applies the same cap.
FIRST = 100

#: What a client would send: a named query with a variable, the same four fields per row.
GRAPHQL_QUERY = f"""query Counties($parentCode: String!) {{
  regions(level: COUNTY, parentCode: $parentCode, first: {FIRST}) {{
    edges {{ node {{ code name nameEn level }} }}
  }}
}}"""


def graphql_body() -> str:
    """The JSON body POSTed to ``/graphql``."""
    return json.dumps(
        {
            "query": GRAPHQL_QUERY,
            "variables": {"parentCode": PARENT_CODE},
            "operationName": "Counties",
        },
        separators=(",", ":"),
    )


def graphql_rows(payload: Any) -> list[dict[str, str]]:
    """The rows of a GraphQL response; fails loudly on errors or an unexpected shape."""
    if payload.get("errors"):
        raise AssertionError(f"GraphQL errors: {payload['errors']}")
    return [edge["node"] for edge in payload["data"]["regions"]["edges"]]


def bare_rows(payload: Any) -> list[dict[str, str]]:
    """The rows of a bare endpoint response."""
    rows: list[dict[str, str]] = payload["regions"]
    return rows
