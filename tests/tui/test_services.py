"""The TUI's plain functions: filtering, stored rankings, highlighting, escaping (crawl: test_events)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from corpus.labels import CallStatus, FundingForm, Level
from corpus.store import Store
from tests.tui.conftest import TODAY
from tui import filters
from tui import format as fmt
from tui.screens.call_detail import EVIDENCE_STYLE, highlighted_text
from tui.services import landscape, marks, profiles, rankings


def _ranking(db):
    with Store(db) as store:
        return rankings.fallback_ranking(store, profiles.load_profile("testverbund"), TODAY).items


def test_filters_combine_and_search_needs_every_word(db):
    items = _ranking(db)
    statuses = {"test-nw-mso": (CallStatus.interessant, "")}

    def apply(**kw):
        return [i.call.id for i in filters.apply(items, filters.ListFilter(include_ineligible=True, **kw), statuses)]

    assert apply(level=Level.eu) == ["test-eu-amif"]
    assert set(apply(region="offen:DE-NW")) == {
        "test-bund-kosteuerung",
        "test-nw-mso",
        "test-stiftung-nachbarschaft",
        "test-kommune-only",
        "test-eu-amif",
        "test-nw-abgelaufen",
    }
    assert apply(funding_form=FundingForm.preis) == ["test-by-preis"]
    assert apply(co_steering_only=True) == ["test-bund-kosteuerung"]
    assert apply(status=CallStatus.interessant) == ["test-nw-mso"]
    assert apply(deadline="laufend") == ["test-stiftung-nachbarschaft"]
    assert "test-nw-abgelaufen" not in apply(deadline="offen")
    assert apply(search="SENIOREN nrw") == ["test-nw-mso"]
    assert apply(search="seniorenarbeit bayern") == []
    hidden = [i.call.id for i in filters.apply(items, filters.ListFilter(), statuses)]
    assert "test-by-preis" not in hidden and "test-nw-abgelaufen" not in hidden


def test_sort_by_deadline_puts_unknown_and_rolling_last(db):
    shown = filters.apply(_ranking(db), filters.ListFilter(sort="frist"), {})
    days = [i.days_left for i in shown]
    assert days[-1] is None and days[:-1] == sorted(days[:-1])


def test_stored_ranking_round_trip_recomputes_days_and_drops_gone_calls(db):
    items = _ranking(db)
    with Store(db) as store:
        rankings.save_ranking(store, "testverbund", rankings.Ranking(items, "Test"))
        later = TODAY + timedelta(days=10)
        again = rankings.stored_ranking(store, "testverbund", later)
        assert [i.call.id for i in again.items] == [i.call.id for i in items]
        before = {i.call.id: i.days_left for i in items}
        for item in again.items:
            if before[item.call.id] is not None and before[item.call.id] >= 10:
                assert item.days_left == before[item.call.id] - 10
        store.conn.execute("UPDATE calls SET gone_since='2026-12-02T00:00:00+00:00' WHERE id='test-nw-mso'")
        assert "test-nw-mso" not in [i.call.id for i in rankings.stored_ranking(store, "testverbund", TODAY).items]
        store.set_meta("ranking:testverbund", "{kaputt")
        assert rankings.stored_ranking(store, "testverbund", TODAY) is None


def test_new_since_last_visit(db):
    with Store(db) as store:
        call = store.get("test-nw-mso")
        assert marks.last_visit(store, "testverbund") is None
        assert not marks.is_new_since(call, None)
        marks.record_visit(store, "testverbund", datetime(2026, 11, 1, tzinfo=UTC))
        seen = marks.last_visit(store, "testverbund")
        assert marks.is_new_since(call, seen)
        assert not marks.is_new_since(call, datetime(2026, 11, 21, tzinfo=UTC))


def test_evidence_highlight_marks_every_occurrence_only():
    text = "Erster Satz. Zweiter Satz. Erster Satz."
    result = highlighted_text(text, ["Erster Satz.", "fehlt im Text."])
    spans = [(s.start, s.end) for s in result.spans if str(s.style) == EVIDENCE_STYLE]
    assert spans == [(0, 12), (27, 39)] and result.plain == text
    wrapped = highlighted_text("Vorher. Gefördert werden\n  Kommunen. Danach.", ["Gefördert werden Kommunen."])
    assert [(s.start, s.end) for s in wrapped.spans] == [(8, 36)]


def test_plain_text_never_interprets_markup():
    t = fmt.plain("[bold red]x[/] [@click=app.quit]y[/]")
    assert t.plain == "[bold red]x[/] [@click=app.quit]y[/]" and not t.spans
    assert fmt.plain("a" * 50, 10).plain == "a" * 9 + "…"


def test_landscape_counts_only_calls_open_to_the_land(db):
    with Store(db) as store:
        ls = landscape.landscape(store.calls(), "DE-SN")
    # nationwide 2, EU 1, Sachsen 1; the unlabelled NW call is not open to Sachsen
    assert ls.total == 4 and ls.labelled == 4 and ls.co_steering == 1
    assert dict(ls.by_addressee)["nur Migranten-/zivilgesellschaftliche Organisationen"] == 2
    assert sum(n for _, n, _ in ls.by_level) == 4


def test_label_lines_and_bars_write_percentages_the_german_way():
    from corpus.labels import Addressee, CoSteeringBand, SteeringLevel
    from corpus.model import Classification, call_from_record
    from tui.services.labels import iter_labels

    call = call_from_record({"id": "p", "title": "Aufruf", "level": "bund", "summary_de": "Text"})
    call.labels = Classification(
        addressee=Addressee.mo,
        co_steering=False,
        steering_level=SteeringLevel.praxis,
        funding_form=FundingForm.projekt,
        placement_type=1,
        co_steering_probability=0.175,
        co_steering_band=CoSteeringBand.moeglich,
    )
    assert dict(iter_labels(call))["Ko-Steuerung"] == "möglich – Belege prüfen (Wahrscheinlichkeit 18 %)"
    assert fmt.bar(1, 6).plain.endswith("1  (17 %)")
