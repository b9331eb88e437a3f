"""An app wired to the test's own database, driven over ASGI (lifespan included)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar

from api.app import create_app
from core.settings import Settings, load_settings

AppFactory = Callable[..., Any]


@pytest.fixture
def pwa_dist(tmp_path: Path) -> Path:
    dist = tmp_path / "pwa-dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>OneTap</title>", encoding="utf-8")
    (dist / "assets" / "index-abc123.js").write_text("console.log(1)", encoding="utf-8")
    (dist / "manifest.webmanifest").write_text('{"name": "OneTap"}', encoding="utf-8")
    return dist


@pytest.fixture
def make_settings(tmp_path: Path, pwa_dist: Path) -> Callable[..., Settings]:
    def build(**overrides: str) -> Settings:
        env = {
            "ONETAP_ENV": "test",
            "ONETAP_DATA_DIR": str(tmp_path / "data"),
            "ONETAP_PWA_DIST": str(pwa_dist),
            "ONETAP_MAX_BODY_BYTES": "4096",
        }
        env.update(overrides)
        return load_settings(env)

    return build


@asynccontextmanager
async def serving(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    """Run the app's lifespan and talk to it over ASGI, all on the test's event loop.

    (Litestar's AsyncTestClient runs the app in a portal thread with its own loop, which
    the shared database pool cannot cross.)
    """
    # The lifespan runs in a task of its own: it holds an anyio task group, which must be
    # exited by the task that entered it (fixture setup and teardown are different tasks).
    started = asyncio.Event()
    stop = asyncio.Event()

    async def run_lifespan() -> None:
        async with app.lifespan():
            started.set()
            await stop.wait()

    task = asyncio.create_task(run_lifespan())
    waiter = asyncio.create_task(started.wait())
    await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        waiter.cancel()
        try:
            task.result()  # startup failed: raise its error here
        except BaseExceptionGroup as group:  # Litestar's lifespan wraps it in a task group
            if len(group.exceptions) == 1:
                raise group.exceptions[0] from None
            raise
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c
    finally:
        stop.set()
        await task


@pytest.fixture
async def client(
    database_url: str, make_settings: Callable[..., Settings]
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(make_settings(), database_url=database_url, run_worker=False)
    async with serving(app) as test_client:
        yield test_client
