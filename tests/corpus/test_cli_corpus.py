"""The corpus commands as a user runs them: import, export, bad input, concurrency, kills."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from corpus.store import Store
from tui.cli import main

GOOD = {
    "id": "land-nw-test",
    "title": "Förderung für Migrantenselbstorganisationen",
    "funder": "Land NRW",
    "level": "land",
    "region": "DE-NW",
    "url": "https://example.org/a",
    "summary_de": "Antragsberechtigt sind Migrantenselbstorganisationen in NRW.",
    "amount_text": "bis zu 5.000 Euro",
    "deadline_text": "jährlich zum 30.09.",
    "applicants": ["mo", "verein"],
    "funding_form": "projekt",
    "unbekanntes_feld": "wird ignoriert",
}


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_import_then_export_round_trip(tmp_path):
    second = dict(GOOD, id="bund-test", level="bund", region="DE", applicants=["kommune"])
    src = write_lines(tmp_path / "in.jsonl", [json.dumps(GOOD, ensure_ascii=False), json.dumps(second)])
    db = tmp_path / "k.sqlite"
    result = run("import", src, "--db", db)
    assert result.exit_code == 0, result.output
    assert "2 Aufrufe importiert (2 neu" in result.output
    exported = run("export", "--db", db)
    records = [json.loads(line) for line in exported.output.splitlines()]
    expected = {k: v for k, v in GOOD.items() if k != "unbekanntes_feld"}
    by_id = {r.pop("id"): r for r in records}
    assert set(by_id) == {"land-nw-test", "bund-test"}
    for key, value in expected.items():
        if key != "id":
            assert by_id["land-nw-test"][key] == value
    # importing the export again changes nothing
    again = write_lines(tmp_path / "again.jsonl", exported.output.splitlines())
    result = run("import", again, "--db", db)
    assert "0 neu, 0 geändert, 2 unverändert" in result.output


def test_bad_lines_are_reported_with_line_numbers_and_the_rest_imported(tmp_path):
    lines = [
        json.dumps(GOOD, ensure_ascii=False),
        "{kaputt",
        json.dumps(dict(GOOD, id="b", title="")),
        json.dumps(dict(GOOD, id="c", level="bezirk")),
        json.dumps(dict(GOOD, id="d", region="DE-XY")),
        json.dumps({k: v for k, v in GOOD.items() if k != "summary_de"} | {"id": "e"}),
        "[1, 2]",
        json.dumps(dict(GOOD, id="f")),
    ]
    db = tmp_path / "k.sqlite"
    result = run("import", write_lines(tmp_path / "in.jsonl", lines), "--db", db)
    assert result.exit_code == 1
    out = result.output
    assert "Zeile 2: kein gültiges JSON" in out
    assert "Zeile 3 [title]" in out and "darf nicht leer sein" in out
    assert "Zeile 4 [level]: Ebene (level): unbekannter Wert 'bezirk'" in out
    assert "Zeile 5 [region]" in out
    assert "Zeile 6 [summary_de]: Pflichtfeld" in out
    assert "Zeile 7: Jede Zeile muss ein JSON-Objekt" in out
    assert "Traceback" not in out
    with Store(db) as store:
        assert sorted(c.id for c in store.calls()) == ["f", "land-nw-test"]


def test_file_not_utf8_or_missing(tmp_path):
    latin = tmp_path / "latin1.jsonl"
    latin.write_bytes(json.dumps(GOOD, ensure_ascii=False).encode("latin-1"))
    result = run("import", latin, "--db", tmp_path / "k.sqlite")
    assert result.exit_code == 1 and "nicht UTF-8-kodiert" in result.output
    result = run("import", tmp_path / "fehlt.jsonl", "--db", tmp_path / "k.sqlite")
    assert result.exit_code == 1 and "gibt es nicht" in result.output


def test_database_path_problems_give_german_errors(tmp_path):
    src = write_lines(tmp_path / "in.jsonl", [json.dumps(GOOD, ensure_ascii=False)])
    result = run("import", src, "--db", tmp_path / "kein" / "ordner" / "k.sqlite")
    assert result.exit_code == 2 and "existiert nicht" in result.output
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"x" * 4096)
    result = run("export", "--db", bogus)
    assert result.exit_code == 2 and "keine gültige Kulisse-Datenbank" in result.output
    assert "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_directory(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    src = write_lines(tmp_path / "in.jsonl", [json.dumps(GOOD, ensure_ascii=False)])
    result = run("import", src, "--db", ro / "k.sqlite")
    assert result.exit_code == 2 and "Fehler" in result.output


def test_read_only_database_file(tmp_path):
    db = tmp_path / "k.sqlite"
    src = write_lines(tmp_path / "in.jsonl", [json.dumps(GOOD, ensure_ascii=False)])
    assert run("import", src, "--db", db).exit_code == 0
    # a read-only connection stands in for a read-only file (root ignores chmod)
    from corpus import store as store_module

    original = sqlite3.connect

    def read_only_connect(path, *args, **kwargs):
        return original(f"file:{path}?mode=ro", *args, uri=True, **kwargs)

    store_module.sqlite3.connect = read_only_connect
    try:
        result = run("import", write_lines(tmp_path / "b.jsonl", [json.dumps(dict(GOOD, id="neu"))]), "--db", db)
    finally:
        store_module.sqlite3.connect = original
    assert result.exit_code == 2
    assert "schreibgeschützt" in result.output
    with Store(db) as store:
        assert [c.id for c in store.calls()] == ["land-nw-test"]


def test_second_writer_waits_then_gets_a_clear_message(tmp_path):
    db = tmp_path / "k.sqlite"
    src = write_lines(tmp_path / "in.jsonl", [json.dumps(GOOD, ensure_ascii=False)])
    assert run("import", src, "--db", db).exit_code == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process is in the middle of a write
    try:
        from corpus import store as store_module

        with Store(db, timeout=0.2) as store:
            with pytest.raises(store_module.StoreError, match="anderen Kulisse-Prozess"):
                store.upsert(store.get("land-nw-test").model_copy(update={"title": "X"}))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store(db) as store:
        assert store.get("land-nw-test").title == GOOD["title"]


WRITER = r"""
import sys, itertools
from corpus.store import Store
from corpus.model import call_from_record
store = Store(sys.argv[1])
for round_ in itertools.count():
    calls = [call_from_record({"id": f"w-{i}", "title": f"Runde {round_}", "level": "bund",
             "summary_de": "Text " * 200 + str(round_)}) for i in range(300)]
    store.upsert_many(calls)
    print(round_, flush=True)
"""


@pytest.mark.parametrize("delay", [0.3, 0.7, 1.1, 1.6])
def test_killed_writer_leaves_an_intact_database_with_the_old_state(tmp_path, delay):
    db = tmp_path / "k.sqlite"
    src = write_lines(tmp_path / "in.jsonl", [json.dumps(GOOD, ensure_ascii=False)])
    assert run("import", src, "--db", db).exit_code == 0
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        assert store.integrity_ok()
        assert store.get("land-nw-test").title == GOOD["title"]
        titles = {c.title for c in store.calls() if c.id.startswith("w-")}
        # a batch is all-or-nothing: every written call carries the same round
        assert len(titles) <= 1
        count = sum(c.id.startswith("w-") for c in store.calls())
        assert count in (0, 300)


def test_directory_nobody_may_write_to(tmp_path):
    # /proc refuses new files even for root, so this runs where chmod tests are skipped
    src = write_lines(tmp_path / "in.jsonl", [json.dumps(GOOD, ensure_ascii=False)])
    result = run("import", src, "--db", "/proc/kulisse-test.sqlite")
    assert result.exit_code == 2
    assert "lässt sich nicht öffnen" in result.output and "Traceback" not in result.output
