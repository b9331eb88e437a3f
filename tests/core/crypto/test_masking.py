"""Masking for display: the documented examples and garbage that must not raise."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from core.crypto import mask_id_number, mask_name, mask_phone


def test_id_number_18() -> None:
    assert mask_id_number("11010519491231002X") == "110***********002X"
    assert len(mask_id_number("11010519491231002X")) == 18


def test_id_number_15_legacy() -> None:
    assert mask_id_number("110105491231002") == "110********1002"


def test_phone() -> None:
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("+86 138-1234-1234") == "138****1234"
    assert mask_phone("010-12345678") == "*******5678"


def test_name() -> None:
    assert mask_name("张三丰") == "张**"
    assert mask_name("张三") == "张*"
    assert mask_name("阿依古丽·买买提") == "阿*******"


GARBAGE = ["", "a", "12", "x!", "\udc80", "  ", "\x00\x01", "☃☃☃"]


@pytest.mark.parametrize("mask", [mask_id_number, mask_phone])
@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_identifier_is_masked_entirely(mask: Callable[[str], str], value: str) -> None:
    assert set(mask(value)) <= {"*"}


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_name_never_raises(value: str) -> None:
    masked = mask_name(value)
    assert len(masked) == len(value.strip())
    assert masked[1:] == "*" * (len(masked) - 1)


def test_one_character_name_is_masked_entirely() -> None:
    assert mask_name("张") == "*"


@pytest.mark.parametrize("mask", [mask_id_number, mask_phone, mask_name])
def test_none_masks_to_empty(mask: Callable[[str | None], str]) -> None:
    assert mask(None) == ""


def test_malformed_identifiers_are_masked_entirely() -> None:
    assert mask_id_number("1101051949123100") == "*" * 16
    assert mask_id_number("ABCDEFGHIJKLMNOPQR") == "*" * 18
    assert mask_phone("call me maybe") == "*" * 13
    assert mask_phone("12345") == "*****"
