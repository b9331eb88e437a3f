"""Applying and checking Piccolo migrations for every app in ``piccolo_conf``."""

from __future__ import annotations

import contextlib
import io

from piccolo.apps.migrations.commands.check import CheckMigrationManager
from piccolo.apps.migrations.commands.forwards import run_forwards


class MigrationError(RuntimeError):
    """Migrations failed or are pending where they must not be."""


async def pending_migrations() -> list[str]:
    """``app:migration_id`` of each migration not yet applied, in order."""
    statuses = await CheckMigrationManager(app_name="all").get_migration_statuses()
    return [f"{s.app_name}:{s.migration_id}" for s in statuses if not s.has_ran]


async def apply_migrations(*, quiet: bool = True) -> list[str]:
    """Apply every pending migration; return what was applied."""
    pending = await pending_migrations()
    if not pending:
        return []
    # Piccolo prints progress to stdout; the CLI shows it, the server and tests do not.
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink) if quiet else contextlib.nullcontext():
        result = await run_forwards(app_name="all")
    if not result.success:
        raise MigrationError(f"migrations failed: {result.message}")
    return pending
