"""Live case status: PostgreSQL LISTEN/NOTIFY fans status changes out to every API process.

A status change calls :func:`publish_status` inside its own transaction, so the
notification is delivered exactly when (and only if) the change commits, to every
process listening on :data:`CHANNEL` — whichever replica the applicant's WebSocket is
connected to. The payload carries only ids and the status, never personal data; each
subscriber re-checks that the viewer may see the case before subscribing.

Each API process (each app) holds one :class:`StatusBroker`: one dedicated connection
LISTENing on the channel — not one per subscriber, which would exhaust the server's
connections — fanning the notifications out to an :class:`asyncio.Queue` per subscription.
If that connection drops, the broker reconnects and tells every subscriber to re-read
the status (:data:`RESYNC`), since notifications sent in the gap are gone for good.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

import asyncpg

from casework.tables import Case
from core.db import DB

CHANNEL = "casework_case_status"

logger = logging.getLogger(__name__)


async def publish_status(case_id: str, status: str, at: datetime) -> None:
    """Queue a notification of ``case_id``'s new status; sent on commit."""
    payload = json.dumps({"case": str(case_id), "status": status, "at": at.isoformat()})
    await Case.raw("SELECT pg_notify({}, {})", CHANNEL, payload)


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One committed status change, as :func:`publish_status` announced it."""

    case_id: str
    status: str
    at: datetime


class Signal(Enum):
    #: Notifications may have been lost (reconnect, overflow): read the status again.
    RESYNC = "resync"
    #: The broker is shutting down: end the subscription.
    CLOSED = "closed"


RESYNC = Signal.RESYNC
CLOSED = Signal.CLOSED

Message = StatusChange | Signal
Connect = Callable[[], Awaitable[asyncpg.Connection]]

#: A subscriber this far behind is told to re-read instead of being sent every step.
QUEUE_SIZE = 64
#: How often an idle listening connection is checked (a dead peer may never send a FIN).
KEEPALIVE_SECONDS = 30.0
CONNECT_TIMEOUT_SECONDS = 10.0
#: Waits between reconnection attempts, then the last one repeated.
RETRY_SECONDS = (0.2, 1.0, 2.0, 5.0)


class StatusBroker:
    """One LISTEN connection per process, fanned out to per-case subscriber queues.

    Started lazily by the first subscription (a process nobody watches holds no extra
    connection); :meth:`close` from the app's shutdown. ``connect`` defaults to a new
    connection to the database the app's engine uses.
    """

    def __init__(self, connect: Connect | None = None) -> None:
        self._connect: Connect = connect or DB.get_new_connection
        self._queues: dict[str, set[asyncio.Queue[Message]]] = {}
        self._task: asyncio.Task[None] | None = None
        self._listening = asyncio.Event()
        self._connection: asyncpg.Connection | None = None
        self._closed = False
        #: Connections made so far; every one after the first is a reconnect.
        self._connections = 0

    @property
    def server_pid(self) -> int | None:
        """The backend pid of the listening connection (operators and tests find it by this)."""
        connection = self._connection
        return None if connection is None else connection.get_server_pid()

    def subscriber_count(self, case_id: str | None = None) -> int:
        if case_id is not None:
            return len(self._queues.get(case_id, ()))
        return sum(len(queues) for queues in self._queues.values())

    @contextlib.asynccontextmanager
    async def subscribe(self, case_id: str) -> AsyncIterator[asyncio.Queue[Message]]:
        """A queue of ``case_id``'s changes, live once this is entered; removed on exit.

        The queue is registered and LISTEN confirmed *before* the caller reads the current
        status, so no change can fall between that read and the first notification.
        """
        if self._closed:
            raise RuntimeError("the status broker is closed")
        queue: asyncio.Queue[Message] = asyncio.Queue(maxsize=QUEUE_SIZE)
        self._queues.setdefault(case_id, set()).add(queue)
        try:
            await self._start()
            yield queue
        finally:
            queues = self._queues.get(case_id)
            if queues is not None:
                queues.discard(queue)
                if not queues:
                    del self._queues[case_id]

    async def close(self) -> None:
        """Stop listening and end every subscription."""
        self._closed = True
        # Wakes subscriptions still waiting for a connection; they find CLOSED queued.
        self._listening.set()
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._broadcast(CLOSED)

    async def _start(self) -> None:
        if self._task is None:
            # A clean context: the lazy start happens inside some request, whose context
            # variables (request id, an open transaction) must not leak into the listener.
            self._task = asyncio.get_running_loop().create_task(
                self._run(), name="casework-status-listener", context=contextvars.Context()
            )
        await self._listening.wait()

    async def _run(self) -> None:
        attempt = 0
        while not self._closed:
            try:
                connection = await asyncio.wait_for(self._connect(), CONNECT_TIMEOUT_SECONDS)
            except Exception as exc:  # any failure to connect is retried, never fatal
                logger.warning("status listener cannot connect", extra={"reason": repr(exc)})
            else:
                attempt = 0
                await self._listen_on(connection)
            if self._closed:
                return
            await asyncio.sleep(RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)])
            attempt += 1

    async def _listen_on(self, connection: asyncpg.Connection) -> None:
        """LISTEN on ``connection`` until it is lost; closes it on the way out."""
        lost = asyncio.Event()
        try:
            connection.add_termination_listener(lambda _c: lost.set())
            await connection.add_listener(CHANNEL, self._on_notification)
            self._connection = connection
            self._listening.set()
            if self._connections:
                self._broadcast(RESYNC)
            self._connections += 1
            await self._watch(connection, lost)
            logger.warning("status listener connection lost; reconnecting")
        except Exception as exc:
            logger.warning("status listener failed", extra={"reason": repr(exc)})
        finally:
            if not self._closed:
                self._listening.clear()
            self._connection = None
            await _close_quietly(connection)

    async def _watch(self, connection: asyncpg.Connection, lost: asyncio.Event) -> None:
        """Return once the connection is gone: closed by the server, or not answering."""
        while True:
            try:
                await asyncio.wait_for(lost.wait(), KEEPALIVE_SECONDS)
                return
            except TimeoutError:
                await asyncio.wait_for(connection.execute("SELECT 1"), KEEPALIVE_SECONDS)

    def _on_notification(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        try:
            data = json.loads(payload)
            change = StatusChange(
                case_id=str(data["case"]),
                status=str(data["status"]),
                at=datetime.fromisoformat(data["at"]),
            )
        except (ValueError, KeyError, TypeError):
            logger.warning("malformed case status notification ignored")
            return
        for queue in self._queues.get(change.case_id, ()):
            _offer(queue, change)

    def _broadcast(self, message: Message) -> None:
        for queues in self._queues.values():
            for queue in queues:
                _offer(queue, message)


def _offer(queue: asyncio.Queue[Message], message: Message) -> None:
    if queue.full():
        # Too far behind to be worth catching up step by step: re-read the status.
        while not queue.empty():
            queue.get_nowait()
        message = message if message is CLOSED else RESYNC
    queue.put_nowait(message)


async def _close_quietly(connection: asyncpg.Connection) -> None:
    with contextlib.suppress(Exception):
        await asyncio.wait_for(connection.close(), 5)
