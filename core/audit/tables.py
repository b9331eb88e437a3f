"""The audit chain's table. Append-only: the database itself refuses UPDATE and DELETE."""

from piccolo.columns import JSONB, BigInt, Timestamptz, Varchar
from piccolo.table import Table

from core.db import DB


class AuditEntry(Table, db=DB, tablename="audit_entry"):
    """One recorded event; ``entry_hash`` chains it to the entry before (``prev_hash``)."""

    seq = BigInt(unique=True, index=True)
    occurred_at = Timestamptz()
    actor = Varchar(length=200)
    action = Varchar(length=100, index=True)
    subject_type = Varchar(length=100)
    subject_id = Varchar(length=200, index=True)
    data = JSONB()
    prev_hash = Varchar(length=64)
    entry_hash = Varchar(length=64, unique=True)
