"""Invariants that keep the repository honest (after GOV.UK Notify's habit)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from piccolo.apps.migrations.commands.new import AutoMigrationManager
from piccolo.conf.apps import AppConfig

from piccolo_conf import APP_REGISTRY

ROOT = Path(__file__).resolve().parent.parent
APPS: list[AppConfig] = list(APP_REGISTRY.app_configs.values())


@pytest.mark.parametrize("app", APPS, ids=lambda app: app.app_name)
async def test_tables_match_their_migrations(app: AppConfig) -> None:
    """A table change without a migration would pass tests (the template DB is built from
    the migrations) and break in production; catch it here."""
    statements = await AutoMigrationManager(auto_input="y").get_alter_statements(app)
    pending = [s for group in statements for s in group.statements]
    assert pending == [], (
        f"tables of {app.app_name!r} differ from its migrations: run "
        f"`uv run piccolo migrations new {app.app_name} --auto`"
    )


@pytest.mark.parametrize("app", APPS, ids=lambda app: app.app_name)
def test_migration_files_are_named_for_their_app(app: AppConfig) -> None:
    folder = Path(app.resolved_migrations_folder_path)
    files = sorted(p.name for p in folder.glob("*.py") if p.name != "__init__.py")
    assert files, f"{app.app_name} has no migrations"
    pattern = re.compile(
        rf"^{app.app_name}_\d{{4}}_\d{{2}}_\d{{2}}t\d{{2}}_\d{{2}}_\d{{2}}_\d{{6}}\.py$"
    )
    assert all(pattern.match(name) for name in files), files


def test_every_domain_with_tables_is_registered() -> None:
    registered = {app.app_name for app in APPS}
    on_disk = {p.parent.name for p in ROOT.glob("*/piccolo_app.py")}
    assert on_disk == registered


def test_import_contracts_cover_every_domain_with_tables() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    forbidden = {m for c in contracts if c["type"] == "forbidden" for m in c["forbidden_modules"]}
    domains = {p.parent.name for p in ROOT.glob("*/tables.py")} - {"core"}
    assert {f"{d}.tables" for d in domains} <= forbidden


def test_time_comes_from_core_clock() -> None:
    """ARCHITECTURE: time comes from core.clock so tests can freeze or move it."""
    offenders = []
    packages = [
        p.parent for p in ROOT.glob("*/__init__.py") if p.parent.name not in {"tests", "bench"}
    ]
    for path in (f for package in packages for f in package.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "piccolo_migrations" in relative.parts or relative == Path("core/clock.py"):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"datetime\.(now|utcnow)\(|\btime\.time\(\)|\bdate\.today\(", text):
            offenders.append(str(relative))
    assert offenders == []
