"""Canonical JSON: one byte string per value, the input of hashes and signatures.

The audit hash chain hashes ``canonical_json(entry)``; if two runs could serialise the
same entry differently, verification of an honest chain would fail. So the output is
fixed: keys sorted by code point, no whitespace, UTF-8 without ``\\u`` escapes for
non-ASCII text, and only JSON's own types are accepted. Callers convert datetimes,
UUIDs, decimals and the like to strings first, which makes the representation an
explicit decision at the call site rather than an encoder default.

Floats are written with Python's shortest round-trip ``repr``; this matches RFC 8785
(JCS) for ordinary values but not for exponents, so a verifier in another language
should keep to integers and strings (or use Python).
"""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["canonical_json"]


def canonical_json(obj: Any) -> bytes:
    """Serialise ``obj`` deterministically.

    Accepts ``None``, ``bool``, ``int``, finite ``float``, ``str``, lists/tuples and dicts
    with ``str`` keys. Raises ``TypeError`` for any other type or key type and
    ``ValueError`` for NaN/Infinity or text that is not valid Unicode.
    """
    _check(obj, depth=0)
    text = json.dumps(
        obj,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=_refuse,
    )
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates; the codec's message would quote the (possibly personal) text.
        raise ValueError("text is not valid Unicode") from None


_MAX_DEPTH = 64


def _check(obj: Any, depth: int) -> None:
    # json.dumps alone would turn int/float/bool/None dict keys into strings, so
    # {1: "a"} and {"1": "a"} would share one encoding; and it accepts NaN by default.
    if depth > _MAX_DEPTH:
        raise ValueError("value is nested too deeply")
    if obj is None or isinstance(obj, (bool, int, str)):
        return
    if isinstance(obj, float):
        if not math.isfinite(obj):
            raise ValueError("NaN and Infinity have no JSON representation")
        return
    if isinstance(obj, (list, tuple)):
        for item in obj:
            _check(item, depth + 1)
        return
    if isinstance(obj, dict):
        for key, value in obj.items():
            if not isinstance(key, str):
                raise TypeError(f"object keys must be str, not {type(key).__name__}")
            _check(value, depth + 1)
        return
    _refuse(obj)


def _refuse(obj: Any) -> Any:
    raise TypeError(f"{type(obj).__name__} is not a canonical JSON type; convert it first")
