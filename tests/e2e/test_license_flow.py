"""E-licenses in Debian's Chromium against a real `onetap serve` with the demo data.

The issue's journey: the demo resident opens a license in the wallet; the QR code on the
screen is decoded (from a screenshot, as a phone camera would) and its URL opened in
another browser with no session: the public verify page says valid. The issuing
department's officer revokes the license from the staff desk, with a reason; the same
verify page, reloaded, says revoked.
"""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image
from playwright.async_api import Browser, expect

from tests.e2e.test_casework_flow import (
    OFFICER,
    _officer_signs_in,
    _phone_context,
    demo_server,  # noqa: F401 (fixture)
)
from tests.e2e.test_identity_flow import DEMO_PASSWORD, DEMO_PHONE, virtual_authenticator

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
