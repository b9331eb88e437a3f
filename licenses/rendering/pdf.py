"""The license PDF (电子证照文件): one A4 page a holder can print or hand over.

Layout, top to bottom: the bilingual type name, the identifier, a table with the holder, the
type's fields and the validity, then the issuing department with its seal stamped over it and
the issue date, and the two QR codes: the short verify URL for an online check and the signed
payload for an offline one. A table too long for one page continues on the next; the
department, seal and QR codes come once, on the last page.

Chinese is set in reportlab's built-in CID font STSong-Light, which PDF readers supply, so
nothing is embedded for it; Latin uses Helvetica. The QR codes are vector rectangles from the
same matrix ``qr.qr_matrix`` gives, not images. The canvas is built ``invariant`` so the same
document gives the same bytes, which is what lets the service store and compare a hash.

The identifier is the PDF's Subject and the signed payload its Keywords, so a tool can check
a file without reading the page.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from licenses.rendering.document import LicenseDocument
from licenses.rendering.qr import QUIET_ZONE, qr_matrix

#: Dates on a license are dates in China, whatever the server's zone.
SHANGHAI = ZoneInfo("Asia/Shanghai")
CJK_FONT = "STSong-Light"
LATIN_FONT = "Helvetica"
MONO_FONT = "Courier"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
#: Height kept at the bottom of the last page for department, seal and QR codes.
FOOTER_BLOCK = 74 * mm
VERIFY_QR_SIZE = 32 * mm
#: The payload QR is a large symbol (version 20-25); 48 mm keeps modules above 0.35 mm.
OFFLINE_QR_SIZE = 48 * mm
SEAL_SIZE = 38 * mm
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5c5c5c")
RULE = colors.HexColor("#8c6d3f")


@functools.cache
def _register_fonts() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def render_license_pdf(doc: LicenseDocument) -> bytes:
    """The license as PDF bytes; equal documents give equal bytes."""
    _register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(f"{doc.type_name} {doc.identifier}")
    canvas.setSubject(doc.identifier)
    canvas.setKeywords(doc.signed_payload)
    canvas.setAuthor(doc.department_name)
    canvas.setCreator("OneTap")

    table: Table | None = _details_table(doc)
    top = _draw_heading(canvas, doc)
    while table is not None:
        room = top - (MARGIN + FOOTER_BLOCK)
        _, height = table.wrapOn(canvas, CONTENT_WIDTH, room)
        if height <= room:
            table.drawOn(canvas, MARGIN, top - height)
            table = None
            continue
        parts = table.split(CONTENT_WIDTH, room)
        if len(parts) < 2:
            raise ValueError("a license field is too long to fit on a page")
        first, rest = parts[0], parts[1]
        _, first_height = first.wrapOn(canvas, CONTENT_WIDTH, room)
        first.drawOn(canvas, MARGIN, top - first_height)
        _draw_page_frame(canvas, doc)
        canvas.showPage()
        top = _draw_continuation_heading(canvas, doc)
        table = rest
    _draw_footer_block(canvas, doc)
    _draw_page_frame(canvas, doc)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


# -- heading and table ------------------------------------------------------------------------


def _draw_heading(canvas: Canvas, doc: LicenseDocument) -> float:
    """Title, English title and identifier; returns the y where the table may start."""
    y: float = PAGE_HEIGHT - MARGIN - 16 * mm
    canvas.setFillColor(INK)
    canvas.setFont(CJK_FONT, 24)
    canvas.drawCentredString(PAGE_WIDTH / 2, y, doc.type_name)
    y -= 8 * mm
    canvas.setFont(LATIN_FONT, 12)
    canvas.drawCentredString(PAGE_WIDTH / 2, y, doc.type_name_en)
    y -= 10 * mm
    _draw_bilingual_centred(canvas, PAGE_WIDTH / 2, y, "证照标识", "License identifier", 9)
    y -= 5 * mm
    canvas.setFillColor(INK)
    canvas.setFont(MONO_FONT, 10)
    canvas.drawCentredString(PAGE_WIDTH / 2, y, doc.identifier)
    return float(y - 7 * mm)


def _draw_continuation_heading(canvas: Canvas, doc: LicenseDocument) -> float:
    y: float = PAGE_HEIGHT - MARGIN - 8 * mm
    canvas.setFillColor(INK)
    canvas.setFont(CJK_FONT, 12)
    canvas.drawString(MARGIN, y, f"{doc.type_name}（续）")
    canvas.setFont(LATIN_FONT, 9)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, y, f"{doc.type_name_en} (continued)")
    return float(y - 6 * mm)


def _details_table(doc: LicenseDocument) -> Table:
    rows: list[tuple[str, str, str]] = [
        ("持证主体", "Holder", doc.holder_name),
        ("主体标识", "Holder ID", doc.holder_label),
        *doc.fields,
        ("有效期限", "Validity", _validity(doc.valid_from, doc.valid_until)),
    ]
    label = ParagraphStyle("label", fontName=CJK_FONT, fontSize=10.5, leading=14, textColor=INK)
    label_en = ParagraphStyle(
        "label_en", fontName=LATIN_FONT, fontSize=8.5, leading=11, textColor=MUTED
    )
    # wordWrap="CJK" breaks between any two characters: Chinese values have no spaces.
    value = ParagraphStyle(
        "value", fontName=CJK_FONT, fontSize=11, leading=15, textColor=INK, wordWrap="CJK"
    )
    data = [
        [Paragraph(escape(zh), label), Paragraph(escape(en), label_en), Paragraph(escape(v), value)]
        for zh, en, v in rows
    ]
    table = Table(data, colWidths=_column_widths(), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEABOVE", (0, 0), (-1, 0), 0.9, RULE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _column_widths() -> Sequence[float]:
    zh, en = 30 * mm, 36 * mm
    return (zh, en, CONTENT_WIDTH - zh - en)


def _validity(valid_from: date, valid_until: date | None) -> str:
    end = "长期 / long-term" if valid_until is None else valid_until.isoformat()
    return f"{valid_from.isoformat()} – {end}"


# -- department, seal and QR codes ------------------------------------------------------------


def _draw_footer_block(canvas: Canvas, doc: LicenseDocument) -> None:
    base = MARGIN + 8 * mm  # leaves room for the identifier at the page's foot
    qr_y = base + 10 * mm
    caption_y = base + 6 * mm

    # Left: the online check, with the URL spelled out for anyone who cannot scan.
    verify_x = MARGIN + 4 * mm
    verify_centre = verify_x + VERIFY_QR_SIZE / 2
    _draw_qr(canvas, qr_matrix(doc.verify_url, "m"), verify_x, qr_y, VERIFY_QR_SIZE)
    _draw_bilingual_centred(canvas, verify_centre, caption_y, "扫码核验", "Scan to verify", 8)
    canvas.setFillColor(INK)
    _draw_fitted_centred(
        canvas, verify_centre, caption_y - 3.5 * mm, doc.verify_url, LATIN_FONT, 6.5, 52 * mm
    )

    # Middle: the offline check.
    offline_x = verify_x + VERIFY_QR_SIZE + 14 * mm
    _draw_qr(canvas, qr_matrix(doc.signed_payload, "l"), offline_x, qr_y, OFFLINE_QR_SIZE)
    _draw_bilingual_centred(
        canvas,
        offline_x + OFFLINE_QR_SIZE / 2,
        caption_y,
        "离线核验数据",
        "Offline verification data",
        8,
    )

    # Right: who issued it and when; the seal goes on last, over the date, as on paper.
    column = PAGE_WIDTH - MARGIN - (offline_x + OFFLINE_QR_SIZE + 6 * mm)
    centre = PAGE_WIDTH - MARGIN - column / 2
    issued_on = doc.issued_at.astimezone(SHANGHAI).date()
    _draw_bilingual_centred(canvas, centre, qr_y + 44 * mm, "发证机关", "Issued by", 8)
    canvas.setFillColor(INK)
    _draw_fitted_centred(canvas, centre, qr_y + 36 * mm, doc.department_name, CJK_FONT, 13, column)
    _draw_fitted_centred(
        canvas, centre, qr_y + 31 * mm, doc.department_name_en, LATIN_FONT, 8, column
    )
    _draw_fitted_centred(
        canvas,
        centre,
        qr_y + 6 * mm,
        f"{issued_on.year}年{issued_on.month}月{issued_on.day}日",
        CJK_FONT,
        11,
        column,
    )
    _draw_fitted_centred(
        canvas,
        centre,
        qr_y + 2 * mm,
        f"Date of issue: {issued_on.isoformat()}",
        LATIN_FONT,
        8,
        column,
    )
    seal_centre_y = qr_y + 22 * mm
    canvas.drawImage(
        ImageReader(io.BytesIO(doc.seal_png)),
        centre - SEAL_SIZE / 2,
        seal_centre_y - SEAL_SIZE / 2,
        width=SEAL_SIZE,
        height=SEAL_SIZE,
        mask="auto",
        preserveAspectRatio=True,
        anchor="c",
    )


def _draw_qr(
    canvas: Canvas, matrix: Sequence[Sequence[bool]], x: float, y: float, size: float
) -> None:
    """Dark modules as one filled path, quiet zone included in ``size``; (x, y) bottom left."""
    modules = len(matrix) + 2 * QUIET_ZONE
    unit = size / modules
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    path = canvas.beginPath()
    top = y + size - QUIET_ZONE * unit
    for row_index, row in enumerate(matrix):
        row_y = top - (row_index + 1) * unit
        column = 0
        # One rectangle per horizontal run keeps the path small and free of hairline seams.
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            path.rect(x + (QUIET_ZONE + start) * unit, row_y, (column - start) * unit, unit)
    canvas.setFillColor(colors.black)
    # Non-zero winding: a module covered twice would still be dark (even-odd would punch it).
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()


# -- shared pieces ----------------------------------------------------------------------------


def _draw_page_frame(canvas: Canvas, doc: LicenseDocument) -> None:
    """A double rule round the page and the identifier at the foot of every page."""
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    outer = 10 * mm
    canvas.setLineWidth(1.6)
    canvas.rect(outer, outer, PAGE_WIDTH - 2 * outer, PAGE_HEIGHT - 2 * outer)
    canvas.setLineWidth(0.5)
    inner = outer + 2 * mm
    canvas.rect(inner, inner, PAGE_WIDTH - 2 * inner, PAGE_HEIGHT - 2 * inner)
    canvas.setFillColor(MUTED)
    canvas.setFont(MONO_FONT, 7)
    canvas.drawCentredString(PAGE_WIDTH / 2, inner + 3 * mm, doc.identifier)
    canvas.restoreState()


def _draw_fitted_centred(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, max_width: float
) -> None:
    """``text`` centred on x, set smaller than ``size`` where needed to stay in ``max_width``."""
    width = pdfmetrics.stringWidth(text, font, size)
    if width > max_width:
        size = size * max_width / width
    canvas.setFont(font, size)
    canvas.drawCentredString(x, y, text)


def _draw_bilingual_centred(
    canvas: Canvas, x: float, y: float, zh: str, en: str, size: float
) -> None:
    """``zh / en`` centred on x: Chinese in the CID font, the English in Helvetica."""
    zh_text, en_text = f"{zh} ", f"/ {en}"
    zh_width = pdfmetrics.stringWidth(zh_text, CJK_FONT, size)
    en_width = pdfmetrics.stringWidth(en_text, LATIN_FONT, size)
    start = x - (zh_width + en_width) / 2
    canvas.setFillColor(MUTED)
    canvas.setFont(CJK_FONT, size)
    canvas.drawString(start, y, zh_text)
    canvas.setFont(LATIN_FONT, size)
    canvas.drawString(start + zh_width, y, en_text)
