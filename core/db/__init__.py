"""The database: one Piccolo engine shared by every domain's tables.

The engine object exists from import time (tables bind to it), but it is only pointed at a
server when the process starts (:func:`connect`): the embedded PostgreSQL's socket path,
or ``ONETAP_DATABASE_URL``, is not known before then.
"""

from core.db.engine import DB, close, connect, database_url_for, execute_script

__all__ = ["DB", "close", "connect", "database_url_for", "execute_script"]
