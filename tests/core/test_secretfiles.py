"""Create-once secret files: never overwritten, private, no leftovers."""

from __future__ import annotations

import stat
from pathlib import Path

from core.secretfiles import ensure_private_dir, publish_once


def test_publish_never_overwrites(tmp_path: Path) -> None:
    # The loser of a creation race must keep the winner's file, not its own secret.
    path = tmp_path / "dev-keys.json"
    publish_once(path, b"first")
    publish_once(path, b"second")
    assert path.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["dev-keys.json"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_private_dir_is_created_and_tightened(tmp_path: Path) -> None:
    fresh = tmp_path / "keys"
    ensure_private_dir(fresh)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    loose.chmod(0o755)
    ensure_private_dir(loose)
    assert stat.S_IMODE(loose.stat().st_mode) == 0o700
