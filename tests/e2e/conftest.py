"""End-to-end fixtures: a real `onetap serve` process and Debian's Chromium via Playwright.

The browser is the system's ``chromium`` package, never a downloaded build; `make test`
installs it with apt when missing.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, BrowserContext, async_playwright

from tests.processes import ROOT, free_port, onetap_env, start_onetap, stop, wait_healthy

PWA_DIST = ROOT / "pwa" / "dist"
AXE = ROOT / "pwa" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The machine has no outside network: keep Chromium from trying to reach Google.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # The camera is Chromium's synthetic test pattern, and the permission prompt is
    # answered "allow", so the face check runs without a device or a person.
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]


def _chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        raise RuntimeError("Debian's chromium is not installed: run `make test` (it installs it)")
    return path


@pytest.fixture
def live_server(database_url: str, tmp_path: Path) -> Iterator[str]:
    """OneTap serving the built PWA and demo data on a free port; yields its base URL."""
    if not (PWA_DIST / "index.html").is_file():
        raise RuntimeError("pwa/dist is missing: build the PWA first (`make pwa`)")
    port = free_port()
    env = onetap_env(
        database_url,
        tmp_path / "data",
        ONETAP_PORT=str(port),
        ONETAP_PWA_DIST=str(PWA_DIST),
        ONETAP_PUBLIC_URL=f"http://localhost:{port}",
    )
    server = start_onetap("serve", "--seed-demo", env=env)
    try:
        base = f"http://localhost:{port}"
        wait_healthy(f"{base}/readyz", server)
        yield base
    finally:
        stop(server)


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=_chromium(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
async def phone(browser: Browser) -> AsyncIterator[BrowserContext]:
    """A phone-sized browser context in Chinese (the default audience)."""
    context = await browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
    )
    try:
        yield context
    finally:
        await context.close()
