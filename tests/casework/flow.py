"""GraphQL steps of an application and its handling, as the PWA takes them.

Shared by the case tests: start, save, upload (request → PUT → confirm), submit,
advance, read; plus the smallest real JPEG/PNG/PDF headers and a way to sign in staff
of any department.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx

from identity import sessions
from tests.identity.actors import World
from tests.identity.conftest import Api
from tests.identity.test_face import identity_runtime

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(range(200))
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(200))
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + b"0" * 100

CASE_FIELDS = """id number status applicantKind applicantName enterpriseName answers
    deliveryMethod deliveryAddress feeFen feeSettled createdAt submittedAt acceptedAt dueOn
    promisedOn decidedAt completedAt lastReason availableActions overdue
    item { code versionId version }
    materials { id slot source status fileName contentType sizeBytes downloadUrl }
    timeline { action fromStatus toStatus actorRole reason at }
    rating { score } warnings { id }"""

ERRORS = """... on UserError { code message }
    ... on FormInvalidError { problems { field reason } }
    ... on MaterialRejectedError { reason }
    ... on InvalidInputError { field reason }"""

CASE_RESULT = f"__typename ... on Case {{ {CASE_FIELDS} }} {ERRORS}"

START = f"mutation($c: String!) {{ startApplication(itemCode: $c) {{ {CASE_RESULT} }} }}"
SAVE = f"""mutation($id: ID!, $a: JSON!, $m: DeliveryOption, $d: String) {{
    saveApplicationForm(caseId: $id, answers: $a, deliveryMethod: $m, deliveryAddress: $d)
    {{ {CASE_RESULT} }} }}"""
REQUEST_UPLOAD = f"""mutation($id: ID!, $s: String!, $f: String!, $t: String!, $n: Int!) {{
    requestMaterialUpload(caseId: $id, slot: $s, fileName: $f, contentType: $t, sizeBytes: $n)
    {{ __typename ... on MaterialUploadTicket {{ materialId uploadUrl method
        headers {{ name value }} expiresAt }} {ERRORS} }} }}"""
CONFIRM = f"""mutation($id: ID!) {{ confirmMaterialUpload(materialId: $id) {{ __typename
    ... on CaseMaterial {{ id slot source status fileName contentType sizeBytes downloadUrl }}
    {ERRORS} }} }}"""
REMOVE = f"mutation($id: ID!) {{ removeMaterial(materialId: $id) {{ {CASE_RESULT} }} }}"
SUBMIT = f"""mutation($id: ID!, $s: String) {{ submitApplication(caseId: $id, stepUpId: $s)
    {{ {CASE_RESULT} }} }}"""
RESUBMIT = f"mutation($id: ID!) {{ resubmitApplication(caseId: $id) {{ {CASE_RESULT} }} }}"
WITHDRAW = f"""mutation($id: ID!, $r: String!) {{ withdrawApplication(caseId: $id, reason: $r)
    {{ {CASE_RESULT} }} }}"""
ADVANCE = f"""mutation($id: ID!, $a: CaseAction!, $r: String) {{
    advanceCase(caseId: $id, action: $a, reason: $r) {{ {CASE_RESULT} }} }}"""
CASE = f"query($id: ID!) {{ case(id: $id) {{ {CASE_FIELDS} }} }}"
CASE_BY_NUMBER = f"query($n: String!) {{ caseByNumber(number: $n) {{ {CASE_FIELDS} }} }}"
MY_CASES = """query($s: CaseStatus, $f: Int, $a: String) { myCases(status: $s, first: $f, after: $a)
    { pageInfo { hasNextPage endCursor } edges { cursor node { id number status } } } }"""
QUEUE = """query($q: CaseQueue!, $f: Int, $a: String) { caseQueue(queue: $q, first: $f, after: $a)
    { pageInfo { hasNextPage endCursor } edges { node { id number status dueOn } } } }"""

ITEM = "350100-TEST-0001"
ANSWERS = {"reason": "工作需要", "copies": 2}


async def run(api: Api, query: str, variables: dict[str, Any], token: str | None) -> dict[str, Any]:
    """The one field of a mutation or query's data (asserting no GraphQL error)."""
    data = await api.data(query, variables, token)
    (value,) = data.values()
    result: dict[str, Any] = value
    return result


async def start(api: Api, token: str | None, code: str = ITEM) -> dict[str, Any]:
    return await run(api, START, {"c": code}, token)


async def save(
    api: Api,
    token: str | None,
    case_id: str,
    answers: Any = None,
    method: str | None = None,
    address: str | None = None,
) -> dict[str, Any]:
    variables = {"id": case_id, "a": ANSWERS if answers is None else answers, "m": method}
    variables["d"] = address
    return await run(api, SAVE, variables, token)


async def request_upload(
    api: Api,
    token: str | None,
    case_id: str,
    *,
    slot: str = "photo",
    content_type: str = "image/jpeg",
    size: int = len(JPEG),
    file_name: str = "photo.jpg",
) -> dict[str, Any]:
    variables = {"id": case_id, "s": slot, "f": file_name, "t": content_type, "n": size}
    return await run(api, REQUEST_UPLOAD, variables, token)


async def put(api: Api, ticket: dict[str, Any], data: bytes) -> httpx.Response:
    """PUT ``data`` to a ticket's URL: the app's own /objects route (filesystem store)."""
    parts = urlsplit(ticket["uploadUrl"])
    headers = {h["name"]: h["value"] for h in ticket["headers"]}
    return await api.http.put(f"{parts.path}?{parts.query}", content=data, headers=headers)


async def confirm(api: Api, token: str | None, material_id: str) -> dict[str, Any]:
    return await run(api, CONFIRM, {"id": material_id}, token)


async def upload(
    api: Api,
    token: str | None,
    case_id: str,
    data: bytes = JPEG,
    *,
    slot: str = "photo",
    content_type: str = "image/jpeg",
) -> dict[str, Any]:
    """Request, PUT and confirm one file; the confirmation's result."""
    ticket = await request_upload(
        api, token, case_id, slot=slot, content_type=content_type, size=len(data)
    )
    assert ticket["__typename"] == "MaterialUploadTicket", ticket
    response = await put(api, ticket, data)
    assert response.status_code == 200, response.text
    return await confirm(api, token, ticket["materialId"])


async def submit(
    api: Api, token: str | None, case_id: str, step_up_id: str | None = None
) -> dict[str, Any]:
    """The submission's whole response body (errors included)."""
    return await api.gql(SUBMIT, {"id": case_id, "s": step_up_id}, token)


async def advance(
    api: Api, token: str | None, case_id: str, action: str, reason: str | None = None
) -> dict[str, Any]:
    return await run(api, ADVANCE, {"id": case_id, "a": action, "r": reason}, token)


async def read(api: Api, token: str | None, case_id: str) -> dict[str, Any] | None:
    data = await api.data(CASE, {"id": case_id}, token)
    found: dict[str, Any] | None = data["case"]
    return found


async def submitted_case(api: Api, token: str | None, code: str = ITEM) -> dict[str, Any]:
    """A case of ``code`` started, filled, with its photo, and submitted."""
    started = await start(api, token, code)
    assert started["__typename"] == "Case", started
    saved = await save(api, token, started["id"])
    assert saved["__typename"] == "Case", saved
    confirmed = await upload(api, token, started["id"])
    assert confirmed["__typename"] == "CaseMaterial", confirmed
    body = await submit(api, token, started["id"])
    assert "errors" not in body, body
    case: dict[str, Any] = body["data"]["submitApplication"]
    assert case["__typename"] == "Case" and case["status"] == "SUBMITTED", case
    return case


async def staff_in(
    api: Api, world: World, roles: list[str], department: str | None
) -> tuple[str, str]:
    """A new staff member of ``department`` with ``roles``, signed in: (token, staff id)."""
    staff_id = await world.add_staff(roles, department=department)
    tokens = await sessions.start_session(
        identity_runtime(api), subject=f"staff:{staff_id}", amr=("pwd", "hwk"), device="test"
    )
    return tokens.access_token, staff_id
