"""The crawl's JSON-line events: a real crawl's stream, the reader's tolerance, the CLI's lines."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.store import Store
from crawler import events as ev
from crawler.mirror import serve
from tests.crawler.helpers import FIXTURES
from tui.commands.crawl_cmds import ProgressLines
from tui.services import crawl

ROOT = Path(__file__).resolve().parents[2]
BOSCH_DETAIL = "/de/foerderung/themen-und-programme/miteinander-vor-ort"


@pytest.fixture
def mirrors():
    # bosch_stiftung's detail page answers with JSON: its parse fails, a spider_error
    servers = {
        "bra_kfi_nw": serve(FIXTURES / "bra_kfi_nw"),
        "bosch_stiftung": serve(
            FIXTURES / "bosch_stiftung", overrides={BOSCH_DETAIL: {"file": "routes.json", "type": "application/json"}}
        ),
    }
    yield servers
    for s in servers.values():
        s.shutdown()
        s.server_close()


def test_a_crawl_against_local_mirrors_tells_its_events_in_order(tmp_path, mirrors):
    db, log = tmp_path / "k.sqlite", tmp_path / "protokoll.log"
    command = crawl.crawl_command(db, list(mirrors), mirrors=[f"{k}={s.url}" for k, s in mirrors.items()], log_file=log)
    assert "crawler.settings.test" in command  # a local mirror: no politeness delay, never a real site
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 1, proc.stderr[-2000:]  # one source failed
    lines = proc.stdout.splitlines()
    events = [ev.parse(line) for line in lines]
    assert None not in events, [line for line, e in zip(lines, events) if e is None]  # stdout holds events only
    names = [e.name for e in events]
    assert names[0] == ev.STARTED and events[0].get("total") == 2 and names[-1] == ev.FINISHED
    assert events[-1].data == {"returncode": 1, "sources": {"bra_kfi_nw": "ok", "bosch_stiftung": "failed"}}
    for source in mirrors:
        mine = [e for e in events if e.source == source]
        assert mine[0].name == ev.SOURCE_STARTED and mine[-1].name == ev.SOURCE_FINISHED, source
        assert sum(e.name == ev.PAGE for e in mine) >= 2  # robots.txt, the list, …
    done = {e.source: e for e in events if e.name == ev.SOURCE_FINISHED}
    items = [e for e in events if e.name == ev.ITEM]
    assert {e.source for e in items} == {"bra_kfi_nw"}
    assert done["bra_kfi_nw"].get("status") == "ok" and done["bra_kfi_nw"].get("counts")["items"] == len(items) == 2
    assert done["bra_kfi_nw"].get("counts")["new"] == 2
    with Store(db) as store:
        assert {c.id for c in store.calls()} == {e.get("id") for e in items}
        assert store.runs("bra_kfi_nw")[-1]["stats"]["items"] == 2  # the event tells what was stored
    (error,) = [e for e in events if e.name == ev.ERROR]
    assert error.source == "bosch_stiftung" and error.get("url").endswith(BOSCH_DETAIL)
    assert error.get("message").startswith("Seite nicht auswertbar")
    assert done["bosch_stiftung"].get("status") == "failed" and "Fehler beim Auslesen" in done["bosch_stiftung"].get(
        "note"
    )
    assert "Traceback" not in proc.stderr and "INFO" not in proc.stderr
    assert "Spider error processing" in log.read_text(encoding="utf-8")  # the traceback: into the file


def test_a_refusal_before_the_crawl_is_an_error_event(tmp_path):
    command = crawl.crawl_command(tmp_path / "k.sqlite", ["gibt_es_nicht"], test_settings=True)
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    events = [ev.parse(line) for line in proc.stdout.splitlines()]
    assert [e.name for e in events] == [ev.ERROR, ev.FINISHED] and proc.returncode == 2
    assert events[0].get("message").startswith("Unbekannte Quelle(n): gibt_es_nicht.")
    assert events[1].get("returncode") == 2 and not proc.stderr.strip()


@pytest.mark.parametrize(
    "line",
    [
        "",
        "[scrapy.core.engine] INFO: Spider closed (finished)",
        '{"event": "source_finished", "source": "a", "sta',  # cut off
        '{"event": "nicht_bekannt"}',
        '["event", "page"]',
        '{"source": "a", "status": "ok", "items": 3}',  # the runner's --json summary is no event
        "{" * 5000,
        b'{"event": "page", "url": "\xff\xfe"',
        "\x00\x1b[2J{}",
    ],
)
def test_the_reader_skips_what_is_not_one_whole_event(line):
    assert ev.parse(line) is None


def test_the_reader_reads_an_event_and_bytes():
    e = ev.parse(b'{"event": "item", "source": "q", "title": "\xc3\x9cberschrift\\n[red]x"}\n')
    assert e == ev.Event("item", {"source": "q", "title": "Überschrift\n[red]x"})
    assert ev.parse(ev.encode(ev.PAGE, source="q", url="u", status=304)).data == {
        "source": "q",
        "url": "u",
        "status": 304,
    }
    assert "\n" not in ev.encode(ev.ITEM, title="zwei\nZeilen")  # one event, one line


def test_run_crawl_survives_garbage_and_a_cut_off_last_line(tmp_path):
    script = (
        "import sys\n"
        "w = sys.stdout.buffer.write\n"
        'w(b\'{"event": "started", "sources": ["a"], "total": 1}\\n\')\n'
        "w(b'\\xff\\xfe kaputt {\\n')\n"
        'w(b\'{"event": "source_finished", "source": "a", "status": "ok", "counts": {"items": "viele"}}\\n\')\n'
        'w(b\'{"event": "source_finished", "source": "b", "sta\')\n'  # the child died mid-line
        "sys.stderr.write('Speicher voll\\n')\n"
        "raise SystemExit(3)\n"
    )
    seen = []
    result = crawl.run_crawl([sys.executable, "-c", script], seen.append)
    assert [e.name for e in seen] == [ev.STARTED, ev.SOURCE_FINISHED]
    assert result.returncode == 3 and result.tally.position == "1/1" and result.tally.calls == 0
    assert result.stderr_tail == "Speicher voll"


def test_a_reader_that_went_away_does_not_stop_the_crawl():
    class Gone(io.StringIO):
        def write(self, s):
            raise BrokenPipeError

    emitter = ev.Emitter(Gone())
    emitter.emit(ev.PAGE, source="q")  # no exception: the crawl goes on and stores its calls
    assert emitter.stream is None
    emitter.emit(ev.PAGE, source="q")


def test_the_emitter_reads_signals_into_events():
    out = io.StringIO()
    emitter = ev.Emitter(out)

    class Spider:
        name = "q"

    class Failure:
        type = KeyError

        def getErrorMessage(self):
            return "'titel'"

    class Response:
        url, status = "https://example.org/a", 200

    emitter._page(Response(), None, Spider())
    emitter._item({"id": "q:1", "url": "https://example.org/a", "title": "T" * 500}, Response(), Spider())
    emitter._dropped({"url": "https://example.org/b"}, Response(), Exception("Titel fehlt"), Spider())
    emitter._error(Failure(), Response(), Spider())
    got = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [g["event"] for g in got] == [ev.PAGE, ev.ITEM, ev.ITEM_DROPPED, ev.ERROR]
    assert len(got[1]["title"]) == ev.TITLE_MAX
    assert got[2] == {"event": "item_dropped", "source": "q", "url": "https://example.org/b", "reason": "Titel fehlt"}
    assert got[3]["message"] == "Seite nicht auswertbar (KeyError: 'titel')"


def _feed(lines: ProgressLines, *events: ev.Event) -> None:
    for e in events:
        lines.show(e)


FINISHED_A = ev.Event(
    ev.SOURCE_FINISHED,
    {"source": "a", "status": "ok", "counts": {"items": 3, "new": 1, "unchanged": 1, "cached": 1}},
)
FINISHED_B = ev.Event(
    ev.SOURCE_FINISHED,
    {"source": "b\x1b]0;x\x07", "status": "unhealthy", "note": "2 Seite(n) verweigert (HTTP 4xx)", "counts": {}},
)


def test_the_cli_prints_a_german_line_per_source_and_the_sum(capsys):
    lines = ProgressLines()
    _feed(
        lines,
        ev.Event(ev.STARTED, {"sources": ["a", "b"], "total": 2}),
        ev.Event(ev.SOURCE_STARTED, {"source": "a"}),
        ev.Event(ev.PAGE, {"source": "a"}),
        ev.Event(ev.NOTE, {"message": "c: übersprungen – keine Erlaubnis eingetragen (X)."}),
        FINISHED_A,
        FINISHED_B,
        ev.Event(ev.FINISHED, {"returncode": 1}),
    )
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "Quelle 1/2 fertig – a: 3 Aufrufe (1 neu, 0 geändert, 2 unverändert, davon 1 nicht erneut abgefragt), "
        "0 verworfen, 0 Fehler – gesund",
        "Quelle 2/2 fertig – b]0;x: 0 Aufrufe (0 neu, 0 geändert, 0 unverändert), 0 verworfen, 0 Fehler – gestört: "
        "2 Seite(n) verweigert (HTTP 4xx)",
        "Zusammen: 3 Aufrufe aus 2 Quellen, 1 neu.",
    ]
    assert err == "Hinweis: c: übersprungen – keine Erlaubnis eingetragen (X).\n"  # no live line off a terminal


def test_the_live_line_on_a_terminal_is_cleared_before_a_source_line(capsys):
    lines = ProgressLines(live=True)
    _feed(
        lines,
        ev.Event(ev.STARTED, {"total": 2}),
        ev.Event(ev.SOURCE_STARTED, {"source": "a"}),
        ev.Event(ev.SOURCE_STARTED, {"source": "b"}),
    )
    lines._shown = 0.0  # drawing is throttled to five a second
    _feed(lines, ev.Event(ev.ITEM, {"source": "a"}))
    _, err = capsys.readouterr()
    assert err.endswith("\r\x1b[K… 0 Seiten, 1 Aufrufe – fertig 0/2, es laufen: a, b")
    _feed(lines, FINISHED_A)
    out, err = capsys.readouterr()
    assert err == "\r\x1b[K" and out.startswith("Quelle 1/2 fertig – a: 3 Aufrufe")
