"""Blind index: determinism, context separation and per-context normalisation."""

from __future__ import annotations

import os

import pytest

from core.crypto import BlindIndex, normalise_id_number, normalise_phone


@pytest.fixture
def index() -> BlindIndex:
    return BlindIndex(os.urandom(32))


def test_deterministic_hex(index: BlindIndex) -> None:
    first = index.compute("11010519491231002X", "person.id_number")
    assert first == index.compute("11010519491231002X", "person.id_number")
    assert len(first) == 64
    assert int(first, 16) >= 0


def test_different_keys_differ() -> None:
    a, b = BlindIndex(os.urandom(32)), BlindIndex(os.urandom(32))
    assert a.compute("13812341234", "person.phone") != b.compute("13812341234", "person.phone")


def test_contexts_differ(index: BlindIndex) -> None:
    value = "13812341234"
    assert index.compute(value, "person.phone") != index.compute(value, "agent.phone")
    assert index.compute(value, "person.phone") != index.compute(value, "person.note")


def test_id_number_normalisation(index: BlindIndex) -> None:
    expected = index.compute("11010519491231002X", "person.id_number")
    for spelling in (
        "11010519491231002x",
        "  11010519491231002X \n",
        "110105 19491231 002x",
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width input from Chinese IMEs
    ):
        assert index.compute(spelling, "person.id_number") == expected
    assert index.compute("11010519491231003X", "person.id_number") != expected


def test_phone_normalisation(index: BlindIndex) -> None:
    expected = index.compute("13812341234", "person.phone")
    for spelling in (
        "+86 138 1234 1234",
        "+8613812341234",
        "8613812341234",
        "008613812341234",
        "138-1234-1234",
        "(138) 1234 1234",
    ):
        assert index.compute(spelling, "person.phone") == expected, spelling


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("13812341234", "13812341234"),
        ("+86 138 1234 1234", "13812341234"),
        ("86-138-1234-1234", "13812341234"),
        ("010-12345678", "01012345678"),
        ("+86 010 1234 5678", "01012345678"),
        ("8612345", "8612345"),  # short local number that merely starts with 86
    ],
)
def test_normalise_phone(raw: str, normalised: str) -> None:
    assert normalise_phone(raw) == normalised


def test_normalise_id_number() -> None:
    assert normalise_id_number(" 11010519491231002x ") == "11010519491231002X"


def test_empty_after_normalisation_is_refused(index: BlindIndex) -> None:
    with pytest.raises(ValueError, match="empty"):
        index.compute(" - ", "person.phone")


def test_short_key_refused() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        BlindIndex(b"short")


def test_repr_hides_key() -> None:
    key = os.urandom(32)
    assert key.hex() not in repr(BlindIndex(key))
