"""Files that hold development secrets: private directories and create-once publishing.

Used where a laptop run generates a secret on first start (field/signing keys, the
filesystem store's URL-signing key) and must reuse it ever after, even when several
processes start at the same moment.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def ensure_private_dir(directory: Path) -> None:
    """Create ``directory`` (0700), tightening an existing one that is looser."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    # mkdir's mode is filtered by the umask and ignored for an existing directory.
    if stat.S_IMODE(directory.stat().st_mode) != 0o700:
        directory.chmod(0o700)


def publish_once(path: Path, content: bytes) -> None:
    """Atomically create ``path`` (0600) with ``content`` unless it already exists.

    The content is written to a private temporary file and hard-linked into place:
    ``link`` fails if the name exists, so two processes starting together cannot
    overwrite each other's secret (the loser discards its own), and no reader ever sees
    a half-written file.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            os.fchmod(tmp.fileno(), 0o600)
            tmp.write(content)
            tmp.flush()
            os.fsync(tmp.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(tmp_name, path)
    finally:
        os.unlink(tmp_name)
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
