"""Logs are JSON, carry the request id, and never carry personal identifiers."""

from __future__ import annotations

import json
import logging

import pytest

from core.logging import JsonFormatter, redact, request_id_var


def format_record(message: str, **extra: object) -> dict[str, object]:
    record = logging.makeLogRecord({"msg": message, "levelname": "INFO", "name": "t", **extra})
    return json.loads(JsonFormatter().format(record))


def test_json_lines_with_request_id() -> None:
    token = request_id_var.set("req-abcdef12")
    try:
        entry = format_record("hello", path="/healthz", status=200)
    finally:
        request_id_var.reset(token)
    assert entry["message"] == "hello"
    assert entry["request_id"] == "req-abcdef12"
    assert entry["path"] == "/healthz"
    assert entry["status"] == 200


@pytest.mark.parametrize(
    "text",
    ["applicant 11010519491231002X failed", "id 11010519491231002x", "call 13812341234 now"],
)
def test_identifiers_are_redacted_in_messages_and_fields(text: str) -> None:
    entry = format_record(text, detail=text)
    dumped = json.dumps(entry)
    assert "11010519491231002" not in dumped
    assert "13812341234" not in dumped
    assert "[id-number]" in dumped or "[phone]" in dumped


def test_redact_leaves_ordinary_numbers() -> None:
    assert redact("order 1234567 took 350100 ms") == "order 1234567 took 350100 ms"
