"""``kulisse crawl`` is quiet by default: a line per source and the summary; Scrapy's log in a file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from crawler.mirror import serve
from tests.crawler.helpers import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
SPIDERS = ("bra_kfi_nw", "bosch_stiftung")


def _crawl(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    servers = [serve(FIXTURES / s) for s in SPIDERS]
    try:
        args = [sys.executable, "-m", "tui.cli", "crawl", *SPIDERS, "--db", str(tmp_path / "k.sqlite"), *extra]
        for slug, server in zip(SPIDERS, servers):
            args += ["--mirror", f"{slug}={server.url}"]
        env = {**os.environ, "KULISSE_DATA_DIR": str(tmp_path / "daten")}
        return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=180, env=env)
    finally:
        for s in servers:
            s.shutdown()
            s.server_close()


def test_crawl_prints_a_line_per_source_and_the_summary_and_logs_to_a_file(tmp_path):
    result = _crawl(tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert len(lines) == len(SPIDERS) + 2, lines  # the note, a line per source, the sum
    assert result.stderr.startswith("Crawl läuft; das ausführliche Protokoll steht in ")
    done = result.stdout.splitlines()
    # a line per source as it finishes, counted and with its numbers (from the runner's events)
    assert sorted(line.split(" fertig – ")[0] for line in done[:2]) == ["Quelle 1/2", "Quelle 2/2"], done
    assert {line.split(" fertig – ")[1].split(":")[0] for line in done[:2]} == set(SPIDERS), done
    assert all(" Aufrufe (" in line and line.endswith("– gesund") for line in done[:2]), done
    assert done[2].startswith("Zusammen: ") and "aus 2 Quellen" in done[2]
    assert "INFO" not in result.stderr and "Traceback" not in result.stderr
    assert "{" not in result.stdout  # the events stay between the runner and the command
    logs = list((tmp_path / "daten" / "protokolle").glob("crawl-*.log"))
    assert len(logs) == 1 and "WARNING" in logs[0].read_text(encoding="utf-8")  # the mirror's 404 went there


def test_verbose_shows_scrapys_log(tmp_path):
    result = _crawl(tmp_path, "--verbose")
    assert result.returncode == 0
    assert "WARNING" in result.stderr and "Quelle 2/2 fertig" in result.stdout
    assert not (tmp_path / "daten" / "protokolle").exists()
