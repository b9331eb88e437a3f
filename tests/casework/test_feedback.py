"""Ratings (好差评) and complaints: who may give them, when, and who sees them.

Cases are inserted directly in the status under test (see test_supervision's helpers);
viewers are built as the API would build them from a token.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from casework import feedback
from casework.errors import InvalidInput, NotFound, TransitionNotAllowed
from casework.feedback import CaseNotFinished, ComplaintStatus, RatingLocked
from casework.tables import Complaint, Rating
from core import clock
from core.audit.tables import AuditEntry
from core.graphql.context import Viewer
from core.graphql.errors import AccessDenied
from tests.casework.conftest import Api
from tests.casework.factories import ensure_department
from tests.casework.test_supervision import (
    GA,
    ZW,
    a_case,
    a_person,
    a_staff,
    an_item,
    at,
    staff,
)
from tests.identity.actors import BASIC, INTERMEDIATE, World

EDIT_HOURS = 72
S = ComplaintStatus


def resident(person_id: str) -> Viewer:
    return Viewer(subject=f"person:{person_id}", tier="basic")


async def finished_case(status: str = "completed", *, decided: bool = True) -> tuple[str, str]:
    """(applicant person id, case id) of a case in ``status``."""
    person = await a_person()
    case = await a_case(
        person_id=person,
        item=await an_item(),
        status=status,
        submitted=at("2026-03-02 09:00"),
        accepted=at("2026-03-02 10:00"),
        decided=at("2026-03-05 10:00") if decided else None,
    )
    return person, case


async def audited(action: str) -> int:
    return await AuditEntry.count().where(AuditEntry.action == action)


# --- ratings --------------------------------------------------------------------------------


async def test_the_applicant_rates_a_finished_case(database_url: str) -> None:
    person, case = await finished_case("completed")
    rating = await feedback.rate_case(
        resident(person), case, score=5, comment="  办事很快 ", edit_hours=EDIT_HOURS
    )
    assert (rating.case_id, rating.score, rating.comment) == (case, 5, "办事很快")
    assert rating.editable_until(EDIT_HOURS) == rating.created_at + timedelta(hours=EDIT_HOURS)
    assert await feedback.case_rating(resident(person), case) == rating
    assert await audited("casework.case_rated") == 1
    entry = await AuditEntry.select().where(AuditEntry.action == "casework.case_rated").first()
    assert entry is not None and "办事" not in str(entry["data"])  # the comment stays out

    for status, decided in (("delivered", True), ("closed", True)):
        person, case = await finished_case(status, decided=decided)
        rated = await feedback.rate_case(
            resident(person), case, score=3, comment=None, edit_hours=EDIT_HOURS
        )
        assert rated.comment == ""


@pytest.mark.parametrize(
    ("status", "decided"),
    [
        ("submitted", False),
        ("under_review", False),
        ("approved", True),
        ("denied", True),  # decided, but not closed yet
        ("closed", False),  # closed after a rejection at intake: no decision to rate
        ("withdrawn", False),
    ],
)
async def test_unfinished_cases_cannot_be_rated(
    database_url: str, status: str, decided: bool
) -> None:
    person, case = await finished_case(status, decided=decided)
    with pytest.raises(CaseNotFinished) as refused:
        await feedback.rate_case(resident(person), case, score=4, comment="", edit_hours=72)
    assert refused.value.code == "CASE_NOT_FINISHED"
    assert await Rating.count() == 0


async def test_scores_and_comments_are_checked(database_url: str) -> None:
    person, case = await finished_case()
    for score in (0, 6, -1):
        with pytest.raises(InvalidInput) as bad:
            await feedback.rate_case(resident(person), case, score=score, comment="", edit_hours=72)
        assert (bad.value.field, bad.value.reason) == ("score", "out_of_range")
    with pytest.raises(InvalidInput) as long:
        await feedback.rate_case(resident(person), case, score=3, comment="好" * 501, edit_hours=72)
    assert long.value.field == "comment"
    assert await Rating.count() == 0


async def test_the_rating_is_editable_for_a_while_then_locked(database_url: str) -> None:
    person, case = await finished_case()
    viewer = resident(person)
    with clock.frozen_at(at("2026-03-06 10:00")) as frozen:
        first = await feedback.rate_case(viewer, case, score=2, comment="慢", edit_hours=72)
        frozen.advance(timedelta(hours=71, minutes=59))
        changed = await feedback.rate_case(viewer, case, score=4, comment="后来好了", edit_hours=72)
        assert changed.id == first.id
        assert (changed.score, changed.comment) == (4, "后来好了")
        assert changed.created_at == first.created_at
        assert changed.updated_at == at("2026-03-09 09:59")
        assert clock.now() <= changed.editable_until(72)

        frozen.advance(timedelta(minutes=2))
        assert clock.now() > changed.editable_until(72)
        with pytest.raises(RatingLocked) as locked:
            await feedback.rate_case(viewer, case, score=1, comment="", edit_hours=72)
        assert locked.value.code == "RATING_LOCKED"
    (kept,) = await Rating.select()
    assert (kept["score"], kept["comment"]) == (4, "后来好了")
    assert await audited("casework.case_rated") == 1
    assert await audited("casework.rating_changed") == 1


async def test_nobody_else_can_rate_or_see_the_rating(database_url: str) -> None:
    person, case = await finished_case()
    await feedback.rate_case(resident(person), case, score=5, comment="", edit_hours=72)
    stranger = resident(await a_person())
    other_department = staff("approver", department=GA)
    for outsider in (stranger, other_department, staff("call_centre_agent", department=None)):
        with pytest.raises(NotFound):
            await feedback.case_rating(outsider, case)
    with pytest.raises(NotFound):
        await feedback.rate_case(stranger, case, score=1, comment="", edit_hours=72)
    with pytest.raises(NotFound):
        await feedback.rate_case(
            resident(person), str(uuid.uuid4()), score=1, comment="", edit_hours=72
        )
    # The department's staff and supervisors read it; rating is not theirs.
    for reader in (staff("approver"), staff("supervisor", department=None)):
        seen = await feedback.case_rating(reader, case)
        assert seen is not None and seen.score == 5
        with pytest.raises(AccessDenied):
            await feedback.rate_case(reader, case, score=1, comment="", edit_hours=72)
    (kept,) = await Rating.select()
    assert kept["score"] == 5
    # An unrated readable case answers None.
    _, other = await finished_case()
    assert await feedback.case_rating(staff("approver"), other) is None
    loaded = await feedback.ratings_of_cases([case, other, "junk"])
    assert [r and r.score for r in loaded] == [5, None, None]


# --- complaints -----------------------------------------------------------------------------


async def test_filing_a_complaint_about_a_case_or_a_department(database_url: str) -> None:
    person, case = await finished_case()
    viewer = resident(person)
    about_case = await feedback.file_complaint(
        viewer, case_id=case, department_code=None, text=" 等了很久才办结 "
    )
    assert about_case.status is S.RECEIVED
    assert (about_case.case_id, about_case.department.code) == (case, ZW)
    assert about_case.text == "等了很久才办结"
    await ensure_department(GA)
    about_department = await feedback.file_complaint(
        viewer, case_id=None, department_code=GA, text="窗口态度差"
    )
    assert (about_department.case_id, about_department.department.code) == (None, GA)
    assert await audited("casework.complaint_filed") == 2

    refusals: list[tuple[dict[str, str | None], str]] = [
        ({"case_id": case, "department_code": GA, "text": "x"}, "departmentCode"),
        ({"case_id": None, "department_code": None, "text": "x"}, "departmentCode"),
        ({"case_id": None, "department_code": "no-such", "text": "x"}, "departmentCode"),
        ({"case_id": None, "department_code": GA, "text": "   "}, "text"),
        ({"case_id": None, "department_code": GA, "text": "长" * 2001}, "text"),
    ]
    for arguments, field in refusals:
        with pytest.raises(InvalidInput) as bad:
            await feedback.file_complaint(viewer, **arguments)  # type: ignore[arg-type]
        assert bad.value.field == field
    # Another person's case reads like a missing one; staff do not file complaints.
    with pytest.raises(NotFound):
        await feedback.file_complaint(
            resident(await a_person()), case_id=case, department_code=None, text="x"
        )
    with pytest.raises(AccessDenied):
        await feedback.file_complaint(
            staff("supervisor", department=None), case_id=None, department_code=ZW, text="x"
        )
    assert await Complaint.count() == 2


async def test_the_complaint_lifecycle(database_url: str) -> None:
    person, case = await finished_case()
    complainant = resident(person)
    filed = await feedback.file_complaint(
        complainant, case_id=case, department_code=None, text="材料被要求重复提交"
    )
    admin = await a_staff("department_admin")
    assert feedback.next_statuses(admin, filed) == [S.HANDLING]
    assert feedback.next_statuses(complainant, filed) == []

    # Steps cannot be skipped, and the complainant does not handle their own complaint.
    with pytest.raises(TransitionNotAllowed) as skipped:
        await feedback.advance_complaint(admin, filed.id, to=S.ANSWERED, answer="已处理")
    assert skipped.value.code == "TRANSITION_NOT_ALLOWED"
    with pytest.raises(TransitionNotAllowed) as not_theirs:
        await feedback.advance_complaint(complainant, filed.id, to=S.HANDLING)
    assert not_theirs.value.code == "ACTOR_NOT_ALLOWED"

    handling = await feedback.advance_complaint(admin, filed.id, to=S.HANDLING)
    assert handling.status is S.HANDLING
    with pytest.raises(InvalidInput) as no_answer:
        await feedback.advance_complaint(admin, filed.id, to=S.ANSWERED, answer="  ")
    assert (no_answer.value.field, no_answer.value.reason) == ("answer", "required")
    answered = await feedback.advance_complaint(
        admin, filed.id, to=S.ANSWERED, answer="已与窗口核实，今后一次告知。"
    )
    assert answered.status is S.ANSWERED and answered.answer == "已与窗口核实，今后一次告知。"
    assert feedback.next_statuses(complainant, answered) == [S.CLOSED]

    closed = await feedback.advance_complaint(complainant, filed.id, to=S.CLOSED)
    assert closed.status is S.CLOSED
    assert feedback.next_statuses(admin, closed) == []
    with pytest.raises(TransitionNotAllowed):
        await feedback.advance_complaint(admin, filed.id, to=S.CLOSED)
    assert await audited("casework.complaint_advanced") == 3
    row = await Complaint.select(Complaint.handler).where(Complaint.id == filed.id).first()
    assert row is not None and str(row["handler"]) == admin.subject_id


async def test_handlers_see_and_move_only_what_is_theirs(database_url: str) -> None:
    person = await a_person()
    viewer = resident(person)
    await ensure_department(ZW)
    await ensure_department(GA)
    with clock.frozen_at(at("2026-03-02 10:00")) as frozen:
        zw = await feedback.file_complaint(viewer, case_id=None, department_code=ZW, text="一")
        frozen.advance(timedelta(minutes=1))
        ga = await feedback.file_complaint(viewer, case_id=None, department_code=GA, text="二")
        frozen.advance(timedelta(minutes=1))
        zw_later = await feedback.file_complaint(
            viewer, case_id=None, department_code=ZW, text="三"
        )

    supervisor = await a_staff("supervisor", department=None)
    zw_admin = await a_staff("department_admin")
    ga_admin = await a_staff("department_admin", department=GA)
    everything = await feedback.list_complaints(supervisor, limit=10)
    assert [c.id for c in everything] == [zw_later.id, ga.id, zw.id]
    only_ga = await feedback.list_complaints(supervisor, department_code=GA, limit=10)
    assert [c.id for c in only_ga] == [ga.id]
    assert [c.id for c in await feedback.list_complaints(zw_admin, limit=10)] == [
        zw_later.id,
        zw.id,
    ]
    with pytest.raises(AccessDenied):
        await feedback.list_complaints(zw_admin, department_code=GA, limit=10)
    for outsider in (staff("approver"), staff("call_centre_agent", department=None), viewer):
        with pytest.raises(AccessDenied):
            await feedback.list_complaints(outsider, limit=10)

    # Pages and status filter.
    page = await feedback.list_complaints(supervisor, limit=2)
    rest = await feedback.list_complaints(supervisor, after_key=page[-1].key, limit=2)
    assert [c.id for c in page + rest] == [c.id for c in everything]
    await feedback.advance_complaint(ga_admin, ga.id, to=S.HANDLING)
    handling = await feedback.list_complaints(supervisor, status=S.HANDLING, limit=10)
    assert [c.id for c in handling] == [ga.id]

    # Another department's admin, another resident: the complaint does not exist for them.
    with pytest.raises(NotFound):
        await feedback.advance_complaint(ga_admin, zw.id, to=S.HANDLING)
    with pytest.raises(NotFound):
        await feedback.advance_complaint(resident(await a_person()), zw.id, to=S.HANDLING)
    with pytest.raises(NotFound):
        await feedback.visible_complaint(ga_admin, zw.id)
    assert (await feedback.visible_complaint(viewer, zw.id)).id == zw.id
    with pytest.raises(AccessDenied):
        await feedback.advance_complaint(staff("approver"), zw.id, to=S.HANDLING)
    # A supervisor handles every department's complaints.
    moved = await feedback.advance_complaint(supervisor, zw.id, to=S.HANDLING)
    assert moved.status is S.HANDLING

    mine = await feedback.my_complaints(viewer, limit=10)
    assert [c.id for c in mine] == [zw_later.id, ga.id, zw.id]
    assert await feedback.my_complaints(resident(await a_person()), limit=10) == []
    with pytest.raises(AccessDenied):
        await feedback.my_complaints(supervisor, limit=10)


# --- over GraphQL ---------------------------------------------------------------------------

RATE = """mutation($c: ID!, $s: Int!, $m: String) { rateCase(caseId: $c, score: $s, comment: $m) {
  __typename ... on Rating { id caseId score comment editable editableUntil }
  ... on UserError { code } ... on InvalidInputError { field reason } } }"""
RATING = "query($c: ID!) { caseRating(caseId: $c) { score comment editable } }"
FILE = """mutation($c: ID, $d: String, $t: String!) {
  fileComplaint(caseId: $c, departmentCode: $d, text: $t) {
    __typename ... on Complaint { id caseId status department { code } text nextStatuses }
    ... on UserError { code } ... on InvalidInputError { field reason } } }"""
ADVANCE = """mutation($k: ID!, $to: ComplaintStatus!, $a: String) {
  advanceComplaint(complaintId: $k, to: $to, answer: $a) {
    __typename ... on Complaint { status answer nextStatuses }
    ... on UserError { code } ... on InvalidInputError { field reason } } }"""
COMPLAINTS = """query($s: ComplaintStatus, $d: String) { complaints(status: $s, departmentCode: $d) {
  edges { node { id status department { code } } } } }"""
MINE = "{ myComplaints { edges { node { id status answer caseId } } } }"


async def test_rating_over_graphql(api: Api, world: World) -> None:
    case = await a_case(
        person_id=world.person_ids[BASIC],
        item=await an_item(),
        status="completed",
        accepted=at("2026-03-02 10:00"),
        decided=at("2026-03-05 10:00"),
    )
    applicant = world.token(BASIC)
    bad = await api.data(RATE, {"c": case, "s": 9}, applicant)
    assert bad["rateCase"] == {
        "__typename": "InvalidInputError",
        "code": "INVALID_INPUT",
        "field": "score",
        "reason": "out_of_range",
    }
    rated = (await api.data(RATE, {"c": case, "s": 4, "m": "还不错"}, applicant))["rateCase"]
    assert rated["__typename"] == "Rating"
    assert (rated["caseId"], rated["score"], rated["editable"]) == (case, 4, True)

    # Another resident: the case does not exist for them, nor its rating.
    stranger = world.token(INTERMEDIATE)
    refused = await api.data(RATE, {"c": case, "s": 1}, stranger)
    assert refused["rateCase"] == {"__typename": "CaseworkError", "code": "NOT_FOUND"}
    assert (await api.data(RATING, {"c": case}, stranger))["caseRating"] is None
    # Staff of the department read it but do not rate.
    staff_view = await api.data(RATING, {"c": case}, world.token("approver"))
    assert staff_view["caseRating"]["score"] == 4
    assert await api.error_code(RATE, {"c": case, "s": 1}, world.token("approver")) == "FORBIDDEN"

    # Once the edit window has passed, the rating is locked.
    await Rating.update({Rating.created_at: clock.now() - timedelta(hours=EDIT_HOURS + 1)}).where(
        Rating.case == case
    )
    assert (await api.data(RATING, {"c": case}, applicant))["caseRating"]["editable"] is False
    locked = await api.data(RATE, {"c": case, "s": 5}, applicant)
    assert locked["rateCase"] == {"__typename": "CaseworkError", "code": "RATING_LOCKED"}

    unfinished = await a_case(
        person_id=world.person_ids[BASIC], item=await an_item(), status="under_review"
    )
    early = await api.data(RATE, {"c": unfinished, "s": 5}, applicant)
    assert early["rateCase"] == {"__typename": "CaseworkError", "code": "CASE_NOT_FINISHED"}


async def test_complaints_over_graphql(api: Api, world: World) -> None:
    case = await a_case(
        person_id=world.person_ids[BASIC],
        item=await an_item(),
        status="completed",
        accepted=at("2026-03-02 10:00"),
    )
    complainant = world.token(BASIC)
    filed = (await api.data(FILE, {"c": case, "t": "窗口让我跑了三趟"}, complainant))[
        "fileComplaint"
    ]
    assert filed["__typename"] == "Complaint"
    assert (filed["caseId"], filed["status"], filed["department"]["code"]) == (
        case,
        "RECEIVED",
        ZW,
    )
    assert filed["nextStatuses"] == []
    missing = await api.data(FILE, {"t": "无对象"}, complainant)
    assert missing["fileComplaint"]["field"] == "departmentCode"
    others = await api.data(FILE, {"c": case, "t": "冒充"}, world.token(INTERMEDIATE))
    assert others["fileComplaint"] == {"__typename": "CaseworkError", "code": "NOT_FOUND"}

    admin = world.token("department_admin")
    listed = await api.data(COMPLAINTS, token=admin)
    assert [e["node"]["id"] for e in listed["complaints"]["edges"]] == [filed["id"]]
    supervised = await api.data(COMPLAINTS, {"s": "RECEIVED"}, world.token("supervisor"))
    assert len(supervised["complaints"]["edges"]) == 1
    for actor in ("approver", BASIC):
        assert await api.error_code(COMPLAINTS, token=world.token(actor)) == "FORBIDDEN"

    def step(to: str, answer: str | None = None) -> dict[str, Any]:
        return {"k": filed["id"], "to": to, "a": answer}

    early = await api.data(ADVANCE, step("CLOSED"), complainant)
    assert early["advanceComplaint"] == {
        "__typename": "CaseworkError",
        "code": "TRANSITION_NOT_ALLOWED",
    }
    handling = await api.data(ADVANCE, step("HANDLING"), admin)
    assert handling["advanceComplaint"]["nextStatuses"] == ["ANSWERED"]
    no_answer = await api.data(ADVANCE, step("ANSWERED"), admin)
    assert no_answer["advanceComplaint"]["field"] == "answer"
    answered = await api.data(ADVANCE, step("ANSWERED", "已约谈窗口负责人"), admin)
    assert answered["advanceComplaint"]["status"] == "ANSWERED"
    assert answered["advanceComplaint"]["nextStatuses"] == ["CLOSED"]

    mine = await api.data(MINE, token=complainant)
    (node,) = [e["node"] for e in mine["myComplaints"]["edges"]]
    assert (node["status"], node["answer"], node["caseId"]) == (
        "ANSWERED",
        "已约谈窗口负责人",
        case,
    )
    assert (await api.data(MINE, token=world.token(INTERMEDIATE)))["myComplaints"]["edges"] == []
    closed = await api.data(ADVANCE, step("CLOSED"), complainant)
    assert closed["advanceComplaint"]["status"] == "CLOSED"
    assert closed["advanceComplaint"]["nextStatuses"] == []
