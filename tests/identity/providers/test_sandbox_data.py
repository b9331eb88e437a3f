"""The seeded sandbox people and companies are well-formed, checked with independent arithmetic."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from identity.providers import SandboxCompany, SandboxPerson, sandbox_companies, sandbox_people

ROOT = Path(__file__).resolve().parents[3]
FUJIAN_AREAS = re.compile(r"35[0-9]{4}")


def id_check_char(first17: str) -> str:
    # ISO 7064 MOD 11-2 from first principles: weight of position i (1-based from the
    # left) is 2^(18-i) mod 11, the check value solves (sum + check) ≡ 1 (mod 11).
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def credit_check_char(first17: str) -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    # GB 32100 weights are 3^i mod 31.
    total = sum(chars.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return chars[-total % 31]


def org_check_char(first8: str) -> str:
    def value(c: str) -> int:
        return int(c) if c.isdigit() else ord(c) - ord("A") + 10

    total = sum(value(c) * w for c, w in zip(first8, (3, 7, 9, 10, 5, 8, 4, 2)))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def registration_check_digit(first14: str) -> str:
    # ISO 7064 MOD 11,10 (GB/T 17710), used by the 15-digit business registration number.
    p = 10
    for d in first14:
        s = (p + int(d)) % 10 or 10
        p = s * 2 % 11
    return str((11 - p) % 10)


def ethnic_codes() -> dict[str, str]:
    with (ROOT / "identity" / "data" / "ethnic_groups.csv").open(encoding="utf-8") as handle:
        return {row["code"]: row["name_zh"] for row in csv.DictReader(handle)}


def test_independent_check_chars_agree_with_published_samples() -> None:
    assert id_check_char("11010519491231002") == "X"
    assert id_check_char("36042619910101007") == "1"
    for code in ("91110000600037341L", "91310115MA1K3BTP2B", "121200004013590816"):
        assert credit_check_char(code[:17]) == code[17]
        assert org_check_char(code[8:16]) == code[16]


def test_ethnic_groups_file_has_gb_3304_codes() -> None:
    codes = ethnic_codes()
    assert len(codes) == 58
    assert [f"{n:02d}" for n in range(1, 57)] == sorted(c for c in codes if int(c) <= 56)
    assert codes["01"] == "汉族"
    assert codes["22"] == "畲族"
    assert codes["56"] == "基诺族"
    assert codes["97"] == "其他未识别民族"
    assert codes["98"] == "外国血统中国籍人士"


def test_about_twenty_people_including_the_magic_names() -> None:
    people = sandbox_people()
    assert 18 <= len(people) <= 25
    names = {p.name for p in people}
    assert {"王失败", "李超时", "张不符", "赵假体"} <= names
    assert len({p.id_number for p in people}) == len(people)
    assert len({p.phone for p in people}) == len(people)


@pytest.mark.parametrize("person", sandbox_people(), ids=lambda p: p.name)
def test_person_is_well_formed(person: SandboxPerson) -> None:
    number = person.id_number
    assert re.fullmatch(r"[0-9]{17}[0-9X]", number)
    assert id_check_char(number[:17]) == number[17]
    assert FUJIAN_AREAS.fullmatch(number[:6])
    born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    assert date(1950, 1, 1) <= born <= date(2005, 12, 31)
    assert person.sex == ("M" if int(number[16]) % 2 == 1 else "F")
    assert person.ethnicity in ethnic_codes()
    assert re.fullmatch(r"1[3-9][0-9]{9}", person.phone)
    assert re.fullmatch(r"[\u4e00-\u9fff]{2,4}", person.name)


def test_sms_magic_phones_belong_to_the_magic_people() -> None:
    phones = {p.name: p.phone for p in sandbox_people()}
    assert phones["王失败"].endswith("0000")
    assert phones["李超时"].endswith("9999")
    ordinary = [p for p in sandbox_people() if p.name not in {"王失败", "李超时"}]
    assert not any(p.phone.endswith(("0000", "9999")) for p in ordinary)


def test_some_id_numbers_end_in_x() -> None:
    assert any(p.id_number.endswith("X") for p in sandbox_people())


@pytest.mark.parametrize("company", sandbox_companies(), ids=lambda c: c.name)
def test_company_is_well_formed(company: SandboxCompany) -> None:
    code = company.credit_code
    assert re.fullmatch(r"[0-9ABCDEFGHJKLMNPQRTUWXY]{18}", code)
    assert credit_check_char(code[:17]) == code[17]
    assert org_check_char(code[8:16]) == code[16]
    assert FUJIAN_AREAS.fullmatch(code[2:8])
    assert re.fullmatch(r"[0-9]{15}", company.registration_number)
    assert (
        registration_check_digit(company.registration_number[:14])
        == company.registration_number[14]
    )
    assert company.name.endswith("有限公司")
    people = {p.id_number: p for p in sandbox_people()}
    representative = people[company.legal_representative_id_number]
    assert representative.name == company.legal_representative_name


def test_about_six_companies() -> None:
    companies = sandbox_companies()
    assert 5 <= len(companies) <= 8
    assert len({c.credit_code for c in companies}) == len(companies)
