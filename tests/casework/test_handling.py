"""Staff handling: the full path with roles, corrections, reasons, fees, deadlines, queues,
the timeline and audit trail, the live notification, and one advance per click."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg
import pytest

from casework import fees, handling, live
from casework.calendar import load_calendar
from casework.errors import Conflict, InvalidInput, NotFound
from casework.numbers import shanghai_date
from casework.states import CaseAction
from casework.tables import Case, CaseEvent, Holiday
from core import clock
from core.audit.tables import AuditEntry
from core.graphql.context import Viewer
from tests.casework import factories, flow
from tests.identity.actors import World
from tests.identity.conftest import Api


async def audit_actions(case_id: str) -> list[str]:
    rows = (
        await AuditEntry.select(AuditEntry.action)
        .where((AuditEntry.subject_type == "case") & (AuditEntry.subject_id == case_id))
        .order_by(AuditEntry.seq)
    )
    return [row["action"] for row in rows]


def steps(case: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(e["action"], e["toStatus"], e["actorRole"]) for e in case["timeline"]]


async def test_the_full_path_from_submission_to_delivery_with_the_right_roles(
    api: Api, world: World
) -> None:
    await factories.publish_item()
    case = await flow.submitted_case(api, world.token("basic"))
    case_id = case["id"]
    clerk, approver = world.token("window_clerk"), world.token("approver")
    assert (await flow.read(api, clerk, case_id) or {})["availableActions"] == [
        "ACCEPT",
        "REJECT",
        "REQUEST_CORRECTION",
    ]

    # Each step only for its roles: the approver does not take in, the clerk does not decide.
    refused = await flow.advance(api, approver, case_id, "ACCEPT")
    assert (refused["__typename"], refused["code"]) == ("CaseworkError", "ACTOR_NOT_ALLOWED")
    accepted = await flow.advance(api, clerk, case_id, "ACCEPT")
    assert accepted["status"] == "ACCEPTED" and accepted["acceptedAt"] and accepted["dueOn"]
    refused = await flow.advance(api, clerk, case_id, "START_REVIEW")
    assert refused["code"] == "ACTOR_NOT_ALLOWED"
    refused = await flow.advance(api, approver, case_id, "APPROVE")
    assert refused["code"] == "TRANSITION_NOT_ALLOWED"  # not under review yet
    reviewed = await flow.advance(api, approver, case_id, "START_REVIEW")
    assert reviewed["availableActions"] == ["REQUEST_CORRECTION", "APPROVE", "DENY"]
    approved = await flow.advance(api, approver, case_id, "APPROVE")
    assert approved["status"] == "APPROVED" and approved["decidedAt"]
    completed = await flow.advance(api, clerk, case_id, "COMPLETE")
    assert completed["status"] == "COMPLETED" and completed["completedAt"]
    delivered = await flow.advance(api, clerk, case_id, "DELIVER")
    assert delivered["status"] == "DELIVERED"
    assert delivered["availableActions"] == []

    assert steps(delivered) == [
        ("SUBMIT", "SUBMITTED", "applicant"),
        ("ACCEPT", "ACCEPTED", "window_clerk"),
        ("START_REVIEW", "UNDER_REVIEW", "approver"),
        ("APPROVE", "APPROVED", "approver"),
        ("COMPLETE", "COMPLETED", "window_clerk"),
        ("DELIVER", "DELIVERED", "window_clerk"),
    ]
    # The applicant sees the same timeline; nothing is left for them to do.
    mine = await flow.read(api, world.token("basic"), case_id)
    assert mine is not None and steps(mine) == steps(delivered)
    assert mine["availableActions"] == []
    actions = await audit_actions(case_id)
    assert actions[0] == "casework.start"
    assert [a for a in actions if not a.startswith("casework.material")][1:] == [
        "casework.submit",
        "casework.accept",
        "casework.start_review",
        "casework.approve",
        "casework.complete",
        "casework.deliver",
    ]
    events = await CaseEvent.count().where(CaseEvent.case == case_id)
    assert events == 6


async def test_a_department_admin_may_take_every_staff_step(api: Api, world: World) -> None:
    await factories.publish_item()
    case = await flow.submitted_case(api, world.token("basic"))
    admin = world.token("department_admin")
    for action in ("ACCEPT", "START_REVIEW", "APPROVE", "COMPLETE", "CLOSE"):
        result = await flow.advance(api, admin, case["id"], action)
        assert result["__typename"] == "Case", (action, result)
    assert result["status"] == "CLOSED"
    assert {e["actorRole"] for e in result["timeline"][1:]} == {"department_admin"}


async def test_a_correction_request_goes_back_to_the_applicant_and_returns(
    api: Api, world: World
) -> None:
    await factories.publish_item()
    applicant, clerk = world.token("basic"), world.token("window_clerk")
    case = await flow.submitted_case(api, applicant)
    case_id = case["id"]
    no_reason = await flow.advance(api, clerk, case_id, "REQUEST_CORRECTION", "  ")
    assert no_reason["code"] == "REASON_REQUIRED"
    asked = await flow.advance(api, clerk, case_id, "REQUEST_CORRECTION", "照片不清晰，请重新上传")
    assert asked["status"] == "CORRECTION_REQUESTED"
    assert asked["lastReason"] == "照片不清晰，请重新上传"

    mine = await flow.read(api, applicant, case_id)
    assert mine is not None
    assert mine["availableActions"] == ["RESUBMIT", "WITHDRAW"]
    assert mine["timeline"][-1]["reason"] == "照片不清晰，请重新上传"
    # The applicant replaces the photo and corrects an answer, then resubmits.
    (photo,) = mine["materials"]
    removed = await flow.run(api, flow.REMOVE, {"id": photo["id"]}, applicant)
    assert removed["materials"] == []
    missing = await flow.run(api, flow.RESUBMIT, {"id": case_id}, applicant)
    assert missing["__typename"] == "FormInvalidError"
    assert {"field": "photo", "reason": "material_missing"} in missing["problems"]
    assert (await flow.upload(api, applicant, case_id, flow.PNG, content_type="image/png"))[
        "status"
    ] == "accepted"
    saved = await flow.save(api, applicant, case_id, {"reason": "重新说明事由", "copies": 1})
    assert saved["answers"] == {"reason": "重新说明事由", "copies": 1}
    again = await flow.run(api, flow.RESUBMIT, {"id": case_id}, applicant)
    assert again["status"] == "SUBMITTED"
    assert again["number"] == case["number"]  # the same case, the same number
    assert steps(again)[-2:] == [
        ("REQUEST_CORRECTION", "CORRECTION_REQUESTED", "window_clerk"),
        ("RESUBMIT", "SUBMITTED", "applicant"),
    ]
    # Outside a correction the applicant can change nothing.
    locked = await flow.save(api, applicant, case_id, {"reason": "又改了"})
    assert locked["code"] == "CONFLICT"


async def test_rejection_and_denial_need_reasons_and_then_close(api: Api, world: World) -> None:
    await factories.publish_item()
    applicant, clerk, approver = (world.token(a) for a in ("basic", "window_clerk", "approver"))
    rejected_case = await flow.submitted_case(api, applicant)
    assert (await flow.advance(api, clerk, rejected_case["id"], "REJECT"))[
        "code"
    ] == "REASON_REQUIRED"
    rejected = await flow.advance(api, clerk, rejected_case["id"], "REJECT", "不属于本部门受理范围")
    assert (rejected["status"], rejected["lastReason"]) == ("REJECTED", "不属于本部门受理范围")
    closed = await flow.advance(api, clerk, rejected_case["id"], "CLOSE")
    assert closed["status"] == "CLOSED"

    denied_case = await flow.submitted_case(api, applicant)
    await flow.advance(api, clerk, denied_case["id"], "ACCEPT")
    await flow.advance(api, approver, denied_case["id"], "START_REVIEW")
    assert (await flow.advance(api, approver, denied_case["id"], "DENY"))[
        "code"
    ] == "REASON_REQUIRED"
    denied = await flow.advance(api, approver, denied_case["id"], "DENY", "不符合申请条件")
    assert (denied["status"], denied["lastReason"]) == ("DENIED", "不符合申请条件")
    assert denied["decidedAt"] is not None
    # Withdrawal ends before a decision only, and needs a reason too.
    withdraw = await flow.run(
        api, flow.WITHDRAW, {"id": denied_case["id"], "r": "不需要了"}, applicant
    )
    assert withdraw["code"] == "TRANSITION_NOT_ALLOWED"
    third = await flow.submitted_case(api, applicant)
    blank = await flow.run(api, flow.WITHDRAW, {"id": third["id"], "r": " "}, applicant)
    assert blank["code"] == "REASON_REQUIRED"
    withdrawn = await flow.run(api, flow.WITHDRAW, {"id": third["id"], "r": "不需要了"}, applicant)
    assert withdrawn["status"] == "WITHDRAWN" and withdrawn["availableActions"] == []
    # The applicant's actions are not staff actions.
    refused = await flow.advance(api, clerk, third["id"], "WITHDRAW", "x")
    assert (refused["__typename"], refused["field"]) == ("InvalidInputError", "action")


async def test_a_fee_must_be_settled_before_completion(api: Api, world: World) -> None:
    await factories.publish_item(fee_fen=5000)
    clerk, approver = world.token("window_clerk"), world.token("approver")
    case = await flow.submitted_case(api, world.token("basic"))
    case_id = case["id"]
    assert (case["feeFen"], case["feeSettled"]) == (5000, False)
    for token, action in ((clerk, "ACCEPT"), (approver, "START_REVIEW"), (approver, "APPROVE")):
        await flow.advance(api, token, case_id, action)
    approved = await flow.read(api, clerk, case_id)
    assert approved is not None and "COMPLETE" not in approved["availableActions"]
    unpaid = await flow.advance(api, clerk, case_id, "COMPLETE")
    assert (unpaid["__typename"], unpaid["code"]) == ("CaseworkError", "FEE_UNSETTLED")

    with pytest.raises(Conflict):
        await fees.settle_fee(case_id, amount_fen=4999, payment_reference="PAY-1")
    settled = await fees.settle_fee(case_id, amount_fen=5000, payment_reference="PAY-1")
    assert settled.fee_settled_at is not None and settled.payment_reference == "PAY-1"
    audited = await audit_actions(case_id)
    # The same notification again changes nothing (and audits nothing more).
    again = await fees.settle_fee(case_id, amount_fen=5000, payment_reference="PAY-1")
    assert again.fee_settled_at == settled.fee_settled_at
    assert await audit_actions(case_id) == audited
    assert audited.count("casework.fee_settled") == 1
    with pytest.raises(Conflict):
        await fees.settle_fee(case_id, amount_fen=5000, payment_reference="PAY-2")
    with pytest.raises(InvalidInput):
        await fees.settle_fee(case_id, amount_fen=5000, payment_reference=" ")
    with pytest.raises(NotFound):
        await fees.settle_fee(
            "00000000-0000-0000-0000-000000000000", amount_fen=1, payment_reference="X"
        )

    paid = await flow.read(api, clerk, case_id)
    assert paid is not None and paid["feeSettled"] is True
    assert "COMPLETE" in paid["availableActions"]
    assert (await flow.advance(api, clerk, case_id, "COMPLETE"))["status"] == "COMPLETED"


async def test_a_case_without_a_fee_cannot_be_paid_for(api: Api, world: World) -> None:
    await factories.publish_item()
    case = await flow.submitted_case(api, world.token("basic"))
    with pytest.raises(Conflict):
        await fees.settle_fee(case["id"], amount_fen=100, payment_reference="PAY-9")


def clerk_viewer(world: World, role: str = "window_clerk") -> Viewer:
    """The world's ``role`` staff member as the services see them (no token, any clock)."""
    return Viewer(
        subject=f"staff:{world.staff_ids[role]}",
        tier="basic",
        roles=frozenset({role}),
        department="350100-ZW",
    )


async def test_deadlines_are_working_days_from_the_acceptance_date_in_china(
    api: Api, world: World
) -> None:
    # Monday 1 February 2027 is a holiday, Saturday 6 February a make-up working day.
    await Holiday.insert(
        Holiday(day=date(2027, 2, 1), kind="holiday", name="测试假日"),
        Holiday(day=date(2027, 2, 6), kind="workday", name="测试调休"),
    )
    await factories.publish_item(statutory_days=5, promised_days=2)
    case = await flow.submitted_case(api, world.token("basic"))
    # 16:30 UTC on Thursday 28 January is 00:30 on Friday 29 January in Fuzhou. (Tokens
    # carry the real time, so the frozen acceptance goes through the service.)
    with clock.frozen_at(datetime(2027, 1, 28, 16, 30, tzinfo=UTC)):
        accepted = await handling.advance_case(clerk_viewer(world), case["id"], CaseAction.ACCEPT)
    # Fri 29 → (Mon off) Tue 2, Wed 3, Thu 4, Fri 5, Sat 6 (make-up day).
    assert accepted.due_on == date(2027, 2, 6)
    assert accepted.promised_on == date(2027, 2, 3)
    assert accepted.accepted_at == datetime(2027, 1, 28, 16, 30, tzinfo=UTC)


async def test_due_soon_and_overdue_follow_the_deadline_in_working_days(
    api: Api, world: World
) -> None:
    await factories.publish_item()
    applicant, clerk = world.token("basic"), world.token("window_clerk")
    cases = [await flow.submitted_case(api, applicant) for _ in range(3)]
    for case in cases:
        await flow.advance(api, clerk, case["id"], "ACCEPT")
    calendar = await load_calendar()
    today = shanghai_date(clock.now())
    soon, late, later = (c["id"] for c in cases)
    deadlines = {
        soon: calendar.add_working_days(today, 2),
        late: today - timedelta(days=1),
        later: calendar.add_working_days(today, 3),
    }
    for case_id, due in deadlines.items():
        await Case.update({Case.due_on: due}).where(Case.id == case_id)

    async def queue(name: str) -> list[str]:
        data = await api.data(flow.QUEUE, {"q": name}, clerk)
        return [e["node"]["id"] for e in data["caseQueue"]["edges"]]

    assert await queue("DUE_SOON") == [soon]
    assert await queue("OVERDUE") == [late]
    assert await queue("OPEN") == [soon, late, later]
    assert [(await flow.read(api, clerk, c) or {})["overdue"] for c in (soon, late, later)] == [
        False,
        True,
        False,
    ]
    # Under review and approved it is still the department's; completed it is done.
    approver = world.token("approver")
    await flow.advance(api, approver, late, "START_REVIEW")
    await flow.advance(api, approver, late, "APPROVE")
    assert await queue("OVERDUE") == [late]
    await flow.advance(api, clerk, late, "COMPLETE")
    assert await queue("OVERDUE") == []
    assert (await flow.read(api, clerk, late) or {})["overdue"] is False


async def test_the_queues_of_a_department(api: Api, world: World) -> None:
    await factories.publish_item()
    applicant, clerk = world.token("basic"), world.token("window_clerk")
    first = await flow.submitted_case(api, applicant)
    second = await flow.submitted_case(api, applicant)
    draft = await flow.start(api, applicant)

    async def queue(name: str, token: str | None, **page: Any) -> dict[str, Any]:
        data = await api.data(flow.QUEUE, {"q": name, **page}, token)
        found: dict[str, Any] = data["caseQueue"]
        return found

    def ids(page: dict[str, Any]) -> list[str]:
        return [e["node"]["id"] for e in page["edges"]]

    new = await queue("NEW", clerk)
    assert ids(new) == [first["id"], second["id"]]  # oldest first; drafts are not there
    assert draft["id"] not in ids(new)
    one = await queue("NEW", clerk, f=1)
    assert ids(one) == [first["id"]] and one["pageInfo"]["hasNextPage"]
    rest = await queue("NEW", clerk, f=1, a=one["pageInfo"]["endCursor"])
    assert ids(rest) == [second["id"]] and not rest["pageInfo"]["hasNextPage"]

    await flow.advance(api, clerk, first["id"], "ACCEPT")
    assert ids(await queue("NEW", clerk)) == [second["id"]]
    assert ids(await queue("MINE", clerk)) == [first["id"]]
    assert ids(await queue("MINE", world.token("approver"))) == []
    assert ids(await queue("OPEN", clerk)) == [first["id"], second["id"]]
    assert ids(await queue("OVERDUE", clerk)) == []

    bad = await api.error_code(flow.QUEUE, {"q": "NEW", "a": "bm9wZQ=="}, clerk)
    assert bad == "INVALID_CURSOR"
    assert await api.error_code(flow.QUEUE, {"q": "NEW"}, applicant) == "FORBIDDEN"
    assert await api.error_code(flow.QUEUE, {"q": "NEW"}, world.token("supervisor")) == (
        "FORBIDDEN"
    )


async def test_two_clerks_accepting_at_once_make_one_acceptance(api: Api, world: World) -> None:
    await factories.publish_item()
    case = await flow.submitted_case(api, world.token("basic"))
    other_clerk, _ = await flow.staff_in(api, world, ["window_clerk"], "350100-ZW")
    results = await asyncio.gather(
        flow.advance(api, world.token("window_clerk"), case["id"], "ACCEPT"),
        flow.advance(api, other_clerk, case["id"], "ACCEPT"),
    )
    kinds = sorted(r["__typename"] for r in results)
    assert kinds == ["Case", "CaseworkError"], results
    (refused,) = [r for r in results if r["__typename"] == "CaseworkError"]
    assert refused["code"] == "TRANSITION_NOT_ALLOWED"
    accepts = await CaseEvent.count().where(
        (CaseEvent.case == case["id"]) & (CaseEvent.action == "accept")
    )
    assert accepts == 1
    assert (await audit_actions(case["id"])).count("casework.accept") == 1


async def test_every_status_change_is_notified_on_commit(
    api: Api, world: World, database_url: str
) -> None:
    await factories.publish_item()
    case = await flow.submitted_case(api, world.token("basic"))
    received: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    def on_notify(_: object, __: int, channel: str, payload: str) -> None:
        assert channel == live.CHANNEL
        received.put_nowait(json.loads(payload))

    listener = await asyncpg.connect(dsn=database_url)
    try:
        await listener.add_listener(live.CHANNEL, on_notify)
        refused = await flow.advance(api, world.token("approver"), case["id"], "ACCEPT")
        assert refused["code"] == "ACTOR_NOT_ALLOWED"  # a refused change notifies nothing
        accepted = await flow.advance(api, world.token("window_clerk"), case["id"], "ACCEPT")
        note = await asyncio.wait_for(received.get(), timeout=30)
        assert note["case"] == case["id"] and note["status"] == "accepted"
        assert note["at"] == datetime.fromisoformat(accepted["acceptedAt"]).isoformat()
        assert received.empty()
    finally:
        await listener.close()
