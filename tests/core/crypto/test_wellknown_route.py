"""``GET /.well-known/jwks.json`` publishes the key ring with a short public cache."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from litestar import Litestar
from litestar.testing import TestClient

from api.routes.wellknown import jwks
from core.crypto import load_key_material
from core.settings import load_settings


def test_jwks_endpoint(tmp_path: Path) -> None:
    settings = load_settings({"ONETAP_ENV": "test", "ONETAP_DATA_DIR": str(tmp_path)})
    material = load_key_material(settings)
    app = Litestar(route_handlers=[jwks])
    app.state.key_material = material

    with TestClient(app) as client:
        response = client.get("/.well-known/jwks.json")

    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=300"
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body == material.signing.jwks()
    assert all("d" not in key for key in body["keys"])


def test_jwks_endpoint_lists_rotated_keys(tmp_path: Path) -> None:
    settings = load_settings({"ONETAP_ENV": "test", "ONETAP_DATA_DIR": str(tmp_path)})
    material = load_key_material(settings)
    rotated = material.signing.rotate("next", Ed25519PrivateKey.generate())
    app = Litestar(route_handlers=[jwks])
    app.state.key_material = type(material)(material.field_cipher, material.blind_index, rotated)

    with TestClient(app) as client:
        kids = [key["kid"] for key in client.get("/.well-known/jwks.json").json()["keys"]]

    assert kids == ["next", material.signing.active_kid]
