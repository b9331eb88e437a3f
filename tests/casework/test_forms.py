"""casework.forms: reading form and material specs, and checking an applicant's answers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from casework.errors import FieldProblem, InvalidInput
from casework.forms import (
    MAX_FILE_BYTES,
    FieldType,
    FormField,
    Option,
    check_answers,
    normalised_answers,
    parse_form,
    parse_materials,
)
from core import clock
from identity.validators import resident_id_check_char

# --- parse_form ------------------------------------------------------------------------------


def field(**changes: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {"key": "name", "label": "姓名", "labelEn": "Name", "type": "text"}
    spec.update(changes)
    return spec


def form_refusal(spec: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as raised:
        parse_form(spec)
    assert raised.value.reason == "invalid_spec"
    return raised.value


def test_a_full_field_is_read() -> None:
    (parsed,) = parse_form(
        [
            {
                "key": "purpose",
                "label": "事由",
                "labelEn": "Purpose",
                "type": "select",
                "required": True,
                "minLength": 1,
                "maxLength": 10,
                "pattern": "[a-z]+",
                "min": 1,
                "max": 2.5,
                "options": [{"value": "a", "label": "甲", "labelEn": "A"}],
                "help": "帮助",
                "helpEn": "Help",
            }
        ]
    )
    assert parsed == FormField(
        key="purpose",
        label="事由",
        label_en="Purpose",
        type=FieldType.SELECT,
        required=True,
        min_length=1,
        max_length=10,
        pattern="[a-z]+",
        min=1.0,
        max=2.5,
        options=(Option("a", "甲", "A"),),
        help="帮助",
        help_en="Help",
    )


def test_optional_parts_default() -> None:
    (parsed,) = parse_form([field(help=None)])
    assert parsed.required is False
    assert (parsed.min_length, parsed.max_length, parsed.pattern, parsed.min) == (
        None,
        None,
        None,
        None,
    )
    assert parsed.options == () and parsed.help == "" and parsed.help_en == ""
    assert parse_form([]) == []


def test_every_field_type_is_known() -> None:
    kinds = [k.value for k in FieldType]
    assert kinds == [
        "text",
        "textarea",
        "number",
        "date",
        "select",
        "phone",
        "id_number",
        "boolean",
    ]
    for kind in kinds:
        extra = (
            {"options": [{"value": "x", "label": "X", "labelEn": "X"}]} if kind == "select" else {}
        )
        (parsed,) = parse_form([field(type=kind, **extra)])
        assert parsed.type is FieldType(kind)


def test_the_form_must_be_a_list_of_objects() -> None:
    assert form_refusal({"key": "x"}).field == "form"
    assert form_refusal(None).field == "form"
    assert form_refusal(["text"]).field == "form"


@pytest.mark.parametrize("key", [None, "", "Name", "1st", "with-dash", "名字", "a" * 49, 7])
def test_keys_are_snake_case(key: Any) -> None:
    form_refusal([field(key=key)])


def test_keys_are_unique() -> None:
    refusal = form_refusal([field(), field(label="别名")])
    assert "twice" in refusal.message


def test_unknown_types_are_refused() -> None:
    form_refusal([field(type="file")])
    form_refusal([field(type=None)])


def test_patterns_must_be_valid_regular_expressions() -> None:
    form_refusal([field(pattern=5)])
    form_refusal([field(pattern="([a-z]")])


def test_select_needs_well_formed_options() -> None:
    form_refusal([field(type="select")])
    form_refusal([field(type="select", options=["a"])])
    form_refusal([field(type="select", options=[{"value": "a", "label": "甲"}])])
    form_refusal([field(type="select", options=[{"value": "", "label": "甲", "labelEn": "A"}])])


@pytest.mark.parametrize("missing", ["label", "labelEn"])
def test_labels_are_required_in_both_languages(missing: str) -> None:
    form_refusal([field(**{missing: "  "})])
    spec = field()
    del spec[missing]
    form_refusal([spec])


@pytest.mark.parametrize(
    "changes",
    [
        {"minLength": -1},
        {"maxLength": 2.5},
        {"maxLength": True},
        {"minLength": "3"},
        {"min": "1"},
        {"max": False},
        {"help": 3},
    ],
)
def test_limits_must_be_numbers(changes: dict[str, Any]) -> None:
    form_refusal([field(**changes)])


# --- parse_materials -----------------------------------------------------------------------


def slot(**changes: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "key": "photo",
        "name": "照片",
        "nameEn": "Photo",
        "acceptedTypes": ["image/jpeg"],
    }
    spec.update(changes)
    return spec


def slots_refusal(spec: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as raised:
        parse_materials(spec)
    assert raised.value.reason == "invalid_spec"
    return raised.value


def test_a_slot_is_read_with_defaults() -> None:
    (parsed,) = parse_materials([slot()])
    assert parsed.key == "photo" and parsed.required is False
    assert parsed.accepted_types == ("image/jpeg",)
    assert (parsed.max_files, parsed.max_bytes) == (1, 5 * 1024 * 1024)
    assert parsed.license_types == () and parsed.note == "" and parsed.note_en == ""
    (full,) = parse_materials(
        [
            slot(
                required=True,
                acceptedTypes=["application/pdf", "image/png"],
                maxFiles=3,
                maxBytes=MAX_FILE_BYTES,
                licenseTypes=["resident-id-card"],
                note="注",
                noteEn="Note",
            )
        ]
    )
    assert full.required and full.max_files == 3 and full.max_bytes == MAX_FILE_BYTES
    assert full.accepted_types == ("application/pdf", "image/png")
    assert full.license_types == ("resident-id-card",)


def test_materials_must_be_a_list_of_objects() -> None:
    assert slots_refusal({"key": "photo"}).field == "materials"
    slots_refusal(["photo"])


@pytest.mark.parametrize(
    "accepted", [[], None, "image/jpeg", ["image/gif"], ["image/jpeg", "text/html"]]
)
def test_accepted_types_are_known_file_types(accepted: Any) -> None:
    slots_refusal([slot(acceptedTypes=accepted)])


def test_limits_have_ceilings() -> None:
    slots_refusal([slot(maxFiles=11)])
    slots_refusal([slot(maxBytes=MAX_FILE_BYTES + 1)])
    slots_refusal([slot(maxFiles=-1)])


def test_license_types_are_texts() -> None:
    slots_refusal([slot(licenseTypes="resident-id-card")])
    slots_refusal([slot(licenseTypes=[1])])


def test_slot_keys_and_names() -> None:
    slots_refusal([slot(), slot()])
    slots_refusal([slot(key="Photo")])
    slots_refusal([slot(name="")])
    slots_refusal([slot(nameEn=None)])


# --- check_answers --------------------------------------------------------------------------


def one(kind: str, *, required: bool = True, **changes: Any) -> list[FormField]:
    extra: dict[str, Any] = {}
    if kind == "select":
        extra["options"] = [
            {"value": "work", "label": "就业", "labelEn": "Work"},
            {"value": "study", "label": "就学", "labelEn": "Study"},
        ]
    return parse_form([field(key="answer", type=kind, required=required, **extra, **changes)])


def reasons(fields: list[FormField], answers: Any) -> list[tuple[str, str]]:
    return [(p.field, p.reason) for p in check_answers(fields, answers)]


def reason(fields: list[FormField], value: Any) -> str | None:
    found = reasons(fields, {"answer": value})
    assert len(found) <= 1
    return found[0][1] if found else None


def valid_id_number(birth: str = "19900307", sequence: str = "123") -> str:
    body = "350102" + birth + sequence
    return body + resident_id_check_char(body)


def test_answers_must_be_an_object() -> None:
    assert check_answers(one("text"), ["a"]) == [
        FieldProblem("", "type", "The answers must be an object of field values.")
    ]
    assert reasons(one("text"), None) == [("", "type")]


def test_unknown_fields_are_problems() -> None:
    assert reasons(one("text"), {"answer": "好的", "extra": 1}) == [("extra", "unknown_field")]


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_a_required_answer_must_be_there(blank: Any) -> None:
    assert reason(one("text"), blank) == "required"
    assert reasons(one("text"), {}) == [("answer", "required")]
    assert reason(one("text", required=False), blank) is None
    assert reasons(one("number", required=False), {}) == []


def test_text_checks() -> None:
    fields = one("text", minLength=2, maxLength=5)
    assert reason(fields, "好的") is None
    assert reason(fields, " 好 ") == "too_short"  # trimmed first
    assert reason(fields, "一二三四五六") == "too_long"
    assert reason(fields, 12) == "type"
    assert reason(one("text"), "长" * 2001) == "too_long"  # the platform's own ceiling


def test_patterns_match_the_whole_answer() -> None:
    fields = one("text", pattern="[0-9]{12}")
    assert reason(fields, "123456789012") is None
    assert reason(fields, "1234567890123") == "pattern"
    assert reason(fields, "x123456789012") == "pattern"


def test_textarea_checks_like_text() -> None:
    fields = one("textarea", minLength=10)
    assert reason(fields, "太短了") == "too_short"
    assert reason(fields, "这段说明足够长，超过了十个字。") is None


def test_number_checks() -> None:
    fields = one("number", min=1, max=5)
    assert reason(fields, 3) is None
    assert reason(fields, 2.5) is None
    assert reason(fields, 0) == "min"  # zero is an answer, not a blank
    assert reason(fields, 6) == "max"
    assert reason(fields, "3") == "type"
    assert reason(fields, True) == "type"


def test_date_checks() -> None:
    fields = one("date")
    assert reason(fields, "2026-11-23") is None
    assert reason(fields, "2026-02-30") == "type"
    assert reason(fields, "23/11/2026") == "type"
    assert reason(fields, 20261123) == "type"


def test_select_checks() -> None:
    fields = one("select")
    assert reason(fields, "work") is None
    assert reason(fields, "就业") == "not_an_option"  # the value, not the label
    assert reason(fields, "play") == "not_an_option"


def test_phone_checks() -> None:
    fields = one("phone")
    assert reason(fields, "13800138000") is None
    assert reason(fields, " 13800138000 ") is None
    assert reason(fields, "12800138000") == "pattern"
    assert reason(fields, "1380013800") == "pattern"
    assert reason(fields, "+8613800138000") == "pattern"


def test_id_numbers_are_checked_with_their_checksum() -> None:
    fields = one("id_number")
    good = valid_id_number()
    assert reason(fields, good) is None
    last = good[-1]
    wrong = good[:-1] + ("0" if last != "0" else "1")
    assert reason(fields, wrong) == "checksum"
    assert reason(fields, good[:-1]) == "format"
    assert reason(fields, "350102199002301234") == "birth_date"
    with clock.frozen_at(clock.now().replace(year=2026, month=11, day=23)):
        born_later = valid_id_number(birth="20270101")
        assert reason(fields, born_later) == "birth_date"
    # A lower-case check character x is the same number.
    x_number = next(
        n for n in (valid_id_number(sequence=f"{s:03d}") for s in range(1000)) if n.endswith("X")
    )
    assert reason(fields, x_number.lower()) is None


def test_booleans_must_be_booleans_and_required_ones_true() -> None:
    required = one("boolean")
    assert reason(required, True) is None
    assert reason(required, False) == "required"
    assert reason(required, "yes") == "type"
    assert reason(required, 1) == "type"
    optional = one("boolean", required=False)
    assert reason(optional, False) is None
    assert reason(optional, True) is None
    assert reason(optional, "no") == "type"


def test_every_problem_is_listed_at_once() -> None:
    fields = parse_form(
        [
            field(key="name", required=True),
            field(key="phone", type="phone", required=True),
            field(key="copies", type="number", required=False, max=3),
            field(key="agree", type="boolean", required=True),
        ]
    )
    found = reasons(fields, {"phone": "123", "copies": 9, "agree": False, "x": 1})
    assert sorted(found) == sorted(
        [
            ("x", "unknown_field"),
            ("name", "required"),
            ("phone", "pattern"),
            ("copies", "max"),
            ("agree", "required"),
        ]
    )


def test_normalised_answers_keep_known_non_blank_values_trimmed() -> None:
    fields = parse_form(
        [
            field(key="name"),
            field(key="note", type="textarea"),
            field(key="copies", type="number"),
            field(key="agree", type="boolean"),
        ]
    )
    stored = normalised_answers(
        fields, {"name": "  陈明辉 ", "note": "  ", "copies": 0, "agree": False, "extra": "x"}
    )
    assert stored == {"name": "陈明辉", "copies": 0, "agree": False}


def test_a_date_is_bounded_in_days_from_today() -> None:
    (field,) = parse_form(
        [
            {
                "key": "day",
                "label": "预约日期",
                "labelEn": "Date",
                "type": "date",
                "required": True,
                "min": 1,
                "max": 30,
            }
        ]
    )
    with clock.frozen_at(datetime(2026, 11, 23, 2, 0, tzinfo=UTC)):
        assert check_answers([field], {"day": "2026-11-24"}) == []
        assert [p.reason for p in check_answers([field], {"day": "2026-11-23"})] == ["min"]
        assert [p.reason for p in check_answers([field], {"day": "2026-12-24"})] == ["max"]


def test_required_must_be_true_and_id_numbers_are_stored_upper_case() -> None:
    fields = parse_form(
        [
            {
                "key": "note",
                "label": "备注",
                "labelEn": "Note",
                "type": "text",
                "required": "false",
            },
            {"key": "id", "label": "身份证号", "labelEn": "ID", "type": "id_number"},
        ]
    )
    assert fields[0].required is False
    assert normalised_answers(fields, {"id": " 11010519491231002x "}) == {
        "id": "11010519491231002X"
    }
