"""The ethnic groups of GB 3304 (民族), as the registry and the registration form use them."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

_DATA = Path(__file__).parent / "data" / "ethnic_groups.csv"


@dataclass(frozen=True, slots=True)
class EthnicGroup:
    code: str
    name_zh: str
    name_en: str


@functools.cache
def ethnic_groups() -> tuple[EthnicGroup, ...]:
    with _DATA.open(encoding="utf-8", newline="") as handle:
        return tuple(
            EthnicGroup(row["code"], row["name_zh"], row["name_en"])
            for row in csv.DictReader(handle)
        )


def is_ethnic_group(code: str) -> bool:
    return any(group.code == code for group in ethnic_groups())
