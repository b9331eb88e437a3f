"""Constraints and indexes Piccolo's columns cannot express: uniqueness over two columns,
composite keys for the applicant's and the departments' lists, a GIN index for search."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from core.db import execute_script

ID = "2026-11-22T23:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "casework constraints and composite indexes"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="casework", description=DESCRIPTION)

    async def constraints_and_indexes() -> None:
        await execute_script(SQL)

    manager.add_raw(constraints_and_indexes)
    return manager


SQL = """
-- A job run twice (or on two workers) raises each warning once.
ALTER TABLE deadline_warning
    ADD CONSTRAINT deadline_warning_case_threshold UNIQUE ("case", threshold);
-- At most one published version per item; versions numbered once per item.
CREATE UNIQUE INDEX service_item_version_one_published
    ON service_item_version (item) WHERE status = 'published';
ALTER TABLE service_item_version
    ADD CONSTRAINT service_item_version_number UNIQUE (item, version);
-- "My cases": newest first, keyset paged.
CREATE INDEX casework_case_applicant_recent
    ON casework_case (applicant, created_at DESC, id DESC);
-- Staff queues: a department's open cases by deadline.
CREATE INDEX casework_case_department_queue
    ON casework_case (department, status, due_on);
-- Call-centre lookup by phone / ID number goes person -> cases.
CREATE INDEX casework_case_person_recent
    ON casework_case (applicant_person, created_at DESC);
CREATE INDEX case_event_case_at ON case_event ("case", at);
CREATE INDEX service_item_version_search
    ON service_item_version USING gin (search_terms);
ALTER TABLE case_rating
    ADD CONSTRAINT case_rating_score CHECK (score BETWEEN 1 AND 5);
"""
