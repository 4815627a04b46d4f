"""The report's charts as PNG, for Word: the SVG's own layout drawn with Pillow.

Pillow is imported here only, when a Word report is written; its wheels bring their own
FreeType and a built-in font, so nothing needs installing on the machine.
"""

from __future__ import annotations

import io

from scrutui.papers.charts import INK, Chart, Circle, Line, Rect, Text, layout

SCALE = 2  # drawn at twice the size, so the chart stays sharp when Word scales it


def png(chart: Chart) -> bytes:
    """The chart as PNG bytes."""
    from PIL import Image, ImageDraw, ImageFont

    canvas = layout(chart)
    image = Image.new("RGB", (int(canvas.width * SCALE), int(canvas.height * SCALE)), "white")
    draw = ImageDraw.Draw(image)
    fonts: dict[tuple[float, bool], ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}

    def font(size: float, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        key = (size, bold)
        if key not in fonts:
            fonts[key] = ImageFont.load_default(size * SCALE)
        return fonts[key]

    for shape in canvas.shapes:
        if isinstance(shape, Rect):
            draw.rectangle(
                (
                    shape.x * SCALE,
                    shape.y * SCALE,
                    (shape.x + shape.w) * SCALE - 1,
                    (shape.y + shape.h) * SCALE - 1,
                ),
                fill=shape.fill,
            )
        elif isinstance(shape, Line):
            width = max(1, round(shape.width * SCALE))
            if shape.dashed:
                _dashed(draw, shape, width)
            else:
                draw.line(
                    (shape.x1 * SCALE, shape.y1 * SCALE, shape.x2 * SCALE, shape.y2 * SCALE),
                    fill=shape.stroke,
                    width=width,
                )
        elif isinstance(shape, Circle):
            r = shape.r * SCALE
            x, y = shape.x * SCALE, shape.y * SCALE
            draw.ellipse((x - r, y - r, x + r, y + r), fill=shape.fill)
        elif isinstance(shape, Text):
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
            face = font(shape.size, shape.bold)
            position = (shape.x * SCALE, shape.y * SCALE)
            draw.text(position, shape.text, fill=INK, font=face, anchor=anchor)
            if shape.bold:  # the built-in font has no bold face: draw it twice, a pixel apart
                draw.text(
                    (position[0] + 1, position[1]), shape.text, fill=INK, font=face, anchor=anchor
                )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True, dpi=(96 * SCALE, 96 * SCALE))  # its size in Word
    return out.getvalue()


def _dashed(draw: object, line: Line, width: int) -> None:
    from PIL import ImageDraw

    assert isinstance(draw, ImageDraw.ImageDraw)
    x1, y1, x2, y2 = (v * SCALE for v in (line.x1, line.y1, line.x2, line.y2))
    length = max(abs(x2 - x1), abs(y2 - y1))
    dash, gap = 4 * SCALE, 3 * SCALE
    at = 0.0
    while at < length:
        end = min(length, at + dash)
        t1, t2 = at / length, end / length
        draw.line(
            (x1 + (x2 - x1) * t1, y1 + (y2 - y1) * t1, x1 + (x2 - x1) * t2, y1 + (y2 - y1) * t2),
            fill=line.stroke,
            width=width,
        )
        at = end + gap
