"""Shared helpers of the reliability tests: crawls in a subprocess, the hostile strings."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def runner_args(db: Path, spider: str, url: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "crawler.runner", spider, "--db", str(db), "--settings", "crawler.settings.test",
            "--json", "--mirror", f"{spider}={url}", *extra]


def crawl(db: Path, spider: str, url: str, *extra: str, timeout: float = 90) -> tuple[subprocess.CompletedProcess, dict]:
    """Run one spider against ``url`` in its own process; returns the process and its run line."""
    proc = subprocess.run(runner_args(db, spider, url, *extra), cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
    lines = [json.loads(l) for l in proc.stdout.splitlines() if l.startswith("{")]
    run = next((l for l in lines if l.get("source") == spider), {})
    return proc, run


def kulisse(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, **kwargs)
