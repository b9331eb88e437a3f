"""Form answers at rest: phone and ID-number answers are sealed, everything else is kept.

An application form may ask for identifiers (a guardian's ID number, a contact phone).
Like identity's own columns, they are stored encrypted with core field encryption, bound
to a context per kind, and opened only to be checked or shown — masked to readers outside
the case's department (see casework.graphql.case_types).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from casework.forms import FieldType, FormField
from core.crypto import KeyMaterial

#: Encryption context per identifier kind: a sealed answer opens only as its own kind.
CONTEXTS = {
    FieldType.PHONE: "casework.answer.phone",
    FieldType.ID_NUMBER: "casework.answer.id_number",
}


def _contexts(fields: Sequence[FormField]) -> dict[str, str]:
    return {f.key: CONTEXTS[f.type] for f in fields if f.type in CONTEXTS}


def seal_answers(
    keys: KeyMaterial, fields: Sequence[FormField], answers: Mapping[str, Any]
) -> dict[str, Any]:
    """The answers as stored: identifier answers encrypted."""
    contexts = _contexts(fields)
    return {
        key: keys.field_cipher.encrypt(str(value), contexts[key]) if key in contexts else value
        for key, value in answers.items()
    }


def open_answers(
    keys: KeyMaterial, fields: Sequence[FormField], stored: Mapping[str, Any]
) -> dict[str, Any]:
    """The answers as given: identifier answers decrypted."""
    contexts = _contexts(fields)
    return {
        key: keys.field_cipher.decrypt(str(value), contexts[key]) if key in contexts else value
        for key, value in stored.items()
    }
