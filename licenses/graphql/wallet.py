"""GraphQL of licenses: the holder's wallet and sharing, staff status changes, seals,
and zero-materials; thin over the service modules."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

import strawberry

from casework.catalogue import require_item_admin
from casework.graphql.case_types import CaseMaterial
from core import clock
from core.audit import service as audit
from core.graphql.context import Ctx
from identity import authz
from licenses import access, lifecycle, materials, seals, sharing
from licenses.errors import NotFound
from licenses.graphql.common import Failure, attempt
from licenses.graphql.types import (
    License,
    LicenseAccess,
    LicenseConsent,
    LicenseDownload,
    LicenseType,
    Seal,
    SharedLicense,
    SharedLicenseGrant,
)
from licenses.runtime import LicenseRuntime
from licenses.states import LicenseAction
from licenses.types import all_types


def _runtime(info: Ctx) -> LicenseRuntime:
    return info.context.resource(LicenseRuntime)


@strawberry.input
class ShareLicenseInput:
    license_id: strawberry.ID
    department_code: str | None = strawberry.field(
        default=None, description="Exactly one of departmentCode / serviceItemCode."
    )
    service_item_code: str | None = None
    purpose: str = strawberry.field(description="4-200 characters.")
    expires_at: datetime = strawberry.field(description="In the future, within the maximum.")


DownloadLicenseResult = Annotated[
    LicenseDownload | Failure, strawberry.union("DownloadLicenseResult")
]
ShareLicenseResult = Annotated[LicenseConsent | Failure, strawberry.union("ShareLicenseResult")]
WithdrawConsentResult = Annotated[
    LicenseConsent | Failure, strawberry.union("WithdrawConsentResult")
]
ReadSharedLicenseResult = Annotated[
    SharedLicense | Failure, strawberry.union("ReadSharedLicenseResult")
]
ChangeLicenseStatusResult = Annotated[
    License | Failure, strawberry.union("ChangeLicenseStatusResult")
]
SealResult = Annotated[Seal | Failure, strawberry.union("SealResult")]
UseLicenseMaterialResult = Annotated[
    CaseMaterial | Failure, strawberry.union("UseLicenseMaterialResult")
]


@strawberry.type
class LicensesQuery:
    @strawberry.field(description="Every license type (public).")
    async def license_types(self) -> list[LicenseType]:
        return [LicenseType.of(row) for row in await all_types()]

    @strawberry.field(
        description="The signed-in person's licenses, or while acting for an enterprise the "
        "enterprise's (types within the viewer's authority), newest first."
    )
    async def my_licenses(self, info: Ctx) -> list[License]:
        held = await access.holder_licenses(info.context.viewer)
        return [License.of(record, holder_view=True) for record in held]

    @strawberry.field(
        description="One license: its holder's, or the issuing department's staff; null for "
        "anyone else, exactly as for a missing id."
    )
    async def license(self, info: Ctx, id: strawberry.ID) -> License | None:
        viewer = info.context.viewer
        record = await access.readable_license(viewer, str(id))
        if record is None:
            return None
        return License.of(record, holder_view=await access.is_holder(viewer, record))

    @strawberry.field(description="The consents given for one of your licenses, newest first.")
    async def license_consents(self, info: Ctx, license_id: strawberry.ID) -> list[LicenseConsent]:
        try:
            rows = await sharing.consents_of(info.context.viewer, str(license_id))
        except NotFound:
            return []
        return [LicenseConsent.of(row) for row in rows]

    @strawberry.field(description="Who read one of your licenses (or was refused), newest first.")
    async def license_access_log(self, info: Ctx, license_id: strawberry.ID) -> list[LicenseAccess]:
        try:
            rows = await sharing.access_log(info.context.viewer, str(license_id))
        except NotFound:
            return []
        return [LicenseAccess.of(row) for row in rows]

    @strawberry.field(
        description="Staff: licenses your department issued, by identifier or case number, "
        "or the latest 50."
    )
    async def department_licenses(self, info: Ctx, query: str | None = None) -> list[License]:
        found = await access.department_licenses(info.context.viewer, query)
        return [License.of(record, holder_view=False) for record in found]

    @strawberry.field(
        description="Staff: the consents in force for your department (directly or through "
        "its service items), newest first, at most 100; listing is not a read and is not logged."
    )
    async def licenses_shared_with_my_department(self, info: Ctx) -> list[SharedLicenseGrant]:
        viewer = info.context.viewer
        authz.require_staff(viewer)
        if viewer.department is None:
            return []
        grants = await sharing.shared_with_department(viewer.department)
        return [SharedLicenseGrant.of(grant) for grant in grants]

    @strawberry.field(description="A department's seals, newest first (its admins only).")
    async def seals(self, info: Ctx, department_code: str) -> list[Seal]:
        require_item_admin(info.context.viewer, department_code)
        return [Seal.of(row) for row in await seals.list_seals(department_code)]

    @strawberry.field(
        description="Your valid licenses that can fill a material slot of your application."
    )
    async def usable_licenses(self, info: Ctx, case_id: strawberry.ID, slot: str) -> list[License]:
        found = await materials.usable_licenses(info.context.viewer, str(case_id), slot)
        return [License.of(record, holder_view=True) for record in found]


async def _change(
    info: Ctx, license_id: strawberry.ID, action: LicenseAction, reason: str
) -> License | Failure:
    async def run() -> License:
        record = await lifecycle.change_status(info.context.viewer, str(license_id), action, reason)
        return License.of(record, holder_view=False)

    return await attempt(run())


@strawberry.type
class LicensesMutation:
    @strawberry.mutation(description="A download link for your license's PDF (at most 300 s).")
    async def download_license(self, info: Ctx, license_id: strawberry.ID) -> DownloadLicenseResult:
        runtime = _runtime(info)
        viewer = info.context.viewer

        async def run() -> LicenseDownload:
            record = await access.holder_license(viewer, str(license_id))
            # The expiry shown is the link's own: the store's cap may be lower than ours, and
            # stores sign whole seconds, so it is never later than the link really dies.
            seconds = runtime.store.capped_lifetime(runtime.settings.licenses.download_seconds)
            signed_at = clock.now().replace(microsecond=0)
            url = await runtime.store.presigned_get_url(record.pdf_key, seconds)
            await audit.record(
                actor=viewer.subject or "",
                action="licenses.downloaded",
                subject_type="license",
                subject_id=str(record.id),
            )
            return LicenseDownload(url=url, expires_at=signed_at + timedelta(seconds=seconds))

        return await attempt(run())

    @strawberry.mutation(description="Consent to a department or service item reading a license.")
    async def share_license(self, info: Ctx, input: ShareLicenseInput) -> ShareLicenseResult:
        max_days = _runtime(info).settings.licenses.consent_max_days

        async def run() -> LicenseConsent:
            row = await sharing.share(
                info.context.viewer,
                str(input.license_id),
                department_code=input.department_code,
                service_item_code=input.service_item_code,
                purpose=input.purpose,
                expires_at=input.expires_at,
                max_days=max_days,
            )
            return LicenseConsent.of(row)

        return await attempt(run())

    @strawberry.mutation(description="Withdraw a consent you gave; reads stop at once.")
    async def withdraw_license_consent(
        self, info: Ctx, consent_id: strawberry.ID
    ) -> WithdrawConsentResult:
        async def run() -> LicenseConsent:
            return LicenseConsent.of(await sharing.withdraw(info.context.viewer, str(consent_id)))

        return await attempt(run())

    @strawberry.mutation(
        description="Staff: read a license shared with your department; logged (and shown to "
        "the holder) whether granted or refused."
    )
    async def read_shared_license(
        self, info: Ctx, license_id: strawberry.ID, purpose: str
    ) -> ReadSharedLicenseResult:
        async def run() -> SharedLicense:
            record, consent = await sharing.read_shared(
                info.context.viewer, str(license_id), purpose
            )
            return SharedLicense(
                license=License.of(record, holder_view=False), consent=LicenseConsent.of(consent)
            )

        return await attempt(run())

    @strawberry.mutation(description="Issuing department: suspend a valid license (reversible).")
    async def suspend_license(
        self, info: Ctx, license_id: strawberry.ID, reason: str
    ) -> ChangeLicenseStatusResult:
        return await _change(info, license_id, LicenseAction.SUSPEND, reason)

    @strawberry.mutation(description="Issuing department: reinstate a suspended license.")
    async def reinstate_license(
        self, info: Ctx, license_id: strawberry.ID, reason: str
    ) -> ChangeLicenseStatusResult:
        return await _change(info, license_id, LicenseAction.REINSTATE, reason)

    @strawberry.mutation(description="Issuing department: revoke a license (final).")
    async def revoke_license(
        self, info: Ctx, license_id: strawberry.ID, reason: str
    ) -> ChangeLicenseStatusResult:
        return await _change(info, license_id, LicenseAction.REVOKE, reason)

    @strawberry.mutation(description="Department admin: the department's first seal.")
    async def create_seal(self, info: Ctx, department_code: str) -> SealResult:
        actor = require_item_admin(info.context.viewer, department_code)
        runtime = _runtime(info)

        async def run() -> Seal:
            row = await seals.create_seal(
                runtime.keys, runtime.store, department_code=department_code, actor=actor
            )
            return Seal.of(row)

        return await attempt(run())

    @strawberry.mutation(
        description="Department admin: a new seal signs from now; old ones keep verifying."
    )
    async def rotate_seal(self, info: Ctx, department_code: str) -> SealResult:
        actor = require_item_admin(info.context.viewer, department_code)
        runtime = _runtime(info)

        async def run() -> Seal:
            row = await seals.rotate_seal(
                runtime.keys, runtime.store, department_code=department_code, actor=actor
            )
            return Seal.of(row)

        return await attempt(run())

    @strawberry.mutation(
        description="Fill a material slot of your draft (or correction) with one of your "
        "valid e-licenses instead of uploading; consents to the service item reading it."
    )
    async def use_license_for_material(
        self, info: Ctx, case_id: strawberry.ID, slot: str, license_id: strawberry.ID
    ) -> UseLicenseMaterialResult:
        runtime = _runtime(info)

        async def run() -> CaseMaterial:
            row = await materials.use_license_for_material(
                runtime, info.context.viewer, str(case_id), slot, str(license_id)
            )
            return CaseMaterial.of(row, downloadable=False)

        return await attempt(run())
