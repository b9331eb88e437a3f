"""Casework's GraphQL: queries, mutations and the live-status subscription, one module per area."""

from __future__ import annotations

import strawberry

from casework.graphql.callcentre import CallCentreMutation, CallCentreQuery
from casework.graphql.cases import CaseMutation, CaseQuery
from casework.graphql.catalogue import CatalogueMutation, CatalogueQuery
from casework.graphql.feedback import FeedbackMutation, FeedbackQuery
from casework.graphql.live import CaseworkSubscription
from casework.graphql.supervision import SupervisionMutation, SupervisionQuery


@strawberry.type
class CaseworkQuery(CatalogueQuery, CaseQuery, SupervisionQuery, FeedbackQuery, CallCentreQuery):
    pass


@strawberry.type
class CaseworkMutation(
    CatalogueMutation, CaseMutation, SupervisionMutation, FeedbackMutation, CallCentreMutation
):
    pass


__all__ = ["CaseworkMutation", "CaseworkQuery", "CaseworkSubscription"]
