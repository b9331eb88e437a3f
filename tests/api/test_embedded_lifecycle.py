"""Embedded mode end to end: `onetap serve` starts PostgreSQL in the data dir, reuses it,
and stops it when the server is stopped."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx

from tests.processes import free_port, onetap_env, start_onetap, stop, wait_healthy


def _postgres_running_for(pgdata: Path) -> bool:
    result = subprocess.run(
        ["ps", "-ww", "-eo", "args"], capture_output=True, text=True, check=True
    )
    return any(
        line.split()[0].endswith("/postgres") and str(pgdata) in line
        for line in result.stdout.splitlines()
        if line.strip()
    )


def _serve(data_dir: Path, port: int) -> subprocess.Popen[str]:
    # No ONETAP_DATABASE_URL: embedded mode.
    env = onetap_env(None, data_dir, ONETAP_PORT=str(port), ONETAP_PWA_DIST=str(data_dir))
    return start_onetap("serve", "--migrate", "--seed-demo", env=env)


def test_serve_starts_reuses_and_stops_embedded_postgres(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    pgdata = (data_dir / "pg").resolve()
    query = {"query": '{ region(code: "350000") { name } }'}
    for run in range(2):
        port = free_port()
        server = _serve(data_dir, port)
        try:
            wait_healthy(f"http://127.0.0.1:{port}/readyz", server)
            assert _postgres_running_for(pgdata)
            response = httpx.post(f"http://127.0.0.1:{port}/graphql", json=query, timeout=10)
            assert response.json() == {"data": {"region": {"name": "福建省"}}}
        finally:
            stop(server)
        assert server.returncode == 0, f"run {run}: exit code {server.returncode}"
        deadline = time.monotonic() + 20
        while _postgres_running_for(pgdata) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _postgres_running_for(pgdata), f"run {run}: PostgreSQL left running"
    # Reused, not re-created: one cluster in the data dir across both runs.
    assert (pgdata / "PG_VERSION").is_file()
