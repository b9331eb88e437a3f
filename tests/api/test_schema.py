"""The exported SDL must match the schema the code builds (the PWA's types come from it)."""

from __future__ import annotations

from pathlib import Path

from api.schema import build_schema, export_sdl
from core.settings import load_settings

SDL = Path(__file__).resolve().parents[2] / "api" / "schema.graphql"


def test_exported_schema_is_current() -> None:
    current = export_sdl(build_schema(load_settings({})))
    assert SDL.read_text(encoding="utf-8") == current, (
        "api/schema.graphql is stale: run `make schema` and rebuild the PWA types"
    )
