"""Serves the built PWA at ``/``: hashed assets cached for a year, everything else
revalidated, and unknown page paths answered with ``index.html`` (SPA routing)."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def _file_response(path: Path, cache_control: str) -> Response[bytes]:
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".webmanifest":
        media_type = "application/manifest+json"
    return Response(
        path.read_bytes(), media_type=media_type, headers={"Cache-Control": cache_control}
    )


def _resolve(dist: Path, relative: str) -> Path | None:
    candidate = (dist / relative.lstrip("/")).resolve()
    if not candidate.is_relative_to(dist.resolve()) or not candidate.is_file():
        return None
    return candidate


@get("/", include_in_schema=False, sync_to_thread=True)
def serve_pwa_index(request: Request[Any, Any, Any]) -> Response[bytes]:
    return _serve(request.app.state.pwa_dist, "/")


@get("/{path:path}", include_in_schema=False, sync_to_thread=True)
def serve_pwa(request: Request[Any, Any, Any], path: FromPath[str]) -> Response[bytes]:
    return _serve(request.app.state.pwa_dist, path)


def _serve(dist: Path, path: str) -> Response[bytes]:
    found = _resolve(dist, path)
    if found is not None:
        cache = IMMUTABLE if path.lstrip("/").startswith("assets/") else REVALIDATE
        return _file_response(found, cache)
    # A path with a file extension is a missing file, not an app page.
    if "." in path.rsplit("/", 1)[-1]:
        raise NotFoundException(f"{path} not found")
    index = dist / "index.html"
    if not index.is_file():
        raise NotFoundException("the PWA has not been built (run `make run`)")
    return _file_response(index, REVALIDATE)
