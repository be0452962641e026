"""Deadlines of a ranked list as an iCalendar file (RFC 5545) that calendar programs import."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO

from icalendar import Alarm, Calendar, Event

from corpus.clean import safe_url
from corpus.format_de import date_de
from matcher.results import RankedCall

PRODID = "-//Kulisse//Förderfristen//DE"


def _description(item: RankedCall) -> str:
    call = item.call
    lines = [f"Fördergeber: {call.funder}", f"Rang {item.rank} für diesen Verbund (Punktzahl {item.score:.2f})"]
    if item.opens is not None:
        lines.append(f"Bewerbung ab {date_de(item.opens)}")
    if call.deadlines.text:
        lines.append(f"Frist laut Aufruf: {call.deadlines.text}")
    if call.amount.text:
        lines.append(f"Förderung: {call.amount.text}")
    if item.co_steering:
        lines.append("Fördert Ko-Steuerung von Kommune und Migrantenorganisationen.")
    lines += [f"– {r}" for r in item.reasons[:5]]
    if safe_url(call.url):
        lines.append(safe_url(call.url))
    return "\n".join(lines)


def build_calendar(results: list[RankedCall], *, verbund: str, today: date) -> Calendar:
    """One all-day event per open call with a known next deadline (reminder a week before);
    calls open "laufend" get no event of their own but are listed in one summary event today.
    A closed call (abgelaufen) gets no event, whatever dates its text names."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Förderfristen – {verbund}")
    stamp = datetime.now(UTC).replace(microsecond=0)
    rolling = []
    for item in results:
        if item.rolling:
            rolling.append(item)
            continue
        if item.deadline is None or item.deadline_status != "offen":
            continue
        event = Event()
        event.add("uid", f"{item.call.id}-{item.deadline.isoformat()}@kulisse")
        event.add("dtstamp", stamp)
        event.add("summary", f"Frist: {item.call.title}")
        event.add("dtstart", item.deadline)
        event.add("dtend", item.deadline + timedelta(days=1))
        event.add("description", _description(item))
        if safe_url(item.call.url):  # only web links: "URL:javascript:…" ran in some calendar programs
            event.add("url", safe_url(item.call.url))
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"In einer Woche: Frist für {item.call.title}")
        alarm.add("trigger", timedelta(days=-7))
        event.add_component(alarm)
        cal.add_component(event)
    if rolling:
        event = Event()
        event.add("uid", f"laufend-{today.isoformat()}@kulisse")
        event.add("dtstamp", stamp)
        event.add("summary", f"Laufend offen: {len(rolling)} Förderaufrufe ohne feste Frist")
        event.add("dtstart", today)
        event.add("dtend", today + timedelta(days=1))
        event.add(
            "description",
            "Anträge jederzeit möglich:\n"
            + "\n".join(f"– {i.call.title} ({i.call.funder}) {safe_url(i.call.url) or ''}".rstrip() for i in rolling),
        )
        cal.add_component(event)
    return cal


def write_ics(results: list[RankedCall], target: str | Path | IO[bytes], profile, today: date) -> int:
    """Write the calendar to a path or a binary stream; returns the number of deadline events."""
    verbund = getattr(profile, "name", None) or str(profile)
    cal = build_calendar(results, verbund=verbund, today=today)
    data = cal.to_ical()
    if isinstance(target, (str, Path)):
        Path(target).write_bytes(data)
    else:
        target.write(data)
    return sum(1 for c in cal.walk("VEVENT") if not str(c.get("uid")).startswith("laufend-"))
