"""Identity benchmark: password logins under load, and what token verification costs.

One run, one server (one uvicorn process, production settings, Argon2id at the RFC 9106
parameters t=3, p=4, m=64 MiB)::

    uv run python -m bench.identity_logins [--people 50 --rounds 4 --requests 3000]

1. starts a private embedded PostgreSQL (``bench/.work/pg``), migrates, and creates
   ``--people`` residents directly through the identity tables (same keys as the server);
2. starts the server and measures its resident set size (RSS) once warm;
3. **logins**: fires ``--people`` concurrent ``loginWithPassword`` mutations, ``--rounds``
   times; prints logins/s, p50/p99 latency and the server's peak RSS (VmHWM) growth, set
   against the bound the hasher enforces (``argon2_concurrency`` × memory) and against what
   unbounded hashing would need (people × memory);
4. **token verification**: the same small query (``tierGuide``) anonymously and with a
   bearer token (signature + claims + session lookup), alternating, same concurrency;
   prints both rates, the ratio and the added milliseconds per request.

Results are written to ``bench/results/identity_logins.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bench.http_graphql_vs_bare import (
    HOST,
    RESULTS,
    WORK,
    BenchError,
    _venv_script,
    free_port,
    production_env,
    stop_server,
    wait_ready,
)
from core.db.embedded import start_embedded_postgres

RESULT_FILE = RESULTS.parent / "identity_logins.json"
DATABASE = "onetap_bench_identity"
PASSWORD = "bench password 2026"
LOGIN = """mutation($i: String!, $p: String!) { loginWithPassword(identifier: $i, password: $p) {
  __typename ... on AuthSuccess { accessToken } ... on UserError { code } } }"""
SMALL_QUERY = "{ tierGuide { tier } }"


def _say(message: str) -> None:
    print(message, flush=True)


def _id_number(serial: int) -> str:
    from identity.validators import resident_id_check_char

    first17 = f"350102199001{1 + serial % 28:02d}{serial % 1000:03d}"[:17]
    return first17 + resident_id_check_char(first17)


async def _seed_people(env: dict[str, str], count: int) -> list[str]:
    """Residents with passwords, written with the server's keys; returns their phones."""
    from core import db
    from core.crypto.keys import load_key_material
    from core.settings import load_settings
    from identity.passwords import PasswordHasher
    from identity.pii import ID_NUMBER, PHONE, id_number_index, phone_index, seal
    from identity.tables import Person

    settings = load_settings(env)
    keys = load_key_material(settings)
    hasher = PasswordHasher.from_settings(settings.identity)
    await db.connect(env["ONETAP_DATABASE_URL"], pool_min=1, pool_max=2)
    try:
        await Person.delete(force=True)
        password_hash = await hasher.hash(PASSWORD)
        phones = []
        for serial in range(count):
            phone = f"139{serial:08d}"
            id_number = _id_number(serial)
            await Person.insert(
                Person(
                    id=uuid.uuid4(),
                    name=f"测试{serial}",
                    id_number_enc=seal(keys, id_number, ID_NUMBER),
                    id_number_bidx=id_number_index(keys, id_number),
                    sex="M" if int(id_number[16]) % 2 else "F",
                    ethnicity="01",
                    phone_enc=seal(keys, phone, PHONE),
                    phone_bidx=phone_index(keys, phone),
                    password_hash=password_hash,
                    tier="basic",
                    created_at=datetime.now(UTC),
                )
            )
            phones.append(phone)
        return phones
    finally:
        await db.close()


def _memory_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of ``pid`` in KiB: current and peak resident set size."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


async def _timed(client: httpx.AsyncClient, body: dict[str, Any], headers: dict[str, str]) -> float:
    started = time.perf_counter()
    response = await client.post("/graphql", json=body, headers=headers)
    elapsed = time.perf_counter() - started
    if response.status_code != 200 or "errors" in response.json():
        raise BenchError(f"request failed: {response.status_code} {response.text[:300]}")
    return elapsed


async def _logins(base_url: str, phones: list[str], rounds: int) -> dict[str, float]:
    latencies: list[float] = []
    token = ""
    async with httpx.AsyncClient(base_url=base_url, timeout=120) as client:
        started = time.perf_counter()
        for _ in range(rounds):
            bodies = [{"query": LOGIN, "variables": {"i": p, "p": PASSWORD}} for p in phones]
            latencies += await asyncio.gather(*(_timed(client, b, {}) for b in bodies))
        wall = time.perf_counter() - started
        last = await client.post(
            "/graphql", json={"query": LOGIN, "variables": {"i": phones[0], "p": PASSWORD}}
        )
        token = last.json()["data"]["loginWithPassword"]["accessToken"]
    latencies.sort()
    return {
        "logins": len(latencies),
        "logins_per_s": len(latencies) / wall,
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "token": token,  # type: ignore[dict-item]
    }


async def _rate(base_url: str, headers: dict[str, str], requests: int, concurrency: int) -> float:
    body = {"query": SMALL_QUERY}
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
        queue = iter(range(requests))

        async def worker() -> None:
            for _ in queue:
                await _timed(client, body, headers)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return requests / (time.perf_counter() - started)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--people", type=int, default=50, help="concurrent logins (and residents)")
    parser.add_argument("--rounds", type=int, default=4, help="login bursts")
    parser.add_argument("--requests", type=int, default=3000, help="requests per token-check leg")
    parser.add_argument("--concurrency", type=int, default=16, help="clients for the token check")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> dict[str, Any]:
    import subprocess

    WORK.mkdir(parents=True, exist_ok=True)
    database_url = start_embedded_postgres(WORK, DATABASE)
    port = free_port()
    env = production_env(database_url, port, workers=1)
    done = subprocess.run(
        [*_venv_script("onetap"), "migrate"], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BenchError(f"onetap migrate failed:\n{done.stdout}{done.stderr}")
    phones = asyncio.run(_seed_people(env, args.people))
    _say(f"seeded {len(phones)} residents")
    log = WORK / "identity-server.log"
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.asgi:app",
        "--host",
        HOST,
        "--port",
        str(port),
        "--no-access-log",
    ]
    with log.open("wb") as sink:
        server = subprocess.Popen(
            command, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )
    base_url = f"http://{HOST}:{port}"
    try:
        wait_ready(base_url, server, log, timeout_s=60)
        # Warm-up: one login (first Argon2 use, JIT of nothing, pool connections).
        asyncio.run(_logins(base_url, phones[:1], 1))
        rss_warm, _ = _memory_kib(server.pid)
        logins = asyncio.run(_logins(base_url, phones, args.rounds))
        _, peak = _memory_kib(server.pid)
        token = str(logins.pop("token"))
        anon_rates, auth_rates = [], []
        for round_ in range(2):
            order = [("anon", {}), ("auth", {"authorization": f"Bearer {token}"})]
            if round_ % 2:
                order.reverse()
            for name, headers in order:
                rate = asyncio.run(_rate(base_url, headers, args.requests, args.concurrency))
                (anon_rates if name == "anon" else auth_rates).append(rate)
    finally:
        stop_server(server)
    memory_mib = int(env.get("ONETAP_IDENTITY_ARGON2_MEMORY_KIB", "65536")) / 1024
    bound = int(env.get("ONETAP_IDENTITY_ARGON2_CONCURRENCY", "2"))
    anon, auth = statistics.median(anon_rates), statistics.median(auth_rates)
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": platform.platform(),
        "people": args.people,
        "concurrency": args.concurrency,
        "logins": logins,
        "rss_warm_mib": rss_warm / 1024,
        "rss_peak_mib": peak / 1024,
        "rss_growth_mib": (peak - rss_warm) / 1024,
        "hash_bound_mib": bound * memory_mib,
        "unbounded_mib": args.people * memory_mib,
        "token_check": {
            "anonymous_req_per_s": anon,
            "bearer_req_per_s": auth,
            "ratio": auth / anon,
            # Server time one request gains (throughput view) and the latency a client
            # sees at this concurrency (each of N clients waits behind the others).
            "added_server_ms_per_request": 1000 * (1 / auth - 1 / anon),
            "added_latency_ms": 1000 * (1 / auth - 1 / anon) * args.concurrency,
        },
    }


def render(result: dict[str, Any]) -> str:
    logins = result["logins"]
    check = result["token_check"]
    return "\n".join(
        [
            f"password logins ({result['people']} concurrent, Argon2id t=3 p=4 m=64MiB):",
            f"  {logins['logins_per_s']:.1f} logins/s, p50 {logins['p50_ms']:.0f} ms, "
            f"p99 {logins['p99_ms']:.0f} ms over {logins['logins']} logins",
            f"  server RSS warm {result['rss_warm_mib']:.0f} MiB, peak {result['rss_peak_mib']:.0f}"
            f" MiB (+{result['rss_growth_mib']:.0f} MiB); hasher bound "
            f"{result['hash_bound_mib']:.0f} MiB, unbounded would need "
            f"{result['unbounded_mib']:.0f} MiB",
            "token verification (same query, anonymous vs bearer):",
            f"  {check['anonymous_req_per_s']:.1f} vs {check['bearer_req_per_s']:.1f} req/s, "
            f"ratio {check['ratio']:.2f}x; +{check['added_server_ms_per_request']:.2f} ms of "
            f"server time per request, +{check['added_latency_ms']:.1f} ms latency at "
            f"{result['concurrency']} clients",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        result = run(args)
    except BenchError as exc:
        _say(f"benchmark failed: {exc}")
        return 1
    _say(render(result))
    RESULT_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULT_FILE.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
