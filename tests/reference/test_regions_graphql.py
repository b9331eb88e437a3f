"""Reference data through GraphQL: seeded regions, pagination, DataLoaders, limits."""

from __future__ import annotations

from typing import Any

import pytest

from api.schema import build_schema
from core.graphql.context import RequestContext, Viewer
from core.settings import Settings
from reference import service


@pytest.fixture
async def seeded(database_url: str) -> service.SeedSummary:
    return await service.seed_reference_data()


async def run(settings: Settings, query: str, **variables: Any) -> Any:
    schema = build_schema(settings)
    context = RequestContext(viewer=Viewer(), max_page_size=5, loaders={}, resources={})
    return await schema.execute(query, variable_values=variables, context_value=context)


async def test_seed_is_complete_and_idempotent(seeded: service.SeedSummary) -> None:
    assert seeded.regions == 94
    again = await service.seed_reference_data()
    assert again == seeded
    cities = await service.list_regions(level=service.RegionLevel.CITY, limit=100)
    assert [c.code for c in cities][:3] == ["350100", "350200", "350300"]
    assert len(cities) == 9
    fuzhou = await service.list_regions(parent_code="350100", limit=100)
    assert "鼓楼区" in {r.name for r in fuzhou}
    assert all(r.code.startswith("3501") for r in fuzhou)


async def test_region_with_parent_children_and_departments(
    settings: Settings, seeded: service.SeedSummary
) -> None:
    result = await run(
        settings,
        """query($code: String!) { region(code: $code) {
            id code name nameEn level parent { code name }
            children(first: 3) { edges { node { code level } } pageInfo { hasNextPage } }
            departments(first: 50) { edges { node { code name nameEn category region { code } } } }
        } }""",
        code="350100",
    )
    assert result.errors is None
    region = result.data["region"]
    assert region["id"] == "Region:350100"
    assert (region["name"], region["nameEn"], region["level"]) == ("福州市", "Fuzhou City", "CITY")
    assert region["parent"] == {"code": "350000", "name": "福建省"}
    assert [e["node"]["level"] for e in region["children"]["edges"]] == ["COUNTY"] * 3
    assert region["children"]["pageInfo"]["hasNextPage"] is True
    departments = [e["node"] for e in region["departments"]["edges"]]
    # page size is capped at max_page_size (5) even though 50 were asked for
    assert len(departments) == 5
    assert all(d["region"]["code"] == "350100" for d in departments)
    names = {d["name"] for d in departments}
    assert "福州市公安局" in names


async def test_cursor_pagination_walks_every_city_once(
    settings: Settings, seeded: service.SeedSummary
) -> None:
    query = """query($after: String) { regions(level: CITY, first: 4, after: $after) {
        edges { cursor node { code } } pageInfo { hasNextPage hasPreviousPage endCursor } } }"""
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        result = await run(settings, query, after=after)
        assert result.errors is None
        connection = result.data["regions"]
        seen += [e["node"]["code"] for e in connection["edges"]]
        pages += 1
        assert connection["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    assert pages == 3
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 9


async def test_unknown_region_is_null(settings: Settings, seeded: service.SeedSummary) -> None:
    result = await run(settings, '{ region(code: "999999") { code } }')
    assert result.errors is None and result.data == {"region": None}


@pytest.mark.parametrize("cursor", ["not-base64!!", "RGVwYXJ0bWVudDp4"])  # 2nd: a Department cursor
async def test_foreign_or_garbage_cursor_is_a_typed_error(
    settings: Settings, seeded: service.SeedSummary, cursor: str
) -> None:
    result = await run(
        settings, "query($c: String) { regions(after: $c) { edges { cursor } } }", c=cursor
    )
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "INVALID_CURSOR"}


async def test_departments_of_many_regions_load_in_one_batch(
    settings: Settings, seeded: service.SeedSummary, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    original = service.departments_by_region

    async def counting(region_ids: list[int]) -> list[list[service.DepartmentRecord]]:
        calls.append(len(region_ids))
        return await original(region_ids)

    monkeypatch.setattr(service, "departments_by_region", counting)
    result = await run(
        settings,
        "{ regions(level: CITY) { edges { node { departments(first: 2) { edges { node { code } } } } } } }",
    )
    assert result.errors is None
    assert len(result.data["regions"]["edges"]) == 5
    assert calls == [5]


async def test_query_depth_limit_is_a_typed_error(settings: Settings) -> None:
    nested = "parent { " * 12 + "code" + " }" * 12
    result = await run(settings, f'{{ region(code: "350102") {{ {nested} }} }}')
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "QUERY_TOO_DEEP"}
    assert result.data is None


async def test_alias_limit_is_a_typed_error(settings: Settings) -> None:
    aliases = " ".join(f'a{i}: region(code: "350100") {{ code }}' for i in range(20))
    result = await run(settings, f"{{ {aliases} }}")
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "TOO_MANY_ALIASES"}


async def test_token_limit_is_a_typed_error(settings: Settings) -> None:
    fields = " ".join("code" for _ in range(2500))
    result = await run(settings, f'{{ region(code: "350100") {{ {fields} }} }}')
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "QUERY_TOO_LARGE"}
