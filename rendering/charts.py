"""Inline SVG bar charts for the report: self-contained, print-readable, text escaped.

This module computes the layout (positions, widths, labels); ``rendering/html/bars.svg.j2``
draws it with autoescape on, so a crawled name cannot break out of the SVG.
"""

from __future__ import annotations

from markupsafe import Markup

from corpus.format_de import number, percent

# Colour-blind-safe palette (Okabe–Ito), readable in greyscale print too.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]


def _fmt(value: float, percent_: bool) -> str:
    """An axis or bar label: 40 %, 1,2 Mio., 84.000."""
    if percent_:
        return percent(value)
    if value >= 1_000_000:
        return f"{number(value / 1_000_000, 1, grouping=False)} Mio."
    return number(value)


def stacked_bars(
    title: str,
    rows: list[str],
    series: list[tuple[str, list[float]]],
    *,
    x_label: str,
    y_label: str,
    percent: bool = False,
) -> Markup:
    """Horizontal stacked bars: one bar per row, one coloured segment per series.

    With ``percent`` every bar is scaled to 100 % of its row total (shares, not counts).
    """
    from rendering.templating import render

    width, left, right, bar_h, gap, top = 860, 190, 30, 22, 10, 46
    legend_h = 22 * ((len(series) + 3) // 4)
    height = top + len(rows) * (bar_h + gap) + 48 + legend_h
    totals = [sum(values[i] for _, values in series) for i in range(len(rows))]
    scale_max = 100.0 if percent else max(totals + [1.0])
    plot_w = width - left - right
    bars = []
    for i, row in enumerate(rows):
        y = top + i * (bar_h + gap)
        x = float(left)
        segments = []
        for j, (name, values) in enumerate(series):
            value = values[i]
            if value <= 0:
                continue
            shown = (value / totals[i] * 100.0) if percent and totals[i] else value
            w = plot_w * shown / scale_max
            segments.append(
                {
                    "x": x,
                    "w": w,
                    "fill": PALETTE[j % len(PALETTE)],
                    "name": name,
                    "value": _fmt(value, False),
                    "label": _fmt(shown, percent) if w > 34 else None,  # only where it fits
                }
            )
            x += w
        bars.append(
            {
                "name": row,
                "y": y,
                "text_y": y + bar_h * 0.7,
                "segments": segments,
                "end": x,
                "total": None if percent else _fmt(totals[i], False),
            }
        )
    axis_y = top + len(rows) * (bar_h + gap)
    layout = {
        "width": width,
        "height": height,
        "left": left,
        "plot_w": plot_w,
        "bar_h": bar_h,
        "title": title,
        "x_label": x_label,
        "y_label": y_label,
        "y_mid": top + len(rows) * (bar_h + gap) / 2,
        "rows": bars,
        "axis_y": axis_y,
        "ticks": [{"x": left + plot_w * k / 4, "label": _fmt(scale_max * k / 4, percent)} for k in range(5)],
        "legend": [
            {
                "x": left + (j % 4) * 165,
                "y": axis_y + 50 + (j // 4) * 22,
                "fill": PALETTE[j % len(PALETTE)],
                "name": name,
            }
            for j, (name, _) in enumerate(series)
        ],
    }
    # Markup: the report template embeds the finished (already escaped) SVG as it is
    return Markup(render("bars.svg.j2", c=layout))
