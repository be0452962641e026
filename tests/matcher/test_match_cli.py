import json

import pytest
from click.testing import CliRunner

from corpus.store import Store
from tests.matcher.matcher_helpers import HashEmbedder, sample_calls
from tui.cli import main


@pytest.fixture
def db(tmp_path, monkeypatch):
    embed = HashEmbedder()
    monkeypatch.setattr("matcher.embedding.embed", embed)
    monkeypatch.setattr("matcher.embedding.model_name", lambda: "hash-test-embedder")
    path = tmp_path / "k.sqlite"
    with Store(path) as store:
        store.upsert_many(sample_calls())
    return path


def _run(*args):
    return CliRunner().invoke(main, list(args))


def test_index_is_incremental(db):
    first = _run("index", "--db", str(db))
    assert first.exit_code == 0, first.output
    assert "6 neu eingebettet" in first.output
    again = _run("index", "--db", str(db))
    assert again.exit_code == 0 and "0 neu eingebettet, 6 unverändert" in again.output


def test_match_json_contract(db):
    result = _run("match", "--profile", "vmdo", "--db", str(db), "--today", "2026-03-01", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data and data[0]["rank"] == 1 and all(d["eligible"] for d in data)
    assert {d["id"] for d in data}.isdisjoint({"bayern", "forschung", "kommunal", "abgelaufen"})


def test_match_all_and_top(db):
    data = json.loads(
        _run("match", "--profile", "vmdo", "--db", str(db), "--today", "2026-03-01", "--format", "json", "--all").stdout
    )
    assert len(data) == 6 and not data[-1]["eligible"]
    top = json.loads(_run("match", "--profile", "vmdo", "--db", str(db), "--format", "json", "--top", "1").stdout)
    assert len(top) == 1


def test_match_table_and_files(db, tmp_path):
    table = _run("match", "--profile", "vmdo", "--db", str(db), "--today", "2026-03-01")
    assert table.exit_code == 0 and "Rang" in table.stdout and "Warum" in table.stdout
    for fmt in ("csv", "md", "html", "xlsx"):
        out = tmp_path / f"liste.{fmt}"
        result = _run("match", "--profile", "vmdo", "--db", str(db), "--format", fmt, "--out", str(out))
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 100


def test_german_errors(db, tmp_path):
    bad = _run("match", "--profile", "gibtsnicht", "--db", str(db))
    assert bad.exit_code != 0 and "Fehler: Profil gibtsnicht" in bad.output and "Traceback" not in bad.output
    broken = tmp_path / "kaputt.toml"
    broken.write_text('key = "x"\nname = "X"\nmunicipality = "Ort"\nland = "Narnia"\n', encoding="utf-8")
    result = _run("match", "--profile", str(broken), "--db", str(db))
    assert result.exit_code != 0 and "Land (land)" in result.output
    xlsx = _run("match", "--profile", "vmdo", "--db", str(db), "--format", "xlsx")
    assert xlsx.exit_code != 0 and "--out" in xlsx.output
    day = _run("match", "--profile", "vmdo", "--db", str(db), "--today", "gestern")
    assert day.exit_code != 0 and "JJJJ-MM-TT" in day.output


def test_match_ics_uses_the_calendar_writer(db, tmp_path):
    out = tmp_path / "fristen.ics"
    result = _run(
        "match", "--profile", "vmdo", "--db", str(db), "--today", "2026-03-01", "--format", "ics", "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    streamed = _run("match", "--profile", "vmdo", "--db", str(db), "--today", "2026-03-01", "--format", "ics")
    assert streamed.exit_code == 0 and b"BEGIN:VCALENDAR" in streamed.stdout_bytes
