"""The `onetap` command as an operator uses it, run as a real subprocess."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from core.audit import service
from tests.processes import free_port, onetap, onetap_env, start_onetap, stop, wait_healthy
from tests.tampering import tamper


async def test_audit_verify_detects_a_manual_update(database_url: str, tmp_path: Path) -> None:
    for n in range(3):
        await service.record(actor="system", action="demo", subject_type="t", subject_id=str(n))
    env = onetap_env(database_url, tmp_path / "data")
    ok = onetap("audit", "verify", env=env)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == "ok"
    assert "no signed anchor" in ok.stderr  # nothing anchored the chain yet

    await tamper(database_url, "UPDATE audit_entry SET subject_id = '99' WHERE seq = 2")
    broken = onetap("audit", "verify", env=env)
    assert broken.returncode == 1
    assert broken.stdout.strip() == "broken at entry 2: content does not match its hash"


def test_second_serve_on_the_same_data_dir_is_refused(database_url: str, tmp_path: Path) -> None:
    port = free_port()
    env = onetap_env(
        database_url, tmp_path / "data", ONETAP_PORT=str(port), ONETAP_PWA_DIST=str(tmp_path)
    )
    first = start_onetap("serve", env=env)
    try:
        wait_healthy(f"http://127.0.0.1:{port}/healthz", first)
        second = onetap("serve", env={**env, "ONETAP_PORT": str(free_port())})
        assert second.returncode == 1
        assert "already using" in second.stderr
        assert str(first.pid) in second.stderr
        assert "Traceback" not in second.stderr
        # the running server is unharmed
        assert httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5).status_code == 200
    finally:
        stop(first)


async def test_worker_process_runs_queued_jobs(database_url: str, tmp_path: Path) -> None:
    import asyncio

    from core.audit import jobs as audit_jobs
    from core.jobs import build_job_app

    await service.record(actor="system", action="demo", subject_type="t", subject_id="1")
    app = build_job_app(database_url)
    audit_jobs.register(app, cron="0 0 1 1 *")
    async with app.open_async():
        await app.configure_task(audit_jobs.ANCHOR_TASK).defer_async(timestamp=0)

    data_dir = tmp_path / "data"
    worker = start_onetap("worker", env=onetap_env(database_url, data_dir))
    anchors = data_dir / "objects"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and worker.poll() is None:
            if any(p.suffix == ".json" for p in anchors.rglob("*") if p.is_file()):
                break
            await asyncio.sleep(0.3)
    finally:
        stderr = stop(worker)
    verify = onetap("audit", "verify", env=onetap_env(database_url, data_dir))
    assert verify.stdout.strip() == "ok", stderr
    assert "no signed anchor" not in verify.stderr
    from core.audit.anchor import ANCHOR_PREFIX
    from core.objectstore import build_object_store
    from core.settings import load_settings

    store = build_object_store(load_settings(onetap_env(database_url, data_dir)))
    assert [i.key for i in await store.list(ANCHOR_PREFIX)] == [f"{ANCHOR_PREFIX}000000000001.json"]


def test_several_workers_report_metrics_together(database_url: str, tmp_path: Path) -> None:
    port = free_port()
    data_dir = tmp_path / "data"
    env = onetap_env(
        database_url,
        data_dir,
        ONETAP_PORT=str(port),
        ONETAP_PWA_DIST=str(tmp_path),
        ONETAP_WORKERS="2",
        ONETAP_JOBS_IN_PROCESS_WORKER="false",
    )
    server = start_onetap("serve", env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(f"{base}/readyz", server)
        # Fresh connections each time, so the kernel spreads them over both workers.
        for _ in range(40):
            assert httpx.get(f"{base}/healthz", headers={"Connection": "close"}).status_code == 200
        text = httpx.get(f"{base}/metrics").text
    finally:
        stop(server)
    line = next(
        line
        for line in text.splitlines()
        if line.startswith('onetap_http_requests_total{method="GET",route="/healthz",status="200"}')
    )
    # Every request counted once, whichever worker answered it (plus the readiness poll's
    # /healthz calls made before, if any went there: the poll uses /readyz only).
    assert float(line.rsplit(" ", 1)[1]) == 40.0
    assert len(list((data_dir / "metrics").glob("counter_*.db"))) >= 1
