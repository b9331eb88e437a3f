"""Casework GraphQL: feedback (being built)."""

from __future__ import annotations

import strawberry


@strawberry.type
class FeedbackQuery:
    pass


@strawberry.type
class FeedbackMutation:
    pass
