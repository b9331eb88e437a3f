"""E-license tables: types, department seals, licenses with their status history,
sharing consents and the access log.

Licenses never copy personal identifiers: the holder is a foreign key to identity's
person or enterprise; the signed payload carries a masked ID number and a salted digest
of it (ISO 18013-5 style), never the number itself.
"""

from piccolo.columns import (
    JSONB,
    UUID,
    Array,
    Boolean,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from casework.tables import Case
from core.db import DB
from identity.tables import Enterprise, Person


class LicenseType(Table, db=DB, tablename="license_type"):
    """A kind of license (证照类型): who issues it, what it says, how long it holds.

    ``fields`` lists what the license shows: ``{key, label, labelEn, answer}`` where
    ``answer`` names the application-form field whose answer becomes the value.
    ``issuing_items`` are the service item codes whose completed cases issue it; which
    material slots it satisfies is said by the slots themselves (``licenseTypes``).
    """

    code = Varchar(length=64, primary_key=True)
    #: The type segment of the GB/T 36904-style identifier (digits).
    type_code = Varchar(length=16, unique=True)
    name = Varchar(length=100)
    name_en = Varchar(length=200)
    department_code = Varchar(length=32, index=True)
    #: Catalogue category code, the scope an enterprise agent needs to hold it.
    category = Varchar(length=32)
    fields = JSONB()
    validity_days = Integer(null=True, default=None)
    issuing_items = Array(base_column=Varchar(length=40))
    created_at = Timestamptz()


class Seal(Table, db=DB, tablename="seal"):
    """A department's electronic seal (电子印章): one Ed25519 key and its image.

    The private key is stored encrypted with the core field cipher (context bound to the
    kid). One seal per department is active (``retired_at`` null, partial unique index);
    rotation retires it — a retired seal never signs again but keeps verifying.
    """

    id = UUID(primary_key=True)
    department_code = Varchar(length=32, index=True)
    kid = Varchar(length=64, unique=True)
    public_key = Varchar(length=64)  # base64url, raw 32 bytes
    private_key_enc = Text()
    image_key = Varchar(length=256)
    image_sha256 = Varchar(length=64)
    valid_from = Timestamptz()
    retired_at = Timestamptz(null=True, default=None)
    created_by = Varchar(length=64)


class LicenseSerialCounter(Table, db=DB, tablename="license_serial_counter"):
    """The last serial handed out per license type and issuing department."""

    key = Varchar(length=120, primary_key=True)  # type code + "." + department code
    last = Integer()


class License(Table, db=DB, tablename="license"):
    """One issued e-license: signed payload, rendered PDF, status and status-list index."""

    id = UUID(primary_key=True)
    identifier = Varchar(length=128, unique=True)
    #: The short code of the verify URL (/v/<code>) printed in the QR code.
    short_code = Varchar(length=16, unique=True)
    license_type = ForeignKey(references=LicenseType)
    department_code = Varchar(length=32)  # indexed with issued_at (raw migration)
    holder_kind = Varchar(length=16)  # person | enterprise
    holder_person = ForeignKey(references=Person, null=True, index=True)
    holder_enterprise = ForeignKey(references=Enterprise, null=True, index=True)
    #: The completed case that issued it; unique, so a retried issuance job finds it.
    case = ForeignKey(references=Case, null=True, unique=True)
    fields = JSONB()  # [{key, label, labelEn, value}]
    valid_from = Timestamptz()
    valid_until = Timestamptz(null=True, default=None)
    status = Varchar(length=16)  # valid | suspended | revoked
    status_reason = Text(null=True, default=None)
    status_changed_at = Timestamptz(null=True, default=None)
    status_index = Integer(unique=True)
    kid = Varchar(length=64)
    payload = Text()  # the canonical JSON that was signed
    jws = Text()  # compact JWS over the payload
    pdf_key = Varchar(length=256)
    pdf_sha256 = Varchar(length=64)
    issued_at = Timestamptz()


class LicenseEvent(Table, db=DB, tablename="license_event"):
    """One step of a license's history: issued, suspended, reinstated, revoked."""

    id = UUID(primary_key=True)
    license = ForeignKey(references=License)  # indexed with at (raw migration)
    action = Varchar(length=16)
    from_status = Varchar(length=16, null=True, default=None)
    to_status = Varchar(length=16)
    reason = Text(null=True, default=None)
    actor = Varchar(length=64)
    at = Timestamptz()


class LicenseConsent(Table, db=DB, tablename="license_consent"):
    """The holder's consent to let a department (or a service item's handlers) read a license."""

    id = UUID(primary_key=True)
    license = ForeignKey(references=License, index=True)
    department_code = Varchar(length=32, null=True, default=None)
    service_item_code = Varchar(length=40, null=True, default=None)
    purpose = Varchar(length=200)
    expires_at = Timestamptz()
    withdrawn_at = Timestamptz(null=True, default=None)
    created_by = Varchar(length=64)
    created_at = Timestamptz()


class LicenseAccess(Table, db=DB, tablename="license_access"):
    """One attempt by staff to read a shared license: granted under a consent, or refused."""

    id = UUID(primary_key=True)
    license = ForeignKey(references=License)  # indexed with at (raw migration)
    consent = ForeignKey(references=LicenseConsent, null=True, default=None)
    accessor = Varchar(length=64)
    department_code = Varchar(length=32)
    purpose = Varchar(length=200)
    granted = Boolean()
    refusal = Varchar(length=32, null=True, default=None)
    at = Timestamptz()


__all__ = [
    "License",
    "LicenseAccess",
    "LicenseConsent",
    "LicenseEvent",
    "LicenseSerialCounter",
    "LicenseType",
    "Seal",
]
