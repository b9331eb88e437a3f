"""Casework test fixtures: the identity world (residents, an enterprise, staff per role)."""

from __future__ import annotations

import pytest

from tests.api.conftest import make_settings, pwa_dist  # noqa: F401
from tests.identity.actors import World, build_world
from tests.identity.conftest import Api, api, identity_settings, person_named  # noqa: F401

__all__ = ["Api"]


@pytest.fixture
async def world(api: Api) -> World:  # noqa: F811
    return await build_world(api)
