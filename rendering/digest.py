"""What is new since the last crawl, for one Verbund: Markdown or HTML to paste into a newsletter."""

from __future__ import annotations

from html import escape

from corpus.clean import safe_url
from matcher.landscape import DeadlineChange, Digest
from matcher.results import RankedCall

__all__ = ["DeadlineChange", "Digest", "to_html", "to_markdown"]


def _deadline(item: RankedCall) -> str:
    if item.deadline:
        return f"Frist {item.deadline.strftime('%d.%m.%Y')} (noch {item.days_left} Tage)"
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
    since = d.since.strftime("%d.%m.%Y") if d.since else "dem ersten Stand"
    lines = [
        f"# Neue Förderaufrufe für {_md(d.verbund)}",
        "",
        f"Stand {d.today.strftime('%d.%m.%Y')}, Veränderungen seit {since}.",
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
    since = d.since.strftime("%d.%m.%Y") if d.since else "dem ersten Stand"
    parts = [
        f"<h1>Neue Förderaufrufe für {escape(d.verbund)}</h1>",
        f"<p>Stand {d.today.strftime('%d.%m.%Y')}, Veränderungen seit {since}.</p>",
        f"<h2>Neu ({len(d.new)})</h2>",
    ]
    if d.new:
        items = []
        for item in d.new:
            c = item.call
            marker = " – <strong>Ko-Steuerung</strong>" if item.co_steering else ""
            link = f' <a href="{escape(safe_url(c.url))}">zum Aufruf</a>' if _web(c.url) else ""
            reasons = f"<br><small>{escape('; '.join(item.reasons[:3]))}</small>" if item.reasons else ""
            items.append(
                f"<li><strong>{escape(c.title)}</strong> ({escape(c.funder)}), {escape(_deadline(item))}{marker}{link}{reasons}</li>"
            )
        parts.append("<ol>" + "".join(items) + "</ol>")
    else:
        parts.append("<p>Keine neuen passenden Aufrufe.</p>")
    parts.append(f"<h2>Geänderte Fristen ({len(d.deadline_changes)})</h2>")
    parts.append(
        "<ul>"
        + "".join(
            f"<li>{escape(ch.call.title)}: {escape(ch.before)} → <strong>{escape(ch.after)}</strong></li>"
            for ch in d.deadline_changes
        )
        + "</ul>"
        if d.deadline_changes
        else "<p>Keine.</p>"
    )
    parts.append(f"<h2>Nicht mehr gefunden ({len(d.vanished)})</h2>")
    parts.append(
        "<ul>" + "".join(f"<li>{escape(c.title)} ({escape(c.funder)})</li>" for c in d.vanished) + "</ul>"
        if d.vanished
        else "<p>Keine.</p>"
    )
    return (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Neue Förderaufrufe</title></head><body>'
        + "\n".join(parts)
        + "</body></html>\n"
    )
