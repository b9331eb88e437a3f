"""Reading what an offline verifier holds: a license's signed payload (as a text file, or
inside the license PDF) and downloaded status lists. No database, no network."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from licenses import jws, status_list
from licenses.offline import PublishedKey, StatusSource

__all__ = ["StatusLists", "read_status_lists", "read_token"]

#: The PDF's Info dictionary carries the compact JWS in /Keywords (uncompressed).
_PDF_KEYWORDS = re.compile(rb"/Keywords \(([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)\)")


def read_token(path: Path) -> str:
    """The compact JWS in ``path``: a text file holding it, or a license PDF."""
    data = path.read_bytes()
    if data.startswith(b"%PDF-"):
        match = _PDF_KEYWORDS.search(data)
        if match is None:
            raise ValueError("the PDF carries no signed payload")
        return match.group(1).decode("ascii")
    text = data.decode("utf-8", errors="replace").strip()
    if text.startswith("{"):
        document = json.loads(text)
        token = document.get("signedPayload") if isinstance(document, dict) else None
        if not isinstance(token, str):
            raise ValueError("the JSON file has no signedPayload")
        return token
    return text


@dataclass(frozen=True, slots=True)
class StatusLists:
    source: StatusSource
    #: Whether every list came signed by the platform key (else trust rests on HTTPS).
    all_signed: bool


def read_status_lists(
    paths: Iterable[Path], platform_keys: Mapping[str, PublishedKey] | None = None
) -> StatusLists:
    """A status source over downloaded BitstringStatusListCredential files (by their id).

    A file is the credential as JSON (unsigned) or its signed form (a compact JWS from
    ``?format=jwt``), which is checked against ``platform_keys`` (the platform JWKS);
    a signed list that does not verify is refused rather than ignored.
    """
    lists: dict[tuple[str, str], bytes] = {}
    all_signed = True
    for path in paths:
        text = path.read_text(encoding="utf-8").strip()
        if text.startswith("{"):
            document = json.loads(text)
            all_signed = False
        else:
            if platform_keys is None:
                raise ValueError(f"{path} is a signed status list: give --platform-keys")
            try:
                parsed = jws.verify(text, {kid: k.public for kid, k in platform_keys.items()})
                document = parsed.claims()
            except jws.JwsInvalid as exc:
                raise ValueError(
                    f"{path}: the status list's signature is refused ({exc})"
                ) from None
        subject = document.get("credentialSubject", {})
        lists[(str(document.get("id")), str(subject.get("statusPurpose")))] = status_list.decode(
            str(subject.get("encodedList", ""))
        )

    def source(purpose: str, index: int, url: str) -> bool | None:
        bits = lists.get((url, purpose))
        if bits is None:
            return None
        return status_list.is_set(bits, status_list.position(index))

    return StatusLists(source, all_signed and bool(lists))
