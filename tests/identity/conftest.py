"""An app on the test's own database, with helpers to drive identity flows over GraphQL."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import pytest
from litestar import Litestar

from api.app import create_app
from core import clock
from core.settings import Settings
from identity.providers.sandbox import SandboxPerson, sandbox_people
from tests.api.conftest import make_settings, pwa_dist, serving

__all__ = ["make_settings", "pwa_dist"]

PASSWORD = "correct horse battery"

#: Cheap Argon2 for tests: production parameters are exercised by bench/ and the
#: password unit tests; here they would only slow every login down.
FAST_ARGON2 = {
    "ONETAP_IDENTITY_ARGON2_MEMORY_KIB": "8192",
    "ONETAP_IDENTITY_ARGON2_TIME_COST": "1",
    "ONETAP_IDENTITY_ARGON2_PARALLELISM": "1",
    "ONETAP_MAX_BODY_BYTES": "1048576",
}


@dataclass
class Api:
    """A GraphQL client that remembers nothing between calls unless told (tokens)."""

    http: httpx.AsyncClient
    app: Litestar
    headers: dict[str, str] = field(default_factory=lambda: {"user-agent": "pytest browser"})
    clock_shift: int = 0

    async def post(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> httpx.Response:
        headers = dict(self.headers)
        if token:
            headers["authorization"] = f"Bearer {token}"
        return await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )

    async def gql(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        response = await self.post(query, variables, token)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        body = await self.gql(query, variables, token)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def error_code(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> str:
        body = await self.gql(query, variables, token)
        assert body.get("errors"), body
        code: str = body["errors"][0]["extensions"]["code"]
        return code

    async def sms_code(self, phone: str) -> str:
        data = await self.data(
            "query($p: String!) { sandboxSmsInbox(phone: $p) { text } }", {"p": phone}
        )
        messages = data["sandboxSmsInbox"]
        assert messages, "no SMS was sent to this phone"
        found = re.search(r"\d{6}", messages[0]["text"])
        assert found
        return found.group(0)

    async def send_code(self, phone: str, purpose: str, token: str | None = None) -> dict[str, Any]:
        data = await self.data(
            """mutation($p: String!, $u: SmsPurpose!) { sendSmsCode(phone: $p, purpose: $u) {
                __typename ... on UserError { code message } } }""",
            {"p": phone, "u": purpose},
            token,
        )
        result: dict[str, Any] = data["sendSmsCode"]
        return result

    async def fresh_code(self, phone: str, purpose: str, token: str | None = None) -> str:
        """Send a code past the one-minute resend gap (by sending it from a later moment)."""
        self.clock_shift += 2
        with clock.frozen_at(clock.now() + timedelta(minutes=self.clock_shift)):
            sent = await self.send_code(phone, purpose, token)
        assert sent["__typename"] == "SmsCodeSent", sent
        return await self.sms_code(phone)

    async def register(
        self, person: SandboxPerson, password: str = PASSWORD, **changes: str
    ) -> dict[str, Any]:
        phone = changes.get("phone", person.phone)
        sent = await self.send_code(phone, "REGISTER")
        # Within the one-minute resend gap the earlier code is still live (a refused
        # form does not consume it), so it is read back from the inbox below.
        assert sent["__typename"] == "SmsCodeSent" or sent["code"] == "RATE_LIMITED", sent
        form = {
            "name": person.name,
            "idNumber": person.id_number,
            "sex": person.sex,
            "ethnicity": person.ethnicity,
            "phone": phone,
            "smsCode": await self.sms_code(phone),
            "password": password,
        }
        form.update(changes)
        data = await self.data(
            f"mutation($i: RegisterInput!) {{ register(input: $i) {{ {AUTH_FIELDS} }} }}",
            {"i": form},
        )
        result: dict[str, Any] = data["register"]
        return result

    async def login(self, identifier: str, password: str = PASSWORD) -> dict[str, Any]:
        data = await self.data(
            f"""mutation($i: String!, $p: String!) {{
                loginWithPassword(identifier: $i, password: $p) {{ {AUTH_FIELDS} }} }}""",
            {"i": identifier, "p": password},
        )
        result: dict[str, Any] = data["loginWithPassword"]
        return result


AUTH_FIELDS = """__typename
    ... on AuthSuccess { accessToken refreshToken expiresIn sessionId }
    ... on UserError { code message }
    ... on InvalidInputError { field reason }
    ... on RateLimitedError { retryAfterSeconds }
    ... on VerificationFailedError { failedChecks }
    ... on ProviderUnavailableError { provider timedOut }"""


@pytest.fixture
def person_named() -> Callable[[str], SandboxPerson]:
    people = {p.name: p for p in sandbox_people()}

    def pick(name: str) -> SandboxPerson:
        return people[name]

    return pick


@pytest.fixture
def identity_settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings(**FAST_ARGON2)


@pytest.fixture
async def api(database_url: str, identity_settings: Settings) -> AsyncIterator[Api]:
    app = create_app(identity_settings, database_url=database_url, run_worker=False)
    async with serving(app) as http:
        yield Api(http, app)
