"""One crawl writes at a time: an exclusive ``flock`` on ``<db>.crawl.lock`` beside the database.

Taken by whatever writes — the corpus writer pipeline (so Scrapyd jobs and plain ``scrapy
crawl`` obey it) and, earlier, by ``crawler.runner`` (so ``kulisse crawl`` can refuse before
Scrapy starts). Within one process the lock is re-entrant and reference-counted: the runner
and the writers of all spiders it runs share one file handle (``flock`` on two handles of one
file would block the process against itself).
"""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path

_registry: dict[Path, list] = {}  # lock path → [file handle, count]
_guard = threading.Lock()


class CrawlLocked(Exception):
    """Another process holds the lock; ``holder`` is its process id as written in the file."""

    def __init__(self, db: Path, holder: str):
        self.db, self.holder = db, holder
        super().__init__(
            f"Es läuft bereits ein Crawl auf {db} (Prozess {holder}). "
            "Bitte warten, bis er fertig ist, oder mit --wait anstellen."
        )


def lock_path(db: str | Path) -> Path:
    db = Path(db).resolve()
    return db.with_name(db.name + ".crawl.lock")


class CrawlLock:
    """``acquire(block=…)`` / ``release()``; also a context manager (non-blocking unless told)."""

    def __init__(self, db: str | Path):
        self.db = Path(db).resolve()
        self.path = lock_path(db)
        self.held = False

    def acquire(self, *, block: bool = False) -> None:
        """Take the lock or raise CrawlLocked (``block=True`` waits instead)."""
        if self.held:
            return
        with _guard:
            entry = _registry.get(self.path)
            if entry is not None:  # this process already holds it
                entry[1] += 1
                self.held = True
                return
            handle = open(self.path, "a+")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "?"
                handle.close()
                raise CrawlLocked(self.db, holder) from None
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            _registry[self.path] = [handle, 1]
            self.held = True

    def release(self) -> None:
        if not self.held:
            return
        with _guard:
            self.held = False
            entry = _registry.get(self.path)
            if entry is None:
                return
            entry[1] -= 1
            if entry[1] == 0:
                del _registry[self.path]
                entry[0].close()  # closing the handle releases the flock

    def __enter__(self) -> CrawlLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
