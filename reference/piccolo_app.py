"""Piccolo app for the reference data domain."""

import os

from piccolo.conf.apps import AppConfig

from reference.tables import Department, Region

APP_CONFIG = AppConfig(
    app_name="reference",
    migrations_folder_path=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "piccolo_migrations"
    ),
    table_classes=[Region, Department],
    migration_dependencies=["core.piccolo_app"],
    commands=[],
)
