"""The audit chain: appends link, concurrent writers never fork, tampering is detected."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from core.audit import service
from core.audit.chain import GENESIS_HASH
from tests.tampering import bypassing_triggers, tamper


async def test_entries_are_chained_in_order(database_url: str) -> None:
    first = await service.record(
        actor="system", action="test.created", subject_type="thing", subject_id="1"
    )
    second = await service.record(
        actor="staff:7",
        action="test.changed",
        subject_type="thing",
        subject_id="1",
        data={"reason": "更正", "fields": ["name"], "count": 2, "flag": True, "none": None},
    )
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.entry_hash
    verdict = await service.verify_chain()
    assert verdict.ok and verdict.checked == 2
    assert verdict.describe() == "ok"


async def test_floats_are_refused_and_nothing_is_written(database_url: str) -> None:
    with pytest.raises(service.AuditDataError):
        await service.record(
            actor="system", action="x", subject_type="t", subject_id="1", data={"amount": 1.5}
        )
    assert await service.head() is None


async def test_concurrent_writers_never_fork_the_chain(database_url: str) -> None:
    async def write(n: int) -> None:
        await service.record(actor="system", action="load", subject_type="t", subject_id=str(n))

    await asyncio.gather(*(write(n) for n in range(40)))
    verdict = await service.verify_chain(batch_size=7)
    assert verdict.ok and verdict.checked == 40
    head = await service.head()
    assert head is not None and head.seq == 40


async def test_database_refuses_update_delete_and_truncate(database_url: str) -> None:
    await service.record(actor="system", action="a", subject_type="t", subject_id="1")
    conn = await asyncpg.connect(dsn=database_url)
    try:
        for statement in (
            "UPDATE audit_entry SET actor = 'mallory'",
            "DELETE FROM audit_entry",
            "TRUNCATE audit_entry",
        ):
            with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
                await conn.execute(statement)
    finally:
        await conn.close()
    assert (await service.verify_chain()).ok


@pytest.mark.parametrize(
    ("statement", "broken_seq", "reason"),
    [
        ("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 2", 2, "content"),
        ('UPDATE audit_entry SET data = \'{"reason": "x"}\' WHERE seq = 3', 3, "content"),
        ("DELETE FROM audit_entry WHERE seq = 2", 2, "missing"),
    ],
)
async def test_verify_reports_first_broken_entry(
    database_url: str, statement: str, broken_seq: int, reason: str
) -> None:
    for n in range(4):
        await service.record(actor="system", action="a", subject_type="t", subject_id=str(n))
    await tamper(database_url, statement)
    verdict = await service.verify_chain()
    assert not verdict.ok
    assert verdict.broken_seq == broken_seq
    assert reason in verdict.describe()


async def test_rehashed_rewrite_breaks_the_link_to_the_next_entry(database_url: str) -> None:
    for n in range(3):
        await service.record(actor="system", action="a", subject_type="t", subject_id=str(n))
    # Rewrite entry 2 AND recompute its own hash: entry 3 still points at the old hash.
    async with bypassing_triggers(database_url) as conn:
        row = await conn.fetchrow("SELECT * FROM audit_entry WHERE seq = 2")
    from core.audit.chain import entry_hash

    forged = entry_hash(
        seq=2,
        occurred_at=row["occurred_at"],
        actor="mallory",
        action=row["action"],
        subject_type=row["subject_type"],
        subject_id=row["subject_id"],
        data={},
        prev_hash=row["prev_hash"],
    )
    await tamper(
        database_url,
        f"UPDATE audit_entry SET actor = 'mallory', entry_hash = '{forged}' WHERE seq = 2",
    )
    verdict = await service.verify_chain()
    assert not verdict.ok and verdict.broken_seq == 3
