"""Identity in Debian's Chromium against a real `onetap serve` with the sandbox providers.

The resident journey of the identity issue: register (registry match → basic), add a
passkey, sign out, sign in with the passkey, raise to intermediate with the face check,
and "my identity" shows it. The passkey lives in a CDP virtual authenticator (CTAP2,
platform, resident keys, user verification); the camera is Chromium's fake media stream
(launch flags in conftest.py). Also: axe-core finds no serious or critical violation on
the identity pages this round added.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from playwright.async_api import Browser, BrowserContext, CDPSession, Page, expect

from tests.e2e.conftest import AXE

pytestmark = pytest.mark.e2e

#: A synthetic person the sandbox population registry knows (identity/providers/data).
PERSON = {
    "name": "刘思远",
    "id_number": "350206200108174332",
    "sex": "M",
    "ethnicity": "01",
    "phone": "19905920376",
}
PASSWORD = "Liu-siyuan-2026!"
#: A demo resident seeded by `--seed-demo` (identity/demo.py), basic, with this password.
DEMO_PHONE = "13805911234"
DEMO_PASSWORD = "OneTap-demo-2026"


async def virtual_authenticator(context: BrowserContext, page: Page) -> tuple[CDPSession, str]:
    """A platform authenticator that holds resident keys and always verifies the user."""
    session = await context.new_cdp_session(page)
    await session.send("WebAuthn.enable")
    added = await session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return session, str(added["authenticatorId"])


async def until_video_plays(page: Page) -> None:
    """Wait for the camera preview's first frame (the app's CSP rules out wait_for_function)."""
    video = page.get_by_test_id("face-check-video")
    for _ in range(100):
        if await video.evaluate("element => element.videoWidth") > 0:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the fake camera never produced a frame")


async def register(page: Page, base: str) -> None:
    await page.goto(base + "/register")
    await page.get_by_test_id("register-name").fill(PERSON["name"])
    await page.get_by_test_id("register-id-number").fill(PERSON["id_number"])
    await page.get_by_test_id(f"register-sex-{PERSON['sex']}").check()
    ethnicity = page.get_by_test_id("register-ethnicity")
    await expect(ethnicity.locator(f'option[value="{PERSON["ethnicity"]}"]')).to_have_count(1)
    await ethnicity.select_option(PERSON["ethnicity"])
    await page.get_by_test_id("register-phone").fill(PERSON["phone"])
    await page.get_by_test_id("register-send-code").click()
    await expect(page.get_by_test_id("register-code-sent")).to_be_visible()
    # The sandbox SMS gateway keeps what it "sent"; the demo inbox link reads it back.
    await page.get_by_test_id("register-sandbox-inbox").click()
    use_code = page.get_by_test_id("sandbox-sms-use").first
    await expect(use_code).to_be_visible()
    await use_code.click()
    await expect(page.get_by_test_id("register-sms-code")).to_have_value(
        await use_code.get_attribute("data-code") or ""
    )
    await page.get_by_test_id("register-password").fill(PASSWORD)
    await page.get_by_test_id("register-submit").click()
    await expect(page).to_have_url(base + "/me")


async def test_register_passkey_sign_in_and_face_check_to_intermediate(
    live_server: str, phone: BrowserContext
) -> None:
    base = live_server
    await phone.grant_permissions(["camera"], origin=base)
    page = await phone.new_page()
    authenticator, authenticator_id = await virtual_authenticator(phone, page)

    # Register: the registry knows this person, so they are basic.
    await register(page, base)
    await expect(page.get_by_test_id("me-name")).to_have_text(PERSON["name"])
    await expect(page.get_by_test_id("me-tier")).to_have_attribute("data-tier", "BASIC")

    # Add a passkey on this device (my devices → my passkeys).
    await page.get_by_test_id("me-devices").click()
    await page.get_by_test_id("devices-passkeys").click()
    await expect(page.get_by_test_id("passkeys-empty")).to_be_visible()
    await page.get_by_test_id("passkey-nickname").fill("测试手机")
    await page.get_by_test_id("passkey-add").click()
    await expect(page.get_by_test_id("passkey-item")).to_have_count(1)
    await expect(page.get_by_test_id("passkey-name")).to_have_text("测试手机")
    credentials = await authenticator.send(
        "WebAuthn.getCredentials", {"authenticatorId": authenticator_id}
    )
    assert len(credentials["credentials"]) == 1
    assert credentials["credentials"][0]["isResidentCredential"] is True

    # Sign out, then back in with the passkey alone (no account named).
    await page.goto(base + "/me/devices")
    await page.get_by_test_id("logout").click()
    await expect(page).to_have_url(base + "/")
    await page.goto(base + "/login")
    await page.get_by_test_id("login-passkey").click()
    await expect(page).to_have_url(base + "/me")
    await expect(page.get_by_test_id("me-name")).to_have_text(PERSON["name"])
    await expect(page.get_by_test_id("me-tier")).to_have_attribute("data-tier", "BASIC")

    # The passkey now shows when it was last used.
    await page.goto(base + "/me/passkeys")
    await expect(page.get_by_test_id("passkey-last-used")).not_to_have_text("尚未用于登录")

    # Raise to intermediate with the face check and the (fake) front camera.
    await page.goto(base + "/me")
    await page.get_by_test_id("me-raise-tier").click()
    await page.get_by_test_id("raise-face").click()
    await expect(page.get_by_test_id("face-check")).to_have_attribute("data-purpose", "TIER")
    await page.get_by_test_id("face-check-start").click()
    capture = page.get_by_test_id("face-check-capture")
    await expect(capture).to_be_enabled()
    await until_video_plays(page)
    await capture.click()
    await expect(page.get_by_test_id("face-check-passed")).to_be_visible()
    await expect(page.get_by_test_id("face-check-tier")).to_have_attribute(
        "data-tier", "INTERMEDIATE"
    )
    # The camera is released once the photo is taken.
    assert await page.evaluate("document.querySelector('[data-testid=face-check-video]') === null")
    await page.get_by_test_id("face-check-continue").click()

    # "My identity" shows the new level and the face evidence behind it.
    await expect(page).to_have_url(base + "/me")
    await expect(page.get_by_test_id("me-tier")).to_have_attribute("data-tier", "INTERMEDIATE")
    face = page.locator('[data-testid="me-evidence-item"][data-method="face"]')
    await expect(face).to_have_count(1)
    await expect(face).to_have_attribute("data-revoked", "false")


async def _serious_violations(page: Page) -> list[dict[str, Any]]:
    await page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = await page.evaluate("axe.run(document)")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


async def test_identity_pages_have_no_serious_accessibility_violations(
    live_server: str, browser: Browser
) -> None:
    base = live_server
    # CSP forbids injected scripts (as it should); the audit context bypasses it.
    context = await browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", bypass_csp=True
    )
    found: dict[str, list[dict[str, Any]]] = {}

    async def audit(name: str, page: Page) -> None:
        found[name] = await _serious_violations(page)

    try:
        await context.grant_permissions(["camera"], origin=base)
        page = await context.new_page()
        await page.goto(base + "/login")
        await expect(page.get_by_test_id("login-passkey")).to_be_visible()
        await audit("login", page)
        await page.get_by_test_id("login-identifier").fill(DEMO_PHONE)
        await page.get_by_test_id("login-password").fill(DEMO_PASSWORD)
        await page.get_by_test_id("login-submit").click()
        await expect(page.get_by_test_id("identity-sensitive")).to_be_visible()
        await audit("me", page)

        await page.goto(base + "/me/passkeys")
        await expect(page.get_by_test_id("passkey-add")).to_be_visible()
        await audit("passkeys", page)
        await page.goto(base + "/me/devices")
        await expect(page.get_by_test_id("devices-passkey-count")).to_be_visible()
        await audit("devices", page)

        await page.goto(base + "/me/verify")
        await page.get_by_test_id("raise-counter").click()
        await expect(page.get_by_test_id("counter-qr")).to_be_visible()
        await audit("raise: counter QR", page)
        await page.get_by_test_id("raise-bank-card").click()
        await expect(page.get_by_test_id("bank-card-account")).to_be_visible()
        await audit("raise: bank card", page)

        await page.goto(base + "/verify/face")
        await audit("face: intro", page)
        await page.get_by_test_id("face-check-start").click()
        await expect(page.get_by_test_id("face-check-capture")).to_be_enabled()
        await audit("face: camera", page)
        await page.goto(base + "/verify/face?action=identity.reveal_id_number&redirect=%2Fme")
        await expect(page.get_by_test_id("face-check-action")).to_be_visible()
        await audit("face: step-up", page)

        # English and elder mode: the same pages, larger.
        await page.goto(base + "/me/verify")
        await page.get_by_test_id("language-toggle").click()
        await expect(page.locator("html")).to_have_attribute("lang", "en")
        await page.get_by_test_id("elder-mode-toggle").click()
        await page.get_by_test_id("raise-housing-fund").click()
        await audit("raise (en, elder)", page)
        await page.goto(base + "/me/passkeys")
        await expect(page.get_by_test_id("passkey-add")).to_be_visible()
        await audit("passkeys (en, elder)", page)
        await page.goto(base + "/me")
        await expect(page.get_by_test_id("identity-sensitive")).to_be_visible()
        await audit("me (en, elder)", page)
    finally:
        await context.close()
    failing = {name: v for name, v in found.items() if v}
    assert not failing, json.dumps(failing, ensure_ascii=False, indent=1)
