"""Piccolo's configuration: the shared engine and every app with migrations.

Piccolo finds this module by its default name; the ``piccolo`` CLI (``piccolo migrations
new <app> --auto``) works from the repository root.
"""

from piccolo.conf.apps import AppRegistry

from core.db import DB

APP_REGISTRY = AppRegistry(
    apps=[
        "core.piccolo_app",
        "reference.piccolo_app",
        "identity.piccolo_app",
        "casework.piccolo_app",
        "licenses.piccolo_app",
    ]
)

__all__ = ["APP_REGISTRY", "DB"]
