"""Canonical JSON: one encoding per value, and refusal of what has none."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import uuid
from decimal import Decimal
from typing import Any

import pytest

from core.crypto import canonical_json


def test_sorted_keys_no_whitespace_utf8() -> None:
    assert canonical_json({"b": 1, "a": [True, None, "张三"], "c": {"z": 1.5, "y": -0}}) == (
        '{"a":[true,null,"张三"],"b":1,"c":{"y":0,"z":1.5}}'.encode()
    )


def test_insertion_order_does_not_matter() -> None:
    a = {"actor": "u1", "action": "login", "meta": {"ip": "10.0.0.1", "agent": "pwa"}}
    b = {"meta": {"agent": "pwa", "ip": "10.0.0.1"}, "action": "login", "actor": "u1"}
    assert canonical_json(a) == canonical_json(b)
    assert hashlib.sha256(canonical_json(a)).digest() == hashlib.sha256(canonical_json(b)).digest()


def test_stable_across_calls() -> None:
    value = {"k": list(range(10)), "s": 'é\n"quoted"', "n": 10**30}
    assert canonical_json(value) == canonical_json(value)
    assert canonical_json(value) == (
        b'{"k":[0,1,2,3,4,5,6,7,8,9],"n":1000000000000000000000000000000,'
        b'"s":"\xc3\xa9\\n\\"quoted\\""}'
    )


def test_tuples_are_arrays() -> None:
    assert canonical_json((1, 2)) == canonical_json([1, 2]) == b"[1,2]"


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, {"x": [math.nan]}])
def test_nan_and_infinity_refused(bad: Any) -> None:
    with pytest.raises(ValueError, match="NaN"):
        canonical_json(bad)


@pytest.mark.parametrize(
    "bad",
    [
        dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        {"at": dt.date(2025, 1, 1)},
        uuid.uuid4(),
        Decimal("1.5"),
        b"bytes",
        {1, 2},
        object(),
    ],
)
def test_unknown_types_refused(bad: Any) -> None:
    with pytest.raises(TypeError):
        canonical_json(bad)


def test_non_string_keys_refused() -> None:
    # json.dumps would silently encode {1: "a"} like {"1": "a"}.
    with pytest.raises(TypeError, match="keys"):
        canonical_json({1: "a"})
    with pytest.raises(TypeError, match="keys"):
        canonical_json({None: "a"})


def test_lone_surrogate_refused_without_quoting() -> None:
    with pytest.raises(ValueError, match="not valid Unicode") as info:
        canonical_json({"name": "张\udc80"})
    assert "张" not in str(info.value)


def test_circular_and_deep_structures_refused() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="nested too deeply"):
        canonical_json(loop)
