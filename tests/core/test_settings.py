"""Settings: typed parsing, production refusals naming the variable, documented table."""

from __future__ import annotations

import base64
import secrets
from pathlib import Path

import pytest

from core.settings import SettingsError, load_settings, settings_table
from tests.processes import ROOT, onetap, onetap_env


def key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


def production_env(**overrides: str) -> dict[str, str]:
    env = {
        "ONETAP_ENV": "production",
        "ONETAP_DATABASE_URL": "postgresql://onetap:secret@db:5432/onetap",
        "ONETAP_CRYPTO_FIELD_KEYS": f"k1={key()}",
        "ONETAP_CRYPTO_SIGNING_KEYS": f"s1={key()},s0={key()}",
        "ONETAP_CRYPTO_BLIND_INDEX_KEY": key(),
        "ONETAP_OBJECTS_SIGNING_SECRET": key(),
        "ONETAP_IDENTITY_PROVIDERS": "production",
        "ONETAP_IDENTITY_VENDORS_FILE": "/etc/onetap/vendors.json",
    }
    env.update(overrides)
    return env


def test_embedded_defaults_need_no_configuration() -> None:
    settings = load_settings({})
    assert settings.app.env == "development"
    assert settings.database.url is None
    assert settings.objects.backend == "filesystem"
    assert settings.app.data_dir == Path(".data")


def test_values_are_parsed_to_their_types() -> None:
    settings = load_settings(
        {
            "ONETAP_PORT": "9000",
            "ONETAP_CORS_ORIGINS": "https://a.example, https://b.example",
            "ONETAP_JOBS_IN_PROCESS_WORKER": "false",
            "ONETAP_GRAPHQL_MAX_DEPTH": "7",
        }
    )
    assert settings.app.port == 9000
    assert settings.app.cors_origins == ("https://a.example", "https://b.example")
    assert settings.jobs.in_process_worker is False
    assert settings.graphql.max_depth == 7


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"ONETAP_PORT": "eighty"}, "ONETAP_PORT"),
        ({"ONETAP_PORT": "70000"}, "ONETAP_PORT"),
        ({"ONETAP_ENV": "staging"}, "ONETAP_ENV"),
        ({"ONETAP_JOBS_IN_PROCESS_WORKER": "maybe"}, "ONETAP_JOBS_IN_PROCESS_WORKER"),
        ({"ONETAP_OBJECTS_BACKEND": "ftp"}, "ONETAP_OBJECTS_BACKEND"),
    ],
)
def test_invalid_values_name_the_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(env)
    assert caught.value.variable == variable
    assert str(caught.value).startswith(variable)


def test_complete_production_settings_are_accepted() -> None:
    assert load_settings(production_env()).app.is_production


@pytest.mark.parametrize(
    ("missing", "variable"),
    [
        ("ONETAP_DATABASE_URL", "ONETAP_DATABASE_URL"),
        ("ONETAP_CRYPTO_FIELD_KEYS", "ONETAP_CRYPTO_FIELD_KEYS"),
        ("ONETAP_CRYPTO_SIGNING_KEYS", "ONETAP_CRYPTO_SIGNING_KEYS"),
        ("ONETAP_CRYPTO_BLIND_INDEX_KEY", "ONETAP_CRYPTO_BLIND_INDEX_KEY"),
        ("ONETAP_OBJECTS_SIGNING_SECRET", "ONETAP_OBJECTS_SIGNING_SECRET"),
    ],
)
def test_production_refuses_missing_keys(missing: str, variable: str) -> None:
    env = production_env()
    del env[missing]
    with pytest.raises(SettingsError) as caught:
        load_settings(env)
    assert caught.value.variable == variable


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("ONETAP_CRYPTO_BLIND_INDEX_KEY", "dev-blind-index"),
        ("ONETAP_CRYPTO_FIELD_KEYS", "k1=dev-field-key"),
        ("ONETAP_CRYPTO_SIGNING_KEYS", "s1=" + base64.b64encode(b"\0" * 32).decode()),
        ("ONETAP_CRYPTO_FIELD_KEYS", "k1=c2hvcnQ="),
        ("ONETAP_CRYPTO_FIELD_KEYS", "no-kid-here"),
    ],
)
def test_production_refuses_development_or_weak_secrets(variable: str, value: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(production_env(**{variable: value}))
    assert caught.value.variable == variable


def test_production_s3_refuses_default_credentials() -> None:
    env = production_env(
        ONETAP_OBJECTS_BACKEND="s3",
        ONETAP_OBJECTS_S3_ACCESS_KEY="minioadmin",
        ONETAP_OBJECTS_S3_SECRET_KEY="minioadmin",
    )
    with pytest.raises(SettingsError) as caught:
        load_settings(env)
    assert caught.value.variable == "ONETAP_OBJECTS_S3_ACCESS_KEY"


def test_readme_settings_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert settings_table() in readme, "README settings table is stale: paste settings_table()"


def test_process_exits_naming_the_variable(tmp_path: Path) -> None:
    result = onetap("serve", env=onetap_env(None, tmp_path, ONETAP_ENV="production"))
    assert result.returncode == 2
    assert "ONETAP_DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["files.example.gov.cn", "https://x.example/path", "ftp://x"])
def test_s3_public_url_must_be_a_bare_origin(value: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({"ONETAP_OBJECTS_S3_PUBLIC_URL": value})
    assert caught.value.variable == "ONETAP_OBJECTS_S3_PUBLIC_URL"


def test_production_refuses_sandbox_identity_providers() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(production_env(ONETAP_IDENTITY_PROVIDERS="sandbox"))
    assert caught.value.variable == "ONETAP_IDENTITY_PROVIDERS"


def test_production_providers_need_a_vendors_file() -> None:
    env = production_env()
    del env["ONETAP_IDENTITY_VENDORS_FILE"]
    with pytest.raises(SettingsError) as caught:
        load_settings(env)
    assert caught.value.variable == "ONETAP_IDENTITY_VENDORS_FILE"
