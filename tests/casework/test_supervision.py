"""Electronic supervision: deadline warnings at the thresholds, overdue lists, metrics.

Cases are inserted directly (the state graph and its GraphQL flow have their own tests),
with the clock frozen at chosen moments in China's time zone. Statutory limits count
working days after the acceptance date, so a case accepted on Monday 2 March 2026 with
ten days is due on Monday 16 March: 50 % on Monday 9, 80 % on Thursday 12, 100 % on 16.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from casework import jobs as casework_jobs
from casework import supervision
from casework.calendar import calendar_of, seed_holidays, seed_rows
from casework.errors import InvalidInput, NotFound
from casework.tables import Case, Complaint, DeadlineWarning, Holiday, Rating, ServiceItemVersion
from core import clock
from core.audit.tables import AuditEntry
from core.crypto.keys import load_key_material
from core.graphql.context import Viewer
from core.graphql.errors import AccessDenied
from core.graphql.pagination import InvalidCursor
from core.jobs import JobResources, build_job_app, worker_options
from core.objectstore import build_object_store
from core.settings import Settings
from identity import sessions
from identity.tables import Person, StaffMember
from tests.casework.conftest import Api
from tests.casework.factories import ensure_department, publish_item
from tests.identity.actors import BASIC, World
from tests.identity.test_face import identity_runtime

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZW = "350100-ZW"
GA = "350100-GA"
THRESHOLDS = (50, 80, 100)
CALENDAR = calendar_of((day, kind) for day, kind, _ in seed_rows())


def at(text: str) -> datetime:
    """An instant given as a wall-clock time in China ("2026-03-09 00:30")."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def staff(*roles: str, department: str | None = ZW) -> Viewer:
    return Viewer(subject=f"staff:{uuid.uuid4()}", roles=frozenset(roles), department=department)


SUPERVISOR = staff("supervisor", department=None)
PLATFORM_ADMIN = staff("platform_admin", department=None)
ZW_APPROVER = staff("approver")
GA_APPROVER = staff("approver", department=GA)


async def a_person() -> str:
    """A resident row (identifiers are placeholders: nothing here reads them)."""
    person_id = uuid.uuid4()
    await Person.insert(
        Person(
            id=person_id,
            name="测试居民",
            id_number_enc="unused",
            id_number_bidx=person_id.hex,
            sex="1",
            ethnicity="01",
            phone_enc="unused",
            phone_bidx=person_id.hex,
            password_hash="unused",
            created_at=clock.now(),
        )
    )
    return str(person_id)


async def an_item(department: str = ZW, statutory_days: int = 10) -> tuple[str, str]:
    """The published (item id, version id) of a test item of ``department`` with that limit."""
    code = f"{department}-{statutory_days:04d}"
    published = await ServiceItemVersion.raw(
        "SELECT v.item, v.id FROM service_item_version v JOIN service_item i ON i.id = v.item "
        "WHERE i.code = {} AND v.status = 'published'",
        code,
    )
    if published:
        return str(published[0]["item"]), str(published[0]["id"])
    return await publish_item(code, department=department, statutory_days=statutory_days)


async def a_staff(*roles: str, department: str | None = ZW) -> Viewer:
    """A staff member's row (what a complaint's handler refers to) and their viewer."""
    staff_id = uuid.uuid4()
    await StaffMember.insert(
        StaffMember(
            id=staff_id,
            username=f"staff-{staff_id.hex[:12]}",
            name="工作人员",
            department=None if department is None else await ensure_department(department),
            roles=list(roles),
            password_hash="unused",
            active=True,
            created_at=clock.now(),
            created_by="test",
        )
    )
    return Viewer(subject=f"staff:{staff_id}", roles=frozenset(roles), department=department)


async def a_case(
    *,
    person_id: str,
    item: tuple[str, str],
    department: str = ZW,
    status: str = "under_review",
    submitted: datetime | None = None,
    accepted: datetime | None = None,
    decided: datetime | None = None,
    statutory_days: int = 10,
) -> str:
    """A case row as the state graph would have left it (due_on from the 2026 calendar)."""
    case_id = uuid.uuid4()
    created = submitted or accepted or clock.now()
    due_on = (
        None
        if accepted is None
        else CALENDAR.add_working_days(supervision.local_day(accepted), statutory_days)
    )
    await Case.insert(
        Case(
            id=case_id,
            number=None,
            item=item[0],
            item_version=item[1],
            department=await ensure_department(department),
            applicant=f"person:{person_id}",
            applicant_person=person_id,
            status=status,
            form_data={},
            created_at=created,
            updated_at=created,
            submitted_at=submitted,
            accepted_at=accepted,
            due_on=due_on,
            decided_at=decided,
        )
    )
    return str(case_id)


async def warnings_of(case_id: str) -> list[int]:
    rows = await DeadlineWarning.select(DeadlineWarning.threshold).where(
        DeadlineWarning.case == case_id
    )
    return sorted(row["threshold"] for row in rows)


async def raise_at(moment: str) -> list[tuple[str, int]]:
    with clock.frozen_at(at(moment)):
        raised = await supervision.raise_deadline_warnings(THRESHOLDS)
    return sorted((w.case_id, w.threshold) for w in raised)


@pytest.fixture
async def calendar_seeded(database_url: str) -> None:
    await seed_holidays()


def test_thresholds_use_exact_integer_shares() -> None:
    assert supervision.thresholds_reached(4, 10, THRESHOLDS) == []
    assert supervision.thresholds_reached(5, 10, THRESHOLDS) == [50]
    assert supervision.thresholds_reached(8, 10, THRESHOLDS) == [50, 80]
    assert supervision.thresholds_reached(12, 10, THRESHOLDS) == [50, 80, 100]
    # 2 of 3 days is 66.7 %: past 50, short of 80.
    assert supervision.thresholds_reached(2, 3, THRESHOLDS) == [50]
    # A same-day limit is used up at once.
    assert supervision.thresholds_reached(0, 0, THRESHOLDS) == [50, 80, 100]


async def test_warnings_fire_at_each_threshold_once(calendar_seeded: None) -> None:
    person = await a_person()
    item = await an_item()
    case = await a_case(person_id=person, item=item, accepted=at("2026-03-02 10:00"))

    assert await raise_at("2026-03-06 23:59") == []  # 4 of 10 working days
    # Just after midnight in China (still Sunday 8 March in UTC): 5 of 10 days used.
    assert await raise_at("2026-03-09 00:30") == [(case, 50)]
    assert await raise_at("2026-03-09 00:30") == []  # a re-run raises nothing again
    assert await raise_at("2026-03-11 17:00") == []  # 7 days
    assert await raise_at("2026-03-12 09:00") == [(case, 80)]
    assert await raise_at("2026-03-14 12:00") == []  # Saturday: 9 days
    assert await raise_at("2026-03-16 08:00") == [(case, 100)]  # the day it is due
    assert await raise_at("2026-03-20 08:00") == []
    assert await warnings_of(case) == [50, 80, 100]

    rows = await DeadlineWarning.select().where(DeadlineWarning.case == case)
    raised_at = {row["threshold"]: row["raised_at"] for row in rows}
    assert raised_at[50] == at("2026-03-09 00:30")
    assert raised_at[100] == at("2026-03-16 08:00")
    # One audit entry per run that raised something, with counts only.
    audited = (
        await AuditEntry.select(AuditEntry.data)
        .where(AuditEntry.action == "casework.deadline_warnings_raised")
        .order_by(AuditEntry.seq)
    )
    assert [json.loads(entry["data"]) for entry in audited] == [
        {"counts": {"50": 1}},
        {"counts": {"80": 1}},
        {"counts": {"100": 1}},
    ]


async def test_a_late_first_run_raises_every_threshold_reached(calendar_seeded: None) -> None:
    person = await a_person()
    item = await an_item()
    case = await a_case(person_id=person, item=item, accepted=at("2026-03-02 10:00"))
    assert await raise_at("2026-03-17 10:00") == [(case, 50), (case, 80), (case, 100)]
    assert await raise_at("2026-03-17 10:15") == []


async def test_two_runs_at_once_raise_each_warning_once(calendar_seeded: None) -> None:
    person = await a_person()
    item = await an_item()
    cases = [
        await a_case(person_id=person, item=item, accepted=at("2026-03-02 10:00")) for _ in range(3)
    ]
    with clock.frozen_at(at("2026-03-17 10:00")):
        first, second = await asyncio.gather(
            supervision.raise_deadline_warnings(THRESHOLDS),
            supervision.raise_deadline_warnings(THRESHOLDS),
        )
    raised = sorted((w.case_id, w.threshold) for w in first + second)
    assert raised == sorted((case, t) for case in cases for t in THRESHOLDS)
    assert await DeadlineWarning.count() == 9


async def test_holidays_do_not_use_up_the_limit(calendar_seeded: None) -> None:
    person = await a_person()
    item = await an_item(statutory_days=4)
    # Accepted the day before National Day: due Monday 12 October (Saturday 10 works).
    case = await a_case(
        person_id=person, item=item, accepted=at("2026-09-30 15:00"), statutory_days=4
    )
    row = await Case.select(Case.due_on).where(Case.id == case).first()
    assert row is not None and row["due_on"] == date(2026, 10, 12)
    assert await raise_at("2026-10-07 18:00") == []  # the whole week off: 0 days used
    assert await raise_at("2026-10-08 18:00") == []  # 1 of 4
    assert await raise_at("2026-10-09 18:00") == [(case, 50)]  # 2 of 4
    assert await raise_at("2026-10-10 18:00") == []  # make-up Saturday: 3 of 4 = 75 %
    assert await raise_at("2026-10-11 18:00") == []  # Sunday
    assert await raise_at("2026-10-12 09:00") == [(case, 80), (case, 100)]


async def test_only_accepted_cases_still_with_the_department_are_watched(
    calendar_seeded: None,
) -> None:
    person = await a_person()
    item = await an_item()
    accepted = at("2026-03-02 10:00")
    watched = {
        await a_case(person_id=person, item=item, status=status, accepted=accepted)
        for status in ("accepted", "under_review", "approved")
    }
    for status in ("completed", "delivered", "denied", "closed", "withdrawn"):
        await a_case(person_id=person, item=item, status=status, accepted=accepted)
    # Submitted but not accepted yet: no deadline is running.
    await a_case(person_id=person, item=item, status="submitted", submitted=accepted)
    raised = await raise_at("2026-03-30 10:00")
    assert {case for case, _ in raised} == watched
    assert len(raised) == 3 * len(watched)


async def test_no_thresholds_raise_nothing(calendar_seeded: None) -> None:
    person = await a_person()
    item = await an_item()
    await a_case(person_id=person, item=item, accepted=at("2026-03-02 10:00"))
    with clock.frozen_at(at("2026-03-30 10:00")):
        assert await supervision.raise_deadline_warnings(()) == []
    assert await DeadlineWarning.count() == 0


async def test_warnings_are_shown_to_their_department_and_to_supervisors(
    calendar_seeded: None,
) -> None:
    person = await a_person()
    zw_case = await a_case(person_id=person, item=await an_item(), accepted=at("2026-03-02 10:00"))
    ga_case = await a_case(
        person_id=person,
        item=await an_item(GA),
        department=GA,
        accepted=at("2026-03-02 10:00"),
    )
    await raise_at("2026-03-09 10:00")
    await raise_at("2026-03-12 10:00")

    with clock.frozen_at(at("2026-03-12 11:00")):
        own = await supervision.list_warnings(ZW_APPROVER, limit=10)
        assert [(w.case_id, w.threshold) for w in own] == [(zw_case, 80), (zw_case, 50)]
        assert own[0].department_code == ZW
        assert own[0].due_on == date(2026, 3, 16)
        assert own[0].item_name == "居住证签注"
        clerk = staff("window_clerk")
        assert len(await supervision.list_warnings(clerk, limit=10)) == 2
        assert {w.case_id for w in await supervision.list_warnings(GA_APPROVER, limit=10)} == {
            ga_case
        }
        with pytest.raises(AccessDenied):
            await supervision.list_warnings(GA_APPROVER, department_code=ZW, limit=10)

        everything = await supervision.list_warnings(SUPERVISOR, limit=10)
        assert {w.case_id for w in everything} == {zw_case, ga_case}
        assert len(everything) == 4
        only_ga = await supervision.list_warnings(SUPERVISOR, department_code=GA, limit=10)
        assert {w.case_id for w in only_ga} == {ga_case}

        # Keyset pages: newest first, no repeats, nothing lost.
        first = await supervision.list_warnings(SUPERVISOR, limit=3)
        rest = await supervision.list_warnings(SUPERVISOR, after_key=first[-1].key, limit=3)
        assert [w.id for w in first + rest] == [w.id for w in everything]

        for outsider in (
            Viewer(subject=f"person:{person}"),
            staff("call_centre_agent", department=None),
            Viewer(),
        ):
            with pytest.raises(AccessDenied):
                await supervision.list_warnings(outsider, limit=10)

    # Once the case is decided, its warnings leave the working list but stay on record.
    await Case.update({Case.status: "completed"}).where(Case.id == zw_case)
    assert await supervision.list_warnings(ZW_APPROVER, limit=10) == []
    kept = await supervision.list_warnings(ZW_APPROVER, include_closed=True, limit=10)
    assert len(kept) == 2


async def test_overdue_cases_are_listed_most_overdue_first(calendar_seeded: None) -> None:
    person = await a_person()
    item = await an_item()
    first = await a_case(person_id=person, item=item, accepted=at("2026-03-02 10:00"))
    second = await a_case(person_id=person, item=item, accepted=at("2026-03-03 10:00"))
    await a_case(person_id=person, item=item, accepted=at("2026-03-10 10:00"))  # due 24 March
    await a_case(person_id=person, item=item, status="completed", accepted=at("2026-03-02 10:00"))
    ga = await a_case(
        person_id=person,
        item=await an_item(GA),
        department=GA,
        accepted=at("2026-03-02 10:00"),
    )

    with clock.frozen_at(at("2026-03-16 23:00")):  # the first is due today: not overdue yet
        assert await supervision.overdue_case_ids(ZW_APPROVER, limit=10) == []
    with clock.frozen_at(at("2026-03-18 09:00")):
        listed = await supervision.overdue_case_ids(ZW_APPROVER, limit=10)
        assert [case for _, case in listed] == [first, second]
        page = await supervision.overdue_case_ids(ZW_APPROVER, limit=1)
        after = await supervision.overdue_case_ids(ZW_APPROVER, after_key=page[0][0], limit=5)
        assert [case for _, case in after] == [second]
        everywhere = await supervision.overdue_case_ids(SUPERVISOR, limit=10)
        assert {case for _, case in everywhere} == {first, second, ga}
        assert [c for _, c in await supervision.overdue_case_ids(GA_APPROVER, limit=10)] == [ga]
        with pytest.raises(InvalidCursor):
            await supervision.overdue_case_ids(SUPERVISOR, after_key="not-a-key", limit=1)


async def test_case_warnings_follow_who_may_read_the_case(calendar_seeded: None) -> None:
    person = await a_person()
    case = await a_case(person_id=person, item=await an_item(), accepted=at("2026-03-02 10:00"))
    await raise_at("2026-03-12 10:00")
    assert [w.threshold for w in await supervision.case_warnings(ZW_APPROVER, case)] == [50, 80]
    assert len(await supervision.case_warnings(SUPERVISOR, case)) == 2
    # The applicant reads the case but supervision's warnings are not for them.
    assert await supervision.case_warnings(Viewer(subject=f"person:{person}"), case) == []
    for stranger in (GA_APPROVER, Viewer(subject=f"person:{uuid.uuid4()}")):
        with pytest.raises(NotFound):
            await supervision.case_warnings(stranger, case)


# --- metrics --------------------------------------------------------------------------------


async def _complaint(person: str, department: str, status: str) -> None:
    now = clock.now()
    await Complaint.insert(
        Complaint(
            id=uuid.uuid4(),
            complainant=person,
            department=await ensure_department(department),
            text="窗口排队太久",
            status=status,
            created_at=now,
            updated_at=now,
        )
    )


async def _rating(case_id: str, score: int, when: datetime) -> None:
    await Rating.insert(
        Rating(
            id=uuid.uuid4(),
            case=case_id,
            score=score,
            comment="",
            created_at=when,
            updated_at=when,
        )
    )


async def metrics_dataset() -> dict[str, Any]:
    """March 2026 in one department (ZW), with a little of February and of another (GA).

    ZW, 1-31 March: received A B C D G (5); decided A (5 working days, on time),
    B (12 days, due 17 March, late) and E (accepted in February; 7 days counting the
    make-up Saturday 28 February; on time): 3 decided, 2 on time, average 8 days;
    open now C (overdue) and D; ratings 5 (A) and 4 (E) in March, 1 (H) in February;
    complaints: one received and one handling open, one answered, one closed.
    """
    person = await a_person()
    item = await an_item()
    case = {}
    case["A"] = await a_case(
        person_id=person,
        item=item,
        status="completed",
        submitted=at("2026-03-02 09:00"),
        accepted=at("2026-03-02 10:00"),
        decided=at("2026-03-09 23:30"),
    )
    case["B"] = await a_case(
        person_id=person,
        item=item,
        status="denied",
        submitted=at("2026-03-02 09:00"),
        accepted=at("2026-03-03 10:00"),
        decided=at("2026-03-19 11:00"),
    )
    case["C"] = await a_case(
        person_id=person,
        item=item,
        status="under_review",
        submitted=at("2026-03-10 09:00"),
        accepted=at("2026-03-10 10:00"),
    )
    case["D"] = await a_case(
        person_id=person, item=item, status="submitted", submitted=at("2026-03-30 09:00")
    )
    case["E"] = await a_case(
        person_id=person,
        item=item,
        status="delivered",
        submitted=at("2026-02-20 09:00"),
        accepted=at("2026-02-24 10:00"),
        decided=at("2026-03-04 16:00"),
    )
    case["G"] = await a_case(
        person_id=person, item=item, status="rejected", submitted=at("2026-03-05 09:00")
    )
    case["H"] = await a_case(
        person_id=person,
        item=item,
        status="closed",
        submitted=at("2026-02-02 09:00"),
        accepted=at("2026-02-02 10:00"),
        decided=at("2026-02-10 10:00"),
    )
    # A draft is no case yet.
    with clock.frozen_at(at("2026-03-12 10:00")):
        await a_case(person_id=person, item=item, status="draft")
    await _rating(case["A"], 5, at("2026-03-10 10:00"))
    await _rating(case["E"], 4, at("2026-03-31 23:00"))
    await _rating(case["H"], 1, at("2026-02-25 10:00"))
    for status in ("received", "handling", "answered", "closed"):
        await _complaint(person, ZW, status)

    ga_item = await an_item(GA)
    case["GA"] = await a_case(
        person_id=person,
        item=ga_item,
        department=GA,
        status="accepted",
        submitted=at("2026-03-20 09:00"),
        accepted=at("2026-03-20 10:00"),
    )
    await _complaint(person, GA, "received")
    return case


async def test_department_metrics_on_a_known_dataset(calendar_seeded: None) -> None:
    case = await metrics_dataset()
    # The SQL counts working days like the calendar does.
    assert CALENDAR.working_days_between(date(2026, 3, 2), date(2026, 3, 9)) == 5
    assert CALENDAR.working_days_between(date(2026, 3, 3), date(2026, 3, 19)) == 12
    assert CALENDAR.working_days_between(date(2026, 2, 24), date(2026, 3, 4)) == 7
    assert case

    with clock.frozen_at(at("2026-03-31 12:00")):
        metrics = await supervision.department_metrics(
            SUPERVISOR, start=date(2026, 3, 1), end=date(2026, 3, 31)
        )
    assert [m.department.code for m in metrics] == [GA, ZW]
    ga, zw = metrics
    assert zw.department.name == f"{ZW} 部门"
    assert (zw.cases_received, zw.cases_decided) == (5, 3)
    assert zw.on_time_rate == pytest.approx(2 / 3)
    assert zw.average_handling_days == pytest.approx(8.0)
    assert (zw.rating_average, zw.rating_count) == (4.5, 2)
    assert (zw.open_cases, zw.overdue_cases) == (2, 1)
    assert zw.complaints_open == 2

    assert (ga.cases_received, ga.cases_decided) == (1, 0)
    assert ga.on_time_rate is None and ga.average_handling_days is None
    assert (ga.rating_average, ga.rating_count) == (None, 0)
    assert (ga.open_cases, ga.overdue_cases, ga.complaints_open) == (1, 0, 1)


async def test_metrics_for_one_department_and_one_day(calendar_seeded: None) -> None:
    await metrics_dataset()
    with clock.frozen_at(at("2026-03-31 12:00")):
        (zw,) = await supervision.department_metrics(
            PLATFORM_ADMIN, start=date(2026, 3, 9), end=date(2026, 3, 9), department_code=ZW
        )
        assert (zw.cases_received, zw.cases_decided) == (0, 1)  # A, decided 23:30 in China
        assert zw.on_time_rate == 1.0
        assert zw.average_handling_days == 5.0
        # A department without any activity is still answered when asked for.
        empty_code = "350100-SW"
        await ensure_department(empty_code)
        (empty,) = await supervision.department_metrics(
            SUPERVISOR, start=date(2026, 3, 1), end=date(2026, 3, 31), department_code=empty_code
        )
        assert (empty.cases_received, empty.open_cases, empty.rating_count) == (0, 0, 0)
        assert (
            await supervision.department_metrics(
                SUPERVISOR, start=date(2026, 3, 1), end=date(2026, 3, 31), department_code="nope"
            )
            == []
        )


async def test_metrics_are_for_supervisors_and_platform_admins(calendar_seeded: None) -> None:
    for viewer in (ZW_APPROVER, staff("department_admin"), Viewer()):
        with pytest.raises(AccessDenied):
            await supervision.department_metrics(
                viewer, start=date(2026, 3, 1), end=date(2026, 3, 31)
            )
    with pytest.raises(InvalidInput):
        await supervision.department_metrics(
            SUPERVISOR, start=date(2026, 3, 31), end=date(2026, 3, 1)
        )


# --- the holiday calendar -------------------------------------------------------------------


async def test_platform_admins_keep_the_holiday_calendar(calendar_seeded: None) -> None:
    days_2026 = await supervision.list_holidays(2026)
    assert len(days_2026) == len([r for r in seed_rows() if r[0].year == 2026])
    assert days_2026[0] == supervision.HolidayRecord(date(2026, 1, 1), "holiday", "元旦")

    added = await supervision.set_holiday(
        PLATFORM_ADMIN, day=date(2026, 3, 10), kind="holiday", name=" 测试假日 "
    )
    assert added.name == "测试假日"
    changed = await supervision.set_holiday(
        PLATFORM_ADMIN, day=date(2026, 3, 10), kind="workday", name="测试调休"
    )
    assert changed.kind == "workday"
    assert await Holiday.count().where(Holiday.day == date(2026, 3, 10)) == 1
    removed = await supervision.remove_holiday(PLATFORM_ADMIN, day=date(2026, 3, 10))
    assert removed == changed
    with pytest.raises(NotFound):
        await supervision.remove_holiday(PLATFORM_ADMIN, day=date(2026, 3, 10))
    actions = [
        row["action"]
        for row in await AuditEntry.select(AuditEntry.action)
        .where(AuditEntry.subject_type == "holiday")
        .order_by(AuditEntry.seq)
    ]
    assert actions == ["casework.holiday_set", "casework.holiday_set", "casework.holiday_removed"]

    with pytest.raises(InvalidInput) as bad:
        await supervision.set_holiday(PLATFORM_ADMIN, day=date(2026, 3, 10), kind="party", name="x")
    assert bad.value.field == "kind"
    with pytest.raises(InvalidInput):
        await supervision.set_holiday(
            PLATFORM_ADMIN, day=date(2026, 3, 10), kind="holiday", name=""
        )
    for viewer in (SUPERVISOR, staff("department_admin"), Viewer()):
        with pytest.raises(AccessDenied):
            await supervision.set_holiday(viewer, day=date(2026, 3, 10), kind="holiday", name="x")
        with pytest.raises(AccessDenied):
            await supervision.remove_holiday(viewer, day=date(2026, 1, 1))
    assert await supervision.list_holidays(1800) == []
    assert len(await supervision.list_holidays(2027)) == 1


# --- over GraphQL ---------------------------------------------------------------------------

WARNINGS = """query($d: String, $c: Boolean! = false) {
  deadlineWarnings(departmentCode: $d, includeClosed: $c, first: 10) {
    edges { node { caseId caseNumber caseStatus departmentCode itemName threshold dueOn
                   case { id status } } }
  } }"""
CASE_WARNINGS = "query($id: ID!) { caseWarnings(caseId: $id) { threshold raisedAt } }"
OVERDUE = """query($d: String) { overdueCases(departmentCode: $d, first: 10) {
  edges { node { id status overdue dueOn } } pageInfo { hasNextPage } } }"""
METRICS = """query($f: Date!, $t: Date!, $d: String) {
  departmentMetrics(from: $f, to: $t, departmentCode: $d) {
    department { code name } casesReceived casesDecided onTimeRate averageHandlingDays
    ratingAverage ratingCount openCases overdueCases complaintsOpen } }"""


async def staff_token(api: Api, world: World, roles: list[str], department: str) -> str:
    """A signed-in staff member of ``department`` (created for the test)."""
    await ensure_department(department)
    staff_id = await world.add_staff(roles, department=department)
    tokens = await sessions.start_session(
        identity_runtime(api), subject=f"staff:{staff_id}", amr=("pwd", "hwk"), device="test"
    )
    return tokens.access_token


async def test_warnings_and_overdue_cases_over_graphql(api: Api, world: World) -> None:
    await seed_holidays()
    # Accepted long enough ago, whatever today is, to be overdue.
    accepted = clock.now() - timedelta(days=60)
    case = await a_case(
        person_id=world.person_ids[BASIC],
        item=await an_item(),
        accepted=accepted,
        submitted=accepted,
    )
    raised = await supervision.raise_deadline_warnings(THRESHOLDS)
    assert sorted(w.threshold for w in raised) == [50, 80, 100]
    ga_token = await staff_token(api, world, ["approver"], GA)

    seen = await api.data(WARNINGS, token=world.token("approver"))
    nodes = [e["node"] for e in seen["deadlineWarnings"]["edges"]]
    assert {n["threshold"] for n in nodes} == {50, 80, 100}
    assert {(n["caseId"], n["departmentCode"], n["caseStatus"]) for n in nodes} == {
        (case, ZW, "UNDER_REVIEW")
    }
    assert nodes[0]["case"] == {"id": case, "status": "UNDER_REVIEW"}
    assert nodes[0]["itemName"] == "居住证签注"
    supervised = await api.data(WARNINGS, token=world.token("supervisor"))
    assert len(supervised["deadlineWarnings"]["edges"]) == 3
    case_warnings = await api.data(CASE_WARNINGS, {"id": case}, token=world.token("supervisor"))
    assert [w["threshold"] for w in case_warnings["caseWarnings"]] == [50, 80, 100]

    # Another department's staff: nothing to see, and no asking for someone else's.
    other = await api.data(WARNINGS, token=ga_token)
    assert other["deadlineWarnings"]["edges"] == []
    assert await api.error_code(WARNINGS, {"d": ZW}, token=ga_token) == "FORBIDDEN"
    assert (await api.data(CASE_WARNINGS, {"id": case}, token=ga_token))["caseWarnings"] == []
    # The applicant reads the case, not supervision's warnings; others are refused.
    applicant = await api.data(CASE_WARNINGS, {"id": case}, token=world.token(BASIC))
    assert applicant["caseWarnings"] == []
    for actor in (BASIC, "call_centre_agent"):
        assert await api.error_code(WARNINGS, token=world.token(actor)) == "FORBIDDEN"
    assert await api.error_code(WARNINGS) == "UNAUTHENTICATED"

    overdue = await api.data(OVERDUE, token=world.token("window_clerk"))
    (node,) = [e["node"] for e in overdue["overdueCases"]["edges"]]
    assert (node["id"], node["overdue"]) == (case, True)
    assert (await api.data(OVERDUE, token=ga_token))["overdueCases"]["edges"] == []
    everywhere = await api.data(OVERDUE, {"d": ZW}, token=world.token("platform_admin"))
    assert len(everywhere["overdueCases"]["edges"]) == 1
    assert await api.error_code(OVERDUE, token=world.token(BASIC)) == "FORBIDDEN"


async def test_metrics_and_the_calendar_over_graphql(api: Api, world: World) -> None:
    await seed_holidays()
    today = supervision.local_day(clock.now())
    await a_case(
        person_id=world.person_ids[BASIC],
        item=await an_item(),
        status="submitted",
        submitted=clock.now(),
    )
    period = {"f": (today - timedelta(days=1)).isoformat(), "t": today.isoformat()}
    data = await api.data(METRICS, period, token=world.token("supervisor"))
    (zw,) = data["departmentMetrics"]
    assert zw["department"]["code"] == ZW
    assert (zw["casesReceived"], zw["casesDecided"], zw["openCases"]) == (1, 0, 1)
    assert zw["onTimeRate"] is None and zw["ratingAverage"] is None
    for actor in ("approver", "department_admin", BASIC):
        assert await api.error_code(METRICS, period, token=world.token(actor)) == "FORBIDDEN"
    backwards = {"f": period["t"], "t": period["f"]}
    assert (
        await api.error_code(METRICS, backwards, token=world.token("supervisor")) == "BAD_REQUEST"
    )

    holidays = await api.data("{ holidays(year: 2026) { day kind name } }")
    assert holidays["holidays"][0] == {"day": "2026-01-01", "kind": "holiday", "name": "元旦"}
    set_day = """mutation($d: Date!, $k: String!, $n: String!) { setHoliday(day: $d, kind: $k,
        name: $n) { __typename ... on Holiday { day kind name }
        ... on InvalidInputError { field reason } } }"""
    added = await api.data(
        set_day, {"d": "2026-03-10", "k": "holiday", "n": "测试"}, world.token("platform_admin")
    )
    assert added["setHoliday"] == {
        "__typename": "Holiday",
        "day": "2026-03-10",
        "kind": "holiday",
        "name": "测试",
    }
    wrong = await api.data(
        set_day, {"d": "2026-03-10", "k": "party", "n": "x"}, world.token("platform_admin")
    )
    assert wrong["setHoliday"] == {
        "__typename": "InvalidInputError",
        "field": "kind",
        "reason": "not_an_option",
    }
    assert (
        await api.error_code(
            set_day, {"d": "2026-03-10", "k": "holiday", "n": "x"}, world.token("supervisor")
        )
        == "FORBIDDEN"
    )
    remove = """mutation($d: Date!) { removeHoliday(day: $d) { __typename
        ... on Holiday { day } ... on CaseworkError { code } } }"""
    removed = await api.data(remove, {"d": "2026-03-10"}, world.token("platform_admin"))
    assert removed["removeHoliday"] == {"__typename": "Holiday", "day": "2026-03-10"}
    again = await api.data(remove, {"d": "2026-03-10"}, world.token("platform_admin"))
    assert again["removeHoliday"] == {"__typename": "CaseworkError", "code": "NOT_FOUND"}


# --- the scheduled jobs ---------------------------------------------------------------------


async def test_the_jobs_are_registered_and_run_in_the_worker(
    database_url: str, settings: Settings
) -> None:
    await seed_holidays()
    app = build_job_app(database_url)
    casework_jobs.register(app, thresholds=THRESHOLDS)
    periodic = {
        task.periodic_id: task.cron for task in app.periodic_registry.periodic_tasks.values()
    }
    assert periodic == {
        "casework-deadline-warnings": casework_jobs.WARNINGS_CRON,
        "casework-stale-uploads": casework_jobs.STALE_UPLOADS_CRON,
    }
    accepted = clock.now() - timedelta(days=60)
    case = await a_case(person_id=await a_person(), item=await an_item(), accepted=accepted)

    resources = JobResources(
        object_store=build_object_store(settings), key_material=load_key_material(settings)
    )
    async with app.open_async():
        for task in (casework_jobs.WARNINGS_TASK, casework_jobs.STALE_UPLOADS_TASK):
            await app.configure_task(task).defer_async(timestamp=0)
        await app.run_worker_async(wait=False, **worker_options(resources))
    assert await warnings_of(case) == [50, 80, 100]
    ran = await Case.raw("SELECT task_name, status FROM procrastinate_jobs ORDER BY id")
    assert {(row["task_name"], row["status"]) for row in ran} >= {
        (casework_jobs.WARNINGS_TASK, "succeeded"),
        (casework_jobs.STALE_UPLOADS_TASK, "succeeded"),
    }


def test_the_app_registers_the_casework_jobs(database_url: str) -> None:
    """The server's job app (api.runtime) schedules both casework jobs."""
    from api.runtime import build_jobs
    from core.settings import load_settings

    registered = build_jobs(load_settings({}), database_url)
    periodic = {task.periodic_id for task in registered.periodic_registry.periodic_tasks.values()}
    assert {"casework-deadline-warnings", "casework-stale-uploads"} <= periodic
