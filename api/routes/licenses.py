"""Public e-license endpoints: the verify page behind the QR code, the seals' public keys
and the Bitstring Status Lists. No login: anyone holding a license (or a photo of its QR
code) must be able to check it, and nothing here shows more than the license's minimal
facts with the holder masked.
"""

from __future__ import annotations

import html
from typing import Any

from litestar import Request, Response, get
from litestar.params import FromPath

from casework.numbers import SHANGHAI, shanghai_date
from core import clock
from licenses import records, seals
from licenses.offline import Outcome
from licenses.publication import signed_status_list, status_list_credential
from licenses.runtime import LicenseRuntime
from licenses.verification import verify_record

__all__ = ["license_keys", "status_list_endpoint", "verify_page"]

#: What each verdict is called, and its colour on the page.
_WORDS: dict[str, tuple[str, str, str]] = {
    Outcome.VALID: ("有效", "Valid", "#1a7f37"),
    Outcome.SUSPENDED: ("已暂停", "Suspended", "#9a6700"),
    Outcome.REVOKED: ("已撤销", "Revoked", "#cf222e"),
    Outcome.EXPIRED: ("已过期", "Expired", "#6e7781"),
    Outcome.NOT_YET_VALID: ("尚未生效", "Not yet valid", "#9a6700"),
    Outcome.INVALID: ("无效（验签失败）", "Invalid (failed verification)", "#cf222e"),
}
_LABELS = {
    "title": ("电子证照核验", "E-license verification"),
    "type": ("证照名称", "License"),
    "identifier": ("证照编号", "Identifier"),
    "holder": ("持证主体", "Holder"),
    "issuer": ("发证机关", "Issued by"),
    "valid": ("有效期", "Valid"),
    "long_term": ("长期", "long-term"),
    "checked": ("核验时间", "Checked at"),
    "zone": ("北京时间", "China time (UTC+8)"),
    "missing": ("未找到该证照，请核对二维码。", "No license has this code; check the QR code."),
    "switch": ("English", "中文"),
}
_CODE_CHARS = frozenset("abcdefghjkmnpqrstuvwxyz23456789")


def _english(request: Request[Any, Any, Any]) -> bool:
    lang = request.query_params.get("lang")
    if isinstance(lang, str):
        return lang.lower().startswith("en")
    return str(request.headers.get("accept-language", "")).lower().startswith("en")


def _page(title: str, body: str, *, english: bool, status: int = 200) -> Response[str]:
    document = f"""<!doctype html>
<html lang="{"en" if english else "zh-CN"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{html.escape(title)}</title>
<style>
body{{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;
background:#f6f8fa;color:#1f2328;font-size:17px;line-height:1.5}}
main{{max-width:34rem;margin:0 auto;padding:1rem}}
h1{{font-size:1.3rem;margin:.5rem 0 1rem}}
.verdict{{color:#fff;border-radius:.6rem;padding:1rem;font-size:1.5rem;font-weight:700;
text-align:center}}
dl{{background:#fff;border-radius:.6rem;padding:1rem;margin:1rem 0}}
dt{{color:#57606a;font-size:.9rem}} dd{{margin:0 0 .7rem;word-break:break-all}}
a{{color:#0969da}}
</style></head><body><main>{body}</main></body></html>"""
    return Response(
        document,
        status_code=status,
        media_type="text/html; charset=utf-8",
        # The status must be live: a revocation shows on the next scan.
        headers={"Cache-Control": "no-store"},
    )


@get("/v/{code:str}", include_in_schema=False)
async def verify_page(request: Request[Any, Any, Any], code: FromPath[str]) -> Response[str]:
    """The page a license's QR code opens: its verdict now and its minimal facts."""
    english = _english(request)
    pick = 1 if english else 0
    title = _LABELS["title"][pick]
    switch = f'<p><a href="?lang={"zh" if english else "en"}">{_LABELS["switch"][pick]}</a></p>'
    record = None
    if len(code) == 10 and set(code) <= _CODE_CHARS:
        record = await records.by_short_code(code)
    if record is None:
        body = f'<h1>{title}</h1><p data-testid="verify-missing">{_LABELS["missing"][pick]}</p>'
        return _page(title, body + switch, english=english, status=404)
    runtime: LicenseRuntime = request.app.state.licenses
    now = clock.now()
    verdict = await verify_record(record, at=now, store=runtime.store)
    words = _WORDS[verdict.outcome]
    holder = record.public_holder_name
    valid_until = (
        _LABELS["long_term"][pick]
        if record.valid_until is None
        else f"{shanghai_date(record.valid_until):%Y-%m-%d}"
    )
    rows = [
        ("type", record.type_name_en if english else record.type_name),
        ("identifier", record.identifier),
        ("holder", holder),
        ("issuer", record.department_name_en if english else record.department_name),
        ("valid", f"{shanghai_date(record.valid_from):%Y-%m-%d} – {valid_until}"),
        ("checked", f"{now.astimezone(SHANGHAI):%Y-%m-%d %H:%M} {_LABELS['zone'][pick]}"),
    ]
    facts = "".join(
        f'<dt>{_LABELS[key][pick]}</dt><dd data-testid="verify-{key}">{html.escape(value)}</dd>'
        for key, value in rows
    )
    body = (
        f"<h1>{title}</h1>"
        f'<div class="verdict" style="background:{words[2]}" role="status" '
        f'data-testid="verify-status" data-status="{verdict.outcome.value}">{words[pick]}</div>'
        f"<dl>{facts}</dl>{switch}"
    )
    return _page(title, body, english=english)


@get("/licenses/keys", include_in_schema=False)
async def license_keys() -> Response[dict[str, Any]]:
    """Every department seal's public key (retired ones too, with ``retiredAt``)."""
    return Response(await seals.published_keys(), headers={"Cache-Control": "public, max-age=300"})


@get("/licenses/status/{purpose:str}/{number:int}", include_in_schema=False)
async def status_list_endpoint(
    request: Request[Any, Any, Any], purpose: FromPath[str], number: FromPath[int]
) -> Response[Any]:
    """A W3C BitstringStatusListCredential: one bit per license of this block. JSON, or
    signed by the platform key (``Accept: application/vc+jwt`` or ``?format=jwt``)."""
    runtime: LicenseRuntime = request.app.state.licenses
    signed = request.query_params.get("format") == "jwt" or "application/vc+jwt" in str(
        request.headers.get("accept", "")
    )
    if signed:
        token = await signed_status_list(runtime, purpose, number)
        if token is not None:
            return Response(
                token, media_type="application/vc+jwt", headers={"Cache-Control": "no-cache"}
            )
        document = None
    else:
        document = await status_list_credential(runtime, purpose, number)
    if document is None:
        return Response({"code": "NOT_FOUND", "message": "No such status list."}, status_code=404)
    return Response(document, headers={"Cache-Control": "no-cache"})
