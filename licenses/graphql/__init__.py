"""Licenses' GraphQL: the wallet, sharing, staff status changes, seals, zero materials."""

from __future__ import annotations

from licenses.graphql.wallet import LicensesMutation, LicensesQuery

__all__ = ["LicensesMutation", "LicensesQuery"]
