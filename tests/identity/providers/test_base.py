"""The provider contract: call_provider's error mapping, verdict consistency, strict parsing."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime

import httpx
import pytest

from identity.providers import (
    PersonClaim,
    ProviderError,
    ProviderTimeout,
    ResultSignatureError,
    Verdict,
    call_provider,
)
from identity.providers.base import (
    check_result_timestamp,
    parse_face_result_body,
    strict_json_object,
)


async def _value() -> int:
    return 42


async def _raise(exc: BaseException) -> int:
    raise exc


async def test_call_provider_returns_the_answer() -> None:
    assert await call_provider("registry", 1000, _value()) == 42


async def test_call_provider_turns_a_slow_call_into_provider_timeout() -> None:
    started = time.monotonic()
    with pytest.raises(ProviderTimeout) as info:
        await call_provider("registry", 20, asyncio.sleep(5))
    assert time.monotonic() - started < 1
    assert info.value.provider == "registry"
    assert "20 ms" in info.value.detail


async def test_httpx_timeout_is_a_provider_timeout() -> None:
    with pytest.raises(ProviderTimeout):
        await call_provider("sms", 1000, _raise(httpx.ReadTimeout("read timed out")))


async def test_other_httpx_errors_are_provider_errors_without_url() -> None:
    request = httpx.Request("POST", "https://vendor.test/v1/person/verify?id=350102197803157299")
    with pytest.raises(ProviderError) as info:
        await call_provider(
            "registry", 1000, _raise(httpx.ConnectError("refused", request=request))
        )
    assert not isinstance(info.value, ProviderTimeout)
    assert "350102197803157299" not in str(info.value)
    assert info.value.detail == "transport error (ConnectError)"


async def test_provider_errors_pass_through_unchanged() -> None:
    original = ResultSignatureError("face", "bad signature")
    with pytest.raises(ResultSignatureError) as info:
        await call_provider("face", 1000, _raise(original))
    assert info.value is original


async def test_programming_errors_are_not_disguised() -> None:
    with pytest.raises(KeyError):
        await call_provider("registry", 1000, _raise(KeyError("bug")))


def test_provider_error_message_names_the_provider() -> None:
    error = ProviderError("business_registry", "HTTP 503")
    assert str(error) == "business_registry: HTTP 503"
    assert isinstance(ProviderTimeout("x", "y"), ProviderError)
    assert isinstance(ResultSignatureError("x", "y"), ProviderError)


def test_verdict_must_be_consistent() -> None:
    assert Verdict(True, (), "t1").matched
    assert Verdict(False, ("name",), "t2").failed_checks == ("name",)
    with pytest.raises(ValueError, match="matched exactly when"):
        Verdict(True, ("name",), "t3")
    with pytest.raises(ValueError, match="matched exactly when"):
        Verdict(False, (), "t4")


def test_claim_repr_masks_personal_data() -> None:
    claim = PersonClaim(name="陈明辉", id_number="350102197803157299", sex="M", ethnicity="01")
    text = repr(claim)
    assert "陈明辉" not in text
    assert "19780315" not in text


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"a": 1, "a": 2}', "duplicate key"),
        (b'{"a": NaN}', "non-finite"),
        (b"[1, 2]", "not a JSON object"),
        (b"\xff\xfe", "codec can't decode"),
        (b"not json", "Expecting value"),
    ],
)
def test_strict_json_rejects(body: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        strict_json_object(body)


def test_strict_json_accepts_an_object() -> None:
    assert strict_json_object('{"名":"值"}'.encode()) == {"名": "值"}


def test_result_timestamp_window() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    ts = int(now.timestamp())
    check_result_timestamp("face", str(ts - 300), now=now)
    check_result_timestamp("face", str(ts + 300), now=now)
    for bad in (str(ts - 301), str(ts + 301), "", "12.5", "-1", " 1", "１２"):
        with pytest.raises(ResultSignatureError):
            check_result_timestamp("face", bad, now=now)
    with pytest.raises(ValueError, match="timezone"):
        check_result_timestamp("face", str(ts), now=now.replace(tzinfo=None))


def _body(**overrides: object) -> bytes:
    data: dict[str, object] = {
        "session": "s-1",
        "liveness": True,
        "match": True,
        "score": 91,
        "reference": "r-1",
        "checked_at": 1_780_000_000,
    }
    data.update(overrides)
    return json.dumps({k: v for k, v in data.items() if v is not ...}).encode()


def test_face_body_parses() -> None:
    outcome = parse_face_result_body("face", _body())
    assert outcome.provider_session_id == "s-1"
    assert outcome.liveness_passed and outcome.matched
    assert outcome.score == 91
    assert outcome.reference == "r-1"
    assert outcome.checked_at == datetime.fromtimestamp(1_780_000_000, UTC)


@pytest.mark.parametrize(
    "body",
    [
        _body(score=True),
        _body(score=101),
        _body(score=-1),
        _body(score=90.5),
        _body(match="true"),
        _body(liveness=1),
        _body(session=""),
        _body(reference=None),
        _body(checked_at="1780000000"),
        _body(extra=1),
        _body(match=...),
        b'{"session":"s","session":"t","liveness":true,"match":true,"score":1,"reference":"r","checked_at":1}',
    ],
)
def test_face_body_is_parsed_strictly(body: bytes) -> None:
    with pytest.raises(ResultSignatureError):
        parse_face_result_body("face", body)
