"""E-license verify benchmark: the public verify page and the status list, against the bare
endpoint, one server, one run::

    uv run python -m bench.licenses_verify [-c 32 -d 10 --rounds 3 --licenses 24]

1. starts the foundation harness's embedded PostgreSQL (``bench/.work/pg``) with a database
   of its own, dropped and created afresh (the seals' private keys and the holder's
   identifiers are sealed with keys generated for each run, so yesterday's rows could not be
   read), runs ``onetap migrate`` and ``onetap seed-demo`` (reference data: production
   settings load no demo accounts);
2. seeds, in-process with the server's keys and licenses bucket (a folder of its own under
   ``bench/.work``, emptied first): the demo license types and department seals
   (``licenses.demo.seed_license_demo`` without holdings), one resident
   (``bench.identity_logins``' seeding) and ``--licenses`` licenses issued to them with
   ``licenses.issuance.issue``, alternating the demo resident's two types; ``--revoked`` of
   them are then marked revoked so the status list has bits to publish;
3. starts ``uvicorn bench.bare_app:app`` with the foundation harness's production settings
   and checks the answers: every valid license's verify page says ``valid``, the bare
   endpoint agrees with GraphQL (``check_same_rows``), and the revocation list has exactly
   the revoked licenses' bits set;
4. drives, at the same fixed concurrency, ``GET /v/<short_code>`` (rotating through the
   valid licenses; a response without ``data-status="valid"`` fails the run),
   ``GET /licenses/status/revocation/0`` and the bare ``GET /bench/regions``, rotating the
   order each round;
5. prints the median over rounds of req/s, p50 and p99 with ratios to the bare endpoint and
   writes the printed text to ``bench/results/licenses_verify.txt``.

Each verify request reads the license row (joined with its type, department and holder),
the published seal keys, checks the Ed25519 signature and the claims against the stored
row, reads the PDF from the licenses bucket and re-hashes it, then renders the page. The
status list reads the revoked rows of its block and GZIPs a 16 KiB bitstring.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from bench.casework_queries import Run, render, summarize
from bench.http_graphql_vs_bare import (
    HOST,
    RESULTS,
    WORK,
    BenchError,
    Load,
    WrkResult,
    _terminate,
    check_same_rows,
    free_port,
    parse_wrk,
    prepare_database,
    production_env,
    start_server,
    stop_server,
    wait_ready,
)
from bench.identity_logins import _seed_people
from bench.regions_query import BARE_PATH, graphql_body

RESULT_FILE = RESULTS.parent / "licenses_verify.txt"
DATABASE = "onetap_bench_licenses"
DATA_DIR = WORK / "licenses-data"
LUA_FILE = WORK / "licenses_verify.lua"
PATHS_FILE = WORK / "licenses_verify.paths"
STATUS_PATH = "/licenses/status/revocation/0"
VALID = 'data-status="valid"'
BARE, VERIFY, STATUS = "bare", "verify", "status_list"
LABELS = {
    BARE: f"bare GET {BARE_PATH}",
    VERIFY: "GET /v/<short_code>",
    STATUS: f"GET {STATUS_PATH}",
}

#: The demo resident's two license types, with fields like the demo's.
FIELDS = {
    "resident-id-card": [("reason", "expiry")],
    "residence-permit": [
        ("address", "福州市鼓楼区五四路 158 号"),
        ("moved_in_on", "2024-03-01"),
        ("purpose", "work"),
    ],
}

#: wrk script: rotate through the verify paths (one per line) and count answers that are not
#: a 200 page with the expected verdict.
LUA = r"""
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS_FILE")) do paths[#paths + 1] = line end
local expect = os.getenv("BENCH_EXPECT")
local threads = {}
function setup(thread)
  thread:set("offset", #threads * 7)
  table.insert(threads, thread)
end
local counter = 0
failures = 0
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(offset + counter) % #paths + 1])
end
function response(status, headers, body)
  if status ~= 200 or not body:find(expect, 1, true) then failures = failures + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("failures") end
  io.write(string.format("bench-failures: %d\n", total))
end
"""


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- database and seeding (also used by bench.licenses_issuance) ----------------------------


def fresh_database(name: str) -> str:
    """Start the embedded server and (re)create ``name`` empty; returns its URL."""
    import asyncpg

    from core.db import database_url_for
    from core.db.embedded import start_embedded_postgres

    WORK.mkdir(parents=True, exist_ok=True)
    url = start_embedded_postgres(WORK, name)  # creates it if missing, starts the server
    admin = database_url_for(url, "postgres")

    async def recreate() -> None:
        connection = await asyncpg.connect(admin)
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()

    asyncio.run(recreate())
    return url


def bench_env(url: str, port: int, workers: int, data_dir: Path) -> dict[str, str]:
    """The foundation's production settings, with a licenses bucket emptied for this run."""
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    env = production_env(url, port, workers)
    env["ONETAP_DATA_DIR"] = str(data_dir)
    return env


def license_runtime(env: dict[str, str]) -> Any:
    """What the server builds at start: settings, keys and the licenses bucket."""
    from core.crypto.keys import load_key_material
    from core.settings import load_settings
    from licenses.runtime import LicenseRuntime, build_license_store

    settings = load_settings(env)
    return LicenseRuntime(settings, load_key_material(settings), build_license_store(settings))


async def seed_holder(runtime: Any, env: dict[str, str]) -> Any:
    """Demo license types and seals, and one resident; returns their ``HolderRef``.

    Call with the database not connected and close it afterwards: the resident is written
    first by ``bench.identity_logins`` (which connects on its own), with the server's keys.
    """
    from core import db
    from identity.tables import Person
    from licenses.demo import seed_license_demo
    from licenses.issuance import HolderRef

    await _seed_people(env, 1)
    await db.connect(env["ONETAP_DATABASE_URL"], pool_min=1, pool_max=4)
    await runtime.store.ensure_bucket()
    await seed_license_demo(runtime, with_holdings=False)
    person = await Person.select(Person.id).first()
    if person is None:
        raise BenchError("the bench resident was not written")
    return HolderRef("person", person["id"])


async def demo_types() -> list[Any]:
    """The demo resident's two license types (seeded by ``seed_holder``), in a fixed order."""
    from licenses.types import types_by_codes

    found = sorted(await types_by_codes(sorted(FIELDS)), key=lambda t: t.code)
    if [t.code for t in found] != sorted(FIELDS):
        raise BenchError(f"license types {sorted(FIELDS)} were not seeded")
    return found


async def issue_one(runtime: Any, holder: Any, types: Sequence[Any], serial: int) -> Any:
    """One license of ``types[serial % len(types)]``, issued now: ``issue`` and nothing else."""
    from core import clock
    from licenses.issuance import issue

    license_type = types[serial % len(types)]
    return await issue(
        runtime,
        license_type=license_type,
        holder=holder,
        fields=FIELDS[license_type.code],
        at=clock.now(),
        actor="system:bench",
    )


async def seed_licenses(
    env: dict[str, str], count: int, revoked: int
) -> tuple[list[str], list[int]]:
    """``count`` licenses; the last ``revoked`` marked revoked. Returns (valid short codes,
    revoked status indexes)."""
    from core import db
    from licenses.tables import License

    runtime = license_runtime(env)
    try:
        holder = await seed_holder(runtime, env)
        types = await demo_types()
        ids = [(await issue_one(runtime, holder, types, n)).license_id for n in range(count)]
        gone = ids[len(ids) - revoked :] if revoked else []
        if gone:
            # Bench data only: sets the bits the list publishes. The lifecycle path
            # (licenses.lifecycle: staff, reason, event, audit) is not what is measured.
            await License.update({License.status: "revoked", License.status_reason: "bench"}).where(
                License.id.is_in(gone)
            )
        rows = await License.select(License.short_code, License.status, License.status_index)
        valid = [r["short_code"] for r in rows if r["status"] == "valid"]
        indexes = sorted(int(r["status_index"]) for r in rows if r["status"] == "revoked")
        return valid, indexes
    finally:
        await db.close()


# --- checks and measurement -----------------------------------------------------------------


def check_answers(base_url: str, codes: Sequence[str], revoked: Sequence[int]) -> int:
    """Every verify page says valid; the revocation list has exactly the revoked bits.

    Returns the size of one verify page in bytes.
    """
    from licenses import status_list

    size = 0
    with httpx.Client(base_url=base_url, timeout=30) as client:
        for code in codes:
            page = client.get(f"/v/{code}")
            if page.status_code != 200 or VALID not in page.text:
                raise BenchError(f"/v/{code}: {page.status_code}, not a valid verdict")
            size = len(page.content)
        document = client.get(STATUS_PATH)
        document.raise_for_status()
        bits = status_list.decode(document.json()["credentialSubject"]["encodedList"])
    positions = [status_list.position(i) for i in revoked]
    set_bits = [i for i in range(status_list.LIST_BITS) if status_list.is_set(bits, i)]
    if set_bits != sorted(positions):
        raise BenchError(f"revocation list bits {set_bits}, expected {sorted(positions)}")
    return size


_FAILURES = "bench-failures: "


def run_one(
    base_url: str, load: Load, seconds: int, endpoint: str, env: dict[str, str]
) -> WrkResult:
    if endpoint == BARE:
        return parse_wrk(load.run(f"{base_url}{BARE_PATH}", seconds, lua=None, env=env))
    if endpoint == STATUS:
        return parse_wrk(load.run(f"{base_url}{STATUS_PATH}", seconds, lua=None, env=env))
    wrk_env = {**env, "BENCH_PATHS_FILE": str(PATHS_FILE), "BENCH_EXPECT": VALID}
    output = load.run(base_url, seconds, lua=LUA_FILE, env=wrk_env)
    line = next((x for x in output.splitlines() if x.startswith(_FAILURES)), None)
    if line is None:
        raise BenchError(f"no failure count in wrk output:\n{output}")
    if int(line.removeprefix(_FAILURES)):
        raise BenchError(f"verify page: {line.removeprefix(_FAILURES)} answers not 'valid'")
    return parse_wrk(output)


def measure(base_url: str, load: Load, args: argparse.Namespace, env: dict[str, str]) -> list[Run]:
    endpoints = [BARE, VERIFY, STATUS]
    for endpoint in endpoints if args.warmup > 0 else []:
        _say(f"warm-up {endpoint}: {args.warmup}s")
        run_one(base_url, load, args.warmup, endpoint, env)
    runs = []
    for number in range(1, args.rounds + 1):
        shift = (number - 1) % len(endpoints)
        for endpoint in endpoints[shift:] + endpoints[:shift]:
            _say(f"round {number}/{args.rounds} {endpoint}: {args.duration}s")
            result = run_one(base_url, load, args.duration, endpoint, env)
            if result.non_2xx:
                raise BenchError(f"{endpoint}: {result.non_2xx} non-2xx responses under load")
            runs.append(Run(number, endpoint, result))
    return runs


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.licenses_verify", description=__doc__.split("\n", 1)[0]
    )
    parser.add_argument("-t", "--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("-c", "--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("-d", "--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up seconds per endpoint")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, order rotating")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("ONETAP_WORKERS", "2")))
    parser.add_argument("--timeout", type=int, default=5, help="wrk request timeout (s)")
    parser.add_argument("--licenses", type=int, default=24, help="licenses issued")
    parser.add_argument("--revoked", type=int, default=3, help="of which revoked")
    parser.add_argument("--output", type=Path, default=RESULT_FILE)
    args = parser.parse_args(argv)
    if not 0 <= args.revoked < args.licenses:
        parser.error("--revoked must leave at least one valid license")
    return args


def run(args: argparse.Namespace) -> str:
    if shutil.which("wrk") is None:
        raise BenchError("wrk not found: run `bash infra/scripts/ensure-tools.sh wrk`")
    load_before = os.getloadavg()[0]
    _say(f"embedded PostgreSQL in {WORK / 'pg'}, database {DATABASE} (recreated)")
    url = fresh_database(DATABASE)
    port = free_port()
    env = bench_env(url, port, args.workers, DATA_DIR)
    prepare_database(env)
    started = time.perf_counter()
    codes, revoked = asyncio.run(seed_licenses(env, args.licenses, args.revoked))
    _say(
        f"issued {args.licenses} licenses in {time.perf_counter() - started:.1f}s "
        f"({len(codes)} valid, {len(revoked)} revoked)"
    )
    LUA_FILE.write_text(LUA)
    PATHS_FILE.write_text("".join(f"/v/{code}\n" for code in codes))

    base_url = f"http://{HOST}:{port}"
    log = WORK / "licenses-server.log"
    _say(f"uvicorn bench.bare_app:app --workers {args.workers} on {base_url} (log: {log})")
    server = start_server(env, port, args.workers, log)
    try:
        wait_ready(base_url, server, log, timeout_s=90)
        page_bytes = check_answers(base_url, codes, revoked)
        check = check_same_rows(base_url, graphql_body(), attempts=2 * args.workers)
        _say(
            f"{len(codes)} verify pages say valid ({page_bytes} bytes); revocation list has "
            f"{len(revoked)} bits set; bare endpoint agrees with GraphQL ({check.rows} rows)"
        )
        load = Load(args.threads, args.connections, args.timeout)
        runs = measure(base_url, load, args, env)
        if server.poll() is not None:
            raise BenchError("server died during the run")
    finally:
        _say("stopping the server")
        stop_server(server)

    summary = summarize(runs, [BARE, VERIFY, STATUS])
    setup = (
        f"E-license verify page ({len(codes)} valid licenses, rotating) and revocation status "
        f"list ({args.licenses} licenses, {len(revoked)} revoked) vs the bare Litestar endpoint;"
        f" one server (uvicorn, {args.workers} workers, ONETAP_ENV=production, filesystem "
        f"licenses bucket)\n"
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency, {args.rounds} "
        f"round(s), warm-up {args.warmup}s each; {os.cpu_count()} CPUs shared by wrk, server "
        f"and PostgreSQL; 1-min load average before start: {load_before:.2f}"
    )
    text = render(summary, runs, LABELS, setup)
    verify = summary[VERIFY]
    extra_ms = 1000 * (1 / verify["requests_per_sec"] - 1 / summary[BARE]["requests_per_sec"])
    text += (
        f"\n\nserver time a verify request costs beyond a bare one (CPUs saturated, so "
        f"1/throughput): {extra_ms:.2f} ms"
    )
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
    finally:
        PATHS_FILE.unlink(missing_ok=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text + "\n", "utf-8")
    _say(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
