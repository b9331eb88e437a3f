"""E-license issuance benchmark: licenses per second, signed, rendered and stored, in-process.

::

    uv run python -m bench.licenses_issuance [-n 200 --no-s3]

1. recreates a database of its own on the harness's embedded PostgreSQL (``bench/.work/pg``),
   runs ``onetap migrate`` and ``onetap seed-demo`` (reference data), and with the
   foundation's production settings and freshly generated keys seeds the demo license types,
   the department seals and one resident (``bench.licenses_verify``'s seeding);
2. issues a few licenses to warm up (fonts, QR encoder, connection pool), then ``-n``
   licenses one after another with ``licenses.issuance.issue`` to the filesystem licenses
   bucket (a folder emptied for the run), timing inside each issue what goes to PDF
   rendering, the Ed25519 signature, decrypting the seal's private key, the SQL statements
   and the object store, so the rest (commits, claims, holder decryption, Python) is what
   is left over;
3. measures, in the same run, the baselines the issuance is made of: ``-n`` bare
   ``licenses.jws.sign`` of the same canonical payload, ``-n`` renders of the same document
   without storing it (``licenses.rendering.render_license_pdf``), and ``-n`` writes of the
   same PDF to the store;
4. unless ``--no-s3``, does the same issuance and store writes against the S3-protocol server
   the test suite uses (moto, ``tests.s3_server``; in-memory, in a thread of this process,
   so its CPU is on this machine's two cores like the database's), with the seal images
   copied into that bucket first;
5. prints per-second figures, the share of each part and the ratios to the baselines, and
   writes the text to ``bench/results/licenses_issuance.txt``.

Issuance is sequential on purpose: it is a job working through completed cases one at a
time, so licenses per second of one worker is the figure that sizes it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import platform
import secrets
import shutil
import signal
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.http_graphql_vs_bare import (
    RESULTS,
    WORK,
    BenchError,
    _terminate,
    free_port,
    prepare_database,
)
from bench.licenses_verify import (
    bench_env,
    demo_types,
    fresh_database,
    issue_one,
    license_runtime,
    seed_holder,
)

RESULT_FILE = RESULTS.parent / "licenses_issuance.txt"
DATABASE = "onetap_bench_licenses_issuance"
DATA_DIR = WORK / "licenses-issuance-data"
WARM_UP = 5
PDF = "application/pdf"

#: The parts of one issuance timed in place, in the order printed.
PARTS = {
    "render": "PDF rendering (render_license_pdf)",
    "sign": "Ed25519 JWS signature (jws.sign)",
    "unseal": "seal private key decryption",
    "sql": "SQL statements",
    "put": "object store write (PDF)",
    "get": "object store read (seal image)",
}


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- timing the parts of an issuance in place ------------------------------------------------


@dataclass
class Stopwatch:
    """Seconds and calls per part, and the last arguments worth replaying as baselines."""

    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PARTS, 0.0))
    calls: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTS, 0))
    document: Any = None
    signing: tuple[bytes, str, Any] | None = None
    pdf: bytes = b""

    def add(self, part: str, started: float) -> None:
        self.seconds[part] += time.perf_counter() - started
        self.calls[part] += 1


def _sync(watch: Stopwatch, part: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            watch.add(part, started)

    return timed


def _async(watch: Stopwatch, part: str, function: Callable[..., Any]) -> Callable[..., Any]:
    async def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await function(*args, **kwargs)
        finally:
            watch.add(part, started)

    return timed


@contextlib.contextmanager
def timing_parts(watch: Stopwatch, store: Any) -> Iterator[None]:
    """Wrap what ``issue`` calls so each part's time lands in ``watch``; undone on exit.

    The parts do not nest inside each other (the seal's ``sign`` wraps the signature and an
    audit insert, which are timed separately as signature and SQL), so their sum is at most
    the issuance time and the remainder is everything untimed.
    """
    from core.db import DB
    from licenses import issuance, jws, seals

    render, sign, unseal = issuance.render_license_pdf, jws.sign, seals.private_key

    def capture_render(document: Any) -> bytes:
        watch.document = document
        pdf: bytes = render(document)
        watch.pdf = pdf
        return pdf

    def capture_sign(payload: bytes, *, kid: str, key: Any) -> str:
        watch.signing = (payload, kid, key)
        return sign(payload, kid=kid, key=key)

    patches: list[tuple[Any, str, Any]] = [
        (issuance, "render_license_pdf", _sync(watch, "render", capture_render)),
        (jws, "sign", _sync(watch, "sign", capture_sign)),
        (seals, "private_key", _sync(watch, "unseal", unseal)),
        # Every Piccolo statement, in a transaction or not (as bench.casework_queries does).
        (DB, "run_querystring", _async(watch, "sql", DB.run_querystring)),
        (store, "put", _async(watch, "put", store.put)),
        (store, "get", _async(watch, "get", store.get)),
    ]
    saved = [(target, name, target.__dict__.get(name)) for target, name, _ in patches]
    for target, name, wrapper in patches:
        setattr(target, name, wrapper)
    try:
        yield
    finally:
        for target, name, original in saved:
            if original is None:
                delattr(target, name)  # an instance attribute shadowing the class's method
            else:
                setattr(target, name, original)


# --- the measurements -----------------------------------------------------------------------


@dataclass(frozen=True)
class Issuance:
    store: str
    count: int
    seconds: float
    watch: Stopwatch
    pdf_bytes: int

    @property
    def per_second(self) -> float:
        return self.count / self.seconds


async def issue_many(runtime: Any, holder: Any, types: Sequence[Any], count: int) -> Issuance:
    watch = Stopwatch()
    with timing_parts(watch, runtime.store):
        started = time.perf_counter()
        for serial in range(count):
            await issue_one(runtime, holder, types, serial)
        seconds = time.perf_counter() - started
    return Issuance(runtime.settings.objects.backend, count, seconds, watch, len(watch.pdf))


def _rate(count: int, work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    for _ in range(count):
        work()
    return count / (time.perf_counter() - started)


async def _put_rate(store: Any, pdf: bytes, count: int) -> float:
    """Writes of the PDF under fresh keys (the store is write-once), one after another."""
    run = uuid.uuid4().hex[:8]
    started = time.perf_counter()
    for serial in range(count):
        await store.put(f"bench/{run}/{serial}.pdf", pdf, PDF)
    return count / (time.perf_counter() - started)


async def copy_seal_images(source: Any, target: Any) -> int:
    """The seals' images (read while rendering) into another bucket, under the same keys."""
    from licenses.tables import Seal

    rows = await Seal.select(Seal.image_key)
    for row in rows:
        await target.put(row["image_key"], await source.get(row["image_key"]), "image/png")
    return len(rows)


def s3_env(env: dict[str, str], endpoint: Any) -> dict[str, str]:
    """The same production settings on the S3 backend.

    moto accepts any credentials; production settings refuse the well-known test ones
    (``testing``), so the run uses random ones.
    """
    return {
        **env,
        "ONETAP_OBJECTS_BACKEND": "s3",
        "ONETAP_OBJECTS_S3_ENDPOINT": endpoint.endpoint,
        "ONETAP_OBJECTS_S3_ACCESS_KEY": f"bench{secrets.token_hex(8)}",
        "ONETAP_OBJECTS_S3_SECRET_KEY": secrets.token_urlsafe(24),
        "ONETAP_OBJECTS_S3_REGION": endpoint.region,
    }


async def measure(env: dict[str, str], args: argparse.Namespace) -> dict[str, Any]:
    from core import db
    from licenses import jws
    from licenses.rendering import render_license_pdf
    from licenses.rendering.qr import _symbol

    qr_symbol_cache_clear = _symbol.cache_clear

    runtime = license_runtime(env)
    results: dict[str, Any] = {}
    try:
        holder = await seed_holder(runtime, env)
        types = await demo_types()
        _say(f"warm-up: {WARM_UP} licenses")
        warm = await issue_many(runtime, holder, types, WARM_UP)
        document, signing, pdf = warm.watch.document, warm.watch.signing, warm.watch.pdf
        if document is None or signing is None or not pdf:
            raise BenchError("issuance did not render or sign: nothing to compare with")

        _say(f"baseline: {args.count} renders without storing")

        def cold_render() -> bytes:
            # Each issued license has QR codes never drawn before; the renderer caches
            # symbols (a wallet shows the same ones again), so the baseline starts cold too.
            qr_symbol_cache_clear()
            return render_license_pdf(document)

        results["render"] = _rate(args.count, cold_render)
        payload, kid, key = signing
        _say(f"baseline: {args.count} bare signatures")
        results["sign"] = _rate(args.count, lambda: jws.sign(payload, kid=kid, key=key))
        _say(f"issuing {args.count} licenses to the filesystem store")
        results["filesystem"] = await issue_many(runtime, holder, types, args.count)
        _say(f"baseline: {args.count} PDF writes to the filesystem store")
        results["filesystem_put"] = await _put_rate(runtime.store, pdf, args.count)

        if not args.no_s3:
            with _s3_server() as endpoint:
                s3 = license_runtime(s3_env(env, endpoint))
                await s3.store.ensure_bucket()
                copied = await copy_seal_images(runtime.store, s3.store)
                _say(f"S3 (moto) on {endpoint.endpoint}: {copied} seal images copied")
                await issue_many(s3, holder, types, WARM_UP)
                _say(f"issuing {args.count} licenses to the S3 store")
                results["s3"] = await issue_many(s3, holder, types, args.count)
                _say(f"baseline: {args.count} PDF writes to the S3 store")
                results["s3_put"] = await _put_rate(s3.store, pdf, args.count)
                results["s3_protection"] = s3.store.protection
    finally:
        await db.close()
    results["pdf_bytes"] = len(pdf)
    results["jws_chars"] = len(warm.watch.document.signed_payload)
    return results


@contextlib.contextmanager
def _s3_server() -> Iterator[Any]:
    try:
        from tests.s3_server import running_s3_server
    except ImportError as exc:  # moto is a dev dependency
        raise BenchError(f"no S3 test server ({exc}); run with --no-s3") from exc
    # moto's werkzeug would log every request to stderr.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with running_s3_server() as endpoint:
        yield endpoint


# --- output ---------------------------------------------------------------------------------


def _ms(seconds: float, count: int) -> float:
    return 1000 * seconds / count


def render_issuance(run: Issuance, baselines: dict[str, float], put_rate: float) -> list[str]:
    watch, count = run.watch, run.count
    label = "filesystem" if run.store == "filesystem" else "S3 (moto)"
    title = f"issue, {label} store"
    lines = [f"{title:<46}{run.per_second:>10.1f}{_ms(run.seconds, count):>11.2f}{'100.0%':>9}"]
    timed = 0.0
    for part, name in PARTS.items():
        seconds = watch.seconds[part]
        timed += seconds
        calls = watch.calls[part] / count
        lines.append(
            f"  {name:<38}{'':>10}{_ms(seconds, count):>11.2f}"
            f"{100 * seconds / run.seconds:>8.1f}%  ({calls:g} per license)"
        )
    rest = run.seconds - timed
    lines.append(
        f"  {'rest: commits, claims, holder, Python':<38}{'':>10}{_ms(rest, count):>11.2f}"
        f"{100 * rest / run.seconds:>8.1f}%"
    )
    # Baseline rate ÷ issuance rate: how many of the bare operation one license costs.
    lines.append(
        f"  one license costs as much time as {baselines['render'] / run.per_second:.2f} "
        f"bare renders, {baselines['sign'] / run.per_second:,.0f} bare signatures, "
        f"{put_rate / run.per_second:.0f} bare store writes"
    )
    return lines


def render_results(results: dict[str, Any], setup: str) -> str:
    baselines = {"render": results["render"], "sign": results["sign"]}
    head = f"{'':<46}{'per s':>10}{'ms each':>11}{'share':>9}"
    lines = [setup, "", head]
    lines += render_issuance(results["filesystem"], baselines, results["filesystem_put"])
    if "s3" in results:
        lines += render_issuance(results["s3"], baselines, results["s3_put"])
    lines += ["", f"{'baselines (same run, same n, nothing else)':<46}{'per s':>10}{'ms each':>11}"]
    rows = [
        ("render_license_pdf, not stored", results["render"]),
        ("jws.sign of the canonical payload", results["sign"]),
        ("store write of the PDF, filesystem", results["filesystem_put"]),
    ]
    if "s3_put" in results:
        rows.append(("store write of the PDF, S3 (moto)", results["s3_put"]))
    for name, rate in rows:
        lines.append(f"  {name:<44}{rate:>10.1f}{1000 / rate:>11.3f}")
    return "\n".join(lines)


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.licenses_issuance", description=__doc__.split("\n", 1)[0]
    )
    parser.add_argument("-n", "--count", type=int, default=200, help="licenses per store")
    parser.add_argument("--no-s3", action="store_true", help="skip the S3 (moto) store")
    parser.add_argument("--output", type=Path, default=RESULT_FILE)
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    return args


def run(args: argparse.Namespace) -> str:
    load_before = os.getloadavg()[0]
    _say(f"embedded PostgreSQL in {WORK / 'pg'}, database {DATABASE} (recreated)")
    url = fresh_database(DATABASE)
    env = bench_env(url, free_port(), 1, DATA_DIR)
    prepare_database(env)
    started = time.perf_counter()
    try:
        results = asyncio.run(measure(env, args))
    finally:
        # Hundreds of PDFs nobody will read again (the database that names them is dropped
        # at the next run anyway).
        shutil.rmtree(DATA_DIR, ignore_errors=True)
    setup = (
        f"E-license issuance, {args.count} licenses one after another per store, in-process "
        f"(licenses.issuance.issue: serial, status index, Ed25519 seal signature + audit, PDF "
        f"{results['pdf_bytes']:,} bytes with a {results['jws_chars']}-character JWS in its "
        f"QR code, store write, license row, event, audit)\n"
        f"production settings, embedded PostgreSQL; {os.cpu_count()} CPUs "
        f"({platform.python_implementation()} {platform.python_version()}); 1-min load "
        f"average before start: {load_before:.2f}; took {time.perf_counter() - started:.0f}s"
    )
    if "s3_protection" in results:
        setup += f"; S3 bucket protection: {results['s3_protection']}"
    text = render_results(results, setup)
    print(text, flush=True)
    return text


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        text = run(args)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text + "\n", "utf-8")
    _say(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
