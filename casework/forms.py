"""Application forms and material slots of a service item version: their shape and checks.

An item version stores its form and its material slots as JSON (``form``, ``materials``);
this module is the one reader of that JSON. :func:`parse_form` / :func:`parse_materials`
refuse a malformed spec (used when a department admin saves a draft), and
:func:`check_answers` checks an applicant's answers against the form, listing every
problem at once so the PWA can mark each field.

Form field JSON::

    {"key": "reason", "label": "申请事由", "labelEn": "Reason", "type": "textarea",
     "required": true, "minLength": 2, "maxLength": 500, "pattern": null,
     "min": null, "max": null, "options": [{"value": "a", "label": "…", "labelEn": "…"}],
     "help": "", "helpEn": ""}

``min``/``max`` bound a number's value; on a date they are days from today (``"min": 0``:
not in the past), counted on China's calendar.

Material slot JSON::

    {"key": "photo", "name": "近期免冠照片", "nameEn": "Recent photo", "required": true,
     "acceptedTypes": ["image/jpeg", "image/png"], "maxFiles": 1, "maxBytes": 5242880,
     "licenseTypes": [], "note": "", "noteEn": ""}
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from casework.errors import FieldProblem, InvalidInput
from casework.numbers import shanghai_date
from core import clock
from identity.validators import InvalidIdentifier, parse_resident_id


class FieldType(StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    NUMBER = "number"
    DATE = "date"
    SELECT = "select"
    PHONE = "phone"
    ID_NUMBER = "id_number"
    BOOLEAN = "boolean"


#: File types the platform can recognise by their magic bytes (see casework.materials).
KNOWN_FILE_TYPES = frozenset({"image/jpeg", "image/png", "application/pdf"})
#: Hard ceiling on one material file, whatever an item says.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES_PER_SLOT = 10
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,47}$")
_PHONE = re.compile(r"^1[3-9]\d{9}$")
_MAX_TEXT = 2000


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str
    label_en: str


@dataclass(frozen=True, slots=True)
class FormField:
    key: str
    label: str
    label_en: str
    type: FieldType
    required: bool
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min: float | None = None
    max: float | None = None
    options: tuple[Option, ...] = ()
    help: str = ""
    help_en: str = ""


@dataclass(frozen=True, slots=True)
class MaterialSlot:
    key: str
    name: str
    name_en: str
    required: bool
    accepted_types: tuple[str, ...]
    max_files: int
    max_bytes: int
    license_types: tuple[str, ...] = ()
    note: str = ""
    note_en: str = ""


def _spec_field(where: str) -> str:
    """The input field at fault: ``form`` or ``materials`` (the message names the entry)."""
    return where.split("[", 1)[0]


def _text(raw: Mapping[str, Any], name: str, where: str, *, required: bool = True) -> str:
    value = raw.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise InvalidInput(
            _spec_field(where), "invalid_spec", f"{where}: '{name}' must be a non-empty text."
        )
    return value


def _optional_int(raw: Mapping[str, Any], name: str, where: str) -> int | None:
    value = raw.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput(
            _spec_field(where), "invalid_spec", f"{where}: '{name}' must be a whole number ≥ 0."
        )
    return value


def _optional_number(raw: Mapping[str, Any], name: str, where: str) -> float | None:
    value = raw.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInput(
            _spec_field(where), "invalid_spec", f"{where}: '{name}' must be a number."
        )
    return float(value)


def _key(raw: Mapping[str, Any], where: str, seen: set[str]) -> str:
    key = raw.get("key")
    if not isinstance(key, str) or not _KEY.match(key):
        raise InvalidInput(
            _spec_field(where), "invalid_spec", f"{where}: key must be snake_case letters."
        )
    if key in seen:
        raise InvalidInput(
            _spec_field(where), "invalid_spec", f"{where}: key '{key}' is used twice."
        )
    seen.add(key)
    return key


def parse_form(spec: Any) -> list[FormField]:
    """The form's fields, or :class:`InvalidInput` (field ``form``) naming what is wrong."""
    if not isinstance(spec, list):
        raise InvalidInput("form", "invalid_spec", "The form must be a list of fields.")
    fields: list[FormField] = []
    seen: set[str] = set()
    for index, raw in enumerate(spec):
        where = f"form[{index}]"
        if not isinstance(raw, Mapping):
            raise InvalidInput("form", "invalid_spec", f"{where} must be an object.")
        key = _key(raw, where, seen)
        try:
            kind = FieldType(str(raw.get("type")))
        except ValueError:
            raise InvalidInput("form", "invalid_spec", f"{where}: unknown type.") from None
        pattern = raw.get("pattern")
        if pattern is not None:
            if not isinstance(pattern, str):
                raise InvalidInput("form", "invalid_spec", f"{where}: pattern must be text.")
            try:
                re.compile(pattern)
            except re.error:
                raise InvalidInput("form", "invalid_spec", f"{where}: bad pattern.") from None
        options: list[Option] = []
        for raw_option in raw.get("options") or []:
            if not isinstance(raw_option, Mapping):
                raise InvalidInput("form", "invalid_spec", f"{where}: options must be objects.")
            options.append(
                Option(
                    value=_text(raw_option, "value", where),
                    label=_text(raw_option, "label", where),
                    label_en=_text(raw_option, "labelEn", where),
                )
            )
        if kind is FieldType.SELECT and not options:
            raise InvalidInput("form", "invalid_spec", f"{where}: a choice needs options.")
        fields.append(
            FormField(
                key=key,
                label=_text(raw, "label", where),
                label_en=_text(raw, "labelEn", where),
                type=kind,
                required=raw.get("required") is True,
                min_length=_optional_int(raw, "minLength", where),
                max_length=_optional_int(raw, "maxLength", where),
                pattern=pattern,
                min=_optional_number(raw, "min", where),
                max=_optional_number(raw, "max", where),
                options=tuple(options),
                help=_text(raw, "help", where, required=False),
                help_en=_text(raw, "helpEn", where, required=False),
            )
        )
    return fields


def parse_materials(spec: Any) -> list[MaterialSlot]:
    """The item's material slots, or :class:`InvalidInput` (field ``materials``)."""
    if not isinstance(spec, list):
        raise InvalidInput("materials", "invalid_spec", "Materials must be a list of slots.")
    slots: list[MaterialSlot] = []
    seen: set[str] = set()
    for index, raw in enumerate(spec):
        where = f"materials[{index}]"
        if not isinstance(raw, Mapping):
            raise InvalidInput("materials", "invalid_spec", f"{where} must be an object.")
        key = _key(raw, where, seen)
        accepted = raw.get("acceptedTypes") or []
        if not isinstance(accepted, list) or not accepted or not set(accepted) <= KNOWN_FILE_TYPES:
            raise InvalidInput(
                "materials",
                "invalid_spec",
                f"{where}: acceptedTypes must list some of {sorted(KNOWN_FILE_TYPES)}.",
            )
        max_files = _optional_int(raw, "maxFiles", where) or 1
        max_bytes = _optional_int(raw, "maxBytes", where) or 5 * 1024 * 1024
        if max_files > MAX_FILES_PER_SLOT or max_bytes > MAX_FILE_BYTES:
            raise InvalidInput("materials", "invalid_spec", f"{where}: limits too large.")
        license_types = raw.get("licenseTypes") or []
        if not isinstance(license_types, list) or not all(
            isinstance(t, str) for t in license_types
        ):
            raise InvalidInput("materials", "invalid_spec", f"{where}: bad licenseTypes.")
        slots.append(
            MaterialSlot(
                key=key,
                name=_text(raw, "name", where),
                name_en=_text(raw, "nameEn", where),
                required=raw.get("required") is True,
                accepted_types=tuple(accepted),
                max_files=max_files,
                max_bytes=max_bytes,
                license_types=tuple(license_types),
                note=_text(raw, "note", where, required=False),
                note_en=_text(raw, "noteEn", where, required=False),
            )
        )
    return slots


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _check_one(field: FormField, value: Any) -> FieldProblem | None:
    def problem(reason: str, message: str) -> FieldProblem:
        return FieldProblem(field.key, reason, message)

    if field.type is FieldType.BOOLEAN:
        if not isinstance(value, bool):
            return problem("type", "Choose yes or no.")
        if field.required and value is not True:
            return problem("required", "This must be confirmed.")
        return None
    if field.type is FieldType.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return problem("type", "Enter a number.")
        if field.min is not None and value < field.min:
            return problem("min", f"Must be at least {field.min:g}.")
        if field.max is not None and value > field.max:
            return problem("max", f"Must be at most {field.max:g}.")
        return None
    if not isinstance(value, str):
        return problem("type", "Enter text.")
    text = value.strip()
    if len(text) > _MAX_TEXT:
        return problem("too_long", f"At most {_MAX_TEXT} characters.")
    if field.type is FieldType.DATE:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return problem("type", "Enter a date as YYYY-MM-DD.")
        # A date's min/max are days from today (0: not in the past), so an item's
        # spec stays true as time passes (an appointment date must lie ahead).
        offset = (day - shanghai_date(clock.now())).days
        if field.min is not None and offset < field.min:
            return problem("min", "The date is too early.")
        if field.max is not None and offset > field.max:
            return problem("max", "The date is too late.")
        return None
    if field.type is FieldType.SELECT:
        if text not in {o.value for o in field.options}:
            return problem("not_an_option", "Choose one of the options.")
        return None
    if field.type is FieldType.PHONE and not _PHONE.match(text):
        return problem("pattern", "Enter an 11-digit mainland mobile number.")
    if field.type is FieldType.ID_NUMBER:
        try:
            parse_resident_id(text, today=shanghai_date(clock.now()))
        except InvalidIdentifier as exc:
            return problem(exc.reason, "Enter a valid 18-character ID number.")
    if field.min_length is not None and len(text) < field.min_length:
        return problem("too_short", f"At least {field.min_length} characters.")
    if field.max_length is not None and len(text) > field.max_length:
        return problem("too_long", f"At most {field.max_length} characters.")
    if field.pattern is not None and not re.fullmatch(field.pattern, text):
        return problem("pattern", "The format is not right.")
    return None


def check_answers(fields: Sequence[FormField], answers: Any) -> list[FieldProblem]:
    """Every problem of ``answers`` against ``fields`` (empty when all is well).

    Unknown keys are problems too (``unknown_field``), so nothing unchecked is stored.
    """
    if not isinstance(answers, Mapping):
        return [FieldProblem("", "type", "The answers must be an object of field values.")]
    problems: list[FieldProblem] = []
    known = {f.key for f in fields}
    problems.extend(
        FieldProblem(str(key), "unknown_field", "This form has no such field.")
        for key in answers
        if key not in known
    )
    for field in fields:
        value = answers.get(field.key)
        if _is_blank(value) or (field.type is FieldType.BOOLEAN and value is False):
            if field.required:
                problems.append(FieldProblem(field.key, "required", "This is required."))
            continue
        found = _check_one(field, value)
        if found is not None:
            problems.append(found)
    return problems


def normalised_answers(fields: Sequence[FormField], answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as stored: known keys only, texts trimmed, blanks dropped."""
    stored: dict[str, Any] = {}
    for field in fields:
        value = answers.get(field.key)
        if _is_blank(value):
            continue
        if isinstance(value, str):
            value = value.strip()
            if field.type is FieldType.ID_NUMBER:
                value = value.upper()  # the check character x is stored as X
        stored[field.key] = value
    return stored
