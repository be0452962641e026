"""The first hour of a Verbund's staff member, end to end, asserting on what a person sees.

Fresh data folder → ``match`` in an 80×24 terminal → ``draft --call 1`` → ``report`` → the TUI in
tmux at 80×24 (palette in German, the same deadline words as the CLI, the full title in the
detail). Skipped without tmux.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-12-01"
SOCKET = f"kulisse-first-hour-{os.getpid()}"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux ist nicht installiert")]
ENGLISH = ("Loading weights", "Traceback", "[required]", "Search for commands", "No matches found", "Error:")


def _tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", SOCKET, "-f", "/dev/null", *args], capture_output=True, text=True, check=False
    ).stdout


def _start(session: str, kulisse_args: str, width: int = 80, height: int = 24) -> None:
    env = " ".join(f"{k}={shlex.quote(os.environ[k])}" for k in ("KULISSE_CONFIG_DIR", "KULISSE_DATA_DIR"))
    command = (
        f"cd {shlex.quote(str(ROOT))} && env -u COLUMNS -u LINES TERM=xterm-256color HF_HUB_OFFLINE=1 {env} "
        f"{shlex.quote(sys.executable)} -m tui.cli {kulisse_args}; echo ENDE-$?; sleep 60"
    )
    subprocess.run(
        [
            "tmux",
            "-L",
            SOCKET,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            str(width),
            "-y",
            str(height),
            command,
        ],
        check=True,
    )


def _screen(session: str, history: bool = False) -> str:
    return _tmux("capture-pane", "-p", "-t", session, *(["-S", "-400"] if history else []))


def _wait_for(session: str, text: str, timeout: float = 90.0, history: bool = False) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(session, history)
        if text in screen:
            return screen
        time.sleep(0.3)
    raise AssertionError(f"{text!r} erschien nicht; Bildschirm:\n{screen}")


def _kulisse(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )


@pytest.fixture
def tmux_server():
    yield
    _tmux("kill-server")


def test_first_hour(tmp_path, tmux_server):
    data = Path(os.environ["KULISSE_DATA_DIR"])
    assert not data.exists()  # a fresh machine

    # 1. the first match, in a normal 80-column terminal
    started = time.monotonic()
    _start("match", f"match --profile vmdo --today {TODAY}")
    screen = _wait_for("match", "ENDE-", history=True)
    first_match = time.monotonic() - started
    assert "ENDE-0" in screen, screen
    for word in ENGLISH:
        assert word not in screen, word
    assert "Rang" in screen and "Frist" in screen and "Förderaufrufe für VMDO" in screen
    assert "lau…" not in screen and "off…" not in screen  # the deadline keeps its words
    assert "kulisse draft --call <Rang>" in screen  # how to use the rank
    assert all(len(line) <= 80 for line in screen.splitlines())
    assert first_match < 60  # generous for a loaded CI machine; ~3 s here (prebuilt artefacts)

    listed = json.loads(_kulisse("match", "--profile", "vmdo", "--today", TODAY, "--format", "json").stdout)
    first = listed[0]
    assert first["title"].split()[0] in screen

    # 2. a draft for rank 1 of that list
    out = tmp_path / "antrag.docx"
    drafted = _kulisse(
        "draft", "--call", "1", "--profile", "vmdo", "--template", "projektskizze", "--out", str(out), "--today", TODAY
    )
    assert drafted.returncode == 0, drafted.stderr
    assert "Entwurf gespeichert" in drafted.stdout and out.exists()
    import docx

    document = docx.Document(str(out))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert first["title"] in text and "Dortmund, Dortmund" not in text
    description = next(p.text for p in document.paragraphs if p.text.startswith("Der VMDO"))
    assert "\n" not in description  # the profile's TOML line breaks are not Word line breaks

    # 3. the report
    report_dir = tmp_path / "bericht"
    reported = _kulisse("report", "--out", str(report_dir), "--today", TODAY)
    assert reported.returncode == 0, reported.stderr
    page = (report_dir / "index.html").read_text(encoding="utf-8")
    for item in re.findall(r"<li data-id=.*?</li>", page, flags=re.S):
        quotes = re.findall(r"<blockquote>(.*?)</blockquote>", item, flags=re.S)
        assert len(quotes) == len(set(quotes))  # each evidence sentence once

    # 4. the TUI at 80×24
    _start("tui", f"tui --profile vmdo --today {TODAY}")
    screen = _wait_for("tui", "Matcher")  # the worker's ranking replaced the first display
    assert "Rang" in screen and "Frist" in screen
    komm_an = next((row for row in listed if row["title"].startswith("KOMM-AN NRW in Dortmund")), None)
    if komm_an is not None:  # the TUI says what the CLI says about its deadline
        row = next(line for line in screen.splitlines() if "KOMM-AN NRW in" in line)
        assert komm_an["deadline_status"] in row, row
    _tmux("send-keys", "-t", "tui", "C-p")
    screen = _wait_for("tui", "Befehl suchen")
    _tmux("send-keys", "-t", "tui", "-l", "qqxqq")
    screen = _wait_for("tui", "Nichts gefunden")
    _tmux("send-keys", "-t", "tui", "Escape")
    time.sleep(1)
    _tmux("send-keys", "-t", "tui", "Enter")  # the first call's detail: its full title
    screen = _wait_for("tui", "Fördergeber")
    flat = " ".join(screen.split())
    assert " ".join(listed[0]["title"].split()[:6]) in flat
    for word in ENGLISH:
        assert word not in screen, word
    _tmux("send-keys", "-t", "tui", "C-q")
    _wait_for("tui", "ENDE-0", timeout=20)
