"""What Piccolo's columns cannot express: one active seal per department, the sequence
that hands out status-list indexes, and the holder's and the access log's indexes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from core.db import execute_script

ID = "2026-11-23T01:50:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "licenses constraints, status-list sequence and indexes"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="licenses", description=DESCRIPTION)

    async def constraints_and_indexes() -> None:
        await execute_script(SQL)

    manager.add_raw(constraints_and_indexes)
    return manager


SQL = """
-- Exactly one seal of a department signs: rotation retires the old one first.
CREATE UNIQUE INDEX seal_one_active_per_department
    ON seal (department_code) WHERE retired_at IS NULL;
-- Status-list positions: never reused, gaps are harmless (an unset bit).
CREATE SEQUENCE license_status_index AS integer MINVALUE 0 START 0;
ALTER TABLE license
    ADD CONSTRAINT license_holder_kind CHECK (
        (holder_kind = 'person' AND holder_person IS NOT NULL AND holder_enterprise IS NULL)
        OR (holder_kind = 'enterprise' AND holder_enterprise IS NOT NULL)
    );
ALTER TABLE license
    ADD CONSTRAINT license_status CHECK (status IN ('valid', 'suspended', 'revoked'));
ALTER TABLE license_consent
    ADD CONSTRAINT license_consent_grantee CHECK (
        (department_code IS NULL) <> (service_item_code IS NULL)
    );
CREATE INDEX license_department_recent ON license (department_code, issued_at DESC);
CREATE INDEX license_access_recent ON license_access (license, at DESC);
CREATE INDEX license_event_license_at ON license_event (license, at);
"""
