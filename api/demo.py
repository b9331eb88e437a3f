"""Demo data: what `onetap seed-demo` loads and `make run` loads on first start."""

from __future__ import annotations

from casework.demo import seed_catalogue
from core.crypto.keys import load_key_material
from core.settings import Settings
from identity.demo import seed_identity_demo
from identity.runtime import standalone_identity_runtime
from identity.service import people_exist
from licenses.demo import seed_license_demo
from licenses.runtime import LicenseRuntime, build_license_store
from reference.service import regions_exist, seed_reference_data


async def seed_demo(settings: Settings) -> str:
    """Load (or refresh) every domain's demo data; each domain's seed is idempotent."""
    reference = await seed_reference_data()
    if settings.app.is_production:
        # Demo accounts have a published password: never in a production database.
        identity = "no demo accounts in production"
    else:
        async with standalone_identity_runtime(settings) as runtime:
            identity = await seed_identity_demo(runtime)
        identity += "; " + await seed_catalogue()
        identity += "; " + await _seed_licenses(settings)
    return f"seeded {reference.regions} regions and {reference.departments} departments; {identity}"


async def _seed_licenses(settings: Settings) -> str:
    store = build_license_store(settings)
    await store.ensure_bucket()
    runtime = LicenseRuntime(settings, load_key_material(settings), store)
    return await seed_license_demo(runtime)


async def seed_if_empty(settings: Settings) -> str:
    if await regions_exist() and await people_exist():
        return "demo data already present"
    return await seed_demo(settings)
