"""Make the audit chain append-only in the database, and install the job queue schema."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from procrastinate.schema import SchemaManager

from core.db import execute_script

ID = "2026-11-22T19:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "audit append-only triggers and job queue"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)

    async def make_audit_append_only() -> None:
        # The audit chain must be tamper-evident even against the application itself:
        # the database refuses any UPDATE, DELETE or TRUNCATE on it.
        await execute_script(APPEND_ONLY_SQL)

    async def install_job_queue() -> None:
        # Procrastinate's schema, at the version pinned in uv.lock; upgrades to it come as
        # later migrations of this app so one `onetap migrate` brings everything current.
        await execute_script(SchemaManager.get_schema())

    manager.add_raw(make_audit_append_only)
    manager.add_raw(install_job_queue)
    return manager


APPEND_ONLY_SQL = """
CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();
CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();
"""
