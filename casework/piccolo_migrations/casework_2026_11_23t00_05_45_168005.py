from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import ForeignKey
from piccolo.columns.column_types import Varchar

ID = "2026-11-23T00:05:45:168005"
VERSION = "1.38.0"
DESCRIPTION = ""


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="casework", description=DESCRIPTION
    )

    manager.alter_column(
        table_class_name="ServiceItem",
        tablename="service_item",
        column_name="code",
        db_column_name="code",
        params={"index": False},
        old_params={"index": True},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Case",
        tablename="casework_case",
        column_name="number",
        db_column_name="number",
        params={"index": False},
        old_params={"index": True},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Case",
        tablename="casework_case",
        column_name="department",
        db_column_name="department",
        params={"index": False},
        old_params={"index": True},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Case",
        tablename="casework_case",
        column_name="applicant",
        db_column_name="applicant",
        params={"index": False},
        old_params={"index": True},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Case",
        tablename="casework_case",
        column_name="applicant_person",
        db_column_name="applicant_person",
        params={"index": False},
        old_params={"index": True},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    manager.alter_column(
        table_class_name="CaseEvent",
        tablename="case_event",
        column_name="case",
        db_column_name="case",
        params={"index": False},
        old_params={"index": True},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Rating",
        tablename="case_rating",
        column_name="case",
        db_column_name="case",
        params={"index": False},
        old_params={"index": True},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    return manager
