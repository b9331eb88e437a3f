"""Casework in Debian's Chromium against a real `onetap serve` with the demo catalogue.

The issue's journey: an anonymous visitor searches the catalogue, signs in to apply, fills
the item's form and uploads a photo, submits; an officer of the department (a second
browser context, signed in with password and a passkey enrolled on the spot) accepts the
case, starts the review and approves it; the applicant's open case page shows each new
status without being reloaded (the graphql-transport-ws subscription, fed by LISTEN/NOTIFY).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import PWA_DIST
from tests.e2e.test_identity_flow import (
    DEMO_PASSWORD,
    DEMO_PHONE,
    _serious_violations,
    virtual_authenticator,
)
from tests.processes import free_port, onetap, onetap_env, start_onetap, stop, wait_healthy

pytestmark = pytest.mark.e2e

#: 居民身份证换领 at 福州市公安局: basic tier, a household-register page and a photo.
ITEM_CODE = "350100-GA-0006"
#: The demo officer of 福州市公安局 (identity/demo.py), window clerk and approver.
OFFICER = "officer"
STAFF_PASSWORD = "OneTap-staff-2026"
#: The smallest JPEG a decoder accepts (1×1, grey): real magic bytes, a real image.
JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b"
    "0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e3334"
    "32ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708"
    "090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114"
    "328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748"
    "494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999a"
    "a2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7"
    "e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9"
)


@pytest.fixture
def demo_server(database_url: str, tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """OneTap with the demo data; yields its base URL and the demo staff's enrolment codes.

    Migrating and seeding run as their own commands first (as an operator would), so the
    one-time enrolment codes the seed prints can be read from its output.
    """
    port = free_port()
    env = onetap_env(
        database_url,
        tmp_path / "data",
        ONETAP_PORT=str(port),
        ONETAP_PWA_DIST=str(PWA_DIST),
        ONETAP_PUBLIC_URL=f"http://localhost:{port}",
    )
    for command in ("migrate", "seed-demo"):
        done = onetap(command, env=env)
        assert done.returncode == 0, done.stderr
    codes = dict(re.findall(r"staff (\w+) \(enrolment code (\S+)\)", done.stdout))
    assert OFFICER in codes, done.stdout
    server = start_onetap("serve", env=env)
    try:
        base = f"http://localhost:{port}"
        wait_healthy(f"{base}/readyz", server)
        yield base, codes
    finally:
        stop(server)


async def _phone_context(browser: Browser) -> BrowserContext:
    return await browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
    )


async def _apply_as_resident(page: Page, base: str, photo: Path) -> str:
    """Search anonymously, sign in on the way to applying, fill in, upload, submit."""
    await page.goto(base + "/services")
    await page.get_by_test_id("catalogue-search").fill("身份证")
    result = page.get_by_test_id("catalogue-item").filter(has_text="居民身份证换领")
    await expect(result).to_have_count(1)
    await result.click()
    await page.get_by_test_id("service-apply").click()

    # Applying needs an account: sign in, and come back to the application.
    await expect(page).to_have_url(re.compile(r"/login\?"))
    await page.get_by_test_id("login-identifier").fill(DEMO_PHONE)
    await page.get_by_test_id("login-password").fill(DEMO_PASSWORD)
    await page.get_by_test_id("login-submit").click()
    await expect(page).to_have_url(re.compile(r"/cases/[0-9a-f-]+/apply"))

    reason = page.get_by_test_id("apply-field-reason")
    await reason.select_option(index=1)
    await page.get_by_test_id("apply-field-phone").fill(DEMO_PHONE)
    await page.get_by_test_id("apply-field-confirm").check()
    for slot in ("household_register", "photo"):
        await page.get_by_test_id(f"apply-material-{slot}").set_input_files(str(photo))
        await expect(page.get_by_test_id(f"apply-material-status-{slot}")).to_have_attribute(
            "data-state", "done"
        )
    await page.get_by_test_id("apply-delivery-hall").check()
    await page.get_by_test_id("apply-review").click()
    await page.get_by_test_id("apply-submit").click()
    number = page.get_by_test_id("apply-case-number")
    await expect(number).to_be_visible()
    return (await number.inner_text()).strip()


async def _officer_signs_in(page: Page, base: str, enrolment_code: str) -> None:
    """Password, then the one-time enrolment code registers this device's passkey."""
    await page.goto(base + "/staff/login")
    await page.get_by_test_id("staff-username").fill(OFFICER)
    await page.get_by_test_id("staff-password").fill(STAFF_PASSWORD)
    await page.get_by_test_id("staff-login-submit").click()
    code = page.get_by_test_id("staff-enrolment-code")
    await expect(code).to_be_visible()
    await code.fill(enrolment_code)
    await page.get_by_test_id("staff-login-submit").click()
    await expect(page).to_have_url(re.compile(r"/staff(\?|$)"))


async def _advance(page: Page, action: str, status: str) -> None:
    await page.get_by_test_id(f"desk-action-{action}").click()
    await expect(page.get_by_test_id("desk-case-status")).to_have_attribute("data-status", status)


async def test_search_apply_and_see_staff_decisions_live(
    demo_server: tuple[str, dict[str, str]], browser: Browser, tmp_path: Path
) -> None:
    base, codes = demo_server
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(JPEG)

    resident = await _phone_context(browser)
    officer = await _phone_context(browser)
    try:
        page = await resident.new_page()
        number = await _apply_as_resident(page, base, photo)
        assert re.fullmatch(r"350100-\d{8}-\d{6}-[0-9X]", number), number

        # The applicant opens the case and keeps the page open from here on.
        await page.goto(base + "/cases")
        await page.get_by_test_id("my-case").filter(has_text=number).click()
        status = page.get_by_test_id("case-status")
        await expect(status).to_have_attribute("data-status", "SUBMITTED")
        # A marker on the window: gone if the page were ever reloaded.
        await page.evaluate("window.__stillTheSamePage = true")

        desk = await officer.new_page()
        await virtual_authenticator(officer, desk)
        await _officer_signs_in(desk, base, codes[OFFICER])
        await desk.goto(base + "/staff/cases")
        await desk.get_by_test_id("desk-queue-new").click()
        row = desk.get_by_test_id("desk-case").filter(has_text=number)
        await row.get_by_test_id("desk-case-open").click()
        await expect(desk.get_by_test_id("desk-case-status")).to_have_attribute(
            "data-status", "SUBMITTED"
        )

        await _advance(desk, "accept", "ACCEPTED")
        await expect(status).to_have_attribute("data-status", "ACCEPTED")
        await _advance(desk, "start_review", "UNDER_REVIEW")
        await _advance(desk, "approve", "APPROVED")
        await expect(status).to_have_attribute("data-status", "APPROVED")
        assert await page.evaluate("window.__stillTheSamePage === true")
    finally:
        await resident.close()
        await officer.close()


async def test_casework_pages_have_no_serious_accessibility_violations(
    demo_server: tuple[str, dict[str, str]], browser: Browser, tmp_path: Path
) -> None:
    """axe-core in Chromium on the resident's casework pages, in Chinese, English and
    elder mode, with real demo data (the desk's pages are audited in Vitest)."""
    base, _ = demo_server
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(JPEG)
    # CSP forbids injected scripts (as it should); the audit context bypasses it.
    context = await browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", bypass_csp=True
    )
    found: dict[str, list[dict[str, Any]]] = {}

    async def audit(name: str, page: Page) -> None:
        found[name] = await _serious_violations(page)

    try:
        page = await context.new_page()
        await page.goto(base + "/services")
        await expect(page.get_by_test_id("catalogue-item").first).to_be_visible()
        await audit("catalogue", page)
        await page.goto(base + f"/services/{ITEM_CODE}")
        await expect(page.get_by_test_id("service-apply")).to_be_visible()
        await audit("service detail", page)
        number = await _apply_as_resident(page, base, photo)
        await audit("submitted", page)
        await page.goto(base + "/cases")
        await expect(page.get_by_test_id("my-case").first).to_be_visible()
        await audit("my cases", page)
        await page.get_by_test_id("my-case").filter(has_text=number).click()
        await expect(page.get_by_test_id("case-status")).to_be_visible()
        await audit("case", page)

        await page.get_by_test_id("language-toggle").click()
        await expect(page.locator("html")).to_have_attribute("lang", "en")
        await page.get_by_test_id("elder-mode-toggle").click()
        await audit("case (en, elder)", page)
        await page.goto(base + "/services")
        await expect(page.get_by_test_id("catalogue-item").first).to_be_visible()
        await audit("catalogue (en, elder)", page)
    finally:
        await context.close()
    assert len(found) == 7, sorted(found)  # every page was audited
    failing = {name: v for name, v in found.items() if v}
    assert not failing, json.dumps(failing, ensure_ascii=False, indent=1)
