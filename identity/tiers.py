"""Identity assurance tiers (anonymous → basic → intermediate → advanced) and their acr values.

Tiers are ordered; ``acr`` values name them in tokens and step-up errors (OIDC ``acr``).
Advanced is never held: it is a fresh face check bound to one transaction.
"""

from __future__ import annotations

from enum import StrEnum


class Tier(StrEnum):
    ANONYMOUS = "anonymous"
    BASIC = "basic"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def acr(self) -> str:
        return f"urn:onetap:acr:{self.value}"

    def at_least(self, other: Tier) -> bool:
        return self.rank >= other.rank


_RANK = {Tier.ANONYMOUS: 0, Tier.BASIC: 1, Tier.INTERMEDIATE: 2, Tier.ADVANCED: 3}


def parse_tier(value: str | None) -> Tier:
    """A stored or claimed tier; anything unknown counts as anonymous, never higher."""
    try:
        return Tier(value or "anonymous")
    except ValueError:
        return Tier.ANONYMOUS
