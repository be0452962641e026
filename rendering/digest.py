"""What is new since the last crawl, for one Verbund: Markdown or HTML to paste into a newsletter."""

from __future__ import annotations

from corpus.clean import safe_url
from corpus.format_de import date_de
from matcher.landscape import DeadlineChange, Digest
from matcher.results import RankedCall

__all__ = ["DeadlineChange", "Digest", "to_html", "to_markdown"]


def _deadline(item: RankedCall) -> str:
    if item.deadline:
        return f"Frist {date_de(item.deadline)} (noch {item.days_left} Tage)"
    return {"laufend": "laufend", "offen": "offen (ohne Datum)", "abgelaufen": "Frist abgelaufen"}.get(
        item.deadline_status, "Frist unbekannt"
    )


def _md(text: str) -> str:
    """Markdown-escape crawled text so it cannot add links, images or emphasis."""
    for ch in "\\`*_{}[]<>()#+!|":
        text = text.replace(ch, "\\" + ch)
    return text


def _web(url: str) -> bool:
    """Only web links are linked: a crawled "javascript:" URL would run when clicked."""
    return safe_url(url) is not None


def to_markdown(d: Digest) -> str:
    since = date_de(d.since) if d.since else "dem ersten Stand"
    lines = [
        f"# Neue Förderaufrufe für {_md(d.verbund)}",
        "",
        f"Stand {date_de(d.today)}, Veränderungen seit {since}.",
        "",
    ]
    lines += [f"## Neu ({len(d.new)})", ""]
    if not d.new:
        lines.append("Keine neuen passenden Aufrufe.")
    for item in d.new:
        c = item.call
        marker = " – **Ko-Steuerung**" if item.co_steering else ""
        lines.append(f"{item.rank}. **{_md(c.title)}** ({_md(c.funder)}), {_deadline(item)}{marker}  ")
        if item.reasons:
            lines.append(f"   {_md('; '.join(item.reasons[:3]))}  ")
        if _web(c.url):
            # percent-encoded (no space, < or >): the autolink cannot end early and let
            # "![](…)" after it render as an image
            lines.append(f"   <{safe_url(c.url)}>")
    lines += ["", f"## Geänderte Fristen ({len(d.deadline_changes)})", ""]
    lines += [f"- {_md(ch.call.title)}: {_md(ch.before)} → **{_md(ch.after)}**" for ch in d.deadline_changes] or [
        "Keine."
    ]
    lines += ["", f"## Nicht mehr gefunden ({len(d.vanished)})", ""]
    lines += [f"- {_md(c.title)} ({_md(c.funder)})" for c in d.vanished] or ["Keine."]
    return "\n".join(lines) + "\n"


def to_html(d: Digest) -> str:
    """The digest as one page from ``rendering/html/digest.html.j2`` (autoescaped)."""
    from rendering.templating import render

    return render(
        "digest.html.j2",
        d=d,
        deadlines=[_deadline(item) for item in d.new],
        reasons=["; ".join(item.reasons[:3]) for item in d.new],
    )
