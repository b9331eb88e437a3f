"""W3C Bitstring Status List: one bit per license, compressed, published as a whole.

A verifier downloads the entire list (at least 16 KiB of bits, 131,072 positions) and
reads the bit at the license's ``statusListIndex``, so the server never learns which
license was checked. There is one list per purpose ("revocation": final, "suspension":
reversible) and per block of 131,072 indexes. Bit 0 is the most significant bit of the
first byte; the bytes are GZIP-compressed and base64url-encoded with the multibase
prefix ``u``, as the specification says.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable

from core.crypto import b64url_decode, b64url_encode

__all__ = ["LIST_BITS", "PURPOSES", "decode", "encode", "is_set", "list_number", "position"]

LIST_BITS = 131_072  # 16 KiB: the specification's minimum, for herd privacy
PURPOSES = ("revocation", "suspension")


def list_number(status_index: int) -> int:
    return status_index // LIST_BITS


def position(status_index: int) -> int:
    return status_index % LIST_BITS


def encode(positions: Iterable[int], size_bits: int = LIST_BITS) -> str:
    """The ``encodedList`` with the bits at ``positions`` set."""
    bits = bytearray(size_bits // 8)
    for index in positions:
        if not 0 <= index < size_bits:
            raise ValueError("status position outside the list")
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same list always compresses to the same bytes (cacheable, comparable).
    return "u" + b64url_encode(gzip.compress(bytes(bits), mtime=0))


def decode(encoded: str) -> bytes:
    """The raw bitstring of an ``encodedList``; ``ValueError`` if it is not one."""
    if not encoded.startswith("u"):
        raise ValueError("encodedList must be multibase base64url (prefix 'u')")
    try:
        bits = gzip.decompress(b64url_decode(encoded[1:]))
    except (OSError, EOFError) as exc:
        raise ValueError("encodedList is not GZIP data") from exc
    if len(bits) * 8 < LIST_BITS:
        raise ValueError("status list is shorter than 131,072 bits")
    return bits


def is_set(bits: bytes, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise ValueError("status position outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
