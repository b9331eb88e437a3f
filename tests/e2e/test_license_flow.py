"""E-licenses in Debian's Chromium against a real `onetap serve` with the demo data.

The issue's journey: the demo resident opens a license in the wallet; the QR code on the
screen is decoded (from a screenshot, as a phone camera would) and its URL opened in
another browser with no session: the public verify page says valid. The issuing
department's officer revokes the license from the staff desk, with a reason; the same
verify page, reloaded, says revoked.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from playwright.async_api import Browser, Page, expect

from tests.e2e.test_casework_flow import (
    OFFICER,
    _officer_signs_in,
    _phone_context,
    demo_server,  # noqa: F401 (fixture)
)
from tests.e2e.test_identity_flow import (
    DEMO_PASSWORD,
    DEMO_PHONE,
    _serious_violations,
    virtual_authenticator,
)

pytestmark = pytest.mark.e2e

#: In 陈明辉's wallet by the demo seed, issued by 福州市公安局 (the officer's department).
LICENSE_NAME = "福建省居住证"


def _decode(png: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    texts = [r.text for r in results if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert len(texts) == 1, texts
    return texts[0]


async def test_a_license_qr_verifies_valid_and_revoked_after_the_desk_revokes_it(
    demo_server: tuple[str, dict[str, str]],  # noqa: F811
    browser: Browser,
) -> None:
    base, codes = demo_server
    resident = await _phone_context(browser)
    verifier = await browser.new_context(locale="zh-CN")
    officer = await _phone_context(browser)
    try:
        page = await resident.new_page()
        await page.goto(base + "/login?redirect=/licenses")
        await page.get_by_test_id("login-identifier").fill(DEMO_PHONE)
        await page.get_by_test_id("login-password").fill(DEMO_PASSWORD)
        await page.get_by_test_id("login-submit").click()
        await expect(page).to_have_url(re.compile(r"/licenses$"))
        card = page.get_by_test_id("license-card").filter(has_text=LICENSE_NAME)
        await expect(card).to_have_attribute("data-status", "VALID")
        await card.click()
        qr = page.get_by_test_id("license-qr")
        await expect(qr).to_be_visible()
        url = _decode(await qr.screenshot())
        assert re.fullmatch(rf"{re.escape(base)}/v/[a-z2-9]{{10}}", url), url
        await expect(page.get_by_test_id("license-verify-url")).to_contain_text(url)
        identifier = (await page.get_by_test_id("license-identifier").inner_text()).strip()
        assert identifier.startswith("1.2.156.3005.2.1101."), identifier

        # Anyone scanning it: a fresh browser, no session, no app.
        check = await verifier.new_page()
        await check.goto(url)
        status = check.get_by_test_id("verify-status")
        await expect(status).to_have_attribute("data-status", "valid")
        await expect(check.get_by_test_id("verify-identifier")).to_have_text(identifier)
        await expect(check.get_by_test_id("verify-holder")).to_have_text("陈**")

        desk = await officer.new_page()
        await virtual_authenticator(officer, desk)
        await _officer_signs_in(desk, base, codes[OFFICER])
        await desk.goto(base + "/staff/licenses")
        await desk.get_by_test_id("desk-licenses-query").fill(identifier)
        await desk.get_by_test_id("desk-licenses-search").click()
        row = desk.get_by_test_id("desk-license").filter(has_text=identifier)
        await expect(row).to_have_attribute("data-status", "VALID")
        await row.get_by_test_id("desk-license-revoke").click()
        await desk.get_by_test_id("desk-reason").fill("居住信息核查不实，依法撤销")
        await desk.get_by_test_id("desk-reason-confirm").click()
        await expect(row).to_have_attribute("data-status", "REVOKED")

        await check.reload()
        await expect(check.get_by_test_id("verify-status")).to_have_attribute(
            "data-status", "revoked"
        )
        # The holder's wallet says so too.
        await page.reload()
        await expect(page.get_by_test_id("license-status")).to_have_attribute(
            "data-status", "REVOKED"
        )
    finally:
        await resident.close()
        await verifier.close()
        await officer.close()


async def test_license_pages_have_no_serious_accessibility_violations(
    demo_server: tuple[str, dict[str, str]],  # noqa: F811
    browser: Browser,
) -> None:
    """axe-core in Chromium on the wallet, a license, sharing, the access log and the public
    verify page, in Chinese, then English with elder mode (staff pages: Vitest)."""
    base, _ = demo_server
    # CSP forbids injected scripts (as it should); the audit context bypasses it.
    context = await browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", bypass_csp=True
    )
    found: dict[str, list[dict[str, Any]]] = {}

    async def audit(name: str, page: Page) -> None:
        found[name] = await _serious_violations(page)

    try:
        page = await context.new_page()
        await page.goto(base + "/login?redirect=/licenses")
        await page.get_by_test_id("login-identifier").fill(DEMO_PHONE)
        await page.get_by_test_id("login-password").fill(DEMO_PASSWORD)
        await page.get_by_test_id("login-submit").click()
        card = page.get_by_test_id("license-card").filter(has_text=LICENSE_NAME)
        await expect(card).to_be_visible()
        license_id = await card.get_attribute("data-license-id")
        await audit("wallet", page)
        await card.click()
        await expect(page.get_by_test_id("license-qr")).to_be_visible()
        await audit("license", page)
        url = await page.get_by_test_id("license-verify-url").inner_text()
        await page.get_by_test_id("license-share").click()
        await expect(page.get_by_test_id("share-form")).to_be_visible()
        await audit("share", page)
        await page.go_back()
        await page.get_by_test_id("license-access").click()
        await expect(page.get_by_test_id("access-back")).to_be_visible()
        await audit("access log", page)

        await page.get_by_test_id("language-toggle").click()
        await expect(page.locator("html")).to_have_attribute("lang", "en")
        await page.get_by_test_id("elder-mode-toggle").click()
        await page.goto(base + "/licenses")
        await expect(page.locator(f'[data-license-id="{license_id}"]')).to_be_visible()
        await audit("wallet (en, elder)", page)

        verify = await context.new_page()
        await verify.goto(url.strip())
        await expect(verify.get_by_test_id("verify-status")).to_be_visible()
        await audit("verify page", verify)
        await verify.goto(url.strip() + "?lang=en")
        await audit("verify page (en)", verify)
    finally:
        await context.close()
    assert len(found) == 7, sorted(found)  # every page was audited
    failing = {name: v for name, v in found.items() if v}
    assert not failing, json.dumps(failing, ensure_ascii=False, indent=1)


async def test_a_license_qr_stays_on_screen_offline(
    demo_server: tuple[str, dict[str, str]],  # noqa: F811
    browser: Browser,
) -> None:
    """After one visit online, the license page reloads with no network at all (service
    worker + the wallet's stored copy) and still shows a QR code that decodes to the URL."""
    base, _ = demo_server
    resident = await _phone_context(browser)
    try:
        page = await resident.new_page()
        await page.goto(base + "/login?redirect=/licenses")
        await page.get_by_test_id("login-identifier").fill(DEMO_PHONE)
        await page.get_by_test_id("login-password").fill(DEMO_PASSWORD)
        await page.get_by_test_id("login-submit").click()
        await page.get_by_test_id("license-card").filter(has_text=LICENSE_NAME).click()
        online_url = _decode(await page.get_by_test_id("license-qr").screenshot())
        await page.evaluate("navigator.serviceWorker.ready")
        await page.wait_for_function("navigator.serviceWorker.controller !== null")
        await resident.set_offline(True)
        try:
            await page.reload()
            await expect(page.get_by_test_id("offline-banner")).to_be_visible()
            qr = page.get_by_test_id("license-qr")
            await expect(qr).to_be_visible()
            assert _decode(await qr.screenshot()) == online_url
        finally:
            await resident.set_offline(False)
    finally:
        await resident.close()
