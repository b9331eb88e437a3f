"""Casework tables: the service catalogue, cases and their materials and timeline,
supervision (holidays, deadline warnings), ratings, complaints and the 12345 processing log.

Cases never copy personal identifiers: the applicant is a foreign key to identity's
person (and enterprise), so the call centre finds cases through identity's blind
indexes and every output masks through identity's keys.
"""

from piccolo.columns import (
    JSONB,
    UUID,
    Array,
    BigInt,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from core.db import DB
from identity.tables import Enterprise, Person, StaffMember
from reference.tables import Department


class ServiceItem(Table, db=DB, tablename="service_item"):
    """A service item (事项) under its unified code: "same item, same standard, same code".

    What the item *says* (name, materials, form, fee, limits) lives in its versions; this
    row is the stable identity every version and case hangs on.
    """

    id = UUID(primary_key=True)
    code = Varchar(length=40, unique=True)
    department = ForeignKey(references=Department, index=True)
    region_code = Varchar(length=6, index=True)
    created_at = Timestamptz()


class ServiceItemVersion(Table, db=DB, tablename="service_item_version"):
    """One version of an item: draft → published → retired.

    At most one version of an item is published at a time; publishing a new one retires
    the previous. Cases keep pointing at the version they applied under.
    """

    id = UUID(primary_key=True)
    item = ForeignKey(references=ServiceItem, index=True)
    version = Integer()
    status = Varchar(length=16, index=True)  # draft | published | retired
    valid_from = Timestamptz(null=True, default=None)
    name = Varchar(length=128)
    name_en = Varchar(length=200)
    category = Varchar(length=32, index=True)
    # Who may apply: "person", "enterprise" or both.
    applicant_kinds = Array(base_column=Varchar(length=16))
    conditions = Text()
    conditions_en = Text()
    # Material slots and form fields (casework.materials / casework.forms describe them).
    materials = JSONB()
    form = JSONB()
    fee_fen = Integer(null=True, default=None)  # None: no fee
    statutory_days = Integer()  # statutory limit, working days
    promised_days = Integer()  # the promised (shorter) limit, working days
    person_tier = Varchar(length=16)
    enterprise_tier = Varchar(length=16)
    delivery_options = Array(base_column=Varchar(length=16))  # hall | courier
    fully_online = Boolean(default=False)
    # Overlapping character bigrams (and latin words) of the searchable text; see
    # casework.search — PostgreSQL's word parsers do not split Chinese.
    search_terms = Array(base_column=Varchar(length=64))
    search_text = Text()
    created_at = Timestamptz()
    created_by = Varchar(length=64)
    published_at = Timestamptz(null=True, default=None)
    retired_at = Timestamptz(null=True, default=None)


class Case(Table, db=DB, tablename="casework_case"):
    """A case (办件): one application from draft to delivery, bound to one item version."""

    id = UUID(primary_key=True)
    # Assigned on submission (drafts have none); see casework.numbers.
    number = Varchar(length=24, null=True, default=None, unique=True)
    item = ForeignKey(references=ServiceItem, index=True)
    item_version = ForeignKey(references=ServiceItemVersion)
    department = ForeignKey(references=Department)  # indexed with status, due_on (raw migration)
    # The subject the case belongs to: "person:<uuid>" or "enterprise:<uuid>".
    # Indexed with created_at by the raw migration (casework_case_applicant_recent).
    applicant = Varchar(length=64)
    # The natural person who applied (the resident, or the enterprise's representative
    # or agent acting for it), and the enterprise when one applied.
    applicant_person = ForeignKey(references=Person)  # indexed with created_at (raw migration)
    applicant_enterprise = ForeignKey(references=Enterprise, null=True, default=None, index=True)
    agent_appointment = UUID(null=True, default=None)
    status = Varchar(length=32, index=True)
    form_data = JSONB(default="{}")
    fee_fen = Integer(null=True, default=None)
    fee_settled_at = Timestamptz(null=True, default=None)
    payment_reference = Varchar(length=64, null=True, default=None)
    delivery_method = Varchar(length=16, null=True, default=None)
    delivery_address = Text(null=True, default=None)
    assignee = ForeignKey(references=StaffMember, null=True, default=None, index=True)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    submitted_at = Timestamptz(null=True, default=None, index=True)
    accepted_at = Timestamptz(null=True, default=None)
    # The statutory and promised deadlines (dates, working days from acceptance).
    due_on = Date(null=True, default=None, index=True)
    promised_on = Date(null=True, default=None)
    decided_at = Timestamptz(null=True, default=None)
    completed_at = Timestamptz(null=True, default=None)
    closed_at = Timestamptz(null=True, default=None)
    # The last reason given to the applicant (correction request, rejection, denial).
    last_reason = Text(null=True, default=None)


class CaseNumberCounter(Table, db=DB, tablename="case_number_counter"):
    """The last sequence number handed out per region and day (one upsert per case)."""

    key = Varchar(length=16, primary_key=True)  # region code + yyyymmdd
    last = Integer()


class CaseMaterial(Table, db=DB, tablename="case_material"):
    """What fills one material slot of a case: an uploaded file or an e-license reference.

    ``source`` is "upload" (object key, file facts, checked by magic bytes on confirmation)
    or "license" (a reference the e-license domain fills in and verifies).
    """

    id = UUID(primary_key=True)
    case = ForeignKey(references=Case, index=True)
    slot = Varchar(length=64)
    source = Varchar(length=16)  # upload | license
    status = Varchar(length=16)  # pending (upload URL issued) | accepted
    object_key = Varchar(length=256, null=True, default=None)
    file_name = Varchar(length=200, null=True, default=None)
    content_type = Varchar(length=100, null=True, default=None)
    size_bytes = BigInt(null=True, default=None)
    sha256 = Varchar(length=64, null=True, default=None)
    license_reference = Varchar(length=128, null=True, default=None)
    verified_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz()
    confirmed_at = Timestamptz(null=True, default=None)


class UploadTombstone(Table, db=DB, tablename="upload_tombstone"):
    """An upload key deleted while its presigned URL could still be used.

    Bytes PUT through that URL afterwards would sit in the store with no material row;
    the hourly sweep deletes the key once more after ``purge_after`` (when the URL has
    expired) and then forgets it.
    """

    object_key = Varchar(length=256, primary_key=True)
    purge_after = Timestamptz(index=True)


class CaseEvent(Table, db=DB, tablename="case_event"):
    """One step of a case's timeline (every status change, plus notes of record)."""

    id = UUID(primary_key=True)
    case = ForeignKey(references=Case)  # indexed with at (raw migration)
    action = Varchar(length=32)
    from_status = Varchar(length=32, null=True, default=None)
    to_status = Varchar(length=32)
    actor = Varchar(length=64)  # person:<uuid> | staff:<uuid> | system
    actor_role = Varchar(length=32)  # applicant | window_clerk | approver | ... | system
    reason = Text(null=True, default=None)
    at = Timestamptz(index=True)


class CaseNote(Table, db=DB, tablename="case_note"):
    """A note added to a case by a 12345 agent (or staff); never shown to the applicant."""

    id = UUID(primary_key=True)
    case = ForeignKey(references=Case, index=True)
    author = ForeignKey(references=StaffMember)
    text = Text()
    created_at = Timestamptz()


class Holiday(Table, db=DB, tablename="holiday"):
    """The holiday calendar: public holidays off, and make-up working days (调休) on."""

    day = Date(primary_key=True)
    kind = Varchar(length=16)  # holiday | workday
    name = Varchar(length=64)


class DeadlineWarning(Table, db=DB, tablename="deadline_warning"):
    """A supervision warning (电子监察预警): a case passed a share of its time limit."""

    id = UUID(primary_key=True)
    case = ForeignKey(references=Case, index=True)
    threshold = Integer()  # percent of the statutory limit used
    raised_at = Timestamptz()
    # unique (case, threshold): added in the migration, so a job run twice raises once.


class Rating(Table, db=DB, tablename="case_rating"):
    """The applicant's rating of a finished case (好差评): one per case, editable a while."""

    id = UUID(primary_key=True)
    case = ForeignKey(references=Case, unique=True)
    score = Integer()
    comment = Text()
    created_at = Timestamptz()
    updated_at = Timestamptz()


class Complaint(Table, db=DB, tablename="complaint"):
    """A complaint about a case or a department: received → handling → answered → closed."""

    id = UUID(primary_key=True)
    complainant = ForeignKey(references=Person, index=True)
    case = ForeignKey(references=Case, null=True, default=None, index=True)
    department = ForeignKey(references=Department, index=True)
    text = Text()
    status = Varchar(length=16, index=True)
    answer = Text(null=True, default=None)
    handler = ForeignKey(references=StaffMember, null=True, default=None)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class LookupLog(Table, db=DB, tablename="lookup_log"):
    """The 12345 processing log: every lookup an agent made, why, and what it found."""

    id = UUID(primary_key=True)
    agent = ForeignKey(references=StaffMember, index=True)
    query_kind = Varchar(length=16)  # case_number | phone | id_number
    purpose_code = Varchar(length=32)
    purpose_text = Text()
    cases = Array(base_column=UUID())  # the cases the lookup returned (may be empty)
    at = Timestamptz(index=True)
