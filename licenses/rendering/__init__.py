"""Rendering of licenses: the PDF, the QR codes and the seal image. Pure functions of their
input: no database, no object store, same input, same bytes."""

from licenses.rendering.document import LicenseDocument
from licenses.rendering.pdf import render_license_pdf
from licenses.rendering.qr import QUIET_ZONE, QrMatrix, qr_matrix, qr_png, qr_svg
from licenses.rendering.seal_image import render_seal_png

__all__ = [
    "QUIET_ZONE",
    "LicenseDocument",
    "QrMatrix",
    "qr_matrix",
    "qr_png",
    "qr_svg",
    "render_license_pdf",
    "render_seal_png",
]
