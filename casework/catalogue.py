"""The service catalogue (事项目录): browse and search published items; admins version them.

An item (:class:`casework.tables.ServiceItem`) is the stable code; what it says lives in
its versions, draft → published → retired. At most one version of an item is published
(a partial unique index guarantees it); publishing a draft retires the previous one in
the same transaction, so a reader never sees two or, mid-change, none.

Anyone may browse: listings and :func:`get_published` only ever return published
versions. A published version shows at once, but takes applications only from its
``valid_from`` (:meth:`ItemRecord.accepting_applications`): an admin may announce a
new standard ahead of the day it comes into force.

Department admins change their own department's items only; platform admins any. Every
change is audited (``casework.item_*``) in the transaction that makes it.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import asyncpg

from casework import search
from casework.categories import CATEGORIES, Category, category, is_known
from casework.errors import Conflict, InvalidInput, NotFound
from casework.forms import FormField, MaterialSlot, parse_form, parse_materials
from casework.sql import Conditions, as_uuid
from casework.tables import ServiceItem, ServiceItemVersion
from core import clock
from core.audit import service as audit
from core.db import DB
from core.graphql.context import Viewer
from core.graphql.errors import AccessDenied
from core.graphql.pagination import InvalidCursor
from identity import authz
from identity.roles import Role
from reference.service import DepartmentRecord

APPLICANT_KINDS = ("person", "enterprise")
DELIVERY_OPTIONS = ("hall", "courier")
TIERS = ("basic", "intermediate", "advanced")
#: "350100-GA-0001": the item's region code, then upper-case letters and digits.
_CODE = re.compile(r"^[0-9]{6}(-[A-Z0-9]{1,12}){1,3}$")
MAX_FEE_FEN = 100_000_000  # one million yuan: anything above is a typo
MAX_DAYS = 365


class VersionStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"


@dataclass(frozen=True, slots=True)
class ItemRecord:
    """One version of an item with its item and department: what every reader gets."""

    item_id: str
    code: str
    region_code: str
    department: DepartmentRecord
    version_id: str
    version: int
    status: VersionStatus
    valid_from: datetime | None
    name: str
    name_en: str
    category: str
    applicant_kinds: tuple[str, ...]
    conditions: str
    conditions_en: str
    materials: tuple[MaterialSlot, ...]
    form: tuple[FormField, ...]
    fee_fen: int | None
    statutory_days: int
    promised_days: int
    person_tier: str
    enterprise_tier: str
    delivery_options: tuple[str, ...]
    fully_online: bool
    created_at: datetime
    published_at: datetime | None
    retired_at: datetime | None

    def accepting_applications(self, at: datetime) -> bool:
        """Published and in force at ``at``: the only kind of version a case may start on."""
        return self.status is VersionStatus.PUBLISHED and (
            self.valid_from is None or self.valid_from <= at
        )


def _json(value: Any) -> Any:
    # asyncpg hands jsonb back as text unless a codec is set; accept either.
    return json.loads(value) if isinstance(value, str) else value


def record_of(
    version_row: Mapping[str, Any], item_row: Mapping[str, Any], department_row: Mapping[str, Any]
) -> ItemRecord:
    """An :class:`ItemRecord` from rows as ``Table.select()`` returns them.

    For other domains' readers (a case shows the version it is bound to): select the
    version, its item and the item's department, and pass the three rows.
    """
    return ItemRecord(
        item_id=str(item_row["id"]),
        code=item_row["code"],
        region_code=item_row["region_code"],
        department=DepartmentRecord(
            id=department_row["id"],
            code=department_row["code"],
            name=department_row["name"],
            name_en=department_row["name_en"],
            category=department_row["category"],
            region_id=department_row["region"],
        ),
        version_id=str(version_row["id"]),
        version=version_row["version"],
        status=VersionStatus(version_row["status"]),
        valid_from=version_row["valid_from"],
        name=version_row["name"],
        name_en=version_row["name_en"],
        category=version_row["category"],
        applicant_kinds=tuple(version_row["applicant_kinds"] or ()),
        conditions=version_row["conditions"],
        conditions_en=version_row["conditions_en"],
        materials=tuple(parse_materials(_json(version_row["materials"]))),
        form=tuple(parse_form(_json(version_row["form"]))),
        fee_fen=version_row["fee_fen"],
        statutory_days=version_row["statutory_days"],
        promised_days=version_row["promised_days"],
        person_tier=version_row["person_tier"],
        enterprise_tier=version_row["enterprise_tier"],
        delivery_options=tuple(version_row["delivery_options"] or ()),
        fully_online=version_row["fully_online"],
        created_at=version_row["created_at"],
        published_at=version_row["published_at"],
        retired_at=version_row["retired_at"],
    )


# --- reading ------------------------------------------------------------------------------

_VERSION_COLUMNS = (
    "id",
    "version",
    "status",
    "valid_from",
    "name",
    "name_en",
    "category",
    "applicant_kinds",
    "conditions",
    "conditions_en",
    "materials",
    "form",
    "fee_fen",
    "statutory_days",
    "promised_days",
    "person_tier",
    "enterprise_tier",
    "delivery_options",
    "fully_online",
    "created_at",
    "published_at",
    "retired_at",
)
_ITEM_COLUMNS = ("id", "code", "region_code")
_DEPARTMENT_COLUMNS = ("id", "code", "name", "name_en", "category", "region")
# SQL here is assembled from fixed column names and clauses only; every value travels as
# a placeholder argument (S608 below is about the former).
_SELECT = (
    "SELECT "  # noqa: S608
    + ", ".join(f"v.{c} AS v_{c}" for c in _VERSION_COLUMNS)
    + ", "
    + ", ".join(f"i.{c} AS i_{c}" for c in _ITEM_COLUMNS)
    + ", "
    + ", ".join(f"d.{c} AS d_{c}" for c in _DEPARTMENT_COLUMNS)
    + " FROM service_item_version v JOIN service_item i ON i.id = v.item"
    " JOIN department d ON d.id = i.department"
)


def _from_joined(row: Mapping[str, Any]) -> ItemRecord:
    def part(prefix: str, columns: Iterable[str]) -> dict[str, Any]:
        return {c: row[f"{prefix}_{c}"] for c in columns}

    return record_of(
        part("v", _VERSION_COLUMNS), part("i", _ITEM_COLUMNS), part("d", _DEPARTMENT_COLUMNS)
    )


async def _joined(where: str, *args: Any, tail: str = "") -> list[ItemRecord]:
    rows = await ServiceItemVersion.raw(f"{_SELECT} WHERE {where} {tail}", *args)
    return [_from_joined(row) for row in rows]


async def get_published(code: str) -> ItemRecord | None:
    """The published version of the item ``code`` (None when there is none)."""
    found = await _joined("i.code = {} AND v.status = 'published'", code.strip().upper())
    return found[0] if found else None


async def versions_by_id(version_ids: Sequence[str]) -> list[ItemRecord | None]:
    """Any versions by id, in the order asked (a DataLoader batch: a case's bound version)."""
    wanted = [v for v in version_ids if as_uuid(v) is not None]
    found = (
        {
            r.version_id: r
            for r in await _joined("v.id = ANY({}::uuid[])", [uuid.UUID(v) for v in wanted])
        }
        if wanted
        else {}
    )
    return [found.get(v) for v in version_ids]


@dataclass(frozen=True, slots=True)
class ItemFilter:
    """The browse filters; every one optional."""

    query: str | None = None
    region_code: str | None = None
    department_code: str | None = None
    category: str | None = None
    tier: str | None = None
    fully_online: bool | None = None
    applicant_kind: str | None = None


def _region_pattern(code: str) -> str:
    """A region and everything under it (GB/T 2260: 35xxxx, 3501xx, 350102)."""
    if not re.fullmatch(r"[0-9]{6}", code):
        return search.like_pattern(code)[1:-1]  # no such region: match it literally
    if code.endswith("0000"):
        return code[:2] + "%"
    if code.endswith("00"):
        return code[:4] + "%"
    return code


def _filters(spec: ItemFilter, parsed: search.SearchQuery | None) -> Conditions:
    sql = Conditions("v.status = 'published'")
    if spec.region_code:
        sql.add("i.region_code LIKE {}", _region_pattern(spec.region_code.strip()))
    if spec.department_code:
        sql.add("d.code = {}", spec.department_code.strip())
    if spec.category:
        sql.add("v.category = {}", spec.category.strip())
    if spec.applicant_kind:
        sql.add("{} = ANY(v.applicant_kinds)", spec.applicant_kind)
    if spec.tier:
        # The tier the applicant needs: a person's for person items, an enterprise's for
        # enterprise items; with an applicant kind, that kind's only.
        kinds = [spec.applicant_kind] if spec.applicant_kind else list(APPLICANT_KINDS)
        ors = []
        for kind in kinds:
            column = "v.person_tier" if kind == "person" else "v.enterprise_tier"
            ors.append(f"({{}} = ANY(v.applicant_kinds) AND {column} = {{}})")
            sql.args.extend([kind, spec.tier])
        sql.parts.append("(" + " OR ".join(ors) + ")")
    if spec.fully_online is not None:
        sql.add("v.fully_online = {}", spec.fully_online)
    if parsed is not None:
        if parsed.terms:
            sql.add("v.search_terms @> {}::varchar[]", list(parsed.terms))
        for character in parsed.characters:
            sql.add("v.search_text LIKE {}", search.like_pattern(character))
    return sql


def _rank_sql(parsed: search.SearchQuery) -> tuple[str, list[Any]]:
    """0: the whole query is in the name; 1: every piece of it is; 2: found elsewhere."""
    args: list[Any] = []
    names = ("lower(v.name)", "lower(v.name_en)")
    whole = " OR ".join(f"{n} LIKE {{}}" for n in names)
    args.extend([search.like_pattern(parsed.text)] * len(names))
    every = []
    for n in names:
        every.append("(" + " AND ".join(f"{n} LIKE {{}}" for _ in parsed.needles) + ")")
        args.extend(search.like_pattern(needle) for needle in parsed.needles)
    return f"CASE WHEN {whole} THEN 0 WHEN {' OR '.join(every)} THEN 1 ELSE 2 END", args


#: Cursor kinds: a ranked search pages on (rank, code), a plain listing on the code.
CODE_CURSOR = "ServiceItem"
SEARCH_CURSOR = "ServiceItemSearch"


def cursor_kind(spec: ItemFilter) -> str:
    return SEARCH_CURSOR if search.parse_query(spec.query) is not None else CODE_CURSOR


async def list_published(
    spec: ItemFilter, *, after_key: str | None, limit: int
) -> list[tuple[str, ItemRecord]]:
    """Published items matching ``spec``: (cursor key, record) pairs, at most ``limit``.

    With a query the best matches come first (name hits, then the rest), each group by
    code; without one, by code. Keyset pages either way, so deep pages cost the same.
    """
    parsed = search.parse_query(spec.query)
    sql = _filters(spec, parsed)
    if parsed is None:
        if after_key is not None:
            sql.add("i.code > {}", after_key)
        records = await _joined(sql.joined, *sql.args, tail=f"ORDER BY i.code LIMIT {int(limit)}")
        return [(r.code, r) for r in records]
    rank, rank_args = _rank_sql(parsed)
    outer = ""
    outer_args: list[Any] = []
    if after_key is not None:
        after_rank, _, after_code = after_key.partition(":")
        if after_rank not in {"0", "1", "2"} or not after_code:
            raise InvalidCursor("cursor is not valid for this list")
        outer = "WHERE (ranked.rank, ranked.i_code) > ({}, {})"
        outer_args = [int(after_rank), after_code]
    inner = _SELECT.replace("SELECT ", f"SELECT {rank} AS rank, ", 1)
    rows = await ServiceItemVersion.raw(
        f"SELECT * FROM ({inner} WHERE {sql.joined}) ranked {outer} "  # noqa: S608
        f"ORDER BY ranked.rank, ranked.i_code LIMIT {int(limit)}",
        *rank_args,
        *sql.args,
        *outer_args,
    )
    return [(f"{row['rank']}:{row['i_code']}", _from_joined(row)) for row in rows]


@dataclass(frozen=True, slots=True)
class CategoryCount:
    category: Category
    item_count: int


async def categories_with_counts() -> list[CategoryCount]:
    """Every category (in the catalogue's order) with its number of published items."""
    rows = await ServiceItemVersion.raw(
        "SELECT category, count(*) AS n FROM service_item_version "
        "WHERE status = 'published' GROUP BY category"
    )
    counts = {row["category"]: int(row["n"]) for row in rows}
    known = [CategoryCount(c, counts.pop(c.code, 0)) for c in CATEGORIES]
    # Codes from older data that the catalogue no longer names still show, by code.
    return known + [CategoryCount(category(code), n) for code, n in sorted(counts.items())]


# --- administration -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ItemSpec:
    """What an admin writes into a version (the ``ServiceItemInput``)."""

    name: str
    name_en: str
    category: str
    applicant_kinds: Sequence[str]
    conditions: str
    conditions_en: str
    materials: Any  # slot JSON list (casework.forms)
    form: Any  # field JSON list (casework.forms)
    fee_fen: int | None
    statutory_days: int
    promised_days: int
    person_tier: str
    enterprise_tier: str
    delivery_options: Sequence[str]
    fully_online: bool


def _bounded_text(value: str, field: str, low: int, high: int) -> str:
    text = value.strip()
    if len(text) < low:
        raise InvalidInput(field, "too_short", f"{field} needs at least {low} characters.")
    if len(text) > high:
        raise InvalidInput(field, "too_long", f"{field} takes at most {high} characters.")
    return text


def _subset(values: Sequence[str], allowed: Sequence[str], field: str) -> list[str]:
    chosen = [v for v in allowed if v in set(values)]
    if not chosen or set(values) - set(allowed):
        raise InvalidInput(field, "invalid", f"{field} must list some of {list(allowed)}.")
    return chosen


def slot_json(slot: MaterialSlot) -> dict[str, Any]:
    """A material slot in its stored JSON form (every key present)."""
    return {
        "key": slot.key,
        "name": slot.name,
        "nameEn": slot.name_en,
        "required": slot.required,
        "acceptedTypes": list(slot.accepted_types),
        "maxFiles": slot.max_files,
        "maxBytes": slot.max_bytes,
        "licenseTypes": list(slot.license_types),
        "note": slot.note,
        "noteEn": slot.note_en,
    }


def field_json(field: FormField) -> dict[str, Any]:
    """A form field in its stored JSON form (every key present)."""
    return {
        "key": field.key,
        "label": field.label,
        "labelEn": field.label_en,
        "type": field.type.value,
        "required": field.required,
        "minLength": field.min_length,
        "maxLength": field.max_length,
        "pattern": field.pattern,
        "min": field.min,
        "max": field.max,
        "options": [
            {"value": o.value, "label": o.label, "labelEn": o.label_en} for o in field.options
        ],
        "help": field.help,
        "helpEn": field.help_en,
    }


def version_columns(spec: ItemSpec, department: DepartmentRecord) -> dict[str, Any]:
    """The checked version columns of ``spec`` (with its search columns), or InvalidInput.

    Field names in errors are the GraphQL input's (camelCase).
    """
    if not is_known(spec.category):
        raise InvalidInput("category", "unknown", "No such service category.")
    materials = parse_materials(spec.materials)
    form = parse_form(spec.form)
    fee = spec.fee_fen
    if fee is not None and not 0 <= fee <= MAX_FEE_FEN:
        raise InvalidInput(
            "feeFen", "out_of_range", "The fee must be between 0 and 1,000,000 yuan."
        )
    if not 0 <= spec.statutory_days <= MAX_DAYS:
        raise InvalidInput("statutoryDays", "out_of_range", "At most 365 working days.")
    if not 0 <= spec.promised_days <= spec.statutory_days:
        raise InvalidInput(
            "promisedDays", "out_of_range", "The promised limit cannot exceed the statutory one."
        )
    for field, tier in (("personTier", spec.person_tier), ("enterpriseTier", spec.enterprise_tier)):
        if tier not in TIERS:
            raise InvalidInput(field, "invalid", f"{field} must be one of {list(TIERS)}.")
    name = _bounded_text(spec.name, "name", 2, 128)
    name_en = _bounded_text(spec.name_en, "nameEn", 2, 200)
    conditions = _bounded_text(spec.conditions, "conditions", 0, 4000)
    conditions_en = _bounded_text(spec.conditions_en, "conditionsEn", 0, 8000)
    named = category(spec.category)
    doc = search.document(
        name=name,
        name_en=name_en,
        category_names=(named.name, named.name_en, *named.aliases),
        department_names=(department.name, department.name_en),
        conditions=conditions,
        conditions_en=conditions_en,
    )
    return {
        "name": name,
        "name_en": name_en,
        "category": spec.category,
        "applicant_kinds": _subset(spec.applicant_kinds, APPLICANT_KINDS, "applicantKinds"),
        "conditions": conditions,
        "conditions_en": conditions_en,
        "materials": json.dumps([slot_json(s) for s in materials], ensure_ascii=False),
        "form": json.dumps([field_json(f) for f in form], ensure_ascii=False),
        # No fee and a zero fee are the same to an applicant: store one of them.
        "fee_fen": fee or None,
        "statutory_days": spec.statutory_days,
        "promised_days": spec.promised_days,
        "person_tier": spec.person_tier,
        "enterprise_tier": spec.enterprise_tier,
        "delivery_options": _subset(spec.delivery_options, DELIVERY_OPTIONS, "deliveryOptions"),
        "fully_online": spec.fully_online,
        "search_terms": doc.terms,
        "search_text": doc.text,
    }


def require_item_admin(viewer: Viewer, department_code: str) -> str:
    """The viewer's staff subject if they may change items of ``department_code``."""
    authz.require_staff(viewer, [Role.DEPARTMENT_ADMIN, Role.PLATFORM_ADMIN])
    if Role.PLATFORM_ADMIN.value in viewer.roles:
        return str(viewer.subject)
    if viewer.department != department_code:
        raise AccessDenied(authz.FORBIDDEN, "You manage another department's items.")
    return str(viewer.subject)


async def _department(code: str) -> tuple[DepartmentRecord, str] | None:
    """The department ``code`` and its region's code."""
    rows = await ServiceItem.raw(
        "SELECT d.id, d.code, d.name, d.name_en, d.category, d.region, r.code AS region_code "
        "FROM department d JOIN region r ON r.id = d.region WHERE d.code = {}",
        code,
    )
    if not rows:
        return None
    row = rows[0]
    return record_of_department(row), row["region_code"]


def record_of_department(row: Mapping[str, Any]) -> DepartmentRecord:
    return DepartmentRecord(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        name_en=row["name_en"],
        category=row["category"],
        region_id=row["region"],
    )


async def insert_item(
    *,
    code: str,
    department_code: str,
    spec: ItemSpec,
    actor: str,
    publish: bool = False,
) -> ItemRecord:
    """A new item and its version 1 (a draft, or published at once for seeding).

    No permission check: :func:`create_item` is the admins' entry point; the demo seed
    calls this directly.
    """
    code = code.strip().upper()
    found = await _department(department_code.strip())
    if found is None:
        raise InvalidInput("departmentCode", "unknown", "No such department.")
    department, region_code = found
    if not _CODE.match(code) or not code.startswith(region_code + "-"):
        raise InvalidInput(
            "code",
            "format",
            f"The code is the department's region code, then letters and digits "
            f"(e.g. {region_code}-GA-0001).",
        )
    columns = version_columns(spec, department)
    now = clock.now()
    item_id, version_id = uuid.uuid4(), uuid.uuid4()
    async with DB.transaction():
        try:
            await ServiceItem.insert(
                ServiceItem(
                    id=item_id,
                    code=code,
                    department=department.id,
                    region_code=region_code,
                    created_at=now,
                )
            )
        except asyncpg.UniqueViolationError:
            raise Conflict("An item with this code exists already.") from None
        await _insert_version(
            version_id,
            item_id,
            1,
            status=VersionStatus.PUBLISHED if publish else VersionStatus.DRAFT,
            valid_from=now if publish else None,
            actor=actor,
            columns=columns,
        )
        await audit.record(
            actor=actor,
            action="casework.item_created",
            subject_type="service_item",
            subject_id=str(item_id),
            data={"code": code, "version": 1, "published": publish},
        )
    created = await _by_version(str(version_id))
    assert created is not None
    return created


#: Casts for columns passed to raw SQL as text or lists.
_CASTS = {"materials": "::jsonb", "form": "::jsonb", "search_terms": "::varchar[]"}


async def _insert_version(
    version_id: uuid.UUID,
    item_id: uuid.UUID,
    number: int,
    *,
    status: VersionStatus,
    valid_from: datetime | None,
    actor: str,
    columns: Mapping[str, Any],
) -> None:
    # Raw SQL: Piccolo's ORM warns (and tests fail) on the long search_terms lists.
    now = clock.now()
    values: dict[str, Any] = {
        "id": version_id,
        "item": item_id,
        "version": number,
        "status": status.value,
        "valid_from": valid_from,
        "created_at": now,
        "created_by": actor,
        "published_at": now if status is VersionStatus.PUBLISHED else None,
        "retired_at": None,
        **columns,
    }
    await ServiceItemVersion.raw(
        f"INSERT INTO service_item_version ({', '.join(values)}) VALUES ("  # noqa: S608
        + ", ".join(f"{{}}{_CASTS.get(name, '')}" for name in values)
        + ")",
        *values.values(),
    )


async def create_item(
    viewer: Viewer, *, code: str, department_code: str, spec: ItemSpec
) -> ItemRecord:
    """A new item of the viewer's department (any, for a platform admin) with draft v1."""
    actor = require_item_admin(viewer, department_code.strip())
    return await insert_item(code=code, department_code=department_code, spec=spec, actor=actor)


async def _by_version(version_id: str) -> ItemRecord | None:
    if as_uuid(version_id) is None:
        return None
    found = await _joined("v.id = {}", uuid.UUID(version_id))
    return found[0] if found else None


async def _administered_version(viewer: Viewer, version_id: str) -> ItemRecord:
    """The version ``version_id`` if the viewer administers its item (else refused)."""
    authz.require_staff(viewer, [Role.DEPARTMENT_ADMIN, Role.PLATFORM_ADMIN])
    record = await _by_version(version_id)
    if record is None:
        raise NotFound("No such item version.")
    require_item_admin(viewer, record.department.code)
    return record


async def _administered_item(viewer: Viewer, code: str) -> tuple[str, DepartmentRecord]:
    authz.require_staff(viewer, [Role.DEPARTMENT_ADMIN, Role.PLATFORM_ADMIN])
    rows = await ServiceItem.raw(
        "SELECT i.id AS item_id, d.id, d.code, d.name, d.name_en, d.category, d.region "
        "FROM service_item i JOIN department d ON d.id = i.department WHERE i.code = {}",
        code.strip().upper(),
    )
    if not rows:
        raise NotFound("No such item.")
    department = record_of_department(rows[0])
    require_item_admin(viewer, department.code)
    return str(rows[0]["item_id"]), department


async def item_versions(viewer: Viewer, code: str) -> list[ItemRecord]:
    """Every version of the item ``code``, newest first (its admins only)."""
    item_id, _ = await _administered_item(viewer, code)
    return await _joined("v.item = {}", uuid.UUID(item_id), tail="ORDER BY v.version DESC")


async def _lock_item(item_id: str) -> None:
    """Serialise version changes of one item (numbering, the one published version)."""
    await ServiceItem.raw("SELECT id FROM service_item WHERE id = {} FOR UPDATE", item_id)


async def _status_now(version_id: str) -> VersionStatus:
    rows = await ServiceItemVersion.raw(
        "SELECT status FROM service_item_version WHERE id = {}", version_id
    )
    return VersionStatus(rows[0]["status"])


async def draft_version(viewer: Viewer, code: str) -> ItemRecord:
    """A new draft copied from the item's current version (the published one, else the
    latest); refused (CONFLICT) while the item already has a draft."""
    item_id, department = await _administered_item(viewer, code)
    version_id = uuid.uuid4()
    async with DB.transaction():
        await _lock_item(item_id)
        versions = await _joined("v.item = {}", uuid.UUID(item_id), tail="ORDER BY v.version DESC")
        if any(v.status is VersionStatus.DRAFT for v in versions):
            raise Conflict("This item has a draft already: edit that one.")
        source = next((v for v in versions if v.status is VersionStatus.PUBLISHED), versions[0])
        columns = version_columns(spec_of(source), department)
        await _insert_version(
            version_id,
            uuid.UUID(item_id),
            versions[0].version + 1,
            status=VersionStatus.DRAFT,
            valid_from=None,
            actor=str(viewer.subject),
            columns=columns,
        )
        await audit.record(
            actor=str(viewer.subject),
            action="casework.item_version_drafted",
            subject_type="service_item",
            subject_id=item_id,
            data={"code": source.code, "version": versions[0].version + 1, "from": source.version},
        )
    drafted = await _by_version(str(version_id))
    assert drafted is not None
    return drafted


def spec_of(record: ItemRecord) -> ItemSpec:
    """What ``record`` says, as an admin would write it (to copy or edit a version)."""
    return ItemSpec(
        name=record.name,
        name_en=record.name_en,
        category=record.category,
        applicant_kinds=record.applicant_kinds,
        conditions=record.conditions,
        conditions_en=record.conditions_en,
        materials=[slot_json(s) for s in record.materials],
        form=[field_json(f) for f in record.form],
        fee_fen=record.fee_fen,
        statutory_days=record.statutory_days,
        promised_days=record.promised_days,
        person_tier=record.person_tier,
        enterprise_tier=record.enterprise_tier,
        delivery_options=record.delivery_options,
        fully_online=record.fully_online,
    )


async def update_draft(viewer: Viewer, version_id: str, spec: ItemSpec) -> ItemRecord:
    """Rewrite a draft version; published and retired versions never change."""
    record = await _administered_version(viewer, version_id)
    columns = version_columns(spec, record.department)
    async with DB.transaction():
        await _lock_item(record.item_id)
        if await _status_now(record.version_id) is not VersionStatus.DRAFT:
            raise Conflict("Only a draft can be edited; draft a new version first.")
        await ServiceItemVersion.raw(
            "UPDATE service_item_version SET "  # noqa: S608
            + ", ".join(f"{name} = {{}}{_CASTS.get(name, '')}" for name in columns)
            + " WHERE id = {}",
            *columns.values(),
            uuid.UUID(record.version_id),
        )
        await audit.record(
            actor=str(viewer.subject),
            action="casework.item_draft_updated",
            subject_type="service_item",
            subject_id=record.item_id,
            data={"code": record.code, "version": record.version},
        )
    updated = await _by_version(record.version_id)
    assert updated is not None
    return updated


async def publish_version(
    viewer: Viewer, version_id: str, *, valid_from: datetime | None = None
) -> ItemRecord:
    """Publish a draft (in force from ``valid_from``, default now), retiring the item's
    previously published version in the same transaction."""
    record = await _administered_version(viewer, version_id)
    now = clock.now()
    async with DB.transaction():
        await _lock_item(record.item_id)
        if await _status_now(record.version_id) is not VersionStatus.DRAFT:
            raise Conflict("Only a draft can be published.")
        retired = await ServiceItemVersion.raw(
            "UPDATE service_item_version SET status = 'retired', retired_at = {} "
            "WHERE item = {} AND status = 'published' RETURNING version",
            now,
            uuid.UUID(record.item_id),
        )
        await ServiceItemVersion.update(
            {
                ServiceItemVersion.status: VersionStatus.PUBLISHED.value,
                ServiceItemVersion.published_at: now,
                ServiceItemVersion.valid_from: valid_from or now,
            }
        ).where(ServiceItemVersion.id == uuid.UUID(record.version_id))
        await audit.record(
            actor=str(viewer.subject),
            action="casework.item_version_published",
            subject_type="service_item",
            subject_id=record.item_id,
            data={
                "code": record.code,
                "version": record.version,
                "validFrom": (valid_from or now).isoformat(),
                "retiredVersion": retired[0]["version"] if retired else None,
            },
        )
    published = await _by_version(record.version_id)
    assert published is not None
    return published


async def retire_version(viewer: Viewer, version_id: str) -> ItemRecord:
    """Withdraw the published version: the item takes no new applications (cases already
    made stay bound to it)."""
    record = await _administered_version(viewer, version_id)
    async with DB.transaction():
        await _lock_item(record.item_id)
        if await _status_now(record.version_id) is not VersionStatus.PUBLISHED:
            raise Conflict("Only the published version can be retired.")
        await ServiceItemVersion.update(
            {
                ServiceItemVersion.status: VersionStatus.RETIRED.value,
                ServiceItemVersion.retired_at: clock.now(),
            }
        ).where(ServiceItemVersion.id == uuid.UUID(record.version_id))
        await audit.record(
            actor=str(viewer.subject),
            action="casework.item_version_retired",
            subject_type="service_item",
            subject_id=record.item_id,
            data={"code": record.code, "version": record.version},
        )
    retired = await _by_version(record.version_id)
    assert retired is not None
    return retired
