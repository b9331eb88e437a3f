"""License rendering: QR codes that decode, a deterministic PDF that carries what it prints,
and the seal image. No database, no object store.

The PDF checks read the file itself: the Info dictionary from the raw bytes, the text and the
vector QR modules from the decompressed page streams, so a regression in what the page says
or in what its QR codes carry fails here, without a PDF rasteriser.
"""

from __future__ import annotations

import base64
import dataclasses
import re
import zlib
from datetime import UTC, date, datetime, timedelta, timezone
from io import BytesIO

import pytest
import zxingcpp
from PIL import Image

from licenses.rendering import (
    QUIET_ZONE,
    LicenseDocument,
    qr_matrix,
    qr_png,
    qr_svg,
    render_license_pdf,
    render_seal_png,
)

VERIFY_URL = "https://onetap.example.gov.cn/v/Ab3dE7fG"
IDENTIFIER = "1.2.156.3005.2.1101.11350100MB0000000X.000001.1.K"
# Shaped like a compact EdDSA JWS: header.payload.signature, base64url, 900 characters.
JWS = (
    "eyJhbGciOiJFZERTQSIsImtpZCI6InNlYWwtMzUwMTAwLTEiLCJ0eXAiOiJKV1QifQ."
    + base64.urlsafe_b64encode(bytes(range(256)) * 3).decode().rstrip("=")[:748]
    + "."
    + "Qm9ndXNfc2lnbmF0dXJlX2Zvcl90ZXN0c19vbmx5X25vdF9hX3JlYWxfc2lnbmF0dXJlX2J5dGVzXzAxMjM0"
)
assert len(JWS) == 900

TWELVE_FIELDS = (
    ("姓名", "Name", "陈明辉"),
    ("性别", "Sex", "男"),
    ("民族", "Ethnicity", "汉"),
    ("出生日期", "Date of birth", "1990-05-17"),
    ("居住地址", "Address", "福建省福州市鼓楼区五四路 100 号 3 栋 1201 室"),
    ("户籍地址", "Registered address", "江西省南昌市东湖区八一大道 8 号"),
    ("签发次数", "Times issued", "2"),
    ("签注记录", "Endorsements", "2026 年度已签注"),
    ("居住事由", "Reason for residence", "就业"),
    ("联系电话", "Phone", "138****5678"),
    ("受理编号", "Case number", "350100-20261122-000123-7"),
    ("备注", "Remarks", "A & B <C> (test)"),
)


@pytest.fixture(scope="module")
def seal() -> bytes:
    return render_seal_png(department_code="11350100MB0000000X", caption="FUZHOU PSB")


@pytest.fixture
def document(seal: bytes) -> LicenseDocument:
    return LicenseDocument(
        identifier=IDENTIFIER,
        type_name="居住证",
        type_name_en="Residence Permit",
        department_name="福州市公安局",
        department_name_en="Fuzhou Public Security Bureau",
        holder_name="陈明辉",
        holder_label="350***********1234",
        fields=TWELVE_FIELDS,
        valid_from=date(2026, 1, 1),
        valid_until=date(2031, 1, 1),
        # 17:00 UTC on New Year's Eve is already 1 January in China.
        issued_at=datetime(2025, 12, 31, 17, 0, tzinfo=UTC),
        verify_url=VERIFY_URL,
        signed_payload=JWS,
        seal_png=seal,
    )


# -- QR codes ---------------------------------------------------------------------------------


def decoded(image: Image.Image) -> list[str]:
    return [
        result.text
        for result in zxingcpp.read_barcodes(image)
        if result.format == zxingcpp.BarcodeFormat.QRCode
    ]


def matrix_image(matrix: tuple[tuple[bool, ...], ...], *, scale: int = 4) -> Image.Image:
    """The modules as a black-on-white picture with the quiet zone, as the PDF draws them."""
    side = len(matrix) + 2 * QUIET_ZONE
    image = Image.new("L", (side, side), 255)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.putpixel((x + QUIET_ZONE, y + QUIET_ZONE), 0)
    return image.resize((side * scale, side * scale), Image.Resampling.NEAREST)


def test_the_verify_url_png_decodes_to_the_exact_url() -> None:
    png = qr_png(VERIFY_URL)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert decoded(Image.open(BytesIO(png))) == [VERIFY_URL]


def test_a_900_character_payload_at_level_l_decodes() -> None:
    assert decoded(Image.open(BytesIO(qr_png(JWS, error="l")))) == [JWS]


def test_the_error_level_is_honoured() -> None:
    # A lower level leaves more room for data: the large payload needs a smaller symbol at "l".
    assert len(qr_matrix(JWS, "l")) < len(qr_matrix(JWS, "m"))


def test_the_matrix_decodes_and_is_the_symbol_the_png_shows() -> None:
    matrix = qr_matrix(VERIFY_URL, "m")
    assert len(matrix) >= 21 and all(len(row) == len(matrix) for row in matrix)
    assert decoded(matrix_image(matrix)) == [VERIFY_URL]
    assert decoded(matrix_image(qr_matrix(JWS, "l"))) == [JWS]

    png = Image.open(BytesIO(qr_png(VERIFY_URL, scale=1))).convert("L")
    side = len(matrix) + 2 * QUIET_ZONE
    assert png.size == (side, side)  # the quiet zone is kept
    from_png = tuple(
        tuple(png.getpixel((x + QUIET_ZONE, y + QUIET_ZONE)) == 0 for x in range(len(matrix)))
        for y in range(len(matrix))
    )
    assert from_png == matrix


def test_the_svg_is_an_inline_element_with_the_quiet_zone() -> None:
    svg = qr_svg(VERIFY_URL)
    assert svg.startswith("<svg")
    assert svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg
    side = (len(qr_matrix(VERIFY_URL, "m")) + 2 * QUIET_ZONE) * 4
    assert f'width="{side}" height="{side}"' in svg
    assert qr_svg(VERIFY_URL) == svg
    assert qr_svg(JWS, error="l") != qr_svg(VERIFY_URL)


# -- reading the PDF back ---------------------------------------------------------------------


def page_streams(pdf: bytes) -> list[bytes]:
    """Every stream, decoded (reportlab writes ASCII85 over Flate)."""
    streams = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        data = match.group(1).strip()
        if data.endswith(b"~>"):
            data = base64.a85decode(data[:-2])
        streams.append(zlib.decompress(data))
    return streams


def unescape(literal: bytes) -> bytes:
    """A PDF literal string's bytes (ISO 32000-1, 7.3.4.2)."""
    out = bytearray()
    i = 0
    simple = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
    while i < len(literal):
        byte = literal[i]
        if byte != ord("\\"):
            out.append(byte)
            i += 1
            continue
        octal = re.match(rb"[0-7]{1,3}", literal[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(0), 8) & 0xFF)
            i += 1 + len(octal.group(0))
        else:
            out.append(simple.get(literal[i + 1], literal[i + 1]))
            i += 2
    return bytes(out)


def shown_text(pdf: bytes) -> list[str]:
    """The strings the pages show, decoded per font: UTF-16 for the CJK font, else Latin-1."""
    cjk_fonts = set()
    for name, number in re.findall(rb"/(F\d+) (\d+) 0 R", pdf):
        body = re.search(rb"\n" + number + rb" 0 obj\n(.*?)endobj", pdf, re.S)
        if body and b"UCS2" in body.group(1):
            cjk_fonts.add(name)
    assert cjk_fonts, "the CJK font is not in the file"
    texts = []
    for stream in page_streams(pdf):
        font = b""
        for match in re.finditer(rb"/(F\d+) [\d.]+ Tf|\(((?:[^\\()]|\\.)*)\) Tj", stream, re.S):
            if match.group(1):
                font = match.group(1)
                continue
            raw = unescape(match.group(2))
            texts.append(raw.decode("utf-16-be") if font in cjk_fonts else raw.decode("latin-1"))
    return texts


def vector_qr_codes(pdf: bytes) -> list[str]:
    """Rebuild every QR drawn as rectangles from the page streams and decode it."""
    found = []
    for stream in page_streams(pdf):
        number = rb"(-?[\d.]+)"
        for group in re.finditer(rb"((?:-?[\d.]+ -?[\d.]+ -?[\d.]+ -?[\d.]+ re\s+)+)f\*?", stream):
            rects = [
                tuple(float(v) for v in m)
                for m in re.findall(b" ".join([number] * 4) + rb" re", group.group(1))
            ]
            if len(rects) < 20:
                continue  # a background or a rule, not a symbol
            unit = min(h for _, _, _, h in rects)
            left = min(x for x, _, _, _ in rects)
            top = max(y + h for _, y, _, h in rects)
            side = round((max(x + w for x, _, w, _ in rects) - left) / unit)
            matrix = [[False] * side for _ in range(side)]
            for x, y, w, h in rects:
                row = round((top - y - h) / unit)
                first = round((x - left) / unit)
                for column in range(first, first + round(w / unit)):
                    matrix[row][column] = True
            found.extend(decoded(matrix_image(tuple(tuple(row) for row in matrix))))
    return found


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


# -- the PDF ----------------------------------------------------------------------------------


def test_the_pdf_is_deterministic(document: LicenseDocument) -> None:
    pdf = render_license_pdf(document)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert render_license_pdf(dataclasses.replace(document)) == pdf


def test_a_changed_field_value_changes_the_pdf(document: LicenseDocument) -> None:
    fields = list(TWELVE_FIELDS)
    fields[4] = ("居住地址", "Address", "福建省福州市台江区")
    changed = render_license_pdf(dataclasses.replace(document, fields=fields))
    assert changed != render_license_pdf(document)
    assert "福建省福州市台江区" in shown_text(changed)


def test_the_info_dictionary_carries_identifier_and_signed_payload(
    document: LicenseDocument,
) -> None:
    pdf = render_license_pdf(document)
    # The Info dictionary is a plain object, never inside a compressed stream.
    assert b"/Subject (" + IDENTIFIER.encode() + b")" in pdf
    assert b"/Keywords (" + JWS.encode() + b")" in pdf


def test_the_seal_is_the_only_image_and_keeps_its_transparency(
    document: LicenseDocument,
) -> None:
    pdf = render_license_pdf(document)
    # The seal and its soft mask: the QR codes are vector paths, not pictures.
    assert pdf.count(b"/Subtype /Image") == 2
    assert b"/SMask" in pdf


def test_the_vector_qr_codes_carry_the_url_and_the_payload(document: LicenseDocument) -> None:
    assert vector_qr_codes(render_license_pdf(document)) == [VERIFY_URL, JWS]


def test_twelve_fields_print_on_one_page(document: LicenseDocument) -> None:
    pdf = render_license_pdf(document)
    assert page_count(pdf) == 1
    text = shown_text(pdf)
    for label, label_en, value in TWELVE_FIELDS:
        assert label in text
        assert label_en in text
        assert value in text  # markup characters print as they are
    for printed in (
        "居住证",
        "Residence Permit",
        IDENTIFIER,
        "陈明辉",
        "350***********1234",
        "2026-01-01 – 2031-01-01",
        "福州市公安局",
        "Fuzhou Public Security Bureau",
        VERIFY_URL,
        "扫码核验 ",
        "/ Scan to verify",
        "离线核验数据 ",
        "/ Offline verification data",
    ):
        assert printed in text


def test_the_issue_date_is_the_date_in_china(document: LicenseDocument) -> None:
    text = shown_text(render_license_pdf(document))
    assert "2026年1月1日" in text
    assert "Date of issue: 2026-01-01" in text

    west = dataclasses.replace(
        document, issued_at=datetime(2026, 3, 1, 20, 0, tzinfo=timezone(timedelta(hours=-8)))
    )
    assert "2026年3月2日" in shown_text(render_license_pdf(west))


def test_long_term_validity_prints_as_long_term(document: LicenseDocument) -> None:
    pdf = render_license_pdf(dataclasses.replace(document, valid_until=None))
    assert "2026-01-01 – 长期 / long-term" in shown_text(pdf)


def test_a_long_table_continues_and_the_checks_come_once(document: LicenseDocument) -> None:
    fields = [(f"字段{i}", f"Field {i}", f"值{i} " + "内容" * (i % 30)) for i in range(60)]
    pdf = render_license_pdf(dataclasses.replace(document, fields=fields))
    assert page_count(pdf) > 1
    text = shown_text(pdf)
    assert all(f"Field {i}" in text for i in range(60))
    assert text.count("扫码核验 ") == 1
    assert vector_qr_codes(pdf) == [VERIFY_URL, JWS]


def test_the_document_is_a_value(document: LicenseDocument) -> None:
    fields = [("姓名", "Name", "陈明辉")]
    frozen = dataclasses.replace(document, fields=fields)
    fields.append(("性别", "Sex", "男"))
    assert frozen.fields == (("姓名", "Name", "陈明辉"),)
    with pytest.raises(dataclasses.FrozenInstanceError):
        frozen.holder_name = "someone else"  # type: ignore[misc]


def test_the_document_rejects_a_naive_issue_time(document: LicenseDocument) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        dataclasses.replace(document, issued_at=datetime(2026, 1, 1, 9, 0))


def test_the_document_rejects_an_end_before_the_start(document: LicenseDocument) -> None:
    with pytest.raises(ValueError, match="before valid_from"):
        dataclasses.replace(document, valid_until=date(2025, 12, 31))


# -- the seal image ---------------------------------------------------------------------------


def rgba(image: Image.Image, point: tuple[int, int]) -> tuple[int, int, int, int]:
    red, green, blue, alpha = image.convert("RGBA").getpixel(point)  # type: ignore[misc]
    return red, green, blue, alpha


def alpha_at(image: Image.Image, point: tuple[int, int]) -> int:
    return rgba(image, point)[3]


def test_the_seal_is_a_red_ring_on_transparency() -> None:
    png = render_seal_png(department_code="11350100MB0000000X", caption="FUZHOU PSB", size=300)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(BytesIO(png))
    assert image.mode == "RGBA"
    assert image.size == (300, 300)
    for corner in ((0, 0), (299, 0), (0, 299), (299, 299), (20, 20)):
        assert alpha_at(image, corner) == 0
    # The outer ring, at twelve, three, six and nine o'clock: red and mostly opaque.
    for point in ((150, 12), (288, 150), (150, 288), (12, 150)):
        red, green, blue, alpha = rgba(image, point)
        assert (red, green, blue) == (208, 2, 27)
        assert 150 < alpha < 255  # semi-opaque: what lies under the stamp stays readable
    # The star in the centre is ink too; above and below it there is paper.
    assert alpha_at(image, (150, 150)) > 150
    assert alpha_at(image, (150, 80)) == 0
    assert alpha_at(image, (150, 195)) == 0
    assert image.getchannel("A").histogram()[0] > 300 * 300 // 2


def test_the_seal_is_deterministic_and_depends_on_its_text() -> None:
    first = render_seal_png(department_code="350100-GA", caption="FUZHOU PUBLIC SECURITY BUREAU")
    assert first == render_seal_png(
        department_code="350100-GA", caption="FUZHOU PUBLIC SECURITY BUREAU"
    )
    assert Image.open(BytesIO(first)).size == (360, 360)
    assert first != render_seal_png(
        department_code="350100-SJ", caption="FUZHOU PUBLIC SECURITY BUREAU"
    )
    assert first != render_seal_png(department_code="350100-GA", caption="FUZHOU MARKET BUREAU")


def test_a_long_caption_shrinks_to_the_upper_arc() -> None:
    png = render_seal_png(
        department_code="350000-SCJG",
        caption="FUJIAN PROVINCIAL ADMINISTRATION FOR MARKET REGULATION AND SUPERVISION",
        size=200,
    )
    image = Image.open(BytesIO(png))
    # On the caption's circle (radius 69 of 100) the lower third stays clear: at 150° either
    # side of twelve o'clock and at six, where an unshrunk caption would run on.
    for point in ((65, 160), (135, 160), (100, 169)):
        assert alpha_at(image, point) == 0
    # ... while the upper arc does carry it.
    near_twelve = [(100 + dx, 31 + dy) for dx in range(-4, 5) for dy in range(-6, 7)]
    assert max(alpha_at(image, point) for point in near_twelve) > 0
