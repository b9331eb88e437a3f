"""Typed settings, one dataclass per concern, read from ``ONETAP_*`` environment variables.

Embedded defaults need no configuration at all. ``ONETAP_ENV=production`` turns on the
strict checks: missing keys or development secrets stop the process with a message that
names the variable, because a misconfigured government service must not start quietly.

Every field's docstring is the documentation; ``settings_table()`` renders the README table
from it so the two cannot drift (a test compares them).
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args, get_type_hints

Environment = Literal["development", "test", "production"]
ObjectStoreBackend = Literal["filesystem", "s3"]
IdentityProviders = Literal["sandbox", "production"]

#: Values that mark a secret as one meant for laptops only.
DEV_SECRET_PREFIX = "dev-"  # noqa: S105 - a marker, not a secret


class SettingsError(Exception):
    """A setting is missing or invalid; ``variable`` names the environment variable."""

    def __init__(self, variable: str, message: str) -> None:
        super().__init__(f"{variable}: {message}")
        self.variable = variable
        self.message = message


def _doc(text: str, default: Any = dataclasses.MISSING, secret: bool = False) -> Any:
    """A dataclass field carrying its documentation (and whether it is a secret)."""
    meta = {"doc": text, "secret": secret}
    if default is dataclasses.MISSING:
        return field(metadata=meta)
    if callable(default):
        return field(default_factory=default, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class AppSettings:
    """Process-wide behaviour."""

    env: Environment = _doc(
        "`development` (GraphiQL, detailed errors), `test`, or `production` (strict checks).",
        "development",
    )
    data_dir: Path = _doc(
        "Local data directory: embedded PostgreSQL, filesystem objects, development keys.",
        Path(".data"),
    )
    host: str = _doc("Interface the HTTP server binds to.", "127.0.0.1")
    port: int = _doc("Port the HTTP server (API + PWA) listens on.", 8000)
    workers: int = _doc("HTTP worker processes for `onetap serve` (production).", 1)
    public_url: str = _doc(
        "External base URL: links, QR codes, the WebAuthn origin (browsers take `localhost` "
        "but not an IP address as a passkey relying party).",
        "http://localhost:8000",
    )
    max_body_bytes: int = _doc("Largest request body accepted; larger requests get 413.", 1_048_576)
    cors_origins: tuple[str, ...] = _doc(
        "Comma-separated origins allowed by CORS (empty: same origin only).", ()
    )
    log_level: str = _doc("Log level (DEBUG, INFO, WARNING, ERROR).", "INFO")
    pwa_dist: Path = _doc("Directory of the built PWA served at `/`.", Path("pwa/dist"))

    @property
    def is_production(self) -> bool:
        return self.env == "production"


@dataclass(frozen=True)
class DatabaseSettings:
    """PostgreSQL connection."""

    url: str | None = _doc(
        "PostgreSQL URL (`postgresql://user:pass@host:5432/db`). Unset: embedded PostgreSQL "
        "in `<data_dir>/pg`.",
        None,
        secret=True,
    )
    pool_min: int = _doc("Minimum connections per process.", 1)
    pool_max: int = _doc("Maximum connections per process.", 10)


@dataclass(frozen=True)
class ObjectStoreSettings:
    """Object storage (materials, licenses, audit anchors)."""

    backend: ObjectStoreBackend = _doc(
        "`filesystem` (embedded default, under `<data_dir>/objects`) or `s3` (MinIO or any S3).",
        "filesystem",
    )
    bucket: str = _doc("Bucket (S3) or top folder (filesystem) for OneTap's objects.", "onetap")
    s3_endpoint: str = _doc("S3 endpoint `host:port` (MinIO).", "127.0.0.1:9000")
    s3_access_key: str = _doc("S3 access key.", "", secret=True)
    s3_secret_key: str = _doc("S3 secret key.", "", secret=True)
    s3_secure: bool = _doc("Use HTTPS to reach the S3 endpoint.", False)
    s3_region: str = _doc("S3 region name.", "us-east-1")
    s3_public_url: str = _doc(
        "Browser-facing S3 base URL put in presigned links (e.g. `https://files.example.gov.cn`)"
        "; empty: the endpoint itself.",
        "",
    )
    presign_max_seconds: int = _doc(
        "Upper bound on any presigned URL's lifetime; longer requests are capped.", 300
    )
    max_object_bytes: int = _doc("Largest object the app accepts (uploads included).", 20_971_520)
    signing_secret: str = _doc(
        "HMAC key for filesystem presigned URLs (base64, 32 bytes).", "", secret=True
    )


@dataclass(frozen=True)
class CryptoSettings:
    """Keys for personal-data encryption, blind indexes and signatures."""

    field_keys: str = _doc(
        "Field-encryption key ring `kid=base64(32 bytes),...`; the first key encrypts, all "
        "decrypt. Unset in development: generated in `<data_dir>/keys`.",
        "",
        secret=True,
    )
    blind_index_key: str = _doc(
        "Blind-index HMAC key, base64(32 bytes); never rotate without re-indexing.",
        "",
        secret=True,
    )
    signing_keys: str = _doc(
        "Ed25519 signing key ring `kid=base64(32-byte seed),...`; the first key signs, all are "
        "published in the JWKS and verify.",
        "",
        secret=True,
    )


@dataclass(frozen=True)
class GraphQLSettings:
    """Limits on the GraphQL API."""

    max_depth: int = _doc("Deepest query accepted.", 10)
    max_tokens: int = _doc("Most tokens in one query document.", 2000)
    max_aliases: int = _doc("Most aliases in one query document.", 15)
    max_page_size: int = _doc("Largest page a connection returns.", 100)


@dataclass(frozen=True)
class JobsSettings:
    """Background jobs (Procrastinate on the same PostgreSQL)."""

    in_process_worker: bool = _doc(
        "Run the job worker inside `onetap serve` (embedded); production runs `onetap worker`.",
        True,
    )
    audit_anchor_cron: str = _doc(
        "Cron schedule on which the audit chain head is signed and stored.", "*/5 * * * *"
    )


@dataclass(frozen=True)
class IdentitySettings:
    """Identity: tokens, passwords, one-time codes, passkeys, providers and abuse limits."""

    providers: IdentityProviders = _doc(
        "`sandbox` (outcomes chosen by magic inputs; the default outside production) or "
        "`production` (the vendor adapters configured below).",
        "sandbox",
    )
    provider_timeout_ms: int = _doc("How long a provider call may take, in milliseconds.", 8000)
    face_result_secret: str = _doc(
        "Sandbox only: HMAC key (base64) the sandbox face verifier signs results with; the "
        "production vendor signs with its RSA key from the vendors file.",
        "",
        secret=True,
    )
    vendors_file: Path | None = _doc(
        "JSON file describing the production vendors (base URL, app id, secret, vendor "
        "public key per provider); required with `production` providers.",
        None,
    )
    face_image_retention_hours: int = _doc(
        "Captured face images are deleted this many hours after capture.", 24
    )
    access_token_seconds: int = _doc("Access-token lifetime (at most 600).", 600)
    refresh_token_days: int = _doc("Refresh-token (session) lifetime in days.", 30)
    token_issuer: str = _doc("`iss` of access tokens; empty: the public URL.", "")
    password_min_length: int = _doc("Shortest password accepted.", 10)
    argon2_time_cost: int = _doc("Argon2id iterations (RFC 9106: 3).", 3)
    argon2_memory_kib: int = _doc("Argon2id memory in KiB (RFC 9106: 65536).", 65536)
    argon2_parallelism: int = _doc("Argon2id lanes (RFC 9106: 4).", 4)
    argon2_concurrency: int = _doc(
        "Password hashes computed at once per process (bounds memory: each takes the "
        "Argon2 memory).",
        2,
    )
    sms_code_seconds: int = _doc("How long an SMS one-time code is valid.", 300)
    webauthn_rp_id: str = _doc("WebAuthn relying-party id; empty: the public URL's host.", "")
    webauthn_origins: tuple[str, ...] = _doc(
        "Origins accepted in WebAuthn ceremonies (comma-separated); empty: the public URL.", ()
    )
    step_up_seconds: int = _doc("How fresh an advanced (per-transaction) face check must be.", 120)


@dataclass(frozen=True)
class CaseworkSettings:
    """Casework: supervision thresholds, ratings and the call centre's limits."""

    warning_thresholds: tuple[str, ...] = _doc(
        "Shares of a case's statutory time limit (percent, comma-separated) at which "
        "supervision raises a warning.",
        ("50", "80", "100"),
    )
    rating_edit_hours: int = _doc("How long after rating a case the applicant may change it.", 72)
    lookups_per_hour: int = _doc("Call-centre lookups one agent may make per hour.", 60)
    due_soon_working_days: int = _doc(
        "A case is 'due soon' in staff queues this many working days before its deadline.", 2
    )

    @property
    def thresholds(self) -> tuple[int, ...]:
        return tuple(sorted({int(t) for t in self.warning_thresholds}))


@dataclass(frozen=True)
class LicensesSettings:
    """E-licenses: their own bucket, download links, sharing consents, issuance."""

    bucket: str = _doc(
        "Bucket (S3) or top folder (filesystem) for issued license PDFs and seal images; "
        "created with versioning and object lock where the backend supports them.",
        "onetap-licenses",
    )
    retention_days: int = _doc(
        "Object-lock retention (governance mode) of an issued PDF on S3 backends that "
        "support object lock; 0 turns retention off.",
        3650,
    )
    download_seconds: int = _doc(
        "Lifetime of a holder's presigned PDF download link (at most 300).", 300
    )
    consent_max_days: int = _doc("The longest a holder may share a license for.", 365)
    issuance_cron: str = _doc(
        "When the issuance job looks for completed cases still owed a license (cron).",
        "* * * * *",
    )


@dataclass(frozen=True)
class Settings:
    app: AppSettings
    database: DatabaseSettings
    objects: ObjectStoreSettings
    crypto: CryptoSettings
    graphql: GraphQLSettings
    jobs: JobsSettings
    identity: IdentitySettings
    casework: CaseworkSettings
    licenses: LicensesSettings


#: Prefix of each concern's variables (``ONETAP_<PREFIX>_<FIELD>``; app fields have none).
_SECTIONS: dict[str, tuple[str, type[Any]]] = {
    "app": ("", AppSettings),
    "database": ("DATABASE_", DatabaseSettings),
    "objects": ("OBJECTS_", ObjectStoreSettings),
    "crypto": ("CRYPTO_", CryptoSettings),
    "graphql": ("GRAPHQL_", GraphQLSettings),
    "jobs": ("JOBS_", JobsSettings),
    "identity": ("IDENTITY_", IdentitySettings),
    "casework": ("CASEWORK_", CaseworkSettings),
    "licenses": ("LICENSES_", LicensesSettings),
}


def variable_name(prefix: str, field_name: str) -> str:
    return f"ONETAP_{prefix}{field_name.upper()}"


def _parse(variable: str, raw: str, annotation: Any) -> Any:
    text = raw.strip()
    if annotation is bool:
        if text.lower() in {"1", "true", "yes", "on"}:
            return True
        if text.lower() in {"0", "false", "no", "off"}:
            return False
        raise SettingsError(variable, f"expected true/false, got {text!r}")
    if annotation is int:
        try:
            value = int(text)
        except ValueError:
            raise SettingsError(variable, f"expected an integer, got {text!r}") from None
        if value < 0:
            raise SettingsError(variable, "must not be negative")
        return value
    if annotation is Path:
        return Path(text)
    if annotation == tuple[str, ...]:
        return tuple(part.strip() for part in text.split(",") if part.strip())
    if annotation == (str | None):
        return text or None
    if annotation == (Path | None):
        return Path(text) if text else None
    allowed = get_args(annotation)
    if allowed and all(isinstance(a, str) for a in allowed):
        if text not in allowed:
            raise SettingsError(variable, f"must be one of {', '.join(allowed)}; got {text!r}")
        return text
    return text


def _load_section(cls: type[Any], prefix: str, environ: Mapping[str, str]) -> Any:
    hints = get_type_hints(cls)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        variable = variable_name(prefix, f.name)
        if variable in environ:
            values[f.name] = _parse(variable, environ[variable], hints[f.name])
    return cls(**values)


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read and validate settings; raise :class:`SettingsError` naming the bad variable."""
    env = os.environ if environ is None else environ
    sections = {name: _load_section(cls, prefix, env) for name, (prefix, cls) in _SECTIONS.items()}
    settings = Settings(**sections)
    _validate(settings)
    return settings


def _check_key_ring(variable: str, ring: str) -> None:
    for entry in ring.split(","):
        kid, sep, material = entry.strip().partition("=")
        if not sep or not kid:
            raise SettingsError(variable, "each entry must be kid=base64(32 bytes)")
        _check_key(variable, material)


def _check_key(variable: str, material: str) -> None:
    if material.startswith(DEV_SECRET_PREFIX):
        raise SettingsError(variable, "a development secret cannot be used in production")
    try:
        raw = base64.b64decode(material, validate=True)
    except (binascii.Error, ValueError):
        raise SettingsError(variable, "is not valid base64") from None
    if len(raw) != 32:
        raise SettingsError(variable, f"must decode to 32 bytes, got {len(raw)}")
    if len(set(raw)) < 8:
        raise SettingsError(variable, "looks like a placeholder, not a random key")


def _validate(settings: Settings) -> None:
    app = settings.app
    if not 0 < app.port < 65536:
        raise SettingsError("ONETAP_PORT", "must be between 1 and 65535")
    if settings.objects.presign_max_seconds < 1:
        raise SettingsError("ONETAP_OBJECTS_PRESIGN_MAX_SECONDS", "must be at least 1")
    public_url = settings.objects.s3_public_url
    if public_url and not re.fullmatch(r"https?://[^/\s?#]+/?", public_url):
        raise SettingsError(
            "ONETAP_OBJECTS_S3_PUBLIC_URL", "must be http(s)://host[:port] with no path"
        )
    if settings.graphql.max_page_size < 1:
        raise SettingsError("ONETAP_GRAPHQL_MAX_PAGE_SIZE", "must be at least 1")
    identity = settings.identity
    if not 30 <= identity.access_token_seconds <= 600:
        raise SettingsError("ONETAP_IDENTITY_ACCESS_TOKEN_SECONDS", "must be between 30 and 600")
    if identity.password_min_length < 8:
        raise SettingsError("ONETAP_IDENTITY_PASSWORD_MIN_LENGTH", "must be at least 8")
    if identity.argon2_concurrency < 1:
        raise SettingsError("ONETAP_IDENTITY_ARGON2_CONCURRENCY", "must be at least 1")
    thresholds = settings.casework.warning_thresholds
    if not thresholds or not all(t.isdigit() and 0 < int(t) <= 200 for t in thresholds):
        raise SettingsError(
            "ONETAP_CASEWORK_WARNING_THRESHOLDS", "must be percentages between 1 and 200"
        )
    licenses = settings.licenses
    if not 1 <= licenses.download_seconds <= 300:
        raise SettingsError("ONETAP_LICENSES_DOWNLOAD_SECONDS", "must be between 1 and 300")
    if licenses.retention_days < 0:
        raise SettingsError("ONETAP_LICENSES_RETENTION_DAYS", "must not be negative")
    if not 1 <= licenses.consent_max_days <= 3650:
        raise SettingsError("ONETAP_LICENSES_CONSENT_MAX_DAYS", "must be between 1 and 3650")
    if licenses.bucket == settings.objects.bucket:
        raise SettingsError("ONETAP_LICENSES_BUCKET", "must differ from ONETAP_OBJECTS_BUCKET")
    if identity.providers == "production" and identity.vendors_file is None:
        raise SettingsError("ONETAP_IDENTITY_VENDORS_FILE", "is required with production providers")
    if not app.is_production:
        return
    # Production: no embedded database, no generated keys, no placeholder secrets.
    if not settings.database.url:
        raise SettingsError("ONETAP_DATABASE_URL", "is required in production")
    crypto = settings.crypto
    for variable, ring in (
        ("ONETAP_CRYPTO_FIELD_KEYS", crypto.field_keys),
        ("ONETAP_CRYPTO_SIGNING_KEYS", crypto.signing_keys),
    ):
        if not ring:
            raise SettingsError(variable, "is required in production")
        _check_key_ring(variable, ring)
    if not crypto.blind_index_key:
        raise SettingsError("ONETAP_CRYPTO_BLIND_INDEX_KEY", "is required in production")
    _check_key("ONETAP_CRYPTO_BLIND_INDEX_KEY", crypto.blind_index_key)
    objects = settings.objects
    if objects.backend == "s3":
        for variable, value in (
            ("ONETAP_OBJECTS_S3_ACCESS_KEY", objects.s3_access_key),
            ("ONETAP_OBJECTS_S3_SECRET_KEY", objects.s3_secret_key),
        ):
            if not value:
                raise SettingsError(variable, "is required in production with the s3 backend")
            if value.startswith(DEV_SECRET_PREFIX) or value in {"minioadmin", "testing"}:
                raise SettingsError(variable, "a development secret cannot be used in production")
    else:
        if not objects.signing_secret:
            raise SettingsError(
                "ONETAP_OBJECTS_SIGNING_SECRET",
                "is required in production with the filesystem backend",
            )
        _check_key("ONETAP_OBJECTS_SIGNING_SECRET", objects.signing_secret)

    if identity.providers == "sandbox":
        raise SettingsError(
            "ONETAP_IDENTITY_PROVIDERS", "sandbox identity providers cannot run in production"
        )


@functools.cache
def get_settings() -> Settings:
    """The process's settings, read once."""
    return load_settings()


def settings_table() -> str:
    """The README's settings table (Markdown), generated from the field docs."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for _name, (prefix, cls) in _SECTIONS.items():
        for f in dataclasses.fields(cls):
            default: Any
            if f.default is not dataclasses.MISSING:
                default = f.default
            elif f.default_factory is not dataclasses.MISSING:
                default = f.default_factory()
            else:
                default = ""
            if isinstance(default, tuple):
                default = ",".join(default)
            shown = "" if default in ("", None) else f"`{default}`"
            rows.append(f"| `{variable_name(prefix, f.name)}` | {shown} | {f.metadata['doc']} |")
    return "\n".join(rows)
