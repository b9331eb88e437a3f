"""Live case status across replicas: a change committed through one API server reaches the
applicant subscribed on another, over graphql-transport-ws and PostgreSQL LISTEN/NOTIFY.

Two app instances are served by two uvicorn servers on their own ports, on the same test
database. (Both run in this test's process, so they share the process-wide engine pool;
each app has its own status broker and its own LISTEN connection, so a change made
through server B reaches server A's subscriber only by way of PostgreSQL.)
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from litestar import Litestar
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from api.app import create_app
from casework import live
from casework.live import StatusBroker, StatusChange, publish_status
from casework.tables import Case
from core import clock
from core.db import DB
from core.settings import Settings
from identity.roles import Role
from tests.casework.factories import publish_item
from tests.casework.test_callcentre import insert_case
from tests.identity.actors import BASIC, INTERMEDIATE, World
from tests.identity.conftest import Api

#: Guards against a hang if a message never comes; not a timing assertion.
HANG_GUARD_SECONDS = 60

SUBSCRIPTION = "subscription($id: ID!) { caseStatus(caseId: $id) { caseId status at } }"
ADVANCE = """
mutation($case: ID!, $action: CaseAction!, $reason: String) {
  advanceCase(caseId: $case, action: $action, reason: $reason) {
    __typename
    ... on Case { id status }
    ... on UserError { code message }
  }
}"""


class _Server(uvicorn.Server):
    """uvicorn, telling when it listens (its lifespan, and so the app, has started)."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.up = asyncio.Event()

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets)
        self.up.set()


@dataclass
class Served:
    app: Litestar
    host: str  # 127.0.0.1:<port>

    @property
    def broker(self) -> StatusBroker:
        broker: StatusBroker = self.app.state.status_broker
        return broker


@contextlib.asynccontextmanager
async def served(app: Litestar) -> AsyncIterator[Served]:
    server = _Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=0, log_config=None, access_log=False, lifespan="on"
        )
    )
    task = asyncio.create_task(server.serve())
    up = asyncio.create_task(server.up.wait())
    await asyncio.wait({task, up}, return_when=asyncio.FIRST_COMPLETED)
    if not up.done():
        up.cancel()
        task.result()
        raise AssertionError("the server stopped during startup")
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Served(app, f"127.0.0.1:{port}")
    finally:
        server.should_exit = True
        await task


@pytest.fixture
async def servers(
    database_url: str, identity_settings: Settings
) -> AsyncIterator[tuple[Served, Served]]:
    async with contextlib.AsyncExitStack() as stack:
        first, second = [
            await stack.enter_async_context(
                served(create_app(identity_settings, database_url=database_url, run_worker=False))
            )
            for _ in range(2)
        ]
        yield first, second


@pytest.fixture
async def api(servers: tuple[Served, Served]) -> AsyncIterator[Api]:
    """The identity test client, talking to server B over real HTTP (the world is built there)."""
    _, b = servers
    async with httpx.AsyncClient(base_url=f"http://{b.host}", trust_env=False) as http:
        yield Api(http, b.app)


class Subscriber:
    """One graphql-transport-ws connection, after connection_init/ack."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self._ids = itertools.count(1)

    async def subscribe(self, case_id: str) -> str:
        operation = str(next(self._ids))
        await self.ws.send(
            json.dumps(
                {
                    "id": operation,
                    "type": "subscribe",
                    "payload": {"query": SUBSCRIPTION, "variables": {"id": case_id}},
                }
            )
        )
        return operation

    async def complete(self, operation: str) -> None:
        await self.ws.send(json.dumps({"id": operation, "type": "complete"}))

    async def receive(self) -> dict[str, Any]:
        async with asyncio.timeout(HANG_GUARD_SECONDS):
            message: dict[str, Any] = json.loads(await self.ws.recv())
        return message

    async def status(self, operation: str) -> dict[str, Any]:
        """The next event of ``operation`` (failing on an error)."""
        message = await self.receive()
        assert message["id"] == operation, message
        assert message["type"] == "next", message
        assert "errors" not in message["payload"], message
        event: dict[str, Any] = message["payload"]["data"]["caseStatus"]
        return event

    async def error_code(self, operation: str) -> str:
        """The code the subscription was refused with (as an error or a failed result)."""
        message = await self.receive()
        assert message["id"] == operation, message
        if message["type"] == "error":
            errors = message["payload"]
        else:  # a result carrying the error, then the end of the operation
            assert message["type"] == "next", message
            errors = message["payload"]["errors"]
            assert message["payload"].get("data") is None, message
            assert await self.receive() == {"id": operation, "type": "complete"}
        code: str = errors[0]["extensions"]["code"]
        return code


@contextlib.asynccontextmanager
async def subscriber(server: Served, token: str | None) -> AsyncIterator[Subscriber]:
    async with connect(
        f"ws://{server.host}/graphql",
        subprotocols=[Subprotocol("graphql-transport-ws")],
        proxy=None,
    ) as ws:
        init: dict[str, Any] = {"type": "connection_init"}
        if token is not None:
            init["payload"] = {"authorization": f"Bearer {token}"}
        await ws.send(json.dumps(init))
        client = Subscriber(ws)
        ack = await client.receive()
        assert ack["type"] == "connection_ack", ack
        yield client


async def advance(api: Api, token: str | None, case_id: str, action: str) -> dict[str, Any]:
    result: dict[str, Any] = (await api.data(ADVANCE, {"case": case_id, "action": action}, token))[
        "advanceCase"
    ]
    return result


async def test_staff_change_on_one_server_reaches_the_applicant_on_another(
    servers: tuple[Served, Served], api: Api, world: World
) -> None:
    a, b = servers
    assert a.broker is not b.broker
    case_id, _ = await insert_case(world.person_ids[BASIC], await publish_item())

    async with subscriber(a, world.token(BASIC)) as applicant:
        watching = await applicant.subscribe(case_id)
        now = await applicant.status(watching)
        assert (now["caseId"], now["status"]) == (case_id, "SUBMITTED")
        assert a.broker.subscriber_count(case_id) == 1
        assert b.broker.subscriber_count() == 0

        accepted = await advance(api, world.token(Role.WINDOW_CLERK.value), case_id, "ACCEPT")
        assert accepted == {"__typename": "Case", "id": case_id, "status": "ACCEPTED"}
        changed = await applicant.status(watching)
        assert (changed["caseId"], changed["status"]) == (case_id, "ACCEPTED")

        # Ending a subscription removes its queue: by the time a second subscription on the
        # same connection has answered, the first one's cancellation has run.
        await applicant.complete(watching)
        again = await applicant.subscribe(case_id)
        assert (await applicant.status(again))["status"] == "ACCEPTED"
        assert a.broker.subscriber_count(case_id) == 1


class Abandoned(Exception):
    pass


async def _approve_then_roll_back(case_id: str) -> None:
    async with DB.transaction():
        await Case.update({Case.status: "approved"}).where(Case.id == case_id)
        await publish_status(case_id, "approved", clock.now())
        raise Abandoned


async def test_a_rolled_back_change_is_never_delivered(
    servers: tuple[Served, Served], api: Api, world: World
) -> None:
    a, _ = servers
    case_id, _ = await insert_case(world.person_ids[BASIC], await publish_item())

    async with subscriber(a, world.token(BASIC)) as applicant:
        watching = await applicant.subscribe(case_id)
        assert (await applicant.status(watching))["status"] == "SUBMITTED"

        with pytest.raises(Abandoned):
            await _approve_then_roll_back(case_id)
        # Notifications arrive in commit order: had the abandoned one been sent, it would
        # come before this committed change.
        accepted = await advance(api, world.token(Role.WINDOW_CLERK.value), case_id, "ACCEPT")
        assert accepted["status"] == "ACCEPTED"
        assert (await applicant.status(watching))["status"] == "ACCEPTED"


async def test_only_those_who_may_read_the_case_may_watch_it(
    servers: tuple[Served, Served], world: World
) -> None:
    a, _ = servers
    case_id, _ = await insert_case(world.person_ids[BASIC], await publish_item())

    # Another resident: reads exactly like a case that does not exist.
    async with subscriber(a, world.token(INTERMEDIATE)) as other:
        assert await other.error_code(await other.subscribe(case_id)) == "NOT_FOUND"
        assert await other.error_code(await other.subscribe(str(uuid.uuid4()))) == "NOT_FOUND"
        assert await other.error_code(await other.subscribe("not-an-id")) == "NOT_FOUND"
    # A call-centre agent sees cases only through the logged lookup.
    async with subscriber(a, world.token(Role.CALL_CENTRE_AGENT.value)) as agent:
        assert await agent.error_code(await agent.subscribe(case_id)) == "NOT_FOUND"
    # The department's own clerk may watch it.
    async with subscriber(a, world.token(Role.WINDOW_CLERK.value)) as clerk:
        operation = await clerk.subscribe(case_id)
        assert (await clerk.status(operation))["status"] == "SUBMITTED"


async def test_without_a_token_a_subscription_is_refused(
    servers: tuple[Served, Served], world: World
) -> None:
    a, _ = servers
    case_id, _ = await insert_case(world.person_ids[BASIC], await publish_item())
    async with subscriber(a, None) as anonymous:
        assert await anonymous.error_code(await anonymous.subscribe(case_id)) == "UNAUTHENTICATED"
    assert a.broker.subscriber_count() == 0


async def test_a_bad_token_closes_the_connection(
    servers: tuple[Served, Served], api: Api, world: World
) -> None:
    """Refused at connection_init (4403), so a client knows to refresh and reconnect."""
    a, _ = servers
    token = world.token(BASIC) or ""

    async def refused(authorization: str) -> bool:
        async with connect(
            f"ws://{a.host}/graphql", subprotocols=[Subprotocol("graphql-transport-ws")], proxy=None
        ) as ws:
            init = {"type": "connection_init", "payload": {"authorization": authorization}}
            await ws.send(json.dumps(init))
            with pytest.raises(ConnectionClosed) as closed:
                async with asyncio.timeout(HANG_GUARD_SECONDS):
                    await ws.recv()
        return closed.value.rcvd is not None and closed.value.rcvd.code == 4403

    assert await refused("Bearer not-a-jwt")
    assert await refused(f"Bearer {token}x")
    assert await refused(f"Basic {token}")
    await api.data("mutation { logout { __typename } }", token=token)
    assert await refused(f"Bearer {token}")


async def test_signing_out_ends_the_stream(
    servers: tuple[Served, Served], api: Api, world: World
) -> None:
    a, _ = servers
    case_id, _ = await insert_case(world.person_ids[BASIC], await publish_item())
    async with subscriber(a, world.token(BASIC)) as applicant:
        watching = await applicant.subscribe(case_id)
        assert (await applicant.status(watching))["status"] == "SUBMITTED"
        signed_out = await api.data("mutation { logout { __typename } }", token=world.token(BASIC))
        assert signed_out["logout"]["__typename"] == "Done", signed_out
        await advance(api, world.token(Role.WINDOW_CLERK.value), case_id, "ACCEPT")
        assert await applicant.error_code(watching) == "UNAUTHENTICATED"


# --- The broker on its own ---------------------------------------------------------------


async def _committed(case_id: str, status: str) -> None:
    async with DB.transaction():
        await publish_status(case_id, status, clock.now())


async def test_the_broker_fans_committed_changes_out_per_case(database_url: str) -> None:
    broker = StatusBroker()
    one, two = str(uuid.uuid4()), str(uuid.uuid4())
    try:
        async with (
            broker.subscribe(one) as first,
            broker.subscribe(one) as second,
            broker.subscribe(two) as other,
        ):
            assert broker.subscriber_count(one) == 2
            await _committed(one, "accepted")
            await _committed(two, "approved")
            for queue in (first, second):
                change = await queue.get()
                assert isinstance(change, StatusChange)
                assert (change.case_id, change.status) == (one, "accepted")
            change = await other.get()
            assert isinstance(change, StatusChange)
            assert (change.case_id, change.status) == (two, "approved")
            assert first.empty() and second.empty()
        assert broker.subscriber_count() == 0
    finally:
        await broker.close()


async def test_the_broker_listens_again_after_losing_its_connection(database_url: str) -> None:
    broker = StatusBroker()
    case_id = str(uuid.uuid4())
    try:
        async with broker.subscribe(case_id) as changes:
            pid = broker.server_pid
            assert pid is not None
            await Case.raw("SELECT pg_terminate_backend({})", pid)
            # Reconnected, and told that changes in the gap may be lost.
            assert await changes.get() is live.RESYNC
            assert broker.server_pid not in (None, pid)
            await _committed(case_id, "accepted")
            change = await changes.get()
            assert isinstance(change, StatusChange) and change.status == "accepted"
    finally:
        await broker.close()


async def test_closing_the_broker_ends_its_subscriptions(database_url: str) -> None:
    broker = StatusBroker()
    async with broker.subscribe(str(uuid.uuid4())) as changes:
        await broker.close()
        assert await changes.get() is live.CLOSED
    with pytest.raises(RuntimeError):
        async with broker.subscribe(str(uuid.uuid4())):
            pass
