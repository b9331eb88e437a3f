"""The ``onetap`` command: serve, worker, migrate, seed-demo, audit verify, export-schema,
staff bootstrap-admin, license verify."""

from __future__ import annotations

import asyncio
import fcntl
import os
import shutil
import signal
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from core.settings import Settings, SettingsError, get_settings

T = TypeVar("T")


def _settings() -> Settings:
    try:
        return get_settings()
    except SettingsError as exc:
        click.echo(f"onetap: invalid setting {exc}", err=True)
        sys.exit(2)


@contextmanager
def _data_dir_lock(settings: Settings) -> Iterator[None]:
    """One server per data directory: a second one would share the embedded database."""
    data_dir = settings.app.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    lock_path = data_dir / "serve.lock"
    handle: IO[str] = lock_path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        click.echo(
            f"onetap: another `onetap serve` (pid {holder}) is already using "
            f"{data_dir.resolve()}; stop it first or set ONETAP_DATA_DIR",
            err=True,
        )
        sys.exit(1)
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _run(factory: Callable[[], Awaitable[T]]) -> T:
    return asyncio.run(_with_errors(factory))


async def _with_errors(factory: Callable[[], Awaitable[T]]) -> T:
    from core.db.embedded import EmbeddedPostgresError
    from core.db.migrations import MigrationError

    try:
        return await factory()
    except (MigrationError, EmbeddedPostgresError) as exc:
        click.echo(f"onetap: {exc}", err=True)
        sys.exit(1)


@click.group()
def main() -> None:
    """OneTap: a province's government services in one tap."""
    from core.logging import configure_logging

    configure_logging(os.environ.get("ONETAP_LOG_LEVEL", "INFO"))


@main.command()
@click.option("--migrate", is_flag=True, help="Apply pending migrations before serving.")
@click.option("--seed-demo", is_flag=True, help="Load demo data when the database is empty.")
def serve(migrate: bool, seed_demo: bool) -> None:
    """Serve API + PWA on one port (and, in embedded mode, the job worker)."""
    import uvicorn

    from api.runtime import resolve_database_url

    settings = _settings()
    with _data_dir_lock(settings):
        url = resolve_database_url(settings)
        if migrate or seed_demo:
            _run(lambda: _prepare(url, migrate=migrate, seed=seed_demo, settings=settings))
        if settings.app.workers > 1:
            # Workers re-read settings from the environment; hand them the resolved URL.
            os.environ["ONETAP_DATABASE_URL"] = url
            _share_metrics_between_workers(settings)
            _exit_normally_after_server_signals()
            uvicorn.run(
                "api.asgi:app",
                host=settings.app.host,
                port=settings.app.port,
                workers=settings.app.workers,
                log_config=None,
                access_log=False,
                proxy_headers=True,
            )
            return
        from api.app import create_app

        app = create_app(settings, database_url=url)
        click.echo(f"OneTap serving on http://{settings.app.host}:{settings.app.port}/", err=True)
        _exit_normally_after_server_signals()
        uvicorn.run(
            app, host=settings.app.host, port=settings.app.port, log_config=None, access_log=False
        )


def _share_metrics_between_workers(settings: Settings) -> None:
    """Prometheus multiprocess mode: each worker writes its samples to a shared folder and
    /metrics (answered by any one worker) reports the sum. Emptied at every start."""
    folder = (settings.app.data_dir / "metrics").resolve()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)


def _exit_normally_after_server_signals() -> None:
    """Let SIGTERM/SIGINT end the process through a normal exit, so cleanup runs.

    uvicorn shuts down gracefully on these signals and then re-raises them to the handlers
    that were installed before it started; the default ones kill the process (SIGTERM) or
    raise KeyboardInterrupt (SIGINT) before ``atexit`` stops the embedded PostgreSQL. These
    no-op handlers let ``serve`` return and exit normally instead.
    """
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda _signum, _frame: None)


async def _on_database(url: str, work: Callable[[], Awaitable[T]]) -> T:
    """Run ``work`` with the shared engine connected to ``url`` (one-shot commands)."""
    from core import db

    await db.connect(url, pool_min=1, pool_max=2)
    try:
        return await work()
    finally:
        await db.close()


async def _prepare(url: str, *, migrate: bool, seed: bool, settings: Settings) -> None:
    async def work() -> None:
        if migrate:
            from core.db.migrations import apply_migrations

            applied = await apply_migrations()
            click.echo(f"migrations applied: {len(applied)}", err=True)
        if seed:
            from api.demo import seed_if_empty

            click.echo(await seed_if_empty(settings), err=True)

    await _on_database(url, work)


@main.command()
def worker() -> None:
    """Run the background job worker (production: its own process)."""
    from api.runtime import close_runtime, open_runtime
    from core.jobs import worker_options

    settings = _settings()

    async def run() -> None:
        runtime = await open_runtime(settings, apply_pending=False)
        try:
            options: dict[str, Any] = worker_options(runtime.job_resources)
            options["install_signal_handlers"] = True
            await runtime.jobs.run_worker_async(**options)
        finally:
            await close_runtime(runtime)

    _run(run)


@main.command()
def migrate() -> None:
    """Apply pending migrations."""
    from api.runtime import resolve_database_url

    settings = _settings()
    url = resolve_database_url(settings)
    _run(lambda: _prepare(url, migrate=True, seed=False, settings=settings))


@main.command("seed-demo")
def seed_demo_command() -> None:
    """Load (or refresh) the demo data: Fujian's regions and departments, demo accounts."""
    from api.runtime import resolve_database_url

    settings = _settings()
    url = resolve_database_url(settings)

    async def run() -> None:
        from api.demo import seed_demo

        click.echo(await _on_database(url, lambda: seed_demo(settings)))

    _run(run)


@main.group()
def audit() -> None:
    """The tamper-evident audit trail."""


@audit.command("verify")
def audit_verify() -> None:
    """Recompute the hash chain and check the signed anchors; print `ok` or what broke."""
    from api.runtime import close_runtime, open_runtime
    from core.audit.anchor import verify_anchors
    from core.audit.service import verify_chain

    settings = _settings()

    async def run() -> int:
        runtime = await open_runtime(settings, apply_pending=False)
        try:
            chain = await verify_chain()
            if not chain.ok:
                click.echo(chain.describe())
                return 1
            anchors = await verify_anchors(runtime.object_store, runtime.key_material.signing)
            click.echo(anchors.describe())
            if anchors.ok and chain.checked and not anchors.checked:
                # Nothing outside the database vouches for the chain yet (a new install), or
                # someone removed every anchor: say so rather than imply full protection.
                click.echo(
                    f"warning: {chain.checked} entries but no signed anchor in the object store",
                    err=True,
                )
            return 0 if anchors.ok else 1
        finally:
            await close_runtime(runtime)

    sys.exit(_run(run))


@main.command("export-schema")
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=Path("api/schema.graphql"),
    show_default=True,
)
def export_schema(output: Path) -> None:
    """Write the GraphQL SDL (the PWA's types are generated from it)."""
    from api.schema import build_schema, export_sdl

    output.write_text(export_sdl(build_schema(_settings())), encoding="utf-8")
    click.echo(f"wrote {output}", err=True)


@main.group()
def staff() -> None:
    """Staff accounts."""


@staff.command("bootstrap-admin")
@click.option("--username", default="admin", show_default=True)
@click.password_option(help="Initial password (asked for when not given).")
def staff_bootstrap_admin(username: str, password: str) -> None:
    """Create the first platform admin and print their one-time passkey enrolment code."""
    from api.runtime import resolve_database_url
    from identity.errors import IdentityFailure
    from identity.runtime import standalone_identity_runtime
    from identity.staff import ensure_platform_admin

    settings = _settings()
    url = resolve_database_url(settings)

    async def work() -> str | None:
        async with standalone_identity_runtime(settings) as runtime:
            return await ensure_platform_admin(runtime, username, password)

    try:
        code = _run(lambda: _on_database(url, work))
    except IdentityFailure as exc:
        raise click.ClickException(exc.message) from None
    if code is None:
        click.echo("a platform admin with a passkey already exists; nothing to do")
    else:
        click.echo(f"enrolment code for {username} (valid 72 h, shown once): {code}")


@main.group()
def license() -> None:
    """E-licenses."""


@license.command("verify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--keys",
    "keys_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The seals' key set, saved from GET /licenses/keys.",
)
@click.option(
    "--status-list",
    "status_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A status list saved from GET /licenses/status/<purpose>/<n> (repeatable).",
)
@click.option(
    "--platform-keys",
    "platform_keys_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The platform key set, saved from GET /.well-known/jwks.json: checks signed "
    "status lists (saved with ?format=jwt).",
)
@click.option("--at", "at_text", default=None, help="Judge at this ISO 8601 moment (default now).")
def license_verify(
    file: Path,
    keys_file: Path,
    status_files: tuple[Path, ...],
    platform_keys_file: Path | None,
    at_text: str | None,
) -> None:
    """Verify a license offline (no database, no network): FILE is its PDF or its signed
    payload. Exit status 0 when valid, 1 otherwise."""
    import json
    from datetime import datetime

    from core import clock
    from licenses.files import read_status_lists, read_token
    from licenses.offline import Outcome, judge, keys_from_jwks

    try:
        token = read_token(file)
        keys = keys_from_jwks(json.loads(keys_file.read_text(encoding="utf-8")))
        platform = (
            keys_from_jwks(json.loads(platform_keys_file.read_text(encoding="utf-8")))
            if platform_keys_file
            else None
        )
        lists = read_status_lists(status_files, platform) if status_files else None
        at = datetime.fromisoformat(at_text) if at_text else clock.now()
    except (ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    if at.tzinfo is None:
        raise click.ClickException("--at needs a time zone, e.g. 2027-01-01T00:00:00+08:00")
    verdict = judge(token, keys, at=at, status=None if lists is None else lists.source)
    claims = verdict.claims
    click.echo(f"{verdict.outcome.value.upper()}: {verdict.reason}")
    if claims:
        subject = claims.get("credentialSubject", {})
        click.echo(f"identifier: {claims.get('identifier')}")
        click.echo(f"license: {claims.get('licenseType', {}).get('name')}")
        click.echo(f"issuer: {claims.get('issuer', {}).get('name')} (seal {verdict.kid})")
        click.echo(f"holder: {subject.get('name')} {subject.get('label')}")
        click.echo(f"valid: {claims.get('validFrom')} – {claims.get('validUntil', 'long-term')}")
    if not verdict.status_checked:
        click.echo("status: not checked (give --status-list files to check revocation)")
    elif lists is not None and lists.all_signed:
        click.echo("status: checked against signed status lists")
    else:
        click.echo(
            "status: checked against unsigned status lists (trust them only if you "
            "downloaded them yourself; ?format=jwt gives signed ones)"
        )
    sys.exit(0 if verdict.outcome is Outcome.VALID else 1)
