"""License test fixtures: the identity world, a license-issuing test item, and a way to
complete a real case so issuance has something to issue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from licenses import issuance
from licenses.issuance import Issued
from licenses.runtime import LicenseRuntime
from licenses.types import LicenseTypeField, LicenseTypeRow, upsert_type
from tests.api.conftest import make_settings, pwa_dist  # noqa: F401
from tests.casework import flow
from tests.casework.factories import publish_item
from tests.identity.actors import World, build_world
from tests.identity.conftest import Api, api, identity_settings, person_named  # noqa: F401

ITEM = flow.ITEM  # 350100-TEST-0001, handled by 350100-ZW
DEPARTMENT = "350100-ZW"
TYPE = LicenseTypeRow(
    code="test-permit",
    type_code="9901",
    name="测试许可证",
    name_en="Test permit",
    department_code=DEPARTMENT,
    category="public-security",
    fields=(LicenseTypeField("reason", "申请事由", "Reason", "reason"),),
    validity_days=30,
    issuing_items=(ITEM,),
)


@pytest.fixture
async def world(api: Api) -> World:  # noqa: F811
    return await build_world(api)


@pytest.fixture
def runtime(api: Api) -> LicenseRuntime:  # noqa: F811
    found: LicenseRuntime = api.app.state.licenses
    return found


@pytest.fixture
async def license_type(api: Api) -> LicenseTypeRow:  # noqa: F811
    await publish_item(ITEM, department=DEPARTMENT)
    await upsert_type(TYPE)
    return TYPE


@dataclass
class Desk:
    token: str
    staff_id: str


@pytest.fixture
async def desk(api: Api, world: World) -> Desk:  # noqa: F811
    """Staff of the issuing department who take cases in, decide them and manage licenses."""
    token, staff_id = await flow.staff_in(api, world, ["window_clerk", "approver"], DEPARTMENT)
    return Desk(token, staff_id)


async def completed_case(api: Api, token: str | None, desk: Desk) -> dict[str, Any]:  # noqa: F811
    """A case of the test item applied for, taken in, approved and completed."""
    case = await flow.submitted_case(api, token, ITEM)
    for action in ("ACCEPT", "START_REVIEW", "APPROVE", "COMPLETE"):
        advanced = await flow.advance(api, desk.token, case["id"], action)
        assert advanced["__typename"] == "Case", advanced
    return case


async def issued_license(
    api: Api,  # noqa: F811
    runtime: LicenseRuntime,
    token: str | None,
    desk: Desk,
) -> Issued:
    case = await completed_case(api, token, desk)
    issued = await issuance.issue_for_case(runtime, case["id"])
    assert issued is not None
    return issued
