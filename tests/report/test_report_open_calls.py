"""The report counts only co-steering calls one can still apply for (corpus.deadlines decides)."""

from __future__ import annotations

from datetime import date

from corpus.labels import Addressee, FundingForm, SteeringLevel
from corpus.model import Classification, call_from_record
from matcher.landscape import Change
from rendering.report import render_report

TODAY = date(2026, 12, 7)
DEADLINES = {
    "ks-offen": "Interessenbekundung bis 31.03.2027",
    "ks-laufend": "laufend",
    "ks-vorbei": "Interessenbekundung 09.09.–04.11.2024 (abgelaufen); Förderphase 01.06.2025–31.05.2028",
    "ks-unbekannt": "",
}


def _call(cid: str, deadline: str):
    call = call_from_record(
        {
            "id": cid,
            "title": f"Aufruf {cid}",
            "funder": "Geber",
            "level": "bund",
            "region": "DE",
            "summary_de": "Gemeinsame Steuerungsgruppe von Kommune und Migrantenorganisationen.",
            "deadline_text": deadline or None,
        }
    )
    call.labels = Classification(
        addressee=Addressee.ko_steuerung,
        co_steering=True,
        steering_level=SteeringLevel.strategie,
        funding_form=FundingForm.struktur,
        placement_type=3,
    )
    return call


def test_open_co_steering_count_leaves_out_closed_and_unknown_calls():
    calls = [_call(cid, text) for cid, text in DEADLINES.items()]
    html, figures = render_report(calls, Change(None, [], []), today=TODAY)
    assert figures["co_steering"] == 4
    assert figures["co_steering_open"] == 2
    assert sorted(figures["co_steering_open_ids"]) == ["ks-laufend", "ks-offen"]
    assert figures["co_steering_by_deadline_status"] == {"offen": 1, "laufend": 1, "abgelaufen": 1, "unbekannt": 1}
    assert "Davon jetzt offen: <strong>2</strong> (1 mit kommender Frist, 1 laufend)" in html
    # the same calls a year and a half earlier: the closed one was still open then
    _, before = render_report(calls, Change(None, [], []), today=date(2024, 10, 1))
    assert before["co_steering_open"] == 3
