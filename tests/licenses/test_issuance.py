"""Issuance on case completion: identifier, signed payload, PDF in the bucket, idempotence."""

from __future__ import annotations

import asyncio
import hashlib
import uuid

from core.audit.tables import AuditEntry
from licenses import issuance, offline, seals
from licenses.identifiers import is_valid
from licenses.records import by_id
from licenses.runtime import LicenseRuntime
from licenses.tables import License
from licenses.types import LicenseTypeRow
from tests.casework import flow
from tests.identity.actors import BASIC, World
from tests.identity.conftest import Api
from tests.licenses.conftest import Desk, completed_case, issued_license
from tests.licenses.test_rendering import vector_qr_codes


async def test_a_completed_case_issues_a_sealed_license_with_its_pdf(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    issued = await issued_license(api, runtime, world.token(BASIC), desk)
    record = await by_id(issued.license_id)
    assert record is not None and issued.created
    assert is_valid(record.identifier) and record.identifier.startswith("1.2.156.3005.2.9901.")
    assert record.holder_kind == "person" and str(record.holder_person) == world.person_ids[BASIC]
    assert [(f.key, f.value) for f in record.fields] == [("reason", flow.ANSWERS["reason"])]
    assert record.valid_until is not None
    assert (record.valid_until - record.valid_from).days == license_type.validity_days

    # The signed payload verifies with the published keys alone.
    keys = offline.keys_from_jwks(await seals.published_keys())
    verdict = offline.judge(record.jws, keys, at=record.issued_at)
    assert verdict.outcome is offline.Outcome.VALID, verdict
    assert verdict.claims["identifier"] == record.identifier
    subject = verdict.claims["credentialSubject"]
    assert subject["name"].endswith("**") and "*" in subject["label"]
    assert subject["idNumberDigest"] and subject["salt"]

    # The PDF is in the licenses bucket, its digest recorded, its QR codes the URL and payload.
    assert runtime.store.bucket == runtime.settings.licenses.bucket
    pdf = await runtime.store.get(record.pdf_key)
    assert hashlib.sha256(pdf).hexdigest() == record.pdf_sha256
    assert vector_qr_codes(pdf) == [runtime.verify_url(record.short_code), record.jws]

    actions = {
        row["action"]
        for row in await AuditEntry.select(AuditEntry.action).where(
            AuditEntry.subject_id == str(record.id)
        )
    }
    assert {"licenses.issued", "licenses.seal_used"} <= actions


async def test_the_payload_never_carries_the_id_number(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    from identity import pii
    from identity.tables import Person

    issued = await issued_license(api, runtime, world.token(BASIC), desk)
    row = (
        await Person.select(Person.id_number_enc)
        .where(Person.id == world.person_ids[BASIC])
        .first()
    )
    assert row is not None
    id_number = pii.unseal(runtime.keys, row["id_number_enc"], pii.ID_NUMBER)
    record = await by_id(issued.license_id)
    assert record is not None
    assert id_number not in record.payload and id_number not in record.jws
    pdf = await runtime.store.get(record.pdf_key)
    assert id_number.encode() not in pdf


async def test_issuing_again_finds_the_license_instead_of_issuing_twice(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    case = await completed_case(api, world.token(BASIC), desk)
    first, second = await asyncio.gather(
        issuance.issue_for_case(runtime, case["id"]),
        issuance.issue_for_case(runtime, case["id"]),
    )
    assert first is not None and second is not None
    assert first.license_id == second.license_id
    assert sorted([first.created, second.created]) == [False, True]
    again = await issuance.issue_for_case(runtime, case["id"])
    assert again is not None and not again.created and again.license_id == first.license_id
    assert await License.count().where(License.case == case["id"]) == 1
    assert await issuance.issue_pending(runtime) == []


async def test_the_job_issues_what_completed_cases_are_owed(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    case = await completed_case(api, world.token(BASIC), desk)
    issued = await issuance.issue_pending(runtime)
    assert [i.created for i in issued] == [True]
    assert await License.count().where(License.case == case["id"]) == 1


async def test_cases_not_completed_or_of_other_items_issue_nothing(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    case = await flow.submitted_case(api, world.token(BASIC), flow.ITEM)
    assert await issuance.issue_for_case(runtime, case["id"]) is None
    assert await issuance.issue_for_case(runtime, uuid.uuid4()) is None
    assert await License.count() == 0


async def test_serials_and_status_indexes_are_distinct(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    one = await issued_license(api, runtime, world.token(BASIC), desk)
    two = await issued_license(api, runtime, world.token(BASIC), desk)
    rows = await License.select(License.identifier, License.status_index, License.short_code)
    assert len({r["identifier"] for r in rows}) == 2 and one.identifier != two.identifier
    assert len({r["status_index"] for r in rows}) == 2
    assert len({r["short_code"] for r in rows}) == 2


async def test_status_indexes_are_random_free_positions_even_when_issued_at_once(
    api: Api, world: World, runtime: LicenseRuntime, license_type: LicenseTypeRow, desk: Desk
) -> None:
    from core import clock
    from licenses.issuance import HolderRef
    from licenses.status_list import LIST_BITS

    holder = HolderRef("person", uuid.UUID(world.person_ids[BASIC]))
    issued = await asyncio.gather(
        *(
            issuance.issue(
                runtime,
                license_type=license_type,
                holder=holder,
                fields=[("reason", f"第{n}次")],
                at=clock.now(),
            )
            for n in range(8)
        )
    )
    assert len({i.license_id for i in issued}) == 8
    indexes = [r["status_index"] for r in await License.select(License.status_index)]
    assert len(set(indexes)) == 8 and all(0 <= i < LIST_BITS for i in indexes)
    # Sequential positions would reveal the order of issue; random ones (almost surely) not.
    assert set(indexes) != set(range(8))
