"""Charts as inline SVG for printed documents: they print in black and white.

WeasyPrint runs no JavaScript, so printed charts are drawn on the server. Each series is told apart
by its pattern (solid, hatched, dotted; distinct markers), never by colour alone, and every bar
carries its value as text. Numbers arrive already formatted by the caller (decimal comma and all),
so a chart shows exactly what the page around it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_DEFS = (
    "<defs>"
    '<pattern id="hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="5" height="5" fill="#fff"/>'
    '<line x1="0" y1="0" x2="0" y2="5" stroke="#000" stroke-width="2"/></pattern>'
    "</defs>"
)
DASHES = ("", "6 3", "2 3", "8 3 2 3")
MARKERS = ("circle", "square", "triangle", "diamond")


@dataclass(frozen=True)
class Bar:
    label: str
    value: Fraction
    maximum: Fraction
    """The bar's full length (an indicator's weight): drawn as an outline behind the value."""
    text: str
    """The value as the page shows it, e.g. ``"12,40 / 33,00"``."""


def bar_chart(bars: Sequence[Bar], *, width: int = 640, label_width: int = 210) -> SafeString:
    """Horizontal bars: each value, hatched, inside an outline of its maximum."""
    row, gap, top = 18, 8, 4
    height = top + len(bars) * (row + gap)
    scale = max((b.maximum for b in bars), default=Fraction(1)) or Fraction(1)
    plot = width - label_width - 110
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" font-family="DejaVu Sans, sans-serif" font-size="10">',
        _DEFS,
    ]
    for i, b in enumerate(bars):
        y = top + i * (row + gap)
        full = float(b.maximum / scale) * plot
        done = float(min(b.value, b.maximum) / scale) * plot if b.maximum else 0.0
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{escape(b.label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{full:.1f}" height="{row}" fill="#fff" '
            f'stroke="#000" stroke-width="0.8"/>'
            f'<rect x="{label_width}" y="{y}" width="{done:.1f}" height="{row}" '
            f'fill="url(#hatch)" stroke="#000" stroke-width="0.8"/>'
            f'<text x="{label_width + full + 6:.1f}" y="{y + 13}">{escape(b.text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[Fraction | None]
    """One value per x label; None leaves a gap."""


def line_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    low: Fraction,
    high: Fraction,
    ticks: Sequence[tuple[Fraction, str]] = (),
    width: int = 640,
    height: int = 220,
) -> SafeString:
    """Lines over shared x labels, each with its own dash pattern and marker, and a legend."""
    left, right, top, bottom = 44, 12, 10, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    span = (high - low) or Fraction(1)

    def x(i: int) -> float:
        return left + (plot_w * i / max(len(labels) - 1, 1))

    def y(v: Fraction) -> float:
        return top + plot_h - float((v - low) / span) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" font-family="DejaVu Sans, sans-serif" font-size="9">',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#fff" '
        f'stroke="#000" stroke-width="0.6"/>',
    ]
    for value, text in ticks:
        ty = y(value)
        parts.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{left + plot_w}" y2="{ty:.1f}" stroke="#999" '
            f'stroke-width="0.4" stroke-dasharray="1 2"/>'
            f'<text x="{left - 4}" y="{ty + 3:.1f}" text-anchor="end">{escape(text)}</text>'
        )
    step = max(1, len(labels) // 8)
    for i, label in enumerate(labels):
        if i % step == 0 or i == len(labels) - 1:
            # the last label ends at the plot's edge: centred, it would run off the picture
            anchor = "end" if i == len(labels) - 1 and i > 0 else "middle"
            parts.append(
                f'<text x="{x(i):.1f}" y="{top + plot_h + 12}" text-anchor="{anchor}">'
                f"{escape(label)}</text>"
            )
    for n, s in enumerate(series):
        dash = DASHES[n % len(DASHES)]
        runs: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(s.points):
            if v is None:
                runs.append([])
            else:
                runs[-1].append((x(i), y(v)))
        for run in runs:
            if len(run) > 1:
                pts = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
                parts.append(
                    f'<polyline points="{pts}" fill="none" stroke="#000" stroke-width="1.4" '
                    f'stroke-dasharray="{dash}"/>'
                )
            for px, py in run:
                parts.append(_marker(MARKERS[n % len(MARKERS)], px, py))
        lx = left + n * 150
        ly = height - 10
        parts.append(
            f'<line x1="{lx}" y1="{ly - 3}" x2="{lx + 24}" y2="{ly - 3}" stroke="#000" '
            f'stroke-width="1.4" stroke-dasharray="{dash}"/>'
            + _marker(MARKERS[n % len(MARKERS)], lx + 12, ly - 3)
            + f'<text x="{lx + 30}" y="{ly}">{escape(s.name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _marker(kind: str, x: float, y: float) -> str:
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="#fff" stroke="#000"/>'
    if kind == "square":
        return f'<rect x="{x - 2.4:.1f}" y="{y - 2.4:.1f}" width="4.8" height="4.8" fill="#000"/>'
    if kind == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 3:.1f} {x - 3:.1f},{y + 2.4:.1f} '
            f'{x + 3:.1f},{y + 2.4:.1f}" fill="#000"/>'
        )
    return (
        f'<polygon points="{x:.1f},{y - 3.2:.1f} {x + 3.2:.1f},{y:.1f} {x:.1f},{y + 3.2:.1f} '
        f'{x - 3.2:.1f},{y:.1f}" fill="#fff" stroke="#000"/>'
    )
