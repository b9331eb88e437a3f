"""Demo data: what `onetap seed-demo` loads and `make run` loads on first start."""

from __future__ import annotations

from reference.service import regions_exist, seed_reference_data


async def seed_demo() -> str:
    reference = await seed_reference_data()
    return f"seeded {reference.regions} regions and {reference.departments} departments"


async def seed_if_empty() -> str:
    if await regions_exist():
        return "demo data already present"
    return await seed_demo()
