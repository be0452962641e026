from __future__ import annotations

import io
from datetime import date

from icalendar import Calendar

from matcher.results import RankedCall
from rendering.calendar import write_ics
from tests.corpus.helpers import make_call

TODAY = date(2026, 12, 1)


def _results():
    dated = make_call("a", title="Aufruf mit Frist; Komma, und \\ Backslash", deadline_text="Stichtag 31.03.2027")
    rolling = make_call("b", title="Laufendes Programm", deadline_text="laufend")
    unknown = make_call("c", title="Ohne Angabe", deadline_text="")
    return [
        RankedCall(
            call=dated,
            rank=1,
            score=0.9,
            eligible=True,
            reasons=["passt zu Handlungsfeld Bildung"],
            deadline=date(2027, 3, 31),
            days_left=120,
            deadline_status="offen",
        ),
        RankedCall(call=rolling, rank=2, score=0.8, eligible=True, deadline_status="laufend"),
        RankedCall(call=unknown, rank=3, score=0.7, eligible=True),
    ]


def test_closed_call_gets_no_event_a_window_says_when_it_opens():
    from matcher.results import deadline_fields

    closed = make_call(
        "z",
        title="Vorbei",
        deadline_text="Interessenbekundung 09.09.–04.11.2024 (abgelaufen); Förderphase 01.06.2025–31.05.2028",
    )
    window = make_call("w", title="Fenster", deadline_text="jährlich, Bewerbung 01.06.–31.08.")
    results = [
        RankedCall(call=c, rank=i, score=0.5, eligible=True, **deadline_fields(c, TODAY))
        for i, c in enumerate((closed, window), 1)
    ]
    buffer = io.BytesIO()
    assert write_ics(results, buffer, "VMDO", TODAY) == 1
    [event] = Calendar.from_ical(buffer.getvalue()).walk("VEVENT")
    assert event.decoded("dtstart") == date(2027, 8, 31) and "Bewerbung ab 01.06.2027" in str(event["description"])
    assert "2028" not in buffer.getvalue().decode()


def test_ics_has_one_event_per_deadline_and_lists_rolling_calls():
    buffer = io.BytesIO()
    count = write_ics(_results(), buffer, "VMDO", TODAY)
    assert count == 1
    cal = Calendar.from_ical(buffer.getvalue())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2
    deadline = next(e for e in events if str(e["uid"]).startswith("a-"))
    assert deadline.decoded("dtstart") == date(2027, 3, 31)
    assert str(deadline["summary"]) == "Frist: Aufruf mit Frist; Komma, und \\ Backslash"
    assert "passt zu Handlungsfeld Bildung" in str(deadline["description"])
    assert list(deadline.walk("VALARM"))
    summary = next(e for e in events if str(e["uid"]).startswith("laufend-"))
    assert "Laufendes Programm" in str(summary["description"])
    assert "Ohne Angabe" not in buffer.getvalue().decode()


def test_ics_lines_are_folded_and_crlf():
    buffer = io.BytesIO()
    write_ics(_results(), buffer, "VMDO", TODAY)
    raw = buffer.getvalue()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
