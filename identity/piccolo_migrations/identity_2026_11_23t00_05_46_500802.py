from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Bytea
from piccolo.columns.column_types import Varchar

ID = "2026-11-23T00:05:46:500802"
VERSION = "1.38.0"
DESCRIPTION = ""


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="identity", description=DESCRIPTION
    )

    manager.alter_column(
        table_class_name="Person",
        tablename="person",
        column_name="id_number_bidx",
        db_column_name="id_number_bidx",
        params={"index": False},
        old_params={"index": True},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Person",
        tablename="person",
        column_name="phone_bidx",
        db_column_name="phone_bidx",
        params={"index": False},
        old_params={"index": True},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    manager.alter_column(
        table_class_name="StaffMember",
        tablename="staff_member",
        column_name="username",
        db_column_name="username",
        params={"index": False},
        old_params={"index": True},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Enterprise",
        tablename="enterprise",
        column_name="credit_code",
        db_column_name="credit_code",
        params={"index": False},
        old_params={"index": True},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Passkey",
        tablename="passkey",
        column_name="credential_id",
        db_column_name="credential_id",
        params={"index": False},
        old_params={"index": True},
        column_class=Bytea,
        old_column_class=Bytea,
        schema=None,
    )

    manager.alter_column(
        table_class_name="RefreshToken",
        tablename="refresh_token",
        column_name="token_hash",
        db_column_name="token_hash",
        params={"index": False},
        old_params={"index": True},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    manager.alter_column(
        table_class_name="AttemptCounter",
        tablename="attempt_counter",
        column_name="key",
        db_column_name="key",
        params={"index": False},
        old_params={"index": True},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    manager.alter_column(
        table_class_name="CounterTicket",
        tablename="counter_ticket",
        column_name="token_hash",
        db_column_name="token_hash",
        params={"index": False},
        old_params={"index": True},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    return manager
