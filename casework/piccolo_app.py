"""Piccolo app for the casework domain."""

import os

from piccolo.conf.apps import AppConfig

from casework.tables import (
    Case,
    CaseEvent,
    CaseMaterial,
    CaseNote,
    CaseNumberCounter,
    Complaint,
    DeadlineWarning,
    Holiday,
    LookupLog,
    Rating,
    ServiceItem,
    ServiceItemVersion,
    UploadTombstone,
)

APP_CONFIG = AppConfig(
    app_name="casework",
    migrations_folder_path=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "piccolo_migrations"
    ),
    table_classes=[
        ServiceItem,
        ServiceItemVersion,
        Case,
        CaseNumberCounter,
        CaseMaterial,
        CaseEvent,
        CaseNote,
        Holiday,
        DeadlineWarning,
        Rating,
        Complaint,
        LookupLog,
        UploadTombstone,
    ],
    migration_dependencies=["identity.piccolo_app"],
    commands=[],
)
