"""Casework query benchmark: the hot reads at scale, against the bare endpoint, one server.

Runs on the dataset ``bench.casework_dataset`` loaded (its own embedded PostgreSQL in
``.data/bench``, its keys)::

    uv run python -m bench.casework_dataset            # once: 1 M persons, 3 M cases
    uv run python -m bench.casework_queries [-c 16 -d 10 --rounds 3 --workers 2]

1. attaches to the dataset's database, runs ``onetap migrate`` (anything added since the
   load) and starts ``uvicorn bench.bare_app:app``
   with the foundation harness's production settings (``bench.http_graphql_vs_bare``), the
   dataset's keys, and ``ONETAP_CASEWORK_LOOKUPS_PER_HOUR`` raised (see ``--lookups``) so
   the per-agent limit does not cut the benchmark short;
2. picks the actors and targets from the data: ``--applicants`` frequent applicants (the
   residents with the most cases; ~150 each at full scale), ``--connections`` call-centre
   agents (staff with role ``call_centre_agent``, one session each, as a call centre would
   have), and ``--targets`` case numbers and applicants' phone numbers of cases submitted in
   the last 90 days (phones decrypted with the dataset's keys, never printed);
3. signs them in by minting sessions with ``identity.sessions.start_session`` (no password
   hashing in the loop), fresh before every run since access tokens last ten minutes;
4. checks every workload once (no GraphQL errors, the expected answer), and that the bare
   endpoint and the GraphQL regions query agree (the foundation's ``check_same_rows``);
5. drives each workload with ``wrk`` at the same fixed concurrency, rotating through the
   prepared requests (each carries its own token and variables); responses without the
   expected answer (GraphQL errors, failure union members such as a rate limit) are counted
   and fail the run. The bare ``GET /bench/regions`` is measured in the same rounds, orders
   rotating each round;
6. prints the median over rounds of req/s, p50 and p99 per workload and their ratios to
   the bare endpoint, and writes ``bench/results/casework_queries.json``;
7. finally runs each workload once more *in-process* with SQL capture and writes
   ``EXPLAIN (ANALYZE, BUFFERS)`` of every SELECT it issued to
   ``bench/results/casework_query_plans.txt``, printing statements per request, the slowest
   statement and any sequential scan of a large table.

Workloads (GraphQL bodies below):

- ``myCases``: the applicant's first page (20) of "my cases", newest first;
- ``callCentreLookup`` by ``CASE_NUMBER`` (the grouped form, as read over the phone) and by
  ``PHONE``: a mutation (every lookup is logged and audited), purpose ``CALLER_ENQUIRY``;
- ``serviceItems(query: "社保")``: anonymous catalogue search, first 20.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import time
import unicodedata
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bench.casework_dataset import (
    DATABASE,
    MANIFEST,
    bench_env,
    frequent_serials,
    person_uuid,
    start_database,
)
from bench.http_graphql_vs_bare import (
    HOST,
    RESULTS,
    WORK,
    BenchError,
    Load,
    WrkResult,
    _terminate,
    _venv_script,
    check_same_rows,
    free_port,
    parse_wrk,
    start_server,
    stop_server,
    wait_ready,
)
from bench.regions_query import BARE_PATH, graphql_body

RESULT_FILE = RESULTS.parent / "casework_queries.json"
PLANS_FILE = RESULTS.parent / "casework_query_plans.txt"
LUA_FILE = WORK / "casework_queries.lua"
BARE = "bare"

MY_CASES = """query MyCases($first: Int) {
  myCases(first: $first) {
    edges { node { id number status createdAt submittedAt dueOn overdue
                   item { code name nameEn } } }
    pageInfo { hasNextPage endCursor }
  }
}"""
LOOKUP = """mutation Lookup($kind: LookupKind!, $value: String!) {
  callCentreLookup(kind: $kind, value: $value, purpose: CALLER_ENQUIRY,
                   purposeText: "来电查询办件进度") {
    __typename
    ... on LookupResult {
      logId
      cases { caseId number itemName departmentName status submittedAt dueOn
              applicantName applicantPhone applicantIdNumber
              timeline { action toStatus actorRole at } notes { text createdAt } }
    }
  }
}"""
SEARCH = """query Search($query: String, $first: Int) {
  serviceItems(query: $query, first: $first) {
    edges { node { code name nameEn feeFen promisedDays fullyOnline department { name } } }
  }
}"""
SEARCH_TEXT = "社保"
PURPOSE_TEXT = "来电查询办件进度"

#: wrk script: rotate through prepared requests (one per line: authorization TAB body) and
#: count responses that lack the expected text or carry GraphQL errors.
LUA = r"""
local path = os.getenv("BENCH_REQUESTS_FILE")
local expect = os.getenv("BENCH_EXPECT")
local requests = {}
for line in io.lines(path) do
  local auth, body = line:match("^([^\t]*)\t(.*)$")
  local headers = {["Content-Type"] = "application/json", ["Accept"] = "application/json"}
  if auth ~= "" then headers["Authorization"] = auth end
  requests[#requests + 1] = wrk.format("POST", "/graphql", headers, body)
end
local threads = {}
function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end
local counter = 0
failures = 0
sample = ""
function request()
  counter = counter + 1
  return requests[(offset + counter) % #requests + 1]
end
function response(status, headers, body)
  if status ~= 200 or not body:find(expect, 1, true) or body:find('"errors"', 1, true) then
    failures = failures + 1
    if sample == "" then sample = body:sub(1, 300) end
  end
end
function done(summary, latency, requests)
  local total, first = 0, ""
  for _, thread in ipairs(threads) do
    total = total + thread:get("failures")
    if first == "" then first = thread:get("sample") end
  end
  io.write(string.format("bench-failures: %d\n", total))
  if first ~= "" then io.write("bench-failure-sample: " .. first:gsub("\n", " ") .. "\n") end
end
"""


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _body(query: str, variables: dict[str, Any]) -> str:
    return json.dumps(
        {"query": query, "variables": variables}, ensure_ascii=False, separators=(",", ":")
    )


# --- workloads ------------------------------------------------------------------------------


@dataclass
class Workload:
    name: str
    label: str
    expect: str  # text every good response contains
    subjects: str  # "applicants", "agents" or "" (anonymous)
    variables: list[dict[str, Any]]
    query: str
    missing: str | None = None  # why it cannot run (e.g. the field is not in the schema yet)

    def requests(self, tokens: Sequence[str]) -> list[tuple[str, str]]:
        """(authorization, body) pairs; tokens and variables rotate independently."""
        count = max(len(self.variables), len(tokens) or 1)
        out = []
        for index in range(count):
            token = tokens[index % len(tokens)] if tokens else ""
            body = _body(self.query, self.variables[index % len(self.variables)])
            out.append((f"Bearer {token}" if token else "", body))
        return out


@dataclass(frozen=True)
class Targets:
    applicants: list[str]  # person ids
    applicant_cases: list[int]
    agents: list[str]  # staff ids
    numbers: list[str]  # grouped
    phones: list[str]


async def pick_targets(url: str, keys: Any, args: argparse.Namespace) -> Targets:
    """Frequent applicants, agents, and case numbers and phones of recent cases."""
    import asyncpg

    from casework.numbers import display
    from identity.pii import PHONE, unseal

    manifest = json.loads(MANIFEST.read_text())
    candidates = [str(person_uuid(s)) for s in frequent_serials(manifest["persons"])]
    connection = await asyncpg.connect(url)
    try:
        rows = await connection.fetch(
            """SELECT applicant_person::text AS person, count(*) AS n FROM casework_case
               WHERE applicant_person = ANY($1::uuid[]) AND applicant LIKE 'person:%'
               GROUP BY applicant_person ORDER BY n DESC LIMIT $2""",
            candidates,
            args.applicants,
        )
        recent = await connection.fetch(
            """SELECT c.number, p.phone_enc FROM casework_case c
               JOIN person p ON p.id = c.applicant_person
               WHERE c.submitted_at > now() - interval '90 days' AND c.number IS NOT NULL
               ORDER BY random() LIMIT $1""",
            args.targets,
        )
    finally:
        await connection.close()
    if not rows or not recent:
        raise BenchError("no cases in the dataset: run `python -m bench.casework_dataset` first")
    agents = await ensure_agents(args.connections)
    return Targets(
        applicants=[r["person"] for r in rows],
        applicant_cases=[int(r["n"]) for r in rows],
        agents=agents,
        numbers=[display(r["number"]) for r in recent],
        phones=[unseal(keys, r["phone_enc"], PHONE) for r in recent],
    )


async def ensure_agents(count: int) -> list[str]:
    from core import clock
    from identity.tables import StaffMember

    ids = []
    for index in range(count):
        username = f"bench-agent-{index:03d}"
        row = (
            await StaffMember.select(StaffMember.id).where(StaffMember.username == username).first()
        )
        if row is None:
            staff_id = uuid.uuid4()
            await StaffMember.insert(
                StaffMember(
                    id=staff_id,
                    username=username,
                    name=f"话务员{index:03d}",
                    department=None,
                    roles=["call_centre_agent"],
                    password_hash="!bench-no-password",
                    active=True,
                    created_at=clock.now(),
                    created_by="bench",
                )
            )
            ids.append(str(staff_id))
        else:
            ids.append(str(row["id"]))
    return ids


def workloads(targets: Targets) -> list[Workload]:
    return [
        Workload(
            "my_cases",
            "myCases(first: 20)",
            '"edges"',
            "applicants",
            [{"first": 20}],
            MY_CASES,
        ),
        Workload(
            "lookup_number",
            "callCentreLookup CASE_NUMBER",
            '"__typename":"LookupResult"',
            "agents",
            [{"kind": "CASE_NUMBER", "value": n} for n in targets.numbers],
            LOOKUP,
        ),
        Workload(
            "lookup_phone",
            "callCentreLookup PHONE",
            '"__typename":"LookupResult"',
            "agents",
            [{"kind": "PHONE", "value": p} for p in targets.phones],
            LOOKUP,
        ),
        Workload(
            "catalogue_search",
            f'serviceItems(query: "{SEARCH_TEXT}")',
            '"edges"',
            "",
            [{"query": SEARCH_TEXT, "first": 20}],
            SEARCH,
        ),
    ]


class Sessions:
    """Mints access tokens for the bench's subjects (sessions, no password hashing)."""

    def __init__(self, runtime: Any, targets: Targets) -> None:
        self.runtime = runtime
        self.targets = targets

    async def tokens(self, subjects: str) -> list[str]:
        from identity import sessions

        amr: tuple[str, ...]
        if subjects == "applicants":
            wanted, amr = [f"person:{p}" for p in self.targets.applicants], ("pwd",)
        elif subjects == "agents":
            wanted, amr = [f"staff:{s}" for s in self.targets.agents], ("pwd", "hwk")
        else:
            return []
        issued = [
            await sessions.start_session(self.runtime, subject=s, amr=amr, device="bench")
            for s in wanted
        ]
        return [i.access_token for i in issued]


# --- checks and measurement -----------------------------------------------------------------


_MISSING = re.compile(r"Cannot query field|Unknown type|Unknown argument|is not defined")


async def probe(base_url: str, workload: Workload, sessions: Sessions) -> str:
    """One request; returns a one-line description, or marks the workload missing."""
    tokens = await sessions.tokens(workload.subjects)
    authorization, body = workload.requests(tokens)[0]
    headers = {"Content-Type": "application/json"}
    if authorization:
        headers["Authorization"] = authorization
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        response = await client.post("/graphql", content=body.encode(), headers=headers)
    text = response.text
    if response.status_code != 200 or workload.expect not in text or '"errors"' in text:
        if _MISSING.search(text):
            workload.missing = f"not in the schema yet: {text[:300]}"
            return workload.missing
        raise BenchError(f"{workload.name}: unexpected answer {response.status_code}: {text[:500]}")
    payload = response.json()["data"]
    if workload.name == "my_cases":
        page = payload["myCases"]
        more = page["pageInfo"]["hasNextPage"]
        return f"{len(page['edges'])} cases on the first page, more: {more} ({len(text)} bytes)"
    if workload.name.startswith("lookup"):
        cases = payload["callCentreLookup"]["cases"]
        events = sum(len(c["timeline"]) for c in cases)
        return f"{len(cases)} case(s), {events} timeline events ({len(text)} bytes)"
    edges = payload["serviceItems"]["edges"]
    return f"{len(edges)} items: " + ", ".join(e["node"]["name"] for e in edges[:4])


@dataclass(frozen=True)
class Run:
    round: int
    endpoint: str
    result: WrkResult


_FAILURES = re.compile(r"^bench-failures: (\d+)$", re.MULTILINE)
_SAMPLE = re.compile(r"^bench-failure-sample: (.*)$", re.MULTILINE)


async def run_one(
    base_url: str,
    load: Load,
    seconds: int,
    workload: Workload | None,
    sessions: Sessions,
    env: dict[str, str],
) -> WrkResult:
    if workload is None:
        output = await asyncio.to_thread(
            load.run, f"{base_url}{BARE_PATH}", seconds, lua=None, env=env
        )
        return parse_wrk(output)
    tokens = await sessions.tokens(workload.subjects)
    requests_file = WORK / f"casework-{workload.name}.requests"
    requests_file.write_text("".join(f"{a}\t{b}\n" for a, b in workload.requests(tokens)))
    wrk_env = {**env, "BENCH_REQUESTS_FILE": str(requests_file), "BENCH_EXPECT": workload.expect}
    try:
        output = await asyncio.to_thread(
            load.run, f"{base_url}/graphql", seconds, lua=LUA_FILE, env=wrk_env
        )
    finally:
        # Bearer tokens and (synthetic) phone numbers: not left lying around.
        requests_file.unlink(missing_ok=True)
    failures = _FAILURES.search(output)
    if failures is None:
        raise BenchError(f"no failure count in wrk output:\n{output}")
    count = int(failures.group(1))
    if count:
        sample = _SAMPLE.search(output)
        raise BenchError(
            f"{workload.name}: {count} bad responses under load; first: "
            f"{sample.group(1) if sample else '?'}"
        )
    return parse_wrk(output)


async def measure(
    base_url: str,
    load: Load,
    args: argparse.Namespace,
    active: list[Workload],
    sessions: Sessions,
    env: dict[str, str],
) -> list[Run]:
    endpoints: list[Workload | None] = [None, *active]
    if args.warmup > 0:
        for workload in endpoints:
            _say(f"warm-up {workload.name if workload else BARE}: {args.warmup}s")
            await run_one(base_url, load, args.warmup, workload, sessions, env)
    runs = []
    for number in range(1, args.rounds + 1):
        shift = (number - 1) % len(endpoints)
        for workload in endpoints[shift:] + endpoints[:shift]:
            name = workload.name if workload else BARE
            _say(f"round {number}/{args.rounds} {name}: {args.duration}s")
            result = await run_one(base_url, load, args.duration, workload, sessions, env)
            if result.non_2xx:
                raise BenchError(f"{name}: {result.non_2xx} non-2xx responses under load")
            runs.append(Run(number, name, result))
    return runs


def summarize(runs: Sequence[Run], names: Sequence[str]) -> dict[str, dict[str, float]]:
    summary: dict[str, dict[str, float]] = {}
    for name in names:
        results = [r.result for r in runs if r.endpoint == name]
        summary[name] = {
            "requests_per_sec": statistics.median(r.requests_per_sec for r in results),
            "p50_ms": statistics.median(r.p50_ms for r in results),
            "p99_ms": statistics.median(r.p99_ms for r in results),
            "socket_errors": sum(r.socket_errors for r in results),
        }
    bare = summary[BARE]
    for name in names:
        s = summary[name]
        s["throughput_ratio"] = s["requests_per_sec"] / bare["requests_per_sec"]
        s["p50_ratio"] = s["p50_ms"] / bare["p50_ms"]
        s["p99_ratio"] = s["p99_ms"] / bare["p99_ms"]
    return summary


def _pad(text: str, width: int) -> str:
    """Left-justify in terminal columns: CJK characters take two."""
    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in text)
    return text + " " * max(0, width - len(text) - wide)


def render(
    summary: dict[str, dict[str, float]], runs: Sequence[Run], labels: dict[str, str], setup: str
) -> str:
    lines = [setup, ""]
    lines.append(f"{'round':<7}{'workload':<36}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for run in runs:
        r = run.result
        lines.append(
            f"{run.round:<7}{_pad(labels[run.endpoint], 36)}"
            f"{r.requests_per_sec:>10.1f}{r.p50_ms:>10.2f}{r.p99_ms:>10.2f}"
        )
    lines += [
        "",
        f"{'median':<43}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'req/s÷bare':>12}{'p50÷bare':>10}{'p99÷bare':>10}",
    ]
    for name, s in summary.items():
        lines.append(
            f"{_pad(labels[name], 43)}{s['requests_per_sec']:>9.1f}"
            f"{s['p50_ms']:>9.2f}{s['p99_ms']:>9.2f}"
            f"{s['throughput_ratio']:>11.2f}x{s['p50_ratio']:>9.2f}x{s['p99_ratio']:>9.2f}x"
        )
    errors = {n: int(s["socket_errors"]) for n, s in summary.items() if s["socket_errors"]}
    if errors:
        lines.append(f"socket errors (connect/read/write/timeout): {errors}")
    return "\n".join(lines)


# --- query plans: the same requests in-process, every SELECT explained ----------------------

_BIG_TABLES = ("casework_case", "person", "case_event", "lookup_log", "enterprise", "audit")


@dataclass
class Plan:
    sql: str
    execution_ms: float
    text: str
    seq_scans: list[str] = field(default_factory=list)


@contextlib.asynccontextmanager
async def capturing_sql() -> AsyncIterator[list[tuple[str, list[Any]]]]:
    """Every statement Piccolo runs meanwhile, as (SQL with $n placeholders, arguments)."""
    from core.db import DB

    captured: list[tuple[str, list[Any]]] = []
    original = DB.run_querystring

    async def run_querystring(querystring: Any, in_pool: bool = True) -> Any:
        captured.append(querystring.compile_string(engine_type=DB.engine_type))
        return await original(querystring, in_pool)

    DB.run_querystring = run_querystring  # type: ignore[method-assign]
    try:
        yield captured
    finally:
        del DB.run_querystring


async def explain(url: str, statements: Sequence[tuple[str, list[Any]]]) -> list[Plan]:
    import asyncpg

    plans = []
    connection = await asyncpg.connect(url)
    try:
        for sql, arguments in statements:
            head = sql.lstrip().upper()
            if not head.startswith(("SELECT", "WITH")) or re.search(
                r"\b(INSERT|UPDATE|DELETE)\b", head
            ):
                continue
            rows = await connection.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", *arguments)
            text = "\n".join(r[0] for r in rows)
            executed = re.search(r"Execution Time: ([\d.]+) ms", text)
            scans = sorted(
                {m for m in re.findall(r"Seq Scan on (\w+)", text) if m.startswith(_BIG_TABLES)}
            )
            plans.append(Plan(sql, float(executed.group(1)) if executed else 0.0, text, scans))
    finally:
        await connection.close()
    return plans


async def capture_plans(
    url: str, env: dict[str, str], active: list[Workload], targets: Targets
) -> dict[str, Any]:
    """Run each workload's first request twice in-process; explain the second's SELECTs."""
    from api.app import create_app
    from core.settings import load_settings
    from identity.runtime import standalone_identity_runtime

    settings = load_settings(env)
    app = create_app(settings, run_worker=False)
    report: dict[str, Any] = {}
    sections = []
    async with app.lifespan(), standalone_identity_runtime(settings) as runtime:
        sessions = Sessions(runtime, targets)
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for workload in active:
                tokens = await sessions.tokens(workload.subjects)
                authorization, body = workload.requests(tokens)[0]
                headers = {"Content-Type": "application/json"}
                if authorization:
                    headers["Authorization"] = authorization
                await client.post("/graphql", content=body.encode(), headers=headers)
                async with capturing_sql() as statements:
                    response = await client.post("/graphql", content=body.encode(), headers=headers)
                response.raise_for_status()
                plans = await explain(url, statements)
                slowest = max(plans, key=lambda p: p.execution_ms, default=None)
                report[workload.name] = {
                    "statements": len(statements),
                    "selects_explained": len(plans),
                    "select_ms_total": sum(p.execution_ms for p in plans),
                    "slowest_ms": slowest.execution_ms if slowest else 0.0,
                    "slowest_sql": slowest.sql if slowest else "",
                    "seq_scans": sorted({s for p in plans for s in p.seq_scans}),
                }
                sections.append(f"===== {workload.label}: {len(statements)} statements =====")
                for plan in plans:
                    sections += ["", plan.sql.strip(), "", plan.text, ""]
    PLANS_FILE.parent.mkdir(parents=True, exist_ok=True)
    PLANS_FILE.write_text("\n".join(sections) + "\n")
    return report


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.casework_queries", description=__doc__.split("\n", 1)[0]
    )
    parser.add_argument("-t", "--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "-c",
        "--connections",
        type=int,
        default=16,
        help="wrk connections (fixed concurrency); also the number of agents",
    )
    parser.add_argument("-d", "--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up seconds per workload")
    # Three, not two: the bare endpoint's p99 has shown one-off stalls (0.9-2 s in one
    # round of two, 56-92 ms in the other), and the median of two is their mean.
    parser.add_argument("--rounds", type=int, default=3, help="rounds, order rotating")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("ONETAP_WORKERS", "2")))
    parser.add_argument("--timeout", type=int, default=10, help="wrk request timeout (s)")
    parser.add_argument("--applicants", type=int, default=64, help="signed-in applicants")
    parser.add_argument("--targets", type=int, default=2000, help="case numbers and phones")
    parser.add_argument(
        "--lookups",
        type=int,
        default=10_000_000,
        help="ONETAP_CASEWORK_LOOKUPS_PER_HOUR for the run",
    )
    parser.add_argument("--no-plans", action="store_true", help="skip the EXPLAIN ANALYZE step")
    parser.add_argument("--output", type=Path, default=RESULT_FILE)
    return parser.parse_args(argv)


async def _with_db(url: str, work: Callable[[], Awaitable[Any]]) -> Any:
    from core import db

    await db.connect(url, pool_min=1, pool_max=4)
    try:
        return await work()
    finally:
        await db.close()


def run(args: argparse.Namespace) -> dict[str, Any]:
    import shutil

    from core.crypto.keys import load_key_material
    from core.settings import load_settings
    from identity.runtime import standalone_identity_runtime

    if shutil.which("wrk") is None:
        raise BenchError("wrk not found: run `bash infra/scripts/ensure-tools.sh wrk`")
    if not MANIFEST.exists():
        raise BenchError("no dataset: run `uv run python -m bench.casework_dataset` first")
    dataset = json.loads(MANIFEST.read_text())
    load_before = os.getloadavg()[0]
    WORK.mkdir(parents=True, exist_ok=True)
    LUA_FILE.write_text(LUA)
    url = start_database()
    port = free_port()
    env = bench_env(url, port, args.workers)
    # The per-agent hourly limit (default 60) would end a load test within a second.
    env["ONETAP_CASEWORK_LOOKUPS_PER_HOUR"] = str(args.lookups)
    _say(f"dataset {DATABASE}: {dataset['persons']:,} persons, {dataset['cases']:,} cases")
    done = subprocess.run(
        [*_venv_script("onetap"), "migrate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"onetap migrate failed:\n{done.stdout}{done.stderr}")
    settings = load_settings(env)
    keys = load_key_material(settings)
    targets: Targets = asyncio.run(_with_db(url, lambda: pick_targets(url, keys, args)))
    _say(
        f"{len(targets.applicants)} applicants with {min(targets.applicant_cases)}-"
        f"{max(targets.applicant_cases)} cases each (median "
        f"{statistics.median(targets.applicant_cases):.0f}); {len(targets.agents)} agents; "
        f"{len(targets.numbers)} case numbers and phones of recent cases"
    )
    active = workloads(targets)
    labels = {BARE: f"bare GET {BARE_PATH}", **{w.name: w.label for w in active}}
    base_url = f"http://{HOST}:{port}"
    log = WORK / "casework-server.log"
    _say(f"uvicorn bench.bare_app:app --workers {args.workers} on {base_url} (log: {log})")
    server = start_server(env, port, args.workers, log)

    async def serve_and_measure() -> tuple[list[Run], list[str], Any]:
        async with standalone_identity_runtime(settings) as runtime:
            sessions = Sessions(runtime, targets)
            for workload in active:
                _say(f"check {workload.name}: {await probe(base_url, workload, sessions)}")
            check = check_same_rows(base_url, graphql_body(), attempts=2 * args.workers)
            _say(f"bare endpoint and GraphQL regions agree ({check.rows} rows)")
            measured = [w for w in active if w.missing is None]
            load = Load(args.threads, args.connections, args.timeout)
            runs = await measure(base_url, load, args, measured, sessions, env)
            return runs, [BARE, *(w.name for w in measured)], check

    try:
        wait_ready(base_url, server, log, timeout_s=120)
        runs, names, _ = asyncio.run(_with_db(url, serve_and_measure))
        if server.poll() is not None:
            raise BenchError("server died during the run")
    finally:
        _say("stopping the server")
        stop_server(server)

    summary = summarize(runs, names)
    missing = {w.name: w.missing for w in active if w.missing}
    setup = (
        f"Casework queries on {dataset['persons']:,} persons / {dataset['cases']:,} cases vs the "
        f"bare Litestar endpoint; one server (uvicorn, {args.workers} workers, "
        f"ONETAP_ENV=production, ONETAP_CASEWORK_LOOKUPS_PER_HOUR={args.lookups})\n"
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency, {args.rounds} "
        f"round(s), warm-up {args.warmup}s each; {os.cpu_count()} CPUs shared by wrk, server "
        f"and PostgreSQL; 1-min load average before start: {load_before:.2f}"
    )
    print(render(summary, runs, labels, setup), flush=True)
    for name, why in missing.items():
        print(f"NOT MEASURED {name}: {why}", flush=True)
    plans: dict[str, Any] = {}
    if not args.no_plans:
        measured = [w for w in active if w.missing is None]
        plans = asyncio.run(capture_plans(url, env, measured, targets))
        print(
            "\nquery plans (in-process, second request of each workload; "
            f"EXPLAIN ANALYZE in {PLANS_FILE.relative_to(PLANS_FILE.parents[2])}):",
            flush=True,
        )
        for name, facts in plans.items():
            scans = ", ".join(facts["seq_scans"]) or "none"
            print(
                f"  {_pad(labels[name], 36)} {facts['statements']:>3} statements, SELECTs "
                f"{facts['select_ms_total']:.2f} ms in all, slowest {facts['slowest_ms']:.2f} ms; "
                f"seq scans of large tables: {scans}",
                flush=True,
            )
    return {
        "benchmark": "casework_queries",
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_1m_before": load_before,
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "dataset": {k: dataset[k] for k in ("persons", "enterprises", "cases", "database_bytes")},
        "setup": {
            "threads": args.threads,
            "connections": args.connections,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "rounds": args.rounds,
            "workers": args.workers,
            "lookups_per_hour": args.lookups,
            "applicants": len(targets.applicants),
            "applicant_cases_median": statistics.median(targets.applicant_cases),
            "agents": len(targets.agents),
            "targets": len(targets.numbers),
            "queries": {w.name: w.query for w in active},
        },
        "runs": [{"round": r.round, "endpoint": r.endpoint, **asdict(r.result)} for r in runs],
        "summary": summary,
        "missing": missing,
        "plans": plans,
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    started = time.perf_counter()
    try:
        report = run(args)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    _say(f"wrote {args.output} ({time.perf_counter() - started:.0f}s)")
    return 1 if report["missing"] else 0


if __name__ == "__main__":
    sys.exit(main())
