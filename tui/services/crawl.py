"""Crawling for the CLI and the TUI: each source's health, and the crawl as a child process.

Scrapy's reactor cannot restart inside one process, so every crawl is ``python -m crawler.runner
… --events json`` in its own process – one hop, for ``kulisse crawl`` and the TUI alike. Both read
its JSON-line events with ``crawler.events.parse`` (never its log text); Scrapy's log goes to a
file in the data folder unless the CLI is asked to show it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from corpus.store import Store
from crawler import events as ev

KEEP_LOGS = 30


def source_health(store: Store):
    from corpus.health import source_health as _health

    return _health(store)


def new_log_file() -> Path:
    """A fresh file for Scrapy's log in the data folder; old ones beyond ``KEEP_LOGS`` are removed
    (a daily timer would otherwise fill the folder)."""
    from corpus.paths import data_dir

    folder = data_dir() / "protokolle"
    folder.mkdir(parents=True, exist_ok=True)
    for old in sorted(folder.glob("crawl-*.log"))[: -KEEP_LOGS + 1]:
        old.unlink(missing_ok=True)
    return folder / f"crawl-{datetime.now():%Y%m%d-%H%M%S}.log"


def crawl_command(
    db_path: Path,
    spiders: Iterable[str] = (),
    *,
    mirrors: Iterable[str] = (),
    urls: Iterable[str] = (),
    wait: bool = False,
    full: bool = False,
    test_settings: bool = False,
    log_file: Path | None = None,
) -> list[str]:
    """The runner's command line, with events on stdout."""
    args = [sys.executable, "-m", "crawler.runner", *spiders, "--db", str(db_path), "--events", "json"]
    mirrors = list(mirrors)
    for m in mirrors:
        args += ["--mirror", m]
    for u in urls:
        args += ["--url", u]
    if wait:
        args.append("--wait")
    if full:
        args.append("--full")
    if test_settings or mirrors:
        args += ["--settings", "crawler.settings.test"]  # a local mirror needs no politeness delay
    if log_file is not None:
        args += ["--log-file", str(log_file)]
    return args


@dataclass
class CrawlResult:
    returncode: int
    tally: ev.Tally
    stderr_tail: str = ""  # the child's last words when it wrote no error event (a crash)


def run_crawl(command: list[str], on_event: Callable[[ev.Event], None], *, capture_stderr: bool = True) -> CrawlResult:
    """Run ``command`` (see ``crawl_command``) and pass each event to ``on_event`` as it arrives.

    Lines that are no event are skipped. ``capture_stderr=False`` leaves the child's stderr on
    the terminal (``kulisse crawl --verbose``); otherwise it goes to a temporary file, so that
    nothing can draw over the TUI. A KeyboardInterrupt stops the child and is raised again."""
    tally = ev.Tally()
    err = tempfile.TemporaryFile() if capture_stderr else None
    try:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL)
        assert proc.stdout is not None
        try:
            for raw in proc.stdout:
                event = ev.parse(raw)
                if event is None:
                    continue
                tally.add(event)
                on_event(event)
            code = proc.wait()
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        tail = ""
        if err is not None and code and not tally.errors:
            err.seek(0)
            lines = [line for line in err.read()[-4000:].decode("utf-8", "replace").splitlines() if line.strip()]
            tail = lines[-1] if lines else ""
        return CrawlResult(code, tally, tail)
    finally:
        if err is not None:
            err.close()
