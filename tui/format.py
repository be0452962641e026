"""Rich ``Text`` for cells and panels. Crawled strings always become ``Text(...)``, never markup."""

from __future__ import annotations

from rich.text import Text

from corpus.clean import strip_controls
from corpus.format_de import date_de
from corpus.format_de import share as share_of
from corpus.labels import LEVEL_DE, REGIONS, STATUS_DE, CallStatus
from matcher.results import RankedCall

NEAR_DAYS = 14  # highlighted red
SOON_DAYS = 30  # highlighted yellow


def plain(value: object, limit: int | None = None) -> Text:
    """Untrusted text as written: ``[bold]`` stays ``[bold]``, ``[@click=…]`` does nothing, an
    ESC sequence is dropped (control characters never reach the terminal)."""
    s = " ".join(strip_controls(str(value or "")).split())
    if limit and len(s) > limit:
        s = s[: limit - 1] + "…"
    return Text(s)


def wrapped(value: object, width: int, lines: int = 2) -> Text:
    """Untrusted text wrapped at word boundaries into at most ``lines`` lines of ``width``; only
    what does not fit even then ends in "…" (the detail view shows it whole)."""
    import textwrap

    s = " ".join(strip_controls(str(value or "")).split())
    parts = textwrap.wrap(s, width=max(8, width), break_long_words=True, break_on_hyphens=False) or [""]
    if len(parts) > lines:
        rest = " ".join(parts[lines - 1 :])
        parts = parts[: lines - 1] + [rest[: max(8, width) - 1] + "…"]
    return Text("\n".join(parts))


def deadline_cell(item: RankedCall) -> Text:
    """The status the ranking computed with ``corpus.deadlines`` (the CLI shows the same)."""
    if item.days_left is not None:
        n = item.days_left
        when = "heute" if n == 0 else ("morgen" if n == 1 else f"{n} T.")
        style = "bold red" if n <= NEAR_DAYS else ("yellow" if n <= SOON_DAYS else "")
        return Text(f"{date_de(item.deadline)} ({when})", style=style)
    if item.deadline_status == "offen":
        return Text(f"offen ab {date_de(item.opens)}" if item.opens else "offen (ohne Datum)", style="cyan")
    if item.deadline_status == "laufend":
        return Text("laufend", style="green")
    return Text(item.deadline_status, style="dim")


def score_cell(item: RankedCall) -> Text:
    return Text(f"{item.score:.2f}" if item.score else "–", justify="right")


LEVEL_SHORT = {"stiftung": "Stiftung"}


def level_cell(item: RankedCall) -> Text:
    level = item.call.level
    return Text(LEVEL_SHORT.get(level.value, LEVEL_DE[level]))


def region_cell(item: RankedCall) -> Text:
    return Text(item.call.region if item.call.region in REGIONS else "?")


def co_steering_cell(item: RankedCall) -> Text:
    if item.call.labels is None:
        return Text("?", style="dim")
    if item.co_steering:
        return Text("◆ KS", style="bold magenta")
    # the middle band: a possible co-steering call is shown, never silently dropped
    return Text("◇ KS?", style="magenta") if item.co_steering_text == "möglich" else Text("")


def status_cell(status: CallStatus | None) -> Text:
    if status is None or status == CallStatus.neu:
        return Text("")
    style = {
        CallStatus.interessant: "cyan",
        CallStatus.in_arbeit: "bold yellow",
        CallStatus.eingereicht: "green",
        CallStatus.abgelehnt: "dim red",
        CallStatus.nicht_fuer_uns: "dim",
        CallStatus.weniger_davon: "dim",
    }[status]
    return Text(STATUS_DE[status], style=style)


def bar(count: int, total: int, width: int = 30) -> Text:
    """A proportional bar with its count and share, for the landscape screen."""
    share = count / total if total else 0.0
    filled = round(share * width)
    text = Text("█" * filled, style="cyan")
    text.append("░" * (width - filled), style="dim")
    text.append(f" {count:>3}  ({share_of(count, total)})")
    return text
