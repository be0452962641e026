"""Deadlines end to end: match json, ics and the TUI's lists show what one reader decides."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from corpus.model import call_from_record
from corpus.store import Store
from tests.matcher.matcher_helpers import HashEmbedder
from tui.cli import main

TODAY = "2026-12-07"
TEXT = "Gefördert werden Projekte von Migrantenorganisationen und Vereinen in Dortmund: Bildung und Begegnung."
CALLS = {
    # a closed call whose funding period runs on: never shown with the period's end
    "elternchancen": "Interessenbekundung 09.09.–04.11.2024 (abgelaufen); Förderphase 01.06.2025–31.05.2028",
    "iq": "Projektskizzen bis 22.04.2025 (abgelaufen); Förderrunde läuft bis 31.12.2028",
    # a yearly window: opens and closes in the next round
    "dortmut": "jährlich, Bewerbung 01.06.–31.08.",
    # yearly without a day: the same status for CLI and TUI
    "komm-an": "jährlich; Antrag der Kommune beim KfI, lokale Fristen der Integrationszentren",
    "laufend": "laufend, mindestens acht Wochen vor Projektbeginn",
    "dated": "Antragsfrist 15.02.2027",
}
EXPECTED = {
    "elternchancen": ("abgelaufen", None, None),
    "iq": ("abgelaufen", None, None),
    "dortmut": ("offen", "2027-08-31", "2027-06-01"),
    "komm-an": ("offen", None, None),
    "laufend": ("laufend", None, None),
    "dated": ("offen", "2027-02-15", None),
}


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setattr("matcher.embedding.embed", HashEmbedder())
    monkeypatch.setattr("matcher.embedding.model_name", lambda: "hash-test-embedder")
    path = tmp_path / "k.sqlite"
    with Store(path) as store:
        store.upsert_many(
            [
                call_from_record(
                    {
                        "id": cid,
                        "title": f"Aufruf {cid}",
                        "funder": "Stiftung",
                        "level": "bund",
                        "region": "DE",
                        "summary_de": TEXT,
                        "applicants": ["verein", "mo"],
                        "deadline_text": text,
                    }
                )
                for cid, text in CALLS.items()
            ]
        )
    return path


def _match(db, *extra) -> list[dict]:
    result = CliRunner().invoke(
        main,
        ["match", "--profile", "vmdo", "--db", str(db), "--today", TODAY, "--format", "json", "--top", "50", *extra],
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_match_json_has_status_deadline_and_opening_day(db):
    data = {d["id"]: d for d in _match(db, "--all")}
    assert {cid: (d["deadline_status"], d["deadline"], d["opens"]) for cid, d in data.items()} == EXPECTED
    assert not data["elternchancen"]["eligible"] and not data["iq"]["eligible"]
    assert "Frist abgelaufen (zuletzt 04.11.2024)" in data["elternchancen"]["reasons"]
    # without --all the closed calls are left out
    assert {d["id"] for d in _match(db)} == set(CALLS) - {"elternchancen", "iq"}


def test_ics_has_no_event_for_closed_calls(db, tmp_path):
    out = tmp_path / "fristen.ics"
    result = CliRunner().invoke(
        main,
        [
            "match",
            "--profile",
            "vmdo",
            "--db",
            str(db),
            "--today",
            TODAY,
            "--format",
            "ics",
            "--top",
            "50",
            "--all",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    events = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    dated = {e.decoded("dtstart") for e in events if not str(e["uid"]).startswith("laufend-")}
    assert dated == {date(2027, 8, 31), date(2027, 2, 15)}
    assert "2028" not in out.read_text(encoding="utf-8")


def test_tui_lists_agree_with_the_cli(db):
    from matcher.profile import load_profile
    from tui import format as fmt
    from tui.services.rankings import fallback_ranking

    with Store(db) as store:
        ranking = fallback_ranking(store, load_profile("vmdo"), date.fromisoformat(TODAY))
    shown = {
        r.call.id: (
            r.deadline_status,
            r.deadline.isoformat() if r.deadline else None,
            r.opens.isoformat() if r.opens else None,
        )
        for r in ranking.items
    }
    assert shown == EXPECTED
    cells = {r.call.id: fmt.deadline_cell(r).plain for r in ranking.items}
    assert cells["komm-an"] == "offen (ohne Datum)" and cells["laufend"] == "laufend"
    assert cells["elternchancen"] == "abgelaufen" and cells["dortmut"].startswith("31.08.2027")


def test_match_json_has_the_amount_terms(db, tmp_path):
    with Store(db) as store:
        store.upsert(
            call_from_record(
                {
                    "id": "dortmut-betrag",
                    "title": "Aufruf Betrag",
                    "funder": "Stiftung",
                    "level": "bund",
                    "region": "DE",
                    "summary_de": TEXT,
                    "applicants": ["verein"],
                    "deadline_text": "laufend",
                    "amount_text": "bis 3.000 € je Projekt; 84.000 € pro Jahr (4 × 21.000 €)",
                }
            )
        )
    [item] = [d for d in _match(db) if d["id"] == "dortmut-betrag"]
    assert item["amount"]["max_eur_per_project"] == 3000.0
    assert item["amount"]["programme_per_year_eur"] == 84000.0 and item["amount"]["per_year"] is False
