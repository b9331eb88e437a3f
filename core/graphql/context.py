"""The typed per-request GraphQL context: who is asking, and per-request DataLoaders."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from strawberry.litestar import BaseContext
from strawberry.types import Info

L = TypeVar("L")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is asking, as proven by the request's access token (anonymous without one).

    Filled by the identity domain from verified token claims; core only carries it, so
    every domain can authorise without importing identity's tables.
    """

    #: ``person:<uuid>`` or ``staff:<uuid>``; None for anonymous requests.
    subject: str | None = None
    #: The session (refresh-token family) the access token belongs to.
    session_id: str | None = None
    #: Durable tier from the token: ``anonymous``, ``basic`` or ``intermediate``.
    tier: str = "anonymous"
    #: Staff roles (empty for residents).
    roles: frozenset[str] = frozenset()
    #: Department code of a staff member.
    department: str | None = None
    #: ``enterprise:<uuid>`` while a legal representative or agent acts for it.
    acting_for: str | None = None
    #: Authentication methods (RFC 8176) and the time of the authentication.
    amr: tuple[str, ...] = ()
    auth_time: datetime | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.subject is None

    @property
    def kind(self) -> str | None:
        return None if self.subject is None else self.subject.split(":", 1)[0]

    @property
    def subject_id(self) -> str | None:
        return None if self.subject is None else self.subject.split(":", 1)[1]


class RequestContext(BaseContext, kw_only=True):
    viewer: Viewer
    max_page_size: int
    loaders: dict[Callable[[], Any], Any]
    #: Long-lived domain services (e.g. identity's runtime) keyed by their type.
    resources: Mapping[type[Any], Any]
    #: Client hints for session records and abuse limits (never logged in clear).
    client_ip: str = ""
    user_agent: str = ""
    #: The graphql-transport-ws ``connection_init`` payload (Strawberry fills it in):
    #: browsers cannot set headers on a WebSocket, so the bearer token travels here.
    connection_params: dict[str, object] | None = None

    def loader(self, factory: Callable[[], L]) -> L:
        """The request's instance of a DataLoader, built by ``factory`` on first use.

        Loaders live for one request only, so a cached value never leaks to another viewer.
        """
        if factory not in self.loaders:
            self.loaders[factory] = factory()
        loader: L = self.loaders[factory]
        return loader

    def resource(self, kind: type[R]) -> R:
        """The process-wide instance of ``kind`` the app registered at startup."""
        found = self.resources.get(kind)
        if not isinstance(found, kind):
            raise LookupError(f"{kind.__name__} is not registered with this app")
        return found


Ctx = Info[RequestContext, None]
