"""Piccolo app for core's own tables: the audit chain (and the job queue's schema)."""

import os

from piccolo.conf.apps import AppConfig

from core.audit.tables import AuditEntry

APP_CONFIG = AppConfig(
    app_name="core",
    migrations_folder_path=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "piccolo_migrations"
    ),
    table_classes=[AuditEntry],
    migration_dependencies=[],
    commands=[],
)
