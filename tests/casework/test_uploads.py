"""Material uploads against the app's real object store, on both backends.

Every test runs twice: on the embedded filesystem store (presigned URLs served by the
app's /objects route) and on S3 (moto's server, presigned URLs straight to it). A refused
file must leave nothing behind — neither the object nor the material row.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from api.app import create_app
from casework import materials
from casework.tables import CaseMaterial
from core import clock
from core.objectstore import ObjectNotFound, ObjectStore
from core.settings import Settings
from tests.api.conftest import serving
from tests.casework import factories, flow
from tests.identity.actors import World
from tests.identity.conftest import FAST_ARGON2, Api
from tests.identity.test_face import identity_runtime
from tests.s3_server import S3Endpoint, running_s3_server

GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + bytes(64)
SMALL_SLOT = {**factories.PHOTO_SLOT, "maxBytes": 1024}


@pytest.fixture(scope="module")
def s3_server() -> Iterator[S3Endpoint]:
    with running_s3_server() as endpoint:
        yield endpoint


@pytest.fixture(params=["filesystem", "s3"])
async def api(
    request: pytest.FixtureRequest,
    database_url: str,
    make_settings: Callable[..., Settings],
    s3_server: S3Endpoint,
) -> AsyncIterator[Api]:
    """The test app on each object-store backend (overrides the casework ``api``)."""
    env = dict(FAST_ARGON2)
    if request.param == "s3":
        env.update(
            ONETAP_OBJECTS_BACKEND="s3",
            ONETAP_OBJECTS_S3_ENDPOINT=s3_server.endpoint,
            ONETAP_OBJECTS_S3_ACCESS_KEY=s3_server.access_key,
            ONETAP_OBJECTS_S3_SECRET_KEY=s3_server.secret_key,
            ONETAP_OBJECTS_S3_REGION=s3_server.region,
            ONETAP_OBJECTS_BUCKET=f"onetap-{uuid.uuid4().hex[:12]}",
        )
    app = create_app(make_settings(**env), database_url=database_url, run_worker=False)
    async with serving(app) as http:
        yield Api(http, app)


@pytest.fixture
async def outside() -> AsyncIterator[httpx.AsyncClient]:
    """A browser's own HTTP client, for URLs that point at S3 rather than the app."""
    async with httpx.AsyncClient(trust_env=False) as client:
        yield client


def store(api: Api) -> ObjectStore:
    return identity_runtime(api).objects


def on_app(api: Api, url: str) -> bool:
    return url.startswith(identity_runtime(api).settings.app.public_url)


async def put(
    api: Api, outside: httpx.AsyncClient, ticket: dict[str, Any], data: bytes
) -> httpx.Response:
    if on_app(api, ticket["uploadUrl"]):
        return await flow.put(api, ticket, data)
    headers = {h["name"]: h["value"] for h in ticket["headers"]}
    return await outside.put(ticket["uploadUrl"], content=data, headers=headers)


async def download(api: Api, outside: httpx.AsyncClient, url: str) -> bytes:
    if on_app(api, url):
        parts = urlsplit(url)
        response = await api.http.get(f"{parts.path}?{parts.query}")
    else:
        response = await outside.get(url)
    assert response.status_code == 200, response.text
    return response.content


async def upload(
    api: Api,
    outside: httpx.AsyncClient,
    token: str | None,
    case_id: str,
    data: bytes,
    *,
    slot: str = "photo",
    declared: str = "image/jpeg",
    size: int | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Request, PUT and confirm: (ticket, confirmation result)."""
    ticket = await flow.request_upload(
        api,
        token,
        case_id,
        slot=slot,
        content_type=declared,
        size=len(data) if size is None else size,
    )
    assert ticket["__typename"] == "MaterialUploadTicket", ticket
    response = await put(api, outside, ticket, data)
    assert response.status_code == 200, response.text
    return ticket, await flow.confirm(api, token, ticket["materialId"])


async def assert_nothing_stored(api: Api, case_id: str, material_id: str) -> None:
    assert await CaseMaterial.count().where(CaseMaterial.id == material_id) == 0
    for key in (f"cases/{case_id}/{material_id}", materials.accepted_key(case_id, material_id)):
        with pytest.raises(ObjectNotFound):
            await store(api).stat(key)


async def draft(api: Api, world: World, **item: Any) -> tuple[str | None, str]:
    await factories.publish_item(**item)
    token = world.token("basic")
    started = await flow.start(api, token)
    assert started["__typename"] == "Case", started
    return token, started["id"]


async def test_good_files_are_accepted_and_their_bytes_stored(
    api: Api, world: World, outside: httpx.AsyncClient
) -> None:
    token, case_id = await draft(api, world)
    ticket, photo = await upload(api, outside, token, case_id, flow.JPEG)
    assert ticket["method"] == "PUT"
    assert {"name": "Content-Type", "value": "image/jpeg"} in ticket["headers"]
    assert (photo["status"], photo["contentType"], photo["sizeBytes"]) == (
        "accepted",
        "image/jpeg",
        len(flow.JPEG),
    )
    # The PUT through the presigned URL stored exactly these bytes.
    stored = await store(api).get(materials.accepted_key(case_id, photo["id"]))
    assert stored == flow.JPEG
    assert await download(api, outside, photo["downloadUrl"]) == flow.JPEG
    # The upload key is gone once the checked bytes are in place.
    with pytest.raises(ObjectNotFound):
        await store(api).stat(f"cases/{case_id}/{photo['id']}")

    _, pdf = await upload(
        api, outside, token, case_id, flow.PDF, slot="proof", declared="application/pdf"
    )
    _, scan = await upload(api, outside, token, case_id, flow.JPEG, slot="proof")
    assert (pdf["contentType"], scan["contentType"]) == ("application/pdf", "image/jpeg")
    case = await flow.read(api, token, case_id)
    assert case is not None
    assert sorted(m["slot"] for m in case["materials"]) == ["photo", "proof", "proof"]


async def test_the_type_is_what_the_bytes_say_not_what_was_declared(
    api: Api, world: World, outside: httpx.AsyncClient
) -> None:
    token, case_id = await draft(api, world)
    # A PNG declared as a JPEG: the photo slot takes both, and records what it really is.
    _, png = await upload(api, outside, token, case_id, flow.PNG)
    assert (png["status"], png["contentType"]) == ("accepted", "image/png")
    await flow.run(api, flow.REMOVE, {"id": png["id"]}, token)

    for data in (GIF, flow.PDF, b"<html><script>alert(1)</script></html>"):
        ticket, refused = await upload(api, outside, token, case_id, data)
        assert (refused["__typename"], refused["reason"]) == ("MaterialRejectedError", "wrong_type")
        await assert_nothing_stored(api, case_id, ticket["materialId"])

    # A declared type the slot does not take is refused before any URL is issued.
    before = await CaseMaterial.count()
    refused = await flow.request_upload(api, token, case_id, content_type="application/pdf")
    assert (refused["__typename"], refused["reason"]) == ("MaterialRejectedError", "wrong_type")
    unknown = await flow.request_upload(api, token, case_id, slot="passport")
    assert (unknown["__typename"], unknown["field"]) == ("InvalidInputError", "slot")
    assert await CaseMaterial.count() == before


async def test_oversize_files_are_refused_declared_or_actual(
    api: Api, world: World, outside: httpx.AsyncClient
) -> None:
    token, case_id = await draft(api, world, materials=[SMALL_SLOT])
    declared = await flow.request_upload(api, token, case_id, size=1025)
    assert (declared["__typename"], declared["reason"]) == ("MaterialRejectedError", "too_large")
    assert await CaseMaterial.count() == 0

    big = flow.JPEG + bytes(1024)
    ticket, refused = await upload(api, outside, token, case_id, big, size=100)
    assert (refused["__typename"], refused["reason"]) == ("MaterialRejectedError", "too_large")
    await assert_nothing_stored(api, case_id, ticket["materialId"])
    # Exactly the limit is fine.
    _, fits = await upload(api, outside, token, case_id, flow.JPEG + bytes(1024 - len(flow.JPEG)))
    assert (fits["status"], fits["sizeBytes"]) == ("accepted", 1024)


async def test_a_slot_takes_at_most_its_number_of_files(
    api: Api, world: World, outside: httpx.AsyncClient
) -> None:
    token, case_id = await draft(api, world)
    pending = await flow.request_upload(api, token, case_id)
    assert pending["__typename"] == "MaterialUploadTicket"
    # A pending upload holds its place.
    full = await flow.request_upload(api, token, case_id)
    assert (full["__typename"], full["reason"]) == ("MaterialRejectedError", "too_many")
    assert await CaseMaterial.count() == 1
    # A refused upload frees it again.
    await put(api, outside, pending, GIF)
    refused = await flow.confirm(api, token, pending["materialId"])
    assert refused["reason"] == "wrong_type"
    _, photo = await upload(api, outside, token, case_id, flow.JPEG)
    assert photo["status"] == "accepted"
    full = await flow.request_upload(api, token, case_id)
    assert full["reason"] == "too_many"
    # Two proofs at most.
    for _ in range(2):
        await upload(
            api, outside, token, case_id, flow.PDF, slot="proof", declared="application/pdf"
        )
    third = await flow.request_upload(
        api, token, case_id, slot="proof", content_type="application/pdf", size=len(flow.PDF)
    )
    assert third["reason"] == "too_many"


async def test_empty_and_missing_uploads_are_refused(
    api: Api, world: World, outside: httpx.AsyncClient
) -> None:
    token, case_id = await draft(api, world)
    declared = await flow.request_upload(api, token, case_id, size=0)
    assert (declared["__typename"], declared["reason"]) == ("MaterialRejectedError", "empty")
    ticket, refused = await upload(api, outside, token, case_id, b"", size=10)
    assert refused["reason"] == "empty"
    await assert_nothing_stored(api, case_id, ticket["materialId"])

    never_put = await flow.request_upload(api, token, case_id)
    missing = await flow.confirm(api, token, never_put["materialId"])
    assert (missing["__typename"], missing["reason"]) == ("MaterialRejectedError", "not_uploaded")
    await assert_nothing_stored(api, case_id, never_put["materialId"])


async def test_bytes_put_after_the_check_never_become_the_material(
    api: Api, world: World, outside: httpx.AsyncClient
) -> None:
    token, case_id = await draft(api, world)
    ticket, photo = await upload(api, outside, token, case_id, flow.JPEG)
    # The URL still works for a few minutes; what is put through it now changes nothing.
    assert (await put(api, outside, ticket, GIF)).status_code == 200
    again = await flow.confirm(api, token, photo["id"])
    assert (again["status"], again["contentType"]) == ("accepted", "image/jpeg")
    case = await flow.read(api, token, case_id)
    assert case is not None
    assert await download(api, outside, case["materials"][0]["downloadUrl"]) == flow.JPEG


async def test_removing_a_material_deletes_its_object(
    api: Api, world: World, outside: httpx.AsyncClient
) -> None:
    token, case_id = await draft(api, world)
    _, photo = await upload(api, outside, token, case_id, flow.JPEG)
    removed = await flow.run(api, flow.REMOVE, {"id": photo["id"]}, token)
    assert removed["materials"] == []
    await assert_nothing_stored(api, case_id, photo["id"])
    # Once submitted, the materials are fixed.
    await flow.save(api, token, case_id)
    await upload(api, outside, token, case_id, flow.JPEG)
    assert "errors" not in await flow.submit(api, token, case_id)
    late = await flow.request_upload(api, token, case_id, slot="proof")
    assert late["code"] == "CONFLICT"


async def test_uploads_never_confirmed_are_deleted_after_an_hour(
    api: Api, world: World, outside: httpx.AsyncClient
) -> None:
    token, case_id = await draft(api, world)
    old = await flow.request_upload(api, token, case_id)
    await put(api, outside, old, flow.JPEG)
    fresh = await flow.request_upload(
        api, token, case_id, slot="proof", content_type="application/pdf", size=len(flow.PDF)
    )
    await put(api, outside, fresh, flow.PDF)
    _, kept = await upload(
        api, outside, token, case_id, flow.PDF, slot="proof", declared="application/pdf"
    )
    an_hour_ago = clock.now() - timedelta(hours=1, seconds=1)
    await CaseMaterial.update({CaseMaterial.created_at: an_hour_ago}).where(
        CaseMaterial.id.is_in([old["materialId"], kept["id"]])
    )

    assert await materials.delete_stale_uploads(store(api), clock.now()) == 1
    await assert_nothing_stored(api, case_id, old["materialId"])
    remaining = {row["id"] for row in await CaseMaterial.select(CaseMaterial.id)}
    assert remaining == {uuid.UUID(fresh["materialId"]), uuid.UUID(kept["id"])}
    assert await store(api).get(f"cases/{case_id}/{fresh['materialId']}") == flow.PDF
    assert await materials.delete_stale_uploads(store(api), clock.now()) == 0


def test_magic_bytes() -> None:
    assert materials.sniff(flow.JPEG) == "image/jpeg"
    assert materials.sniff(flow.PNG) == "image/png"
    assert materials.sniff(flow.PDF) == "application/pdf"
    for other in (b"", b"\xff\xd8", b"\x89PNG\r\n", b"%PDF", GIF, b"PK\x03\x04"):
        assert materials.sniff(other) is None


async def test_bytes_put_through_a_settled_upload_url_are_swept_once_it_expires(
    api: Api, world: World, outside: httpx.AsyncClient
) -> None:
    """A refused, an accepted and a removed upload: their URLs work a few minutes more;
    whatever is PUT through them then is deleted by the sweep once they have expired."""
    token, case_id = await draft(api, world)
    refused_ticket, refused = await upload(api, outside, token, case_id, GIF)
    assert refused["__typename"] == "MaterialRejectedError", refused
    accepted_ticket, accepted = await upload(api, outside, token, case_id, flow.JPEG)
    removed_ticket, removed = await upload(
        api, outside, token, case_id, flow.PDF, slot="proof", declared="application/pdf"
    )
    gone = await flow.run(api, flow.REMOVE, {"id": removed["id"]}, token)
    assert [m["id"] for m in gone["materials"]] == [accepted["id"]]

    tickets = (refused_ticket, accepted_ticket, removed_ticket)
    for ticket in tickets:
        assert (await put(api, outside, ticket, flow.JPEG)).status_code == 200
    keys = [f"cases/{case_id}/{ticket['materialId']}" for ticket in tickets]
    for key in keys:
        assert await store(api).get(key) == flow.JPEG  # orphans, for now

    # Not while the URLs may still be used ...
    assert await materials.delete_stale_uploads(store(api), clock.now()) == 0
    assert await store(api).get(keys[0]) == flow.JPEG
    # ... but once they have expired, every orphan goes, and the accepted material stays.
    later = clock.now() + timedelta(minutes=10)
    assert await materials.delete_stale_uploads(store(api), later) == 3
    for key in keys:
        with pytest.raises(ObjectNotFound):
            await store(api).stat(key)
    case = await flow.read(api, token, case_id)
    assert case is not None
    assert await download(api, outside, case["materials"][0]["downloadUrl"]) == flow.JPEG
    assert await materials.delete_stale_uploads(store(api), later) == 0
