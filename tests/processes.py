"""Helpers for tests that run `onetap` as real processes, as an operator would."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def onetap_env(database_url: str | None, data_dir: Path, **extra: str) -> dict[str, str]:
    """This process's environment without any ONETAP_* setting, plus a test configuration."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONETAP_")}
    env.update(ONETAP_ENV="test", ONETAP_DATA_DIR=str(data_dir), ONETAP_LOG_LEVEL="WARNING")
    if database_url is not None:
        env["ONETAP_DATABASE_URL"] = database_url
    env.update(extra)
    return env


def onetap(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run an `onetap` command to completion."""
    return subprocess.run(
        [sys.executable, "-m", "api", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def start_onetap(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    """Start a long-running `onetap` command (serve, worker); stop it with :func:`stop`."""
    return subprocess.Popen(
        [sys.executable, "-m", "api", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop(process: subprocess.Popen[str]) -> str:
    """SIGTERM, wait, and return what the process wrote to stderr."""
    process.terminate()
    _, stderr = process.communicate(timeout=60)  # also closes the pipe
    return stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, process: subprocess.Popen[str]) -> None:
    """Poll ``url`` until it answers 200; fail early if the process exits."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"server exited: {process.stderr.read() if process.stderr else ''}"
            )
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("server did not become healthy")
