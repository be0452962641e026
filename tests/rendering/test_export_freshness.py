"""The terminal table says how fresh its facts are."""

from __future__ import annotations

import io
from datetime import date

from matcher.profile import load_profile
from matcher.results import RankedCall
from rendering.export import write_table
from tests.corpus.helpers import make_call


def _table(*calls) -> str:
    out = io.StringIO()
    results = [RankedCall(call=c, rank=i, score=0.5, eligible=True) for i, c in enumerate(calls, start=1)]
    write_table(results, out, load_profile("vmdo"), date(2026, 12, 1), width=120)
    return out.getvalue()


def test_crawled_calls_show_the_span_of_their_last_check():
    a = make_call("a", source="bamf_bgz")
    a.extras["last_checked"] = "2026-11-20T08:00:00+00:00"
    b = make_call("b", source="aktion_mensch")
    b.extras["last_checked"] = "2026-11-28T08:00:00+00:00"
    text = _table(a, b)
    assert "Datenstand: zuletzt bei den Quellen geprüft am 20.11.2026 bis 28.11.2026." in text
    assert "Schnappschuss" not in text


def test_snapshot_calls_are_named_as_such():
    c = make_call("c", source="snapshot")
    c.extras["last_checked"] = "2026-12-01T08:00:00+00:00"
    text = _table(c)
    assert "mitgelieferten Schnappschuss" in text and "geprüft am" not in text
