"""Piccolo app for the e-license domain."""

import os

from piccolo.conf.apps import AppConfig

from licenses.tables import (
    License,
    LicenseAccess,
    LicenseConsent,
    LicenseEvent,
    LicenseSerialCounter,
    LicenseType,
    Seal,
)

APP_CONFIG = AppConfig(
    app_name="licenses",
    migrations_folder_path=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "piccolo_migrations"
    ),
    table_classes=[
        LicenseType,
        Seal,
        LicenseSerialCounter,
        License,
        LicenseEvent,
        LicenseConsent,
        LicenseAccess,
    ],
    migration_dependencies=["casework.piccolo_app"],
    commands=[],
)
