"""Runs the real ``kulisse tui`` in tmux and reads the screen (skipped where tmux is missing)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.tui.conftest import build_db

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux ist nicht installiert")


SOCKET = f"kulisse-smoke-{os.getpid()}"  # our own tmux server: no user settings, no shared sessions


def _tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", SOCKET, "-f", "/dev/null", *args], capture_output=True, text=True, check=False
    ).stdout


def _wait_for(session: str, text: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} erschien nicht; Bildschirm:\n{screen}")


def test_real_app_in_tmux(tmp_path, kulisse_dirs):
    db = build_db(tmp_path / "k.sqlite")
    session = f"kulisse-smoke-{os.getpid()}"
    # a tmux server that already runs keeps its own environment: pass ours on the command line
    env = " ".join(f"{k}={shlex.quote(os.environ[k])}" for k in ("KULISSE_CONFIG_DIR", "KULISSE_DATA_DIR"))
    # COLUMNS/LINES inherited from the test run would override the pane's real 140x40
    command = (
        f"cd {shlex.quote(str(ROOT))} && env -u COLUMNS -u LINES TERM=xterm-256color {env} "
        f"{shlex.quote(sys.executable)} -m tui.cli "
        f"tui --db {shlex.quote(str(db))} --profile testverbund --today 2026-12-01 --no-model"
        f" || (echo Exitcode $?; sleep 30)"
    )  # keep a crash on screen for the assertion message
    subprocess.run(
        ["tmux", "-L", SOCKET, "-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "140", "-y", "40", command],
        check=True,
    )
    try:
        started = time.monotonic()
        screen = _wait_for(session, "Kommunale Integrationsnetzwerke")
        first_screen = time.monotonic() - started
        assert "Rang" in screen and "Frist" in screen and "Befehle" in screen
        _wait_for(session, "Matcher")  # the worker's ranking replaced the first display
        _tmux("send-keys", "-t", session, "k")
        screen = _wait_for(session, "1 von 8 Aufrufen")
        assert "MSO-Projektförderung" not in screen
        _tmux("send-keys", "-t", session, "Enter")
        screen = _wait_for(session, "Einordnung (Klassifikator)")
        assert "https://example.org/bund/kosteuerung" in screen and "Warum dieser Rang" in screen
        _tmux("send-keys", "-t", session, "C-q")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and session in _tmux("list-sessions", "-F", "#{session_name}"):
            time.sleep(0.2)
        assert session not in _tmux("list-sessions", "-F", "#{session_name}")
        assert first_screen < 10  # generous for CI; about 1 s on a laptop
    finally:
        _tmux("kill-server")
