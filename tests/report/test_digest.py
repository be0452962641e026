from __future__ import annotations

from datetime import UTC, datetime

from click.testing import CliRunner

from corpus.model import call_from_record
from corpus.store import Store
from tui.cli import main

T0 = datetime(2026, 10, 1, tzinfo=UTC)
T1 = datetime(2026, 11, 1, tzinfo=UTC)


def _call(cid, title, deadline="Stichtag 31.03.2027", region="DE"):
    return call_from_record(
        {
            "id": cid,
            "title": title,
            "funder": "Geber",
            "level": "bund",
            "region": region,
            "source": "quelle",
            "url": f"https://example.org/{cid}",
            "deadline_text": deadline,
            "applicants": ["mo", "verein"],
            "summary_de": "Antragsberechtigt sind Migrantenorganisationen und Vereine. Gefördert werden Projekte "
            "der kultursensiblen Seniorenarbeit und der Bildungsarbeit mit Jugendlichen.",
        }
    )


def test_digest_lists_new_changed_and_vanished_calls(tmp_path):
    db = tmp_path / "k.sqlite"
    with Store(db) as store:
        run = store.start_run("quelle", kind="crawl", now=T0)
        store.upsert_many(
            [_call("alt", "Alter Aufruf"), _call("frist", "Frist verschoben"), _call("weg", "Verschwindet")],
            run_id=run,
            now=T0,
        )
        store.finish_run(run, status="ok", now=T0)
        run = store.start_run("quelle", kind="crawl", now=T1)
        store.upsert_many(
            [
                _call("alt", "Alter Aufruf"),
                _call("frist", "Frist verschoben", "Stichtag 30.06.2027"),
                _call("neu", "Neuer Aufruf [x](javascript:alert(1))"),
                _call("fremd", "Neu, aber Bayern", region="DE-BY"),
            ],
            run_id=run,
            now=T1,
        )
        store.finish_run(run, status="ok", mark_gone=True, now=T1)
    result = CliRunner().invoke(main, ["digest", "--db", str(db), "--profile", "vmdo", "--today", "2026-12-01"])
    assert result.exit_code == 0, result.output
    out = result.output
    new_part = out.split("## Neu (")[1].split("## Geänderte")[0]
    assert new_part.startswith("1)")
    assert "Neuer Aufruf \\[x\\]\\(javascript:alert\\(1\\)\\)" in new_part  # escaped, no live link
    assert "Bayern" not in new_part  # not eligible for a Dortmund Verbund
    assert "Stichtag 31.03.2027 → **Stichtag 30.06.2027**" in out
    assert "## Nicht mehr gefunden (1)" in out and "Verschwindet" in out

    html_out = tmp_path / "digest.html"
    result = CliRunner().invoke(
        main,
        [
            "digest",
            "--db",
            str(db),
            "--profile",
            "vmdo",
            "--today",
            "2026-12-01",
            "--format",
            "html",
            "--out",
            str(html_out),
        ],
    )
    assert result.exit_code == 0, result.output
    html = html_out.read_text(encoding="utf-8")
    assert "<li><strong>Neuer Aufruf [x](javascript:alert(1))</strong>" in html
    assert "<script" not in html
