"""Verification: the verify page behind the QR code, the published keys and status lists,
tampering, expiry, seal rotation, and the offline CLI."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from PIL import Image

from api.cli import main as cli
from core import clock
from licenses import jws, offline, seals, status_list
from licenses.errors import SealRetired
from licenses.graphql.types import License, LicenseStatus
from licenses.records import LicenseRecord, by_id
from licenses.rendering import qr_png
from licenses.runtime import LicenseRuntime
from licenses.types import LicenseTypeRow
from tests.identity.actors import BASIC, World
from tests.identity.conftest import Api
from tests.licenses.conftest import Desk, issued_license
from tests.licenses.test_rendering import decoded, vector_qr_codes
from tests.tampering import tamper


async def _record(api: Api, runtime: LicenseRuntime, world: World, desk: Desk) -> LicenseRecord:
    issued = await issued_license(api, runtime, world.token(BASIC), desk)
    record = await by_id(issued.license_id)
    assert record is not None
    return record


async def page_status(api: Api, url: str) -> str:
    response = await api.http.get(urlsplit(url).path)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    marker = 'data-testid="verify-status" data-status="'
    start = response.text.index(marker) + len(marker)
    return response.text[start : response.text.index('"', start)]


async def revoke(api: Api, desk: Desk, license_id: object, action: str = "revokeLicense") -> None:
    body = await api.data(
        f"""mutation($id: ID!) {{ {action}(licenseId: $id, reason: "核查发现信息有误")
        {{ __typename ... on License {{ status }} ... on UserError {{ code }} }} }}""",
        {"id": str(license_id)},
        desk.token,
    )
    assert body[action]["__typename"] == "License", body


async def test_the_qr_code_in_the_pdf_opens_a_page_that_says_valid_then_revoked(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    record = await _record(api, runtime, world, desk)
    pdf = await runtime.store.get(record.pdf_key)
    url, _payload = vector_qr_codes(pdf)
    assert await page_status(api, url) == "valid"
    await revoke(api, desk, record.id)
    assert await page_status(api, url) == "revoked"


async def test_the_wallet_qr_decodes_to_the_verify_url(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    record = await _record(api, runtime, world, desk)
    data = await api.data(
        "query { myLicenses { id verifyUrl qrSvg offlineQrSvg signedPayload } }",
        token=world.token(BASIC),
    )
    (shown,) = data["myLicenses"]
    assert shown["qrSvg"].startswith("<svg") and shown["offlineQrSvg"].startswith("<svg")
    assert shown["signedPayload"] == record.jws
    # The PNG of the same text is what a phone camera reads; decode it and follow it.
    (url,) = decoded(Image.open(io.BytesIO(qr_png(shown["verifyUrl"]))))
    assert url == shown["verifyUrl"] and urlsplit(url).path == f"/v/{record.short_code}"
    assert await page_status(api, url) == "valid"


async def test_the_page_shows_minimal_facts_with_the_holder_masked(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    record = await _record(api, runtime, world, desk)
    page = (await api.http.get(f"/v/{record.short_code}")).text
    assert record.identifier in page and license_type.name in page
    assert record.holder_name not in page and record.holder_name[0] + "*" in page
    assert "工作需要" not in page  # field values (answers) are not shown publicly
    english = (await api.http.get(f"/v/{record.short_code}?lang=en")).text
    assert "Valid" in english and license_type.name_en in english
    missing = await api.http.get("/v/abcdefghjk")
    assert missing.status_code == 404 and 'data-testid="verify-missing"' in missing.text


async def test_a_changed_claim_reads_invalid(
    api: Api,
    world: World,
    runtime: LicenseRuntime,
    license_type: LicenseTypeRow,
    desk: Desk,
    database_url: str,
) -> None:
    record = await _record(api, runtime, world, desk)
    url = runtime.verify_url(record.short_code)
    await tamper(
        database_url,
        "UPDATE license SET fields = jsonb_set(fields, '{0,value}', '\"改过的事由\"') "
        f"WHERE id = '{record.id}'",
    )
    assert await page_status(api, url) == "invalid"


async def test_a_changed_signed_payload_reads_invalid(
    api: Api,
    world: World,
    runtime: LicenseRuntime,
    license_type: LicenseTypeRow,
    desk: Desk,
    database_url: str,
) -> None:
    record = await _record(api, runtime, world, desk)
    parsed = jws.parse(record.jws)
    claims = parsed.claims()
    claims["validUntil"] = "2099-01-01T00:00:00Z"
    forged_body = jws.b64url_encode(json.dumps(claims).encode())
    header, _body, signature = record.jws.split(".")
    forged = f"{header}.{forged_body}.{signature}"
    keys = offline.keys_from_jwks(await seals.published_keys())
    assert offline.judge(forged, keys, at=clock.now()).outcome is offline.Outcome.INVALID
    await tamper(database_url, f"UPDATE license SET jws = '{forged}' WHERE id = '{record.id}'")
    assert await page_status(api, runtime.verify_url(record.short_code)) == "invalid"


async def test_one_changed_byte_of_the_stored_pdf_reads_invalid(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    record = await _record(api, runtime, world, desk)
    pdf = await runtime.store.get(record.pdf_key)
    bucket = runtime.settings.app.data_dir / "objects" / runtime.store.bucket
    (blob,) = [p for p in bucket.rglob("*.blob") if p.read_bytes() == pdf]
    changed = bytearray(pdf)
    changed[len(changed) // 2] ^= 0x01
    blob.chmod(0o600)
    blob.write_bytes(bytes(changed))
    assert await page_status(api, runtime.verify_url(record.short_code)) == "invalid"


async def test_suspension_shows_and_reinstating_clears_it(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    record = await _record(api, runtime, world, desk)
    url = runtime.verify_url(record.short_code)
    await revoke(api, desk, record.id, "suspendLicense")
    assert await page_status(api, url) == "suspended"
    await revoke(api, desk, record.id, "reinstateLicense")
    assert await page_status(api, url) == "valid"


async def test_past_valid_until_the_license_reads_expired(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    record = await _record(api, runtime, world, desk)
    assert record.valid_until is not None
    url = runtime.verify_url(record.short_code)
    with clock.frozen_at(record.valid_until - timedelta(seconds=1)):
        assert await page_status(api, url) == "valid"
    with clock.frozen_at(record.valid_until + timedelta(seconds=1)):
        assert await page_status(api, url) == "expired"
        # (The resident's access token would have expired too; the wallet's type is checked.)
        fresh = await by_id(record.id)
        assert fresh is not None
        assert License.of(fresh, holder_view=True).status is LicenseStatus.EXPIRED


async def test_a_rotated_seal_still_verifies_old_licenses_and_never_signs_again(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    old = await _record(api, runtime, world, desk)
    retired = await seals.active_seal(license_type.department_code)
    assert retired is not None and retired.kid == old.kid
    new_seal = await seals.rotate_seal(
        runtime.keys, runtime.store, department_code=license_type.department_code, actor="test"
    )
    assert new_seal.kid != old.kid
    new = await _record(api, runtime, world, desk)
    assert new.kid == new_seal.kid
    for record in (old, new):
        assert await page_status(api, runtime.verify_url(record.short_code)) == "valid"
    published = await seals.published_keys()
    entry = next(k for k in published["keys"] if k["kid"] == old.kid)
    assert entry["retiredAt"] is not None

    stale = next(s for s in await seals.list_seals(license_type.department_code) if not s.active)
    with pytest.raises(SealRetired):
        await seals.sign(
            runtime.keys, stale, b"{}", actor="test", subject_type="test", subject_id="x"
        )
    # Even a signature made with the retired private key after retirement is refused.
    payload = json.loads(old.payload)
    payload["issued"] = (clock.now() + timedelta(minutes=1)).isoformat()
    forged = jws.sign(
        json.dumps(payload).encode(), kid=stale.kid, key=seals.private_key(runtime.keys, stale)
    )
    verdict = offline.judge(
        forged, offline.keys_from_jwks(published), at=clock.now() + timedelta(minutes=2)
    )
    assert verdict.outcome is offline.Outcome.INVALID and "retired" in verdict.reason


async def test_the_status_list_sets_exactly_the_revoked_bit(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    kept = await _record(api, runtime, world, desk)
    revoked = await _record(api, runtime, world, desk)
    await revoke(api, desk, revoked.id)
    response = await api.http.get("/licenses/status/revocation/0")
    assert response.status_code == 200
    document = response.json()
    assert document["credentialSubject"]["statusPurpose"] == "revocation"
    bits = status_list.decode(document["credentialSubject"]["encodedList"])
    assert len(bits) * 8 >= 131_072
    assert status_list.is_set(bits, revoked.status_index)
    assert not status_list.is_set(bits, kept.status_index)
    suspension = (await api.http.get("/licenses/status/suspension/0")).json()
    assert not any(status_list.decode(suspension["credentialSubject"]["encodedList"]))
    assert (await api.http.get("/licenses/status/other/0")).status_code == 404


async def test_the_cli_verifies_offline_from_the_pdf_keys_and_status_list(
    api: Api,
    world: World,
    runtime: LicenseRuntime,
    license_type: LicenseTypeRow,
    desk: Desk,
    tmp_path: Path,
) -> None:
    record = await _record(api, runtime, world, desk)
    pdf_file = tmp_path / "license.pdf"
    pdf_file.write_bytes(await runtime.store.get(record.pdf_key))
    keys_file = tmp_path / "keys.json"
    keys_file.write_text((await api.http.get("/licenses/keys")).text)
    runner = CliRunner()
    # No database settings at all: the command must not need one.
    env = {"ONETAP_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}
    valid = runner.invoke(
        cli, ["license", "verify", str(pdf_file), "--keys", str(keys_file)], env=env
    )
    assert valid.exit_code == 0, valid.output
    assert valid.output.startswith("VALID") and record.identifier in valid.output

    token_file = tmp_path / "payload.txt"
    token_file.write_text(record.jws)
    later = (record.valid_until + timedelta(days=1)).isoformat()  # type: ignore[operator]
    expired = runner.invoke(
        cli, ["license", "verify", str(token_file), "--keys", str(keys_file), "--at", later]
    )
    assert expired.exit_code == 1 and expired.output.startswith("EXPIRED")

    await revoke(api, desk, record.id)
    list_file = tmp_path / "revocation-0.json"
    list_file.write_text((await api.http.get("/licenses/status/revocation/0")).text)
    revoked = runner.invoke(
        cli,
        [
            "license",
            "verify",
            str(pdf_file),
            "--keys",
            str(keys_file),
            "--status-list",
            str(list_file),
        ],
    )
    assert revoked.exit_code == 1 and revoked.output.startswith("REVOKED"), revoked.output
    assert "unsigned status lists" in revoked.output

    # The signed form of the list, checked with the platform's published keys.
    signed_file = tmp_path / "revocation-0.jwt"
    response = await api.http.get("/licenses/status/revocation/0?format=jwt")
    assert response.headers["content-type"].startswith("application/vc+jwt")
    signed_file.write_text(response.text)
    platform_file = tmp_path / "platform.json"
    platform_file.write_text((await api.http.get("/.well-known/jwks.json")).text)
    base = ["license", "verify", str(pdf_file), "--keys", str(keys_file)]
    checked = runner.invoke(
        cli,
        [*base, "--status-list", str(signed_file), "--platform-keys", str(platform_file)],
    )
    assert checked.exit_code == 1 and checked.output.startswith("REVOKED"), checked.output
    assert "checked against signed status lists" in checked.output
    unkeyed = runner.invoke(cli, [*base, "--status-list", str(signed_file)])
    assert unkeyed.exit_code == 1 and "--platform-keys" in unkeyed.output
    # A signed list whose bits were changed (a revocation hidden) is refused, not used.
    header, body, signature = response.text.split(".")
    claims = jws.parse(response.text).claims()
    claims["credentialSubject"]["encodedList"] = status_list.encode([])
    forged_list = f"{header}.{jws.b64url_encode(json.dumps(claims).encode())}.{signature}"
    signed_file.write_text(forged_list)
    refused = runner.invoke(
        cli,
        [*base, "--status-list", str(signed_file), "--platform-keys", str(platform_file)],
    )
    assert refused.exit_code == 1 and "signature is refused" in refused.output, refused.output

    header, body, signature = record.jws.split(".")
    token_file.write_text(f"{header}.{body}.{signature[:-4]}AAAA")
    forged = runner.invoke(cli, ["license", "verify", str(token_file), "--keys", str(keys_file)])
    assert forged.exit_code == 1 and forged.output.startswith("INVALID")
