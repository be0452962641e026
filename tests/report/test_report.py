from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser

from corpus.model import call_from_record
from matcher.landscape import change_since, landscape, latest_crawl_start
from rendering.report import render_report, write_report
from tests.report.helpers import EVIL, ROWS, labelled_store

TODAY = date(2026, 12, 1)


def _report(tmp_path, **kw):
    store = labelled_store(tmp_path / "k.sqlite", **kw)
    calls = store.calls(include_gone=True)
    change = change_since(calls, latest_crawl_start(store.runs()))
    return store, render_report([c for c in calls if not c.gone_since], change, today=TODAY)


def test_numbers_in_the_report_match_the_corpus(tmp_path):
    _, (html, figures) = _report(tmp_path)
    assert figures["total"] == len(ROWS) == 8
    assert figures["co_steering"] == 1 and figures["co_steering_ids"] == ["bund-c"]
    assert figures["by_addressee"] == {"mo": 3, "kommune": 2, "ko_steuerung": 1, "beide_praxis": 2}
    assert figures["by_level"]["bund"]["total"] == 3
    assert figures["by_land"] == {
        "DE-BY": {"total": 1, "by_addressee": {"beide_praxis": 1}},
        "DE-NW": {"total": 2, "by_addressee": {"mo": 1, "kommune": 1}},
    }
    # project work vs structures: sums of stated maxima
    assert figures["money"]["Alle Ebenen"] == {"projekt": 1_085_000.0, "steuerung": 300_000.0}
    assert "nur <strong>1</strong> (12 %)" in html
    # the count table cell for "Bund" / "nur Kommunen" says 1
    row = re.search(r'<tr data-row="Bund">(.*?)</tr>', html).group(1)
    assert '<td class="n" data-key="kommune">1</td>' in row


def test_report_is_self_contained_valid_and_german(tmp_path):
    _, (html, _) = _report(tmp_path)
    assert html.count("<svg") == 7
    for forbidden in ("http://", "<link", "<script src", "@import"):
        assert forbidden not in html.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
            "https://example.org", ""
        )
    for heading in (
        "Adressaten nach Förderebene",
        "Steuerungsebene nach Förderebene",
        "Förderart nach Förderebene",
        "Adressaten der Landesprogramme nach Land",
        "Geld nach Zweck",
    ):
        assert heading in html
    assert "Anteil der Aufrufe" in html  # axis label
    HTMLParser().feed(html)


def test_crawled_text_is_escaped(tmp_path):
    _, (html, _) = _report(tmp_path, evil_title=True)
    assert EVIL not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in html
    assert "<script>" not in html


def test_land_filter_keeps_own_land_and_nationwide(tmp_path):
    store = labelled_store(tmp_path / "k.sqlite")
    view = landscape(store.calls(), land="DE-NW")
    assert view.overall.total == 7  # all but the Bavarian call
    assert set(view.by_land) == {"DE-NW"}


def test_change_between_crawls(tmp_path):
    store = labelled_store(tmp_path / "k.sqlite")
    t1 = datetime(2026, 11, 1, tzinfo=UTC)
    run = store.start_run("snapshot", kind="crawl", now=t1)
    for cid, *_ in ROWS[1:]:
        store.upsert(store.get(cid), run_id=run, now=t1)
    store.upsert(
        call_from_record({"id": "neu-1", "title": "Neu", "level": "bund", "summary_de": "Neu."}), run_id=run, now=t1
    )
    store.finish_run(run, status="ok", mark_gone=True, now=t1)
    calls = store.calls(include_gone=True)
    change = change_since(calls, latest_crawl_start(store.runs()))
    assert [c.id for c in change.new] == ["neu-1"]
    assert [c.id for c in change.vanished] == ["bund-a"]
    html, figures = render_report([c for c in calls if not c.gone_since], change, today=TODAY)
    assert figures["new"] == ["neu-1"] and figures["vanished"] == ["bund-a"]
    assert "1 neue, 1 verschwundene Aufrufe" in html


def test_write_report_files(tmp_path):
    _, (html, figures) = _report(tmp_path)
    page = write_report(tmp_path / "out", html, figures)
    assert page.read_text(encoding="utf-8") == html
    assert json.loads((tmp_path / "out" / "daten.json").read_text(encoding="utf-8"))["total"] == 8
