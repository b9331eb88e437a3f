"""The seal image (电子印章图像): the round red official seal stamped over the issuing department.

The image is only the visible stamp; what makes a license authentic is the Ed25519 signature
in the offline payload. It is drawn rather than scanned so every department gets one from its
code alone: an outer double ring, a five-pointed star, the caption along the upper arc and the
department code under the star. Pillow's built-in font has no Chinese glyphs, so the caption
is Latin (the department's English name or its code).

Everything is drawn as a coverage mask at four times the size and scaled down once, which
gives smooth edges, keeps overlapping strokes from doubling the ink, and makes the output
depend on the input only: the same arguments give the same PNG bytes.
"""

from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw, ImageFont

#: Seal red, as in the national standard's sample stamps.
SEAL_RED = (208, 2, 27)
#: Ink opacity: the text under a stamp stays readable, as on paper.
SEAL_OPACITY = 0.78
#: Drawing scale for anti-aliasing; the result is downsampled once.
_SUPERSAMPLE = 4
#: The caption never runs further round the ring than this, in degrees.
_MAX_CAPTION_SPAN = 240.0

Font = ImageFont.ImageFont | ImageFont.FreeTypeFont


def render_seal_png(*, department_code: str, caption: str, size: int = 360) -> bytes:
    """A ``size`` x ``size`` RGBA PNG of the seal: red, semi-opaque, transparent around it."""
    if size < 64:
        raise ValueError("a seal smaller than 64 pixels cannot carry its caption")
    width = size * _SUPERSAMPLE
    coverage = Image.new("L", (width, width), 0)
    draw = ImageDraw.Draw(coverage)
    centre = width / 2

    outer = centre * 0.96
    _ring(draw, centre, outer, width=width * 0.045)
    _ring(draw, centre, outer - width * 0.055, width=width * 0.012)
    _star(draw, centre, centre, radius=width * 0.16)
    _caption_on_arc(coverage, caption.upper(), centre, radius=outer - width * 0.135)
    code_font = _fitting_font(department_code, size=width * 0.058, max_length=width * 0.56)
    draw.text(
        (centre, centre + width * 0.245),
        department_code,
        fill=255,
        font=code_font,
        anchor="mm",
        stroke_width=round(width * 0.002),
        stroke_fill=255,
    )

    coverage = coverage.resize((size, size), Image.Resampling.LANCZOS)
    alpha = coverage.point([round(level * SEAL_OPACITY) for level in range(256)])
    seal = Image.new("RGBA", (size, size), (*SEAL_RED, 0))
    seal.putalpha(alpha)
    out = io.BytesIO()
    # Pillow writes no tIME chunk unless asked, so equal images give equal bytes.
    seal.save(out, format="PNG")
    return out.getvalue()


def _fitting_font(text: str, *, size: float, max_length: float) -> Font:
    """The built-in font at ``size``, or smaller so that ``text`` stays inside the ring."""
    font = ImageFont.load_default(size=round(size))
    length = font.getlength(text)
    if length > max_length:
        font = ImageFont.load_default(size=max(8, math.floor(size * max_length / length)))
    return font


def _ring(draw: ImageDraw.ImageDraw, centre: float, radius: float, *, width: float) -> None:
    box = (centre - radius, centre - radius, centre + radius, centre + radius)
    draw.ellipse(box, outline=255, width=max(1, round(width)))


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, *, radius: float) -> None:
    # The inner radius of a regular pentagram is the outer one times 1/φ² ≈ 0.382.
    inner = radius * 0.382
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else inner
        angle = math.radians(-90 + 36 * i)
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=255)


def _caption_on_arc(coverage: Image.Image, caption: str, centre: float, *, radius: float) -> None:
    """Set ``caption`` clockwise along the upper arc, each letter upright to the ring."""
    if not caption.strip():
        return
    font_size = round(coverage.width * 0.085)
    font = ImageFont.load_default(size=font_size)
    letter_gap = font_size * 0.12
    advances = [font.getlength(letter) + letter_gap for letter in caption]
    span = math.degrees(sum(advances) / radius)
    if span > _MAX_CAPTION_SPAN:
        # Long names shrink rather than run into the department code at the bottom.
        font_size = max(8, round(font_size * _MAX_CAPTION_SPAN / span))
        font = ImageFont.load_default(size=font_size)
        letter_gap = font_size * 0.12
        advances = [font.getlength(letter) + letter_gap for letter in caption]
        span = math.degrees(sum(advances) / radius)

    cell = font_size * 2
    angle = -span / 2  # degrees clockwise from twelve o'clock
    for letter, advance in zip(caption, advances, strict=True):
        middle = angle + math.degrees(advance / 2 / radius)
        angle += math.degrees(advance / radius)
        if letter.isspace():
            continue
        glyph = Image.new("L", (cell, cell), 0)
        ImageDraw.Draw(glyph).text(
            (cell / 2, cell / 2),
            letter,
            fill=255,
            font=font,
            anchor="mm",
            stroke_width=max(1, round(font_size * 0.03)),
            stroke_fill=255,
        )
        # Pillow turns counter-clockwise; the letter leans clockwise with its place on the arc.
        glyph = glyph.rotate(-middle, resample=Image.Resampling.BICUBIC)
        x = centre + radius * math.sin(math.radians(middle))
        y = centre - radius * math.cos(math.radians(middle))
        coverage.paste(255, (round(x - cell / 2), round(y - cell / 2)), mask=glyph)
