"""GraphQL for the service catalogue: anonymous browse and search, and admins' versioning.

Thin: every resolver is one call into :mod:`casework.catalogue`. Other casework modules
show an item through :class:`ServiceItem` (a case shows the version it is bound to): use
:func:`service_item_of` with the three rows, :meth:`ServiceItem.of` with a record, or
:func:`load_service_item` to batch by version id within a request. The enums
:class:`ApplicantKind` and :class:`DeliveryOption` are defined here once for the schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON

from casework import catalogue
from casework import forms as form_specs
from casework.categories import category as category_named
from casework.errors import NotFound
from casework.graphql.common import Failure, attempt
from core import clock
from core.graphql.context import Ctx
from core.graphql.pagination import Connection, build_connection, page_request
from reference.graphql import Department


@strawberry.enum(description="Who may apply for an item: a resident, an enterprise.")
class ApplicantKind(Enum):
    PERSON = "person"
    ENTERPRISE = "enterprise"


@strawberry.enum(description="How a result reaches the applicant.")
class DeliveryOption(Enum):
    HALL = "hall"
    COURIER = "courier"


@strawberry.enum(description="The kind of an application form field (how the PWA renders it).")
class FormFieldType(Enum):
    TEXT = "text"
    TEXTAREA = "textarea"
    NUMBER = "number"
    DATE = "date"
    SELECT = "select"
    PHONE = "phone"
    ID_NUMBER = "id_number"
    BOOLEAN = "boolean"


@strawberry.enum(description="The lifecycle of an item version: draft → published → retired.")
class ItemVersionStatus(Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"


@strawberry.type(description="One choice of a select field.")
class FormOption:
    value: str
    label: str
    label_en: str


@strawberry.type(description="One field of an item's application form, with its checks.")
class FormField:
    key: str
    label: str
    label_en: str
    type: FormFieldType
    required: bool
    min_length: int | None
    max_length: int | None
    pattern: str | None = strawberry.field(
        description="A regular expression the whole answer matches."
    )
    min: float | None
    max: float | None
    options: list[FormOption]
    help: str
    help_en: str

    @classmethod
    def of(cls, field: form_specs.FormField) -> FormField:
        return cls(
            key=field.key,
            label=field.label,
            label_en=field.label_en,
            type=FormFieldType(field.type.value),
            required=field.required,
            min_length=field.min_length,
            max_length=field.max_length,
            pattern=field.pattern,
            min=field.min,
            max=field.max,
            options=[
                FormOption(value=o.value, label=o.label, label_en=o.label_en) for o in field.options
            ],
            help=field.help,
            help_en=field.help_en,
        )


@strawberry.type(
    description="A material an application needs: uploaded files of the accepted types, or "
    "(when licenseTypes lists any) an e-license of one of those types."
)
class MaterialSlot:
    key: str
    name: str
    name_en: str
    required: bool
    accepted_types: list[str] = strawberry.field(description="MIME types, e.g. image/jpeg.")
    max_files: int
    max_bytes: int
    license_types: list[str]
    note: str
    note_en: str

    @classmethod
    def of(cls, slot: form_specs.MaterialSlot) -> MaterialSlot:
        return cls(
            key=slot.key,
            name=slot.name,
            name_en=slot.name_en,
            required=slot.required,
            accepted_types=list(slot.accepted_types),
            max_files=slot.max_files,
            max_bytes=slot.max_bytes,
            license_types=list(slot.license_types),
            note=slot.note,
            note_en=slot.note_en,
        )


@strawberry.type(description="A service item (事项) as one of its versions states it.")
class ServiceItem:
    id: strawberry.ID = strawberry.field(description="The item's id (the same for every version).")
    code: str = strawberry.field(description="The unified item code, e.g. 350100-GA-0001.")
    version_id: strawberry.ID
    version: int
    name: str
    name_en: str
    category: str = strawberry.field(description="A category code (see serviceCategories).")
    category_name: str
    category_name_en: str
    department: Department
    region_code: str
    applicant_kinds: list[ApplicantKind]
    conditions: str
    conditions_en: str
    materials: list[MaterialSlot]
    form: list[FormField]
    fee_fen: int | None = strawberry.field(description="The fee in fen; null when free.")
    statutory_days: int = strawberry.field(description="The statutory limit, in working days.")
    promised_days: int = strawberry.field(description="The promised limit, in working days.")
    person_tier: str = strawberry.field(description="basic, intermediate or advanced.")
    enterprise_tier: str
    delivery_options: list[DeliveryOption]
    fully_online: bool
    valid_from: datetime | None
    status: ItemVersionStatus
    accepting_applications: bool = strawberry.field(
        description="Published and in force now: an application may start on this version."
    )
    record: strawberry.Private[catalogue.ItemRecord]

    @classmethod
    def of(cls, record: catalogue.ItemRecord) -> ServiceItem:
        named = category_named(record.category)
        return cls(
            id=strawberry.ID(record.item_id),
            code=record.code,
            version_id=strawberry.ID(record.version_id),
            version=record.version,
            name=record.name,
            name_en=record.name_en,
            category=record.category,
            category_name=named.name,
            category_name_en=named.name_en,
            department=Department.from_record(record.department),
            region_code=record.region_code,
            applicant_kinds=[ApplicantKind(k) for k in record.applicant_kinds],
            conditions=record.conditions,
            conditions_en=record.conditions_en,
            materials=[MaterialSlot.of(s) for s in record.materials],
            form=[FormField.of(f) for f in record.form],
            fee_fen=record.fee_fen,
            statutory_days=record.statutory_days,
            promised_days=record.promised_days,
            person_tier=record.person_tier,
            enterprise_tier=record.enterprise_tier,
            delivery_options=[DeliveryOption(d) for d in record.delivery_options],
            fully_online=record.fully_online,
            valid_from=record.valid_from,
            status=ItemVersionStatus(record.status.value),
            accepting_applications=record.accepting_applications(clock.now()),
            record=record,
        )


def service_item_of(
    version_row: Mapping[str, Any], item_row: Mapping[str, Any], department_row: Mapping[str, Any]
) -> ServiceItem:
    """A :class:`ServiceItem` from a version row, its item row and the item's department
    row, as ``ServiceItemVersion.select()``, ``ServiceItem.select()`` and
    ``Department.select()`` return them (all columns)."""
    return ServiceItem.of(catalogue.record_of(version_row, item_row, department_row))


def _versions_loader() -> DataLoader[str, catalogue.ItemRecord | None]:
    return DataLoader(load_fn=catalogue.versions_by_id)


async def load_service_item(info: Ctx, version_id: str) -> ServiceItem | None:
    """The item version ``version_id`` (any status), batched per request."""
    record = await info.context.loader(_versions_loader).load(str(version_id))
    return None if record is None else ServiceItem.of(record)


@strawberry.type(description="A service category with its number of published items.")
class ServiceCategory:
    code: str
    name: str
    name_en: str
    item_count: int


@strawberry.input(
    description="What a version of an item says. code and departmentCode are for "
    "createServiceItem only (an item keeps both for life); materials and form are the slot "
    "and field JSON lists that MaterialSlot and FormField show."
)
class ServiceItemInput:
    name: str
    name_en: str
    category: str
    applicant_kinds: list[ApplicantKind]
    conditions: str
    conditions_en: str
    materials: JSON
    form: JSON
    statutory_days: int
    promised_days: int
    person_tier: str
    enterprise_tier: str
    delivery_options: list[DeliveryOption]
    fully_online: bool
    fee_fen: int | None = None
    code: str | None = strawberry.field(
        default=None,
        description="New items only: the region code of the department, then "
        "letters and digits, e.g. 350100-GA-0001.",
    )
    department_code: str | None = strawberry.field(default=None, description="New items only.")

    def spec(self) -> catalogue.ItemSpec:
        return catalogue.ItemSpec(
            name=self.name,
            name_en=self.name_en,
            category=self.category,
            applicant_kinds=[k.value for k in self.applicant_kinds],
            conditions=self.conditions,
            conditions_en=self.conditions_en,
            materials=self.materials,
            form=self.form,
            fee_fen=self.fee_fen,
            statutory_days=self.statutory_days,
            promised_days=self.promised_days,
            person_tier=self.person_tier,
            enterprise_tier=self.enterprise_tier,
            delivery_options=[d.value for d in self.delivery_options],
            fully_online=self.fully_online,
        )


CreateServiceItemResult = Annotated[
    ServiceItem | Failure, strawberry.union("CreateServiceItemResult")
]
DraftServiceItemVersionResult = Annotated[
    ServiceItem | Failure, strawberry.union("DraftServiceItemVersionResult")
]
UpdateServiceItemDraftResult = Annotated[
    ServiceItem | Failure, strawberry.union("UpdateServiceItemDraftResult")
]
PublishServiceItemVersionResult = Annotated[
    ServiceItem | Failure, strawberry.union("PublishServiceItemVersionResult")
]
RetireServiceItemVersionResult = Annotated[
    ServiceItem | Failure, strawberry.union("RetireServiceItemVersionResult")
]


async def _item(call: Any) -> ServiceItem:
    record: catalogue.ItemRecord = await call
    return ServiceItem.of(record)


@strawberry.type
class CatalogueQuery:
    @strawberry.field(
        description="Published service items, for anyone. With a query (Chinese or English), "
        "best matches first; without, by code. regionCode includes the regions below it."
    )
    async def service_items(
        self,
        info: Ctx,
        query: str | None = None,
        region_code: str | None = None,
        department_code: str | None = None,
        category: str | None = None,
        tier: str | None = None,
        fully_online: bool | None = None,
        applicant_kind: ApplicantKind | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ServiceItem]:
        spec = catalogue.ItemFilter(
            query=query,
            region_code=region_code,
            department_code=department_code,
            category=category,
            tier=tier,
            fully_online=fully_online,
            applicant_kind=None if applicant_kind is None else applicant_kind.value,
        )
        kind = catalogue.cursor_kind(spec)
        request = page_request(kind, first, after, info.context.max_page_size)
        rows = await catalogue.list_published(
            spec, after_key=request.after_key, limit=request.limit + 1
        )
        return build_connection(kind, [(key, ServiceItem.of(r)) for key, r in rows], request)

    @strawberry.field(description="The published version of an item; null when none is.")
    async def service_item(self, code: str) -> ServiceItem | None:
        record = await catalogue.get_published(code)
        return None if record is None else ServiceItem.of(record)

    @strawberry.field(description="Every service category with its number of published items.")
    async def service_categories(self) -> list[ServiceCategory]:
        return [
            ServiceCategory(
                code=c.category.code,
                name=c.category.name,
                name_en=c.category.name_en,
                item_count=c.item_count,
            )
            for c in await catalogue.categories_with_counts()
        ]

    @strawberry.field(
        description="Every version of an item, newest first: its department's admins and "
        "platform admins only."
    )
    async def service_item_versions(self, info: Ctx, code: str) -> list[ServiceItem]:
        try:
            records = await catalogue.item_versions(info.context.viewer, code)
        except NotFound:
            return []
        return [ServiceItem.of(r) for r in records]


@strawberry.type
class CatalogueMutation:
    @strawberry.mutation(
        description="A new item of your department with a draft version 1 "
        "(input.code and input.departmentCode required)."
    )
    async def create_service_item(
        self, info: Ctx, input: ServiceItemInput
    ) -> CreateServiceItemResult:
        return await attempt(
            _item(
                catalogue.create_item(
                    info.context.viewer,
                    code=input.code or "",
                    department_code=input.department_code or "",
                    spec=input.spec(),
                )
            )
        )

    @strawberry.mutation(description="A new draft copied from the item's current version.")
    async def draft_service_item_version(
        self, info: Ctx, code: str
    ) -> DraftServiceItemVersionResult:
        return await attempt(_item(catalogue.draft_version(info.context.viewer, code)))

    @strawberry.mutation(description="Rewrite a draft version (code and department stay).")
    async def update_service_item_draft(
        self, info: Ctx, version_id: strawberry.ID, input: ServiceItemInput
    ) -> UpdateServiceItemDraftResult:
        return await attempt(
            _item(catalogue.update_draft(info.context.viewer, str(version_id), input.spec()))
        )

    @strawberry.mutation(
        description="Publish a draft, in force from validFrom (default now); the item's "
        "previously published version is retired at the same moment."
    )
    async def publish_service_item_version(
        self, info: Ctx, version_id: strawberry.ID, valid_from: datetime | None = None
    ) -> PublishServiceItemVersionResult:
        return await attempt(
            _item(
                catalogue.publish_version(
                    info.context.viewer, str(version_id), valid_from=valid_from
                )
            )
        )

    @strawberry.mutation(
        description="Retire the published version: the item takes no new applications."
    )
    async def retire_service_item_version(
        self, info: Ctx, version_id: strawberry.ID
    ) -> RetireServiceItemVersionResult:
        return await attempt(_item(catalogue.retire_version(info.context.viewer, str(version_id))))


__all__ = [
    "ApplicantKind",
    "CatalogueMutation",
    "CatalogueQuery",
    "DeliveryOption",
    "FormField",
    "FormFieldType",
    "ItemVersionStatus",
    "MaterialSlot",
    "ServiceCategory",
    "ServiceItem",
    "ServiceItemInput",
    "load_service_item",
    "service_item_of",
]
