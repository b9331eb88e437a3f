"""Reference data (基础数据): administrative regions and government departments.

The public Python API of the domain; GraphQL and the seeding CLI go through here. Regions
follow GB/T 2260 codes; departments exist per region and are generated for the demo from
templates in ``data/departments.csv``.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from core.db import DB
from reference.tables import Department, Region

DATA_DIR = Path(__file__).parent / "data"


class RegionLevel(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


@dataclass(frozen=True)
class RegionRecord:
    id: int
    code: str
    name: str
    name_en: str
    level: RegionLevel
    parent_code: str | None


@dataclass(frozen=True)
class DepartmentRecord:
    id: int
    code: str
    name: str
    name_en: str
    category: str
    region_id: int


def _region(row: dict[str, Any]) -> RegionRecord:
    return RegionRecord(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        name_en=row["name_en"],
        level=RegionLevel(row["level"]),
        parent_code=row["parent_code"],
    )


def _department(row: dict[str, Any]) -> DepartmentRecord:
    return DepartmentRecord(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        name_en=row["name_en"],
        category=row["category"],
        region_id=row["region"],
    )


async def list_regions(
    *,
    level: RegionLevel | None = None,
    parent_code: str | None = None,
    after_code: str | None = None,
    limit: int,
) -> list[RegionRecord]:
    """Regions ordered by code (keyset pagination on the code)."""
    query = Region.select().order_by(Region.code).limit(limit)
    if level is not None:
        query = query.where(Region.level == level.value)
    if parent_code is not None:
        query = query.where(Region.parent_code == parent_code)
    if after_code is not None:
        query = query.where(Region.code > after_code)
    return [_region(row) for row in await query]


async def regions_by_code(codes: Sequence[str]) -> list[RegionRecord | None]:
    """One lookup for many codes, in the order asked (DataLoader batch function)."""
    rows = await Region.select().where(Region.code.is_in(list(codes))) if codes else []
    found = {row["code"]: _region(row) for row in rows}
    return [found.get(code) for code in codes]


async def regions_by_id(ids: Sequence[int]) -> list[RegionRecord | None]:
    rows = await Region.select().where(Region._meta.primary_key.is_in(list(ids))) if ids else []
    found = {row["id"]: _region(row) for row in rows}
    return [found.get(region_id) for region_id in ids]


async def departments_by_region(region_ids: Sequence[int]) -> list[list[DepartmentRecord]]:
    """Every department of each region, ordered by code (DataLoader batch function).

    A region has a couple of dozen departments, so loading them whole and paging in memory
    costs one query for any number of regions on a page.
    """
    rows = (
        await Department.select()
        .where(Department.region.is_in(list(region_ids)))
        .order_by(Department.code)
        if region_ids
        else []
    )
    grouped: dict[int, list[DepartmentRecord]] = defaultdict(list)
    for row in rows:
        grouped[row["region"]].append(_department(row))
    return [grouped.get(region_id, []) for region_id in region_ids]


# --- demo / reference seeding -------------------------------------------------------------


@dataclass(frozen=True)
class SeedSummary:
    regions: int
    departments: int


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _department_rows(regions: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    templates = _read_csv("departments.csv")
    rows: list[dict[str, str]] = []
    for region in regions:
        for template in templates:
            if region["level"] not in template["levels"].split("|"):
                continue
            rows.append(
                {
                    "code": f"{region['code']}-{template['code_suffix']}",
                    "name": template["name_template"].format(region=region["name"]),
                    "name_en": template["name_en_template"].format(region_en=region["name_en"]),
                    "category": template["category"],
                    "region_code": region["code"],
                }
            )
    return rows


async def seed_reference_data() -> SeedSummary:
    """Load Fujian's regions and their departments; safe to run again (upserts by code)."""
    regions = _read_csv("regions_fujian.csv")
    departments = _department_rows(regions)
    async with DB.transaction():
        for region in regions:
            await Region.raw(
                "INSERT INTO region (code, name, name_en, level, parent_code) "
                "VALUES ({}, {}, {}, {}, {}) ON CONFLICT (code) DO UPDATE SET "
                "name = EXCLUDED.name, name_en = EXCLUDED.name_en, level = EXCLUDED.level, "
                "parent_code = EXCLUDED.parent_code",
                region["code"],
                region["name"],
                region["name_en"],
                region["level"],
                region["parent_code"] or None,
            )
        ids = {
            row["code"]: row["id"]
            for row in await Region.select(Region._meta.primary_key, Region.code)
        }
        for department in departments:
            await Department.raw(
                "INSERT INTO department (code, name, name_en, category, region) "
                "VALUES ({}, {}, {}, {}, {}) ON CONFLICT (code) DO UPDATE SET "
                "name = EXCLUDED.name, name_en = EXCLUDED.name_en, "
                "category = EXCLUDED.category, region = EXCLUDED.region",
                department["code"],
                department["name"],
                department["name_en"],
                department["category"],
                ids[department["region_code"]],
            )
    return SeedSummary(regions=len(regions), departments=len(departments))


async def regions_exist() -> bool:
    return bool(await Region.exists())
