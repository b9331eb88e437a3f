"""GraphQL types of licenses: License, its type, consents, the access log, seals, and the
consents a department may read under."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from casework import numbers
from core import clock
from core.graphql.context import Ctx
from licenses.records import LicenseRecord
from licenses.rendering import qr_svg
from licenses.runtime import LicenseRuntime
from licenses.seals import SealRow
from licenses.sharing import AccessRow, ConsentRow, DepartmentGrant
from licenses.types import LicenseTypeRow, slots_satisfied


@strawberry.enum(description="VALID, SUSPENDED, REVOKED, or EXPIRED (past validUntil).")
class LicenseStatus(Enum):
    VALID = "valid"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"


@strawberry.enum
class LicenseHolderKind(Enum):
    PERSON = "person"
    ENTERPRISE = "enterprise"


@strawberry.type
class LicenseTypeField:
    key: str
    label: str
    label_en: str


@strawberry.type(description="A material slot of a published service item a license can fill.")
class SatisfiedSlot:
    item_code: str
    item_name: str
    item_name_en: str
    slot_key: str
    slot_name: str
    slot_name_en: str


@strawberry.type(description="A kind of e-license, its issuer and the items that issue it.")
class LicenseType:
    code: str
    name: str
    name_en: str
    department_code: str
    department_name: str
    department_name_en: str
    validity_days: int | None = strawberry.field(description="Null: no expiry.")
    issuing_item_codes: list[str]
    fields: list[LicenseTypeField]

    @classmethod
    def of(cls, row: LicenseTypeRow) -> LicenseType:
        return cls(
            code=row.code,
            name=row.name,
            name_en=row.name_en,
            department_code=row.department_code,
            department_name=row.department_name,
            department_name_en=row.department_name_en,
            validity_days=row.validity_days,
            issuing_item_codes=list(row.issuing_items),
            fields=[
                LicenseTypeField(key=f.key, label=f.label, label_en=f.label_en) for f in row.fields
            ],
        )

    @strawberry.field(
        description="The material slots of published service items this type can fill "
        "(zero materials): the slots name it in their licenseTypes."
    )
    async def satisfies(self) -> list[SatisfiedSlot]:
        return [
            SatisfiedSlot(
                item_code=slot.item_code,
                item_name=slot.item_name,
                item_name_en=slot.item_name_en,
                slot_key=slot.slot_key,
                slot_name=slot.slot_name,
                slot_name_en=slot.slot_name_en,
            )
            for slot in await slots_satisfied(self.code)
        ]


@strawberry.type
class LicenseField:
    key: str
    label: str
    label_en: str
    value: str


def _runtime(info: Ctx) -> LicenseRuntime:
    return info.context.resource(LicenseRuntime)


@strawberry.type(description="An issued e-license as its holder or its issuing department sees it.")
class License:
    id: strawberry.ID
    identifier: str = strawberry.field(
        description="1.2.156.3005.2.<type>.<issuer credit code>.<serial>.<version>.<check>"
    )
    type_code: str
    name: str
    name_en: str
    department_code: str
    department_name: str
    department_name_en: str
    holder_kind: LicenseHolderKind
    holder_name: str = strawberry.field(description="Full to the holder, masked to staff.")
    fields: list[LicenseField]
    valid_from: datetime
    valid_until: datetime | None
    status: LicenseStatus
    status_reason: str | None
    status_changed_at: datetime | None
    issued_at: datetime
    case_number: str | None
    signed_payload: str = strawberry.field(description="Compact JWS (EdDSA) for offline checks.")
    pdf_sha256: str
    record: strawberry.Private[LicenseRecord]

    @classmethod
    def of(cls, record: LicenseRecord, *, holder_view: bool) -> License:
        name = record.holder_name if holder_view else record.public_holder_name
        return cls(
            id=strawberry.ID(str(record.id)),
            identifier=record.identifier,
            type_code=record.type_code,
            name=record.type_name,
            name_en=record.type_name_en,
            department_code=record.department_code,
            department_name=record.department_name,
            department_name_en=record.department_name_en,
            holder_kind=LicenseHolderKind(record.holder_kind),
            holder_name=name,
            fields=[
                LicenseField(key=f.key, label=f.label, label_en=f.label_en, value=f.value)
                for f in record.fields
            ],
            valid_from=record.valid_from,
            valid_until=record.valid_until,
            status=LicenseStatus(record.shown_status(clock.now())),
            status_reason=record.status_reason,
            status_changed_at=record.status_changed_at,
            issued_at=record.issued_at,
            # Shown as casework shows it (350100-20261122-000123-7), not as stored.
            case_number=None if record.case_number is None else numbers.display(record.case_number),
            signed_payload=record.jws,
            pdf_sha256=record.pdf_sha256,
            record=record,
        )

    @strawberry.field(description="The short URL printed in the QR code (/v/<code>).")
    def verify_url(self, info: Ctx) -> str:
        return _runtime(info).verify_url(self.record.short_code)

    @strawberry.field(description="An <svg> QR code of verifyUrl, safe to inline.")
    def qr_svg(self, info: Ctx) -> str:
        return qr_svg(_runtime(info).verify_url(self.record.short_code))

    @strawberry.field(description="An <svg> QR code of the signed payload (offline check).")
    def offline_qr_svg(self) -> str:
        return qr_svg(self.record.jws, scale=2, error="l")


@strawberry.type(description="The holder's consent to let a department read a license.")
class LicenseConsent:
    id: strawberry.ID
    license_id: strawberry.ID
    department_code: str | None
    department_name: str | None
    service_item_code: str | None
    service_item_name: str | None
    purpose: str
    expires_at: datetime
    created_at: datetime
    withdrawn_at: datetime | None
    live: bool = strawberry.field(description="Not withdrawn and not expired.")

    @classmethod
    def of(cls, row: ConsentRow) -> LicenseConsent:
        return cls(
            id=strawberry.ID(str(row.id)),
            license_id=strawberry.ID(str(row.license_id)),
            # One of department / service item, as given: the PWA words the grantee by
            # which one is set ("for the item X" rather than the item's department).
            department_code=row.department_code,
            department_name=row.department_name if row.department_code is not None else None,
            service_item_code=row.service_item_code,
            service_item_name=row.item_name,
            purpose=row.purpose,
            expires_at=row.expires_at,
            created_at=row.created_at,
            withdrawn_at=row.withdrawn_at,
            live=row.live(clock.now()),
        )


@strawberry.type(description="One read of a shared license by a department: granted or refused.")
class LicenseAccess:
    id: strawberry.ID
    license_id: strawberry.ID
    at: datetime
    department_code: str
    department_name: str
    purpose: str
    granted: bool
    refusal: str | None = strawberry.field(
        description="CONSENT_REQUIRED, CONSENT_EXPIRED or CONSENT_WITHDRAWN when refused."
    )

    @classmethod
    def of(cls, row: AccessRow) -> LicenseAccess:
        return cls(
            id=strawberry.ID(str(row.id)),
            license_id=strawberry.ID(str(row.license_id)),
            at=row.at,
            department_code=row.department_code,
            department_name=row.department_name,
            purpose=row.purpose,
            granted=row.granted,
            refusal=row.refusal,
        )


@strawberry.type
class LicenseDownload:
    url: str = strawberry.field(description="A presigned GET of the PDF.")
    expires_at: datetime


@strawberry.type(description="A department's electronic seal (its public half).")
class Seal:
    kid: str
    department_code: str
    valid_from: datetime
    retired_at: datetime | None
    active: bool
    public_key: str = strawberry.field(description="base64url raw Ed25519 public key.")
    image_key: strawberry.Private[str]

    @classmethod
    def of(cls, row: SealRow) -> Seal:
        return cls(
            kid=row.kid,
            department_code=row.department_code,
            valid_from=row.valid_from,
            retired_at=row.retired_at,
            active=row.active,
            public_key=row.public_key,
            image_key=row.image_key,
        )

    @strawberry.field(description="A presigned GET of the seal image (at most 300 s).")
    async def image_url(self, info: Ctx) -> str | None:
        return await _runtime(info).store.presigned_get_url(self.image_key, 300)


@strawberry.type
class SharedLicense:
    license: License
    consent: LicenseConsent


@strawberry.type(
    description="A consent in force for your department (directly or through one of its "
    "service items): what the holder shared and why. Not the license itself: read it with "
    "readSharedLicense, which the holder sees in the access log."
)
class SharedLicenseGrant:
    consent_id: strawberry.ID
    license_id: strawberry.ID
    license_name: str
    license_name_en: str
    holder_kind: LicenseHolderKind
    holder_name: str = strawberry.field(description="A person masked (陈**); an enterprise whole.")
    purpose: str
    expires_at: datetime
    created_at: datetime
    service_item_code: str | None = strawberry.field(
        description="Set when the consent names one of your department's service items."
    )
    service_item_name: str | None

    @classmethod
    def of(cls, row: DepartmentGrant) -> SharedLicenseGrant:
        return cls(
            consent_id=strawberry.ID(str(row.consent_id)),
            license_id=strawberry.ID(str(row.license_id)),
            license_name=row.type_name,
            license_name_en=row.type_name_en,
            holder_kind=LicenseHolderKind(row.holder_kind),
            holder_name=row.holder_name,
            purpose=row.purpose,
            expires_at=row.expires_at,
            created_at=row.created_at,
            service_item_code=row.service_item_code,
            service_item_name=row.item_name,
        )
