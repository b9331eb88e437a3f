"""Load the published holiday arrangement into the holiday table.

Deadlines count working days, so every installation (not only the demo) needs the
calendar; later years are added by platform admins (setHoliday) as the State Council
publishes them, or by a later migration like this one.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from casework.calendar import seed_holidays

ID = "2026-11-23T00:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "holiday calendar 2026"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="casework", description=DESCRIPTION)

    async def load_holidays() -> None:
        # Idempotent: days already in the table are left as they are.
        await seed_holidays()

    manager.add_raw(load_holidays)
    return manager
