"""The HTTP surface: health, readiness, metrics, headers, limits, errors, PWA serving."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from core.db.migrations import MigrationError
from core.settings import Settings
from identity.providers.vendor_example import write_example_vendors_file
from reference.service import seed_reference_data
from tests.api.conftest import serving

REGIONS = "{ regions(level: CITY, first: 2) { edges { node { code name } } } }"


async def test_healthz_and_readyz(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {
        "status": "ready",
        "checks": {
            "database": "ok",
            "migrations": "ok",
            "object_store": "ok",
            "license_store": "ok",
        },
    }


async def test_readyz_names_an_unreachable_object_store(
    database_url: str, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(ONETAP_OBJECTS_BACKEND="s3", ONETAP_OBJECTS_S3_ENDPOINT="127.0.0.1:9")
    app = create_app(settings, database_url=database_url, run_worker=False)
    async with serving(app) as c:
        assert (await c.get("/healthz")).status_code == 200
        response = await c.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["object_store"].startswith("unreachable")
    assert "Traceback" not in response.text


async def test_graphql_over_http(client: httpx.AsyncClient) -> None:
    await seed_reference_data()
    response = await client.post("/graphql", json={"query": REGIONS})
    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "regions": {
                "edges": [
                    {"node": {"code": "350100", "name": "福州市"}},
                    {"node": {"code": "350200", "name": "厦门市"}},
                ]
            }
        }
    }


async def test_graphql_limit_is_typed_not_500(client: httpx.AsyncClient) -> None:
    nested = "parent { " * 12 + "code" + " }" * 12
    response = await client.post(
        "/graphql", json={"query": f'{{ region(code: "350102") {{ {nested} }} }}'}
    )
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_DEEP"


async def test_graphiql_only_in_development(
    database_url: str, make_settings: Callable[..., Settings]
) -> None:
    for env, expected in (("development", 200), ("test", 404)):
        app = create_app(make_settings(ONETAP_ENV=env), database_url=database_url, run_worker=False)
        async with serving(app) as c:
            response = await c.get("/graphql", headers={"Accept": "text/html"})
            if expected == 200:
                assert response.status_code == 200 and "graphiql" in response.text.lower()
            else:
                assert "graphiql" not in response.text.lower()


async def test_security_headers_and_request_id(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"X-Request-ID": "req-12345678"})
    headers = response.headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=" in headers["permissions-policy"]
    assert "strict-transport-security" not in headers  # only in production
    assert headers["x-request-id"] == "req-12345678"
    generated = await client.get("/healthz", headers={"X-Request-ID": "bad id!"})
    assert generated.headers["x-request-id"] != "bad id!"
    assert len(generated.headers["x-request-id"]) == 32


async def test_oversized_body_is_413_with_envelope(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", content=b"x" * 10_000, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    body = response.json()
    assert body["error"]["code"] == "REQUEST_TOO_LARGE"
    assert body["error"]["request_id"] == response.headers["x-request-id"]


async def test_unknown_route_gets_json_envelope(client: httpx.AsyncClient) -> None:
    response = await client.get("/no-such-file.js")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"
    wrong_method = await client.delete("/healthz")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"]["code"] == "METHOD_NOT_ALLOWED"
    # Router-level answers carry the security headers too.
    assert "default-src 'self'" in wrong_method.headers["content-security-policy"]
    unrouted = await client.post("/no/such/api")
    assert unrouted.headers["x-content-type-options"] == "nosniff"
    assert unrouted.json()["error"]["request_id"] == unrouted.headers["x-request-id"]
    metrics = (await client.get("/metrics")).text
    assert 'onetap_http_requests_total{method="POST",route="unmatched",status="405"}' in metrics


async def test_metrics_count_requests(client: httpx.AsyncClient) -> None:
    await client.get("/healthz")
    text = (await client.get("/metrics")).text
    assert 'onetap_http_requests_total{method="GET",route="/healthz",status="200"}' in text


async def test_pwa_served_with_spa_fallback_and_cache_headers(
    client: httpx.AsyncClient,
) -> None:
    index = await client.get("/")
    assert index.status_code == 200 and "<title>OneTap</title>" in index.text
    assert index.headers["cache-control"] == "no-cache"
    deep_link = await client.get("/services/some-page")
    assert deep_link.status_code == 200 and "<title>OneTap</title>" in deep_link.text
    asset = await client.get("/assets/index-abc123.js")
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    manifest = await client.get("/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    # Path traversal never leaves the build directory (the app page is served instead).
    escape = await client.get("/..%2f..%2fetc/passwd")
    assert "root:" not in escape.text
    assert escape.text == index.text


async def test_jwks_is_published(client: httpx.AsyncClient) -> None:
    keys = (await client.get("/.well-known/jwks.json")).json()["keys"]
    assert keys and all(k["kty"] == "OKP" and k["crv"] == "Ed25519" for k in keys)


async def test_refuses_to_serve_with_pending_migrations(
    pg_server_url: str, make_settings: Callable[..., Settings]
) -> None:
    import asyncpg

    from core.db import database_url_for

    admin = await asyncpg.connect(dsn=pg_server_url)
    await admin.execute('DROP DATABASE IF EXISTS "unmigrated"')
    await admin.execute('CREATE DATABASE "unmigrated"')
    await admin.close()
    url = database_url_for(pg_server_url, "unmigrated")
    app = create_app(make_settings(), database_url=url, run_worker=False)
    with pytest.raises(MigrationError, match="pending migration"):
        async with serving(app):
            pass
    migrating = create_app(
        make_settings(), database_url=url, run_worker=False, apply_migrations=True
    )
    async with serving(migrating) as c:
        assert (await c.get("/readyz")).json()["checks"]["migrations"] == "ok"


def test_missing_pwa_build_is_explained(tmp_path: Path) -> None:
    from api.routes.pwa import _resolve

    assert _resolve(tmp_path, "index.html") is None


async def test_readyz_names_an_unreachable_database(
    pg_server_url: str, database_url: str, client: httpx.AsyncClient
) -> None:
    from urllib.parse import urlsplit

    import asyncpg

    name = urlsplit(database_url).path.lstrip("/")
    admin = await asyncpg.connect(dsn=pg_server_url)
    try:
        # Take the database away under the running app: connections drop, reconnects fail.
        await admin.execute(f'ALTER DATABASE "{name}" RENAME TO "{name}_gone"')
    except asyncpg.ObjectInUseError:
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name
        )
        await admin.execute(f'ALTER DATABASE "{name}" RENAME TO "{name}_gone"')
    try:
        response = await client.get("/readyz")
        assert response.status_code == 503
        body = response.json()
        assert body["checks"]["database"].startswith("unreachable")
        assert "Traceback" not in response.text
    finally:
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
            f"{name}_gone",
        )
        await admin.execute(f'ALTER DATABASE "{name}_gone" RENAME TO "{name}"')
        await admin.close()


async def test_cors_only_for_configured_origins(
    database_url: str, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(ONETAP_CORS_ORIGINS="https://city.example.gov.cn")
    app = create_app(settings, database_url=database_url, run_worker=False)
    async with serving(app) as c:
        allowed = await c.options(
            "/graphql",
            headers={
                "Origin": "https://city.example.gov.cn",
                "Access-Control-Request-Method": "POST",
            },
        )
        assert allowed.headers["access-control-allow-origin"] == "https://city.example.gov.cn"
        other = await c.get("/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


async def test_unexpected_graphql_errors_are_masked_outside_development(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reference import service

    async def boom(**_: object) -> list[object]:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(service, "list_regions", boom)
    response = await client.post("/graphql", json={"query": "{ regions { edges { cursor } } }"})
    assert response.status_code == 200
    assert "secret internal detail" not in response.text
    error = response.json()["errors"][0]
    assert error["message"] == "内部错误 Internal error"
    assert error["extensions"] == {"code": "INTERNAL"}


async def test_bad_variables_are_reported_not_masked(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        json={"query": "query($c: String!) { region(code: $c) { code } }", "variables": {}},
    )
    error = response.json()["errors"][0]
    assert "$c" in error["message"]
    assert error["extensions"]["code"] == "BAD_REQUEST"


async def test_production_adds_hsts_and_hides_graphiql(
    database_url: str, make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    import base64
    import secrets

    def key() -> str:
        return base64.b64encode(secrets.token_bytes(32)).decode()

    settings = make_settings(
        ONETAP_ENV="production",
        ONETAP_DATABASE_URL=database_url,
        ONETAP_CRYPTO_FIELD_KEYS=f"f1={key()}",
        ONETAP_CRYPTO_SIGNING_KEYS=f"s1={key()}",
        ONETAP_CRYPTO_BLIND_INDEX_KEY=key(),
        ONETAP_OBJECTS_SIGNING_SECRET=key(),
        ONETAP_IDENTITY_PROVIDERS="production",
        ONETAP_IDENTITY_VENDORS_FILE=str(write_example_vendors_file(tmp_path / "vendors.json")),
    )
    app = create_app(settings, database_url=database_url, run_worker=False)
    async with serving(app) as c:
        health = await c.get("/healthz")
        assert health.headers["strict-transport-security"].startswith("max-age=31536000")
        ide = await c.get("/graphql", headers={"Accept": "text/html"})
        assert "graphiql" not in ide.text.lower()
