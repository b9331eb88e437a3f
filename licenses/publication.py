"""What the license domain publishes for verifiers: Bitstring Status List credentials.

Built from the license rows on each request (one index-range scan of a block), so a
status change is in the next download; the seals' keys come from licenses.seals. The
secured form (VC-JOSE: a compact JWS whose payload is the credential) is signed with the
platform's key, published at ``/.well-known/jwks.json``, so a list saved for an offline
check proves where it came from.
"""

from __future__ import annotations

from typing import Any

from core import clock
from core.crypto import canonical_json
from licenses import jws, status_list
from licenses.runtime import LicenseRuntime
from licenses.tables import License

__all__ = ["signed_status_list", "status_list_credential"]

_STATUS_OF = {"revocation": "revoked", "suspension": "suspended"}


async def status_list_credential(
    runtime: LicenseRuntime, purpose: str, number: int
) -> dict[str, Any] | None:
    """The W3C BitstringStatusListCredential of one block, or None if there is no such list."""
    if purpose not in _STATUS_OF or number < 0:
        return None
    low = number * status_list.LIST_BITS
    rows = await License.raw(
        "SELECT status_index FROM license WHERE status = {} "
        "AND status_index >= {} AND status_index < {}",
        _STATUS_OF[purpose],
        low,
        low + status_list.LIST_BITS,
    )
    url = runtime.status_list_url(purpose, number)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": runtime.base_url,
        "validFrom": clock.now().isoformat().replace("+00:00", "Z"),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": status_list.encode(int(row["status_index"]) - low for row in rows),
        },
    }


async def signed_status_list(runtime: LicenseRuntime, purpose: str, number: int) -> str | None:
    """The credential as a compact JWS signed with the platform key, or None."""
    document = await status_list_credential(runtime, purpose, number)
    if document is None:
        return None
    return jws.sign_with_ring(canonical_json(document), runtime.keys.signing)
