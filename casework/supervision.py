"""Electronic supervision (电子监察): deadline warnings, overdue lists, department metrics.

A case's statutory limit runs in working days from the day after acceptance (Asia/Shanghai
date) to ``due_on``. The warning job looks at every case still with its department and
raises one :class:`~casework.tables.DeadlineWarning` per configured threshold (say 50 %,
80 %, 100 %) the case has used; the unique ``(case, threshold)`` constraint makes a re-run
(or two workers at once) raise each warning once. Warnings stay when the case moves on:
they are the record that the department was warned; lists show open cases' warnings by
default.

Who sees what: staff of a department (window clerk, approver, department admin) see their
own department; supervisors and platform admins see every department. Metrics are for
supervisors and platform admins only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from casework import access, numbers
from casework.calendar import load_calendar
from casework.errors import InvalidInput, NotFound
from casework.numbers import shanghai_date
from casework.sql import Conditions
from casework.states import OPEN_FOR_DEPARTMENT
from casework.tables import Case, DeadlineWarning, Holiday
from core import clock
from core.audit import service as audit
from core.db import DB
from core.graphql.context import Viewer
from core.graphql.errors import AccessDenied
from core.graphql.pagination import pair_key, split_day_key, split_moment_key
from identity import authz
from identity.roles import Role
from reference.service import DepartmentRecord
from reference.tables import Department

#: Roles that oversee every department (read-only), and that work one department's cases.
OVERSEERS = frozenset(role.value for role in access.OVERSIGHT_ROLES)
DEPARTMENT_STAFF = frozenset(role.value for role in access.CASE_STAFF_ROLES)
_OPEN = sorted(status.value for status in OPEN_FOR_DEPARTMENT)


#: Deadlines count Chinese working days, whatever the server's zone.
local_day = shanghai_date


def thresholds_reached(used: int, statutory: int, thresholds: Sequence[int]) -> list[int]:
    """The thresholds (percent) that ``used`` working days of ``statutory`` have reached.

    Integer arithmetic, so 8 of 10 days is exactly 80 %. A zero-day limit is used up at once.
    """
    return [t for t in thresholds if used * 100 >= t * statutory]


# --- raising warnings (the scheduled job) -------------------------------------------------


@dataclass(frozen=True, slots=True)
class RaisedWarning:
    case_id: str
    threshold: int


async def raise_deadline_warnings(thresholds: Sequence[int]) -> list[RaisedWarning]:
    """Raise every warning open cases have earned by now; the ones newly raised.

    Cases are grouped by (acceptance day, statutory days, warnings already raised), so the
    calendar is walked once per group rather than once per case and only missing warnings
    are inserted; cases that already hold every warning are skipped in SQL. The insert
    still says ON CONFLICT DO NOTHING for a concurrent run.
    """
    wanted = sorted({t for t in thresholds if t > 0})
    if not wanted:
        return []
    now = clock.now()
    today = local_day(now)
    groups = await Case.raw(
        """
        SELECT accepted_day, statutory_days, raised, array_agg(id) AS cases
        FROM (
            SELECT c.id,
                   (c.accepted_at AT TIME ZONE 'Asia/Shanghai')::date AS accepted_day,
                   v.statutory_days,
                   ARRAY(SELECT w.threshold FROM deadline_warning w
                         WHERE w."case" = c.id AND w.threshold = ANY({}::int[])
                         ORDER BY w.threshold) AS raised
            FROM casework_case c
            JOIN service_item_version v ON v.id = c.item_version
            WHERE c.status = ANY({}::text[])
              AND c.accepted_at IS NOT NULL
              AND c.due_on IS NOT NULL
        ) AS watched
        WHERE cardinality(raised) < {}
        GROUP BY accepted_day, statutory_days, raised
        """,
        wanted,
        _OPEN,
        len(wanted),
    )
    calendar = await load_calendar()
    case_ids: list[Any] = []
    levels: list[int] = []
    for group in groups:
        used = calendar.working_days_between(group["accepted_day"], today)
        already = set(group["raised"])
        for threshold in thresholds_reached(used, group["statutory_days"], wanted):
            if threshold in already:
                continue
            for case_id in group["cases"]:
                case_ids.append(case_id)
                levels.append(threshold)
    if not case_ids:
        return []
    async with DB.transaction():
        rows = await DeadlineWarning.raw(
            """
            INSERT INTO deadline_warning (id, "case", threshold, raised_at)
            SELECT gen_random_uuid(), pair.case_id, pair.threshold, {}
            FROM unnest({}::uuid[], {}::int[]) AS pair(case_id, threshold)
            ON CONFLICT ("case", threshold) DO NOTHING
            RETURNING "case", threshold
            """,
            now,
            case_ids,
            levels,
        )
        raised = [RaisedWarning(str(row["case"]), int(row["threshold"])) for row in rows]
        if raised:
            by_threshold: dict[int, int] = defaultdict(int)
            for warning in raised:
                by_threshold[warning.threshold] += 1
            await audit.record(
                actor="system:supervision",
                action="casework.deadline_warnings_raised",
                subject_type="deadline_warning",
                subject_id=today.isoformat(),
                data={"counts": {str(t): n for t, n in sorted(by_threshold.items())}},
            )
    return raised


# --- who sees which department ------------------------------------------------------------


def department_scope(viewer: Viewer, department_code: str | None) -> str | None:
    """The department a staff viewer may look at (None: every department).

    Overseers may name any department or none; department staff get their own, and naming
    another department is refused.
    """
    authz.require_staff(viewer)
    if viewer.roles & OVERSEERS:
        return department_code
    if viewer.roles & DEPARTMENT_STAFF and viewer.department is not None:
        if department_code is not None and department_code != viewer.department:
            raise AccessDenied(authz.FORBIDDEN, "You may only see your own department.")
        return viewer.department
    raise AccessDenied(authz.FORBIDDEN, "Your staff role does not allow this.")


def may_see_warnings_of(viewer: Viewer, department_code: str) -> bool:
    """Staff of the case's department and overseers; never applicants or the call centre."""
    if viewer.kind != "staff":
        return False
    if viewer.roles & OVERSEERS:
        return True
    return bool(viewer.roles & DEPARTMENT_STAFF) and viewer.department == department_code


# --- listing warnings ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WarningRecord:
    id: str
    case_id: str
    case_number: str | None  # grouped for reading
    case_status: str
    department_code: str
    item_name: str
    item_name_en: str
    threshold: int
    raised_at: datetime
    due_on: date | None

    @property
    def key(self) -> str:
        return pair_key(self.raised_at, self.id)


_WARNING_COLUMNS = """
    SELECT w.id, w."case" AS case_id, w.threshold, w.raised_at,
           c.number, c.status, c.due_on, d.code AS department_code,
           v.name AS item_name, v.name_en AS item_name_en
    FROM deadline_warning w
    JOIN casework_case c ON c.id = w."case"
    JOIN department d ON d.id = c.department
    JOIN service_item_version v ON v.id = c.item_version
"""


def _warning(row: dict[str, Any]) -> WarningRecord:
    return WarningRecord(
        id=str(row["id"]),
        case_id=str(row["case_id"]),
        case_number=None if row["number"] is None else numbers.display(row["number"]),
        case_status=row["status"],
        department_code=row["department_code"],
        item_name=row["item_name"],
        item_name_en=row["item_name_en"],
        threshold=int(row["threshold"]),
        raised_at=row["raised_at"],
        due_on=row["due_on"],
    )


async def list_warnings(
    viewer: Viewer,
    *,
    department_code: str | None = None,
    include_closed: bool = False,
    after_key: str | None = None,
    limit: int,
) -> list[WarningRecord]:
    """Warnings the viewer may see, newest first (keyset on raised_at, id)."""
    scope = department_scope(viewer, department_code)
    where = Conditions()
    if scope is not None:
        where.add("d.code = {}", scope)
    if not include_closed:
        where.add("c.status = ANY({}::text[])", _OPEN)
    if after_key is not None:
        where.add("(w.raised_at, w.id) < ({}, {}::uuid)", *split_moment_key(after_key))
    rows = await DeadlineWarning.raw(
        f"{_WARNING_COLUMNS} {where.where} ORDER BY w.raised_at DESC, w.id DESC LIMIT {{}}",
        *where.args,
        limit,
    )
    return [_warning(row) for row in rows]


async def case_warnings(viewer: Viewer, case_id: str) -> list[WarningRecord]:
    """The warnings of one case, lowest threshold first.

    :class:`~casework.errors.NotFound` when the viewer may not read the case; empty for
    readers who are not supervision's audience (the applicant).
    """
    return await warnings_of_readable_case(viewer, await access.readable_case(viewer, case_id))


async def warnings_of_readable_case(viewer: Viewer, case: access.CaseRow) -> list[WarningRecord]:
    """Like :func:`case_warnings` for a case already shown to be readable by ``viewer``."""
    if not may_see_warnings_of(viewer, case.department_code):
        return []
    rows = await DeadlineWarning.raw(
        f'{_WARNING_COLUMNS} WHERE w."case" = {{}}::uuid ORDER BY w.threshold', case.id
    )
    return [_warning(row) for row in rows]


# --- overdue cases ------------------------------------------------------------------------


async def overdue_case_ids(
    viewer: Viewer,
    *,
    department_code: str | None = None,
    after_key: str | None = None,
    limit: int,
) -> list[tuple[str, str]]:
    """(cursor key, case id) of open cases past their deadline, most overdue first."""
    scope = department_scope(viewer, department_code)
    where = Conditions()
    where.add("c.status = ANY({}::text[])", _OPEN)
    where.add("c.due_on < {}", local_day(clock.now()))
    if scope is not None:
        where.add("d.code = {}", scope)
    if after_key is not None:
        where.add("(c.due_on, c.id) > ({}, {}::uuid)", *split_day_key(after_key))
    rows = await Case.raw(
        f"""
        SELECT c.id, c.due_on FROM casework_case c
        JOIN department d ON d.id = c.department
        {where.where}
        ORDER BY c.due_on, c.id LIMIT {{}}
        """,  # noqa: S608
        *where.args,
        limit,
    )
    return [(pair_key(row["due_on"], row["id"]), str(row["id"])) for row in rows]


# --- department metrics -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DepartmentMetrics:
    """One department over a period [start, end] (Asia/Shanghai dates, both included).

    - cases_received: submitted in the period;
    - cases_decided: accepted cases approved or denied in the period (rejection at intake
      is not a decision on the merits and has no deadline);
    - on_time_rate: of those, decided on or before ``due_on`` (None without decisions);
    - average_handling_days: working days from acceptance to decision;
    - rating_average / rating_count: ratings given in the period;
    - open_cases / overdue_cases: now, not over the period (a snapshot);
    - complaints_open: received or being handled, now.
    """

    department: DepartmentRecord
    cases_received: int
    cases_decided: int
    on_time_rate: float | None
    average_handling_days: float | None
    rating_average: float | None
    rating_count: int
    open_cases: int
    overdue_cases: int
    complaints_open: int


#: Working days are counted with a running ordinal over the calendar (weekends and the
#: holiday table, as in casework.calendar): handling days = ordinal(decision day) -
#: ordinal(acceptance day), the working days in (accepted, decided].
_METRICS_SQL = """
WITH params AS (
    SELECT {}::date AS start_day, {}::date AS end_day, {}::int AS department,
           {}::date AS today, {}::text[] AS open_statuses
),
scoped AS (
    SELECT c.id, c.department, c.status, c.due_on,
           (c.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS submitted_day,
           (c.accepted_at AT TIME ZONE 'Asia/Shanghai')::date AS accepted_day,
           (c.decided_at AT TIME ZONE 'Asia/Shanghai')::date AS decided_day
    FROM casework_case c, params p
    WHERE c.status <> 'draft' AND (p.department IS NULL OR c.department = p.department)
),
decided AS (
    SELECT s.* FROM scoped s, params p
    WHERE s.accepted_day IS NOT NULL AND s.decided_day BETWEEN p.start_day AND p.end_day
),
days AS (
    SELECT marked.day,
           sum(CASE WHEN marked.working THEN 1 ELSE 0 END) OVER (ORDER BY marked.day) AS ordinal
    FROM (
        SELECT series::date AS day,
               COALESCE(h.kind = 'workday', extract(isodow FROM series) < 6) AS working
        FROM generate_series(
            (SELECT min(accepted_day) FROM decided)::timestamp,
            (SELECT max(decided_day) FROM decided)::timestamp,
            interval '1 day'
        ) AS series
        LEFT JOIN holiday h ON h.day = series::date
    ) AS marked
),
received AS (
    SELECT s.department, count(*) AS n FROM scoped s, params p
    WHERE s.submitted_day BETWEEN p.start_day AND p.end_day
    GROUP BY s.department
),
decisions AS (
    SELECT d.department,
           count(*) AS n,
           count(*) FILTER (WHERE d.decided_day <= d.due_on) AS on_time,
           avg(GREATEST(0, decided_on.ordinal - accepted_on.ordinal)) AS handling
    FROM decided d
    JOIN days accepted_on ON accepted_on.day = d.accepted_day
    JOIN days decided_on ON decided_on.day = d.decided_day
    GROUP BY d.department
),
open_now AS (
    SELECT s.department, count(*) AS n, count(*) FILTER (WHERE s.due_on < p.today) AS overdue
    FROM scoped s, params p
    WHERE s.status = ANY(p.open_statuses)
    GROUP BY s.department
),
ratings AS (
    SELECT c.department, avg(r.score) AS average, count(*) AS n
    FROM case_rating r
    JOIN casework_case c ON c.id = r."case"
    CROSS JOIN params p
    WHERE (r.created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN p.start_day AND p.end_day
      AND (p.department IS NULL OR c.department = p.department)
    GROUP BY c.department
),
complaints AS (
    SELECT k.department, count(*) AS n FROM complaint k, params p
    WHERE k.status IN ('received', 'handling')
      AND (p.department IS NULL OR k.department = p.department)
    GROUP BY k.department
),
listed AS (
    SELECT department FROM received
    UNION SELECT department FROM decisions
    UNION SELECT department FROM open_now
    UNION SELECT department FROM ratings
    UNION SELECT department FROM complaints
    UNION SELECT department FROM params WHERE department IS NOT NULL
)
SELECT dep.id, dep.code, dep.name, dep.name_en, dep.category, dep.region,
       COALESCE(received.n, 0) AS cases_received,
       COALESCE(decisions.n, 0) AS cases_decided,
       decisions.on_time::float8 / NULLIF(decisions.n, 0) AS on_time_rate,
       decisions.handling::float8 AS average_handling_days,
       ratings.average::float8 AS rating_average,
       COALESCE(ratings.n, 0) AS rating_count,
       COALESCE(open_now.n, 0) AS open_cases,
       COALESCE(open_now.overdue, 0) AS overdue_cases,
       COALESCE(complaints.n, 0) AS complaints_open
FROM listed
JOIN department dep ON dep.id = listed.department
LEFT JOIN received ON received.department = listed.department
LEFT JOIN decisions ON decisions.department = listed.department
LEFT JOIN open_now ON open_now.department = listed.department
LEFT JOIN ratings ON ratings.department = listed.department
LEFT JOIN complaints ON complaints.department = listed.department
ORDER BY dep.code
"""


async def department_metrics(
    viewer: Viewer, *, start: date, end: date, department_code: str | None = None
) -> list[DepartmentMetrics]:
    """Metrics per department with any activity (or the one named), ordered by code."""
    authz.require_staff(viewer, (Role.SUPERVISOR, Role.PLATFORM_ADMIN))
    if end < start:
        raise InvalidInput("to", "before_from", "The period ends before it starts.")
    department_id: int | None = None
    if department_code is not None:
        found = await Department.select(Department._meta.primary_key).where(
            Department.code == department_code
        )
        if not found:
            return []
        department_id = int(found[0]["id"])
    rows = await Case.raw(_METRICS_SQL, start, end, department_id, local_day(clock.now()), _OPEN)
    return [
        DepartmentMetrics(
            department=DepartmentRecord(
                id=row["id"],
                code=row["code"],
                name=row["name"],
                name_en=row["name_en"],
                category=row["category"],
                region_id=row["region"],
            ),
            cases_received=row["cases_received"],
            cases_decided=row["cases_decided"],
            on_time_rate=row["on_time_rate"],
            average_handling_days=row["average_handling_days"],
            rating_average=row["rating_average"],
            rating_count=row["rating_count"],
            open_cases=row["open_cases"],
            overdue_cases=row["overdue_cases"],
            complaints_open=row["complaints_open"],
        )
        for row in rows
    ]


# --- the holiday calendar -----------------------------------------------------------------

HOLIDAY_KINDS = ("holiday", "workday")


@dataclass(frozen=True, slots=True)
class HolidayRecord:
    day: date
    kind: str  # holiday (off) | workday (a make-up working day, 调休)
    name: str


async def list_holidays(year: int) -> list[HolidayRecord]:
    """The days of ``year`` that differ from the Monday-to-Friday rule, in order."""
    if not 1900 <= year <= 9999:
        return []
    rows = (
        await Holiday.select()
        .where((Holiday.day >= date(year, 1, 1)) & (Holiday.day <= date(year, 12, 31)))
        .order_by(Holiday.day)
    )
    return [HolidayRecord(row["day"], row["kind"], row["name"]) for row in rows]


async def set_holiday(viewer: Viewer, *, day: date, kind: str, name: str) -> HolidayRecord:
    """Add or change one day of the calendar (platform admin).

    Deadlines already set keep their dates: ``due_on`` is fixed at acceptance. Warnings
    and metrics count with the calendar as it is when they run.
    """
    staff_id = authz.require_staff(viewer, (Role.PLATFORM_ADMIN,))
    if kind not in HOLIDAY_KINDS:
        raise InvalidInput("kind", "not_an_option", "The kind is 'holiday' or 'workday'.")
    name = name.strip()
    if not name:
        raise InvalidInput("name", "required", "Please name the day (e.g. 国庆节).")
    if len(name) > 64:
        raise InvalidInput("name", "too_long", "The name is at most 64 characters.")
    async with DB.transaction():
        await Holiday.raw(
            """
            INSERT INTO holiday (day, kind, name) VALUES ({}, {}, {})
            ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name
            """,
            day,
            kind,
            name,
        )
        await audit.record(
            actor=f"staff:{staff_id}",
            action="casework.holiday_set",
            subject_type="holiday",
            subject_id=day.isoformat(),
            data={"kind": kind, "name": name},
        )
    return HolidayRecord(day, kind, name)


async def remove_holiday(viewer: Viewer, *, day: date) -> HolidayRecord:
    """Remove one day from the calendar (platform admin); it follows the weekday rule again."""
    staff_id = authz.require_staff(viewer, (Role.PLATFORM_ADMIN,))
    async with DB.transaction():
        rows = await Holiday.raw("DELETE FROM holiday WHERE day = {} RETURNING *", day)
        if not rows:
            raise NotFound("That day is not in the calendar.")
        removed = HolidayRecord(rows[0]["day"], rows[0]["kind"], rows[0]["name"])
        await audit.record(
            actor=f"staff:{staff_id}",
            action="casework.holiday_removed",
            subject_type="holiday",
            subject_id=day.isoformat(),
            data={"kind": removed.kind, "name": removed.name},
        )
    return removed
