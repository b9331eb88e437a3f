"""A throwaway S3 endpoint for tests: moto's server on a free local port.

moto accepts any credentials and keeps everything in memory, so tests get a real HTTP S3
API (signatures, presigned URLs, user metadata) without Docker or MinIO.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from moto.server import ThreadedMotoServer


@dataclass(frozen=True)
class S3Endpoint:
    """Where the test S3 server listens and the credentials to use with it."""

    endpoint: str  # host:port, as the minio client wants it
    access_key: str = "testing"
    secret_key: str = "testing"
    region: str = "us-east-1"

    @property
    def url(self) -> str:
        return f"http://{self.endpoint}"


def free_port() -> int:
    # Racy in theory (another process could take the port before moto binds it), harmless here.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running_s3_server() -> Iterator[S3Endpoint]:
    """Start moto's S3 server in a thread; stop it on exit."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield S3Endpoint(endpoint=f"127.0.0.1:{port}")
    finally:
        server.stop()
