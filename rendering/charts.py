"""Inline SVG bar charts for the report: self-contained, print-readable, text escaped."""

from __future__ import annotations

from html import escape

# Colour-blind-safe palette (Okabe–Ito), readable in greyscale print too.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]


def _fmt(value: float, percent: bool) -> str:
    if percent:
        return f"{value:.0f} %"
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f} Mio.".replace(".", ",")
    return f"{value:,.0f}".replace(",", ".")


def stacked_bars(
    title: str,
    rows: list[str],
    series: list[tuple[str, list[float]]],
    *,
    x_label: str,
    y_label: str,
    percent: bool = False,
) -> str:
    """Horizontal stacked bars: one bar per row, one coloured segment per series.

    With ``percent`` every bar is scaled to 100 % of its row total (shares, not counts).
    """
    width, left, right, bar_h, gap, top = 860, 190, 30, 22, 10, 46
    legend_h = 22 * ((len(series) + 3) // 4)
    height = top + len(rows) * (bar_h + gap) + 48 + legend_h
    totals = [sum(values[i] for _, values in series) for i in range(len(rows))]
    scale_max = 100.0 if percent else max(totals + [1.0])
    plot_w = width - left - right
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
        f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="16" font-weight="bold">{escape(title)}</text>',
        f'<text x="14" y="{top + len(rows) * (bar_h + gap) / 2}" transform="rotate(-90 14 {top + len(rows) * (bar_h + gap) / 2})" '
        f'text-anchor="middle">{escape(y_label)}</text>',
    ]
    for i, row in enumerate(rows):
        y = top + i * (bar_h + gap)
        out.append(f'<text x="{left - 8}" y="{y + bar_h * 0.7}" text-anchor="end">{escape(row)}</text>')
        x = float(left)
        for j, (name, values) in enumerate(series):
            value = values[i]
            if value <= 0:
                continue
            shown = (value / totals[i] * 100.0) if percent and totals[i] else value
            w = plot_w * shown / scale_max
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{PALETTE[j % len(PALETTE)]}">'
                f"<title>{escape(row)} – {escape(name)}: {_fmt(value, False)}</title></rect>"
            )
            if w > 34:
                out.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + bar_h * 0.7}" text-anchor="middle" fill="#fff" font-size="11">'
                    f"{_fmt(shown, percent)}</text>"
                )
            x += w
        if not percent:
            out.append(f'<text x="{x + 4:.1f}" y="{y + bar_h * 0.7}" font-size="11">{_fmt(totals[i], False)}</text>')
    axis_y = top + len(rows) * (bar_h + gap)
    out.append(f'<line x1="{left}" y1="{axis_y}" x2="{left + plot_w}" y2="{axis_y}" stroke="#333"/>')
    for k in range(5):
        tick = scale_max * k / 4
        tx = left + plot_w * k / 4
        out.append(f'<line x1="{tx:.1f}" y1="{axis_y}" x2="{tx:.1f}" y2="{axis_y + 5}" stroke="#333"/>')
        out.append(
            f'<text x="{tx:.1f}" y="{axis_y + 18}" text-anchor="middle" font-size="11">{_fmt(tick, percent)}</text>'
        )
    out.append(f'<text x="{left + plot_w / 2}" y="{axis_y + 36}" text-anchor="middle">{escape(x_label)}</text>')
    legend_y = axis_y + 50
    for j, (name, _) in enumerate(series):
        lx = left + (j % 4) * 165
        ly = legend_y + (j // 4) * 22
        out.append(f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="{PALETTE[j % len(PALETTE)]}"/>')
        out.append(f'<text x="{lx + 20}" y="{ly + 12}">{escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out)
