"""The typed per-request GraphQL context: who is asking, and per-request DataLoaders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from strawberry.litestar import BaseContext
from strawberry.types import Info

L = TypeVar("L")


@dataclass(frozen=True)
class Viewer:
    """Who is asking. Anonymous until the identity domain arrives."""

    subject: str | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.subject is None


class RequestContext(BaseContext, kw_only=True):
    viewer: Viewer
    max_page_size: int
    loaders: dict[Callable[[], Any], Any]

    def loader(self, factory: Callable[[], L]) -> L:
        """The request's instance of a DataLoader, built by ``factory`` on first use.

        Loaders live for one request only, so a cached value never leaks to another viewer.
        """
        if factory not in self.loaders:
            self.loaders[factory] = factory()
        loader: L = self.loaders[factory]
        return loader


Ctx = Info[RequestContext, None]
