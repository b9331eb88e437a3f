"""Small read-only questions other packages ask identity (without touching its tables)."""

from __future__ import annotations

from identity.tables import Person


async def people_exist() -> bool:
    return bool(await Person.exists())
