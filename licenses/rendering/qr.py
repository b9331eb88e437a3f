"""QR codes (二维码) for licenses: one symbol, three drawings (SVG, PNG, module matrix).

The verify URL is short and gets error level ``m``; the signed payload (a compact JWS of about
1800 characters) goes at ``l`` so it stays a symbol a phone can still read off paper.
segno raises the level by itself whenever that fits in the same version, so ``error`` is a
minimum. All three drawings come from the same ``segno.make`` call, so the PDF's vector
modules carry exactly what the SVG and PNG carry.
"""

from __future__ import annotations

import functools
import io

import segno

#: Modules of light margin around the symbol that ISO/IEC 18004 asks for (静区).
QUIET_ZONE = 4

QrMatrix = tuple[tuple[bool, ...], ...]


#: Above this length the symbol is large (version 20+) and segno's pure-Python search of the
#: eight masks took most of a license's rendering time (bench.licenses_issuance); any mask
#: makes a valid symbol, the search only lowers the penalty score, so large ones take mask 0.
_SEARCH_MASKS_UP_TO = 400


@functools.lru_cache(maxsize=256)
def _symbol(data: str, error: str) -> segno.QRCode:
    # micro=False: Micro QR is not read by most phone cameras. Cached: the wallet shows the
    # same license's codes on every visit, and one symbol feeds three drawings.
    mask = None if len(data) <= _SEARCH_MASKS_UP_TO else 0
    return segno.make(data, error=error, micro=False, mask=mask)


def qr_matrix(data: str, error: str = "m") -> QrMatrix:
    """The symbol's modules, row by row, ``True`` for dark, without the quiet zone."""
    return tuple(tuple(bool(module) for module in row) for row in _symbol(data, error).matrix)


def qr_svg(data: str, *, scale: int = 4, error: str = "m") -> str:
    """An inline ``<svg>`` element (no XML declaration), quiet zone included."""
    out = io.BytesIO()
    _symbol(data, error).save(
        out, kind="svg", scale=scale, border=QUIET_ZONE, xmldecl=False, svgns=True, nl=False
    )
    return out.getvalue().decode("utf-8")


def qr_png(data: str, *, scale: int = 6, error: str = "m") -> bytes:
    """A black-on-white PNG, ``scale`` pixels per module, quiet zone included."""
    out = io.BytesIO()
    _symbol(data, error).save(out, kind="png", scale=scale, border=QUIET_ZONE)
    return out.getvalue()
