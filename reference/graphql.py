"""GraphQL for reference data: regions (with parent, children, departments) and departments.

Thin: resolvers page and batch; every query goes through ``reference.service``.
"""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.dataloader import DataLoader

from core.graphql.context import Ctx
from core.graphql.pagination import Connection, build_connection, page_request
from reference import service


@strawberry.enum(description="Level of an administrative division.")
class RegionLevel(Enum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


@strawberry.interface(description="An object with a globally unique id.")
class Node:
    id: strawberry.ID


def _regions_by_code() -> DataLoader[str, service.RegionRecord | None]:
    return DataLoader(load_fn=service.regions_by_code)


def _regions_by_id() -> DataLoader[int, service.RegionRecord | None]:
    return DataLoader(load_fn=service.regions_by_id)


def _departments_by_region() -> DataLoader[int, list[service.DepartmentRecord]]:
    return DataLoader(load_fn=service.departments_by_region)


@strawberry.type(description="An administrative division (GB/T 2260).")
class Region(Node):
    code: str = strawberry.field(description="GB/T 2260 code, e.g. 350100.")
    name: str
    name_en: str
    level: RegionLevel
    parent_code: str | None
    record: strawberry.Private[service.RegionRecord]

    @classmethod
    def from_record(cls, record: service.RegionRecord) -> Region:
        return cls(
            id=strawberry.ID(f"Region:{record.code}"),
            code=record.code,
            name=record.name,
            name_en=record.name_en,
            level=RegionLevel(record.level.value),
            parent_code=record.parent_code,
            record=record,
        )

    @strawberry.field
    async def parent(self, info: Ctx) -> Region | None:
        if self.parent_code is None:
            return None
        record = await info.context.loader(_regions_by_code).load(self.parent_code)
        return None if record is None else Region.from_record(record)

    @strawberry.field(description="The divisions directly below this one.")
    async def children(
        self, info: Ctx, first: int | None = None, after: str | None = None
    ) -> Connection[Region]:
        return await _region_page(info, first, after, parent_code=self.code)

    @strawberry.field(description="Government departments of this region.")
    async def departments(
        self, info: Ctx, first: int | None = None, after: str | None = None
    ) -> Connection[Department]:
        request = page_request("Department", first, after, info.context.max_page_size)
        records = await info.context.loader(_departments_by_region).load(self.record.id)
        after_code = request.after_key
        page = [r for r in records if after_code is None or r.code > after_code]
        return build_connection(
            "Department",
            [(r.code, Department.from_record(r)) for r in page[: request.limit + 1]],
            request,
        )


@strawberry.type(description="A government department of one region.")
class Department(Node):
    code: str
    name: str
    name_en: str
    category: str
    region_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, record: service.DepartmentRecord) -> Department:
        return cls(
            id=strawberry.ID(f"Department:{record.code}"),
            code=record.code,
            name=record.name,
            name_en=record.name_en,
            category=record.category,
            region_id=record.region_id,
        )

    @strawberry.field
    async def region(self, info: Ctx) -> Region:
        record = await info.context.loader(_regions_by_id).load(self.region_id)
        if record is None:  # the foreign key makes this impossible; say so loudly if not
            raise LookupError("department without region")
        return Region.from_record(record)


async def _region_page(
    info: Ctx,
    first: int | None,
    after: str | None,
    *,
    level: RegionLevel | None = None,
    parent_code: str | None = None,
) -> Connection[Region]:
    request = page_request("Region", first, after, info.context.max_page_size)
    records = await service.list_regions(
        level=None if level is None else service.RegionLevel(level.value),
        parent_code=parent_code,
        after_code=request.after_key,
        limit=request.limit + 1,
    )
    return build_connection("Region", [(r.code, Region.from_record(r)) for r in records], request)


@strawberry.type
class ReferenceQuery:
    @strawberry.field(description="Administrative regions, ordered by code.")
    async def regions(
        self,
        info: Ctx,
        level: RegionLevel | None = None,
        parent_code: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Region]:
        return await _region_page(info, first, after, level=level, parent_code=parent_code)

    @strawberry.field(description="One region by its GB/T 2260 code.")
    async def region(self, info: Ctx, code: str) -> Region | None:
        record = await info.context.loader(_regions_by_code).load(code)
        return None if record is None else Region.from_record(record)
