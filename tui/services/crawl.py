"""Crawling from the TUI: each source's health, and the crawl as a child process.

Scrapy's reactor cannot restart inside the TUI, so every crawl runs in its own process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from corpus.store import Store


def source_health(store: Store):
    from corpus.health import source_health as _health

    return _health(store)


def crawl_command(db_path: Path) -> list[str]:
    """``kulisse crawl`` in a child process: Scrapy's reactor cannot restart inside the TUI."""
    return [sys.executable, "-m", "tui.cli", "crawl", "--db", str(db_path)]


def crawl_total() -> int | None:
    """How many sources a full crawl runs (for the progress bar); None when unknown."""
    try:
        from scrapy.settings import Settings

        from crawler.runner import spider_classes

        settings = Settings()
        settings.setmodule("crawler.settings", priority="project")
        return sum(1 for cls in spider_classes(settings).values() if getattr(cls, "enabled_by_default", True)) or None
    except Exception:  # the bar then just pulses; the crawl itself reports its own errors
        return None


@dataclass
class CrawlLine:
    """One line of crawler output, read: a finished source advances the bar, summaries are shown."""

    text: str
    finished_source: bool = False
    show: bool = False


def read_crawl_line(line: str) -> CrawlLine:
    if "Spider closed" in line:  # Scrapy logs this once per source (with --verbose)
        return CrawlLine(line, finished_source=True, show=False)
    if line.startswith("Quelle ") and " fertig: " in line:  # crawler.runner's own line per source
        return CrawlLine(line, finished_source=True, show=False)
    if line.startswith("{"):
        try:
            data = json.loads(line)
        except ValueError:
            return CrawlLine(line)
        return CrawlLine(f"{data.get('source')}: {data.get('items', 0)} Aufrufe – {data.get('status')}", show=True)
    if line.startswith("Fehler") or ": " in line and " Aufrufe (" in line:
        return CrawlLine(line, show=True)
    return CrawlLine(line)


def run_crawl(db_path: Path, on_line: Callable[[str], None]) -> int:
    """Run the crawl, passing each output line to ``on_line``; returns the exit code."""
    proc = subprocess.Popen(
        crawl_command(db_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        line = line.rstrip()
        if line:
            on_line(line)
    return proc.wait()
