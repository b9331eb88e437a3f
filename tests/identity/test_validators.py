"""Resident ID (GB 11643) and unified social credit code (GB 32100) checks."""

from __future__ import annotations

from datetime import date

import pytest

from identity.validators import (
    CreditCode,
    InvalidIdentifier,
    ResidentId,
    check_declared_sex,
    credit_code_check_char,
    parse_credit_code,
    parse_resident_id,
    resident_id_check_char,
)

TODAY = date(2025, 6, 1)


def _with_check_char(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


def _sex_refusal(resident_id: ResidentId, sex: str) -> str | None:
    try:
        check_declared_sex(resident_id, sex)
    except InvalidIdentifier as refused:
        return refused.reason
    return None


def _reason(excinfo: pytest.ExceptionInfo[InvalidIdentifier]) -> str:
    return excinfo.value.reason


# --- resident ID -------------------------------------------------------------------------


def test_sample_female_id_with_x_check_char() -> None:
    rid = parse_resident_id("11010519491231002X", today=TODAY)
    assert rid == ResidentId(
        number="11010519491231002X",
        area_code="110105",
        birth_date=date(1949, 12, 31),
        sex="F",
    )


def test_sample_male_id() -> None:
    rid = parse_resident_id("360426199101010071", today=TODAY)
    assert rid.number == "360426199101010071"
    assert rid.area_code == "360426"
    assert rid.birth_date == date(1991, 1, 1)
    assert rid.sex == "M"


def test_lowercase_x_and_whitespace_are_normalised() -> None:
    rid = parse_resident_id("  11010519491231002x\n", today=TODAY)
    assert rid.number == "11010519491231002X"


def test_check_char_function_matches_samples() -> None:
    assert resident_id_check_char("11010519491231002") == "X"
    assert resident_id_check_char("36042619910101007") == "1"


@pytest.mark.parametrize("first17", ["1234", "1101051949123100A", "11010519491231002X"])
def test_check_char_function_rejects_bad_body(first17: str) -> None:
    with pytest.raises(InvalidIdentifier) as excinfo:
        resident_id_check_char(first17)
    assert _reason(excinfo) == "format"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "11010519491231002",  # 17 characters
        "11010519491231002X1",  # 19 characters
        "1101051949123100XX",  # X before the last position
        "11010519491231002A",  # letter other than X as check char
        "A1010519491231002X",  # letter in the body
        "110105 19491231002X",  # inner whitespace
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width digits
        "11010519491231002Y",
    ],
)
def test_resident_id_format(raw: str) -> None:
    with pytest.raises(InvalidIdentifier) as excinfo:
        parse_resident_id(raw, today=TODAY)
    assert _reason(excinfo) == "format"


@pytest.mark.parametrize(
    "first17",
    [
        "11010519990230002",  # 30 February
        "11010519990431002",  # 31 April
        "11010519001329002",  # month 13
        "11010520230229002",  # 29 February in a non-leap year
        "11010519990100002",  # day 0
        "11010520990101002",  # 2099: in the future
        "11010518991231002",  # before 1900
    ],
)
def test_resident_id_impossible_birth_date(first17: str) -> None:
    # A correct check char, so only the date can be what is wrong.
    with pytest.raises(InvalidIdentifier) as excinfo:
        parse_resident_id(_with_check_char(first17), today=TODAY)
    assert _reason(excinfo) == "birth_date"


def test_leap_day_and_today_are_accepted() -> None:
    assert parse_resident_id(_with_check_char("11010520000229002"), today=TODAY).birth_date == (
        date(2000, 2, 29)
    )
    assert parse_resident_id(_with_check_char("11010520250601002"), today=TODAY).birth_date == (
        TODAY
    )
    with pytest.raises(InvalidIdentifier) as excinfo:
        parse_resident_id(_with_check_char("11010520250602002"), today=TODAY)
    assert _reason(excinfo) == "birth_date"


def test_earliest_birth_date_is_accepted() -> None:
    rid = parse_resident_id(_with_check_char("11010519000101001"), today=TODAY)
    assert rid.birth_date == date(1900, 1, 1)


@pytest.mark.parametrize("raw", ["110105194912310021", "360426199101010072", "36042619910101007X"])
def test_resident_id_wrong_checksum(raw: str) -> None:
    with pytest.raises(InvalidIdentifier) as excinfo:
        parse_resident_id(raw, today=TODAY)
    assert _reason(excinfo) == "checksum"


def test_error_message_does_not_leak_the_number() -> None:
    with pytest.raises(InvalidIdentifier) as excinfo:
        parse_resident_id("110105194912310021", today=TODAY)
    message = str(excinfo.value)
    assert "110105" not in message
    assert "1949" not in message
    assert message  # plain English, not empty


def test_sex_from_seventeenth_digit() -> None:
    for digit in "13579":
        rid = parse_resident_id(_with_check_char(f"1101051990010100{digit}"), today=TODAY)
        assert rid.sex == "M"
    for digit in "02468":
        rid = parse_resident_id(_with_check_char(f"1101051990010100{digit}"), today=TODAY)
        assert rid.sex == "F"


def test_declared_sex_matches() -> None:
    female = parse_resident_id("11010519491231002X", today=TODAY)
    male = parse_resident_id("360426199101010071", today=TODAY)
    assert _sex_refusal(female, "F") is None
    assert _sex_refusal(male, "m") is None  # lower case is accepted too


def test_declared_sex_mismatch() -> None:
    female = parse_resident_id("11010519491231002X", today=TODAY)
    assert _sex_refusal(female, "M") == "sex_mismatch"
    assert _sex_refusal(female, " f ") is None


def test_declared_sex_unknown_value_is_a_caller_error() -> None:
    male = parse_resident_id("360426199101010071", today=TODAY)
    with pytest.raises(ValueError, match="'M' or 'F'") as excinfo:
        check_declared_sex(male, "X")
    assert not isinstance(excinfo.value, InvalidIdentifier)


def test_resident_id_is_frozen() -> None:
    rid = parse_resident_id("360426199101010071", today=TODAY)
    with pytest.raises(AttributeError):
        rid.sex = "F"  # type: ignore[misc]


# --- unified social credit code ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "91110000600037341L",
            CreditCode("91110000600037341L", "9", "1", "110000", "600037341"),
        ),
        (
            "91310115MA1K3BTP2B",
            CreditCode("91310115MA1K3BTP2B", "9", "1", "310115", "MA1K3BTP2"),
        ),
        (
            "121200004013590816",
            CreditCode("121200004013590816", "1", "2", "120000", "401359081"),
        ),
    ],
)
def test_credit_code_samples(raw: str, expected: CreditCode) -> None:
    assert parse_credit_code(raw) == expected


def test_credit_code_is_normalised() -> None:
    assert parse_credit_code(" 91310115ma1k3btp2b\t").code == "91310115MA1K3BTP2B"


def test_credit_code_check_char_matches_samples() -> None:
    assert credit_code_check_char("91110000600037341") == "L"
    assert credit_code_check_char("91310115MA1K3BTP2") == "B"
    assert credit_code_check_char("12120000401359081") == "6"


@pytest.mark.parametrize("first17", ["9111000060003734", "91110000600037341L", "9111000060003734I"])
def test_credit_code_check_char_rejects_bad_body(first17: str) -> None:
    with pytest.raises(InvalidIdentifier) as excinfo:
        credit_code_check_char(first17)
    assert _reason(excinfo) == "format"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "91110000600037341",  # 17 characters
        "91110000600037341LL",  # 19 characters
        "91110000600037341-",
        "9111000060003734 L",
        # The five letters GB 32100 leaves out, each in an otherwise plausible code.
        "9131011IMA1K3BTP2B",
        "9131011OMA1K3BTP2B",
        "9131011SMA1K3BTP2B",
        "9131011VMA1K3BTP2B",
        "9131011ZMA1K3BTP2B",
    ],
)
def test_credit_code_format(raw: str) -> None:
    with pytest.raises(InvalidIdentifier) as excinfo:
        parse_credit_code(raw)
    assert _reason(excinfo) == "format"


@pytest.mark.parametrize("raw", ["91110000600037341M", "91310115MA1K3BTP2C", "121200004013590817"])
def test_credit_code_wrong_checksum(raw: str) -> None:
    with pytest.raises(InvalidIdentifier) as excinfo:
        parse_credit_code(raw)
    assert _reason(excinfo) == "checksum"


@pytest.mark.parametrize(
    "first17",
    [
        "91110000600037342",  # organisation code check digit 2, should be 1
        "91310115MA1K3BTP3",  # check digit 3, should be 2
        "9131011500000000A",  # organisation code check char can only be 0-9 or X
    ],
)
def test_credit_code_bad_organisation_code(first17: str) -> None:
    # A correct outer check char, so only the embedded organisation code is wrong.
    raw = first17 + credit_code_check_char(first17)
    with pytest.raises(InvalidIdentifier) as excinfo:
        parse_credit_code(raw)
    assert _reason(excinfo) == "organisation_code"


def test_credit_code_organisation_check_x_and_zero() -> None:
    # Organisation codes whose GB 11714 remainder maps to the special characters:
    # 11 - sum mod 11 == 10 -> "X", == 11 -> "0". Found by search so the test does not
    # depend on a hand computation.
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    found: dict[str, str] = {}
    for n in range(1000):
        body = f"{n:08d}"
        remainder = 11 - sum(alphabet.index(c) * w for c, w in zip(body, weights)) % 11
        if remainder == 10:
            found.setdefault("X", body)
        elif remainder == 11:
            found.setdefault("0", body)
    assert set(found) == {"X", "0"}
    for check, body in found.items():
        first17 = "91110000" + body + check
        code = parse_credit_code(first17 + credit_code_check_char(first17))
        assert code.organisation_code == body + check
