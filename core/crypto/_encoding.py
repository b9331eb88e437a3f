"""Shared encodings: strict unpadded base64url and the key-id syntax.

Owned here so that every decoder rejects the same things: padding, whitespace and
characters outside the URL-safe alphabet. The standard library's decoder silently drops
stray characters, which would let several spellings of one token exist.
"""

from __future__ import annotations

import base64
import binascii
import re

_ALPHABET = re.compile(r"[A-Za-z0-9_-]*")

#: Key ids appear inside dot-separated tokens and JWT headers, so they are kept to a
#: short URL-safe alphabet without dots.
_KID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def check_kid(kid: object) -> str:
    """Return ``kid`` if it is a valid key id, else raise ``ValueError``."""
    if not isinstance(kid, str) or not _KID.fullmatch(kid):
        raise ValueError("key id must be 1-64 characters of A-Z a-z 0-9 _ -")
    return kid


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Decode unpadded base64url; raise ``ValueError`` on anything non-canonical."""
    if not _ALPHABET.fullmatch(text) or len(text) % 4 == 1:
        raise ValueError("not unpadded base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error:
        raise ValueError("not unpadded base64url") from None
    # Reject encodings whose unused trailing bits are set: only one spelling per value.
    if b64url_encode(data) != text:
        raise ValueError("not canonical base64url")
    return data
