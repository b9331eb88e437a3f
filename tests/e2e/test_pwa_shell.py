"""The PWA shell in Debian's Chromium against a real `onetap serve` with demo data."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.async_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import AXE

pytestmark = pytest.mark.e2e


async def choose_fuzhou(page: Page, base: str) -> None:
    await page.goto(base + "/")
    await page.get_by_test_id("city-picker-trigger").click()
    options = page.get_by_test_id("city-option")
    await expect(options).to_have_count(9)  # Fujian's nine cities, from the regions API
    await options.filter(has_text="福州市").click()
    await expect(page.get_by_test_id("current-city")).to_contain_text("福州市")
    await expect(page.get_by_test_id("department-item").first).to_be_visible()


async def test_home_shows_cities_and_departments_from_the_api(
    live_server: str, phone: BrowserContext
) -> None:
    page = await phone.new_page()
    await choose_fuzhou(page, live_server)
    departments = page.get_by_test_id("department-item")
    await expect(departments.filter(has_text="福州市公安局")).to_have_count(1)
    assert await departments.count() >= 10
    # The choice persists across a reload.
    await page.reload()
    await expect(page.get_by_test_id("current-city")).to_contain_text("福州市")
    assert await page.evaluate("document.documentElement.lang") == "zh-CN"


async def test_manifest_makes_the_app_installable(live_server: str, phone: BrowserContext) -> None:
    page = await phone.new_page()
    await page.goto(live_server + "/")
    href = await page.locator('link[rel="manifest"]').get_attribute("href")
    assert href is not None
    response = await page.request.get(live_server + "/" + href.lstrip("/"))
    assert response.ok
    manifest = json.loads(await response.text())
    assert manifest["name"]
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        fetched = await page.request.get(live_server + "/" + icon["src"].lstrip("/"))
        assert fetched.ok
        assert fetched.headers["content-type"] == icon.get("type", "image/png")


async def test_app_reloads_offline_after_a_first_visit(
    live_server: str, phone: BrowserContext
) -> None:
    page = await phone.new_page()
    await choose_fuzhou(page, live_server)
    # Wait until the service worker controls the page (it precaches the app shell).
    await page.evaluate("navigator.serviceWorker.ready")
    await page.wait_for_function("navigator.serviceWorker.controller !== null")
    await phone.set_offline(True)
    try:
        await page.reload()
        await expect(page.locator("h1")).to_be_visible()
        await expect(page.get_by_test_id("offline-banner")).to_be_visible()
        await expect(page.get_by_test_id("current-city")).to_contain_text("福州市")
        await expect(page.get_by_test_id("department-item").first).to_be_visible()
    finally:
        await phone.set_offline(False)


async def _item_width(page: Page) -> float:
    box = await page.get_by_test_id("department-item").first.bounding_box()
    assert box is not None
    return float(box["width"])


async def _root_font_px(page: Page) -> float:
    value = await page.evaluate("getComputedStyle(document.documentElement).fontSize")
    return float(str(value).removesuffix("px"))


async def test_elder_mode_enlarges_type_and_simplifies_layout(
    live_server: str, phone: BrowserContext
) -> None:
    page = await phone.new_page()
    await choose_fuzhou(page, live_server)
    width_before = await _item_width(page)
    font_before = await _root_font_px(page)
    await page.get_by_test_id("elder-mode-toggle").click()
    await expect(page.locator("html")).to_have_class(has_class("elder-mode"))
    font_after = await _root_font_px(page)
    width_after = await _item_width(page)
    assert font_after >= 20
    assert font_after > font_before
    # The grid becomes a single column: each department takes (nearly) the full width.
    assert width_after > width_before * 1.5
    await page.reload()
    await expect(page.locator("html")).to_have_class(has_class("elder-mode"))


def has_class(word: str) -> re.Pattern[str]:
    return re.compile(rf"(^|\s){re.escape(word)}(\s|$)")


async def _serious_violations(page: Page) -> list[dict[str, Any]]:
    await page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = await page.evaluate("axe.run(document)")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


async def test_axe_finds_no_serious_or_critical_violations(
    live_server: str, browser: Browser
) -> None:
    # CSP forbids injected scripts (as it should); the audit context bypasses it.
    context = await browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", bypass_csp=True
    )
    try:
        page = await context.new_page()
        await page.goto(live_server + "/")
        await expect(page.get_by_test_id("city-picker-trigger")).to_be_visible()
        assert await _serious_violations(page) == []
        await choose_fuzhou(page, live_server)
        assert await _serious_violations(page) == []
        await page.get_by_test_id("elder-mode-toggle").click()
        assert await _serious_violations(page) == []
        await page.get_by_test_id("language-toggle").click()
        await expect(page.locator("html")).to_have_attribute("lang", "en")
        assert await _serious_violations(page) == []
    finally:
        await context.close()
