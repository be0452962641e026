"""What a crawl tells its caller while it runs: one JSON object per line, never log text.

``python -m crawler.runner … --events json`` writes these lines to stdout (flushed, one object
per line); ``kulisse crawl`` prints its progress from them and the TUI's sources screen drives its
progress bar with them. Both read a line with ``parse``, which ignores anything that is not a
whole event (a garbled or cut-off line, a stray print) instead of failing.

The events, in order (``source`` is the spider's name):

- ``started``: ``sources`` (names), ``total``
- ``source_started``: ``source``
- ``page``: ``source``, ``url``, ``status`` – a response arrived (also 304 and errors)
- ``item``: ``source``, ``id``, ``url``, ``title`` – a call passed the pipelines and was stored
- ``item_dropped``: ``source``, ``url``, ``reason`` (German)
- ``error``: ``message`` (German), ``source`` and ``url`` when a page failed to parse
- ``note``: ``message`` (German), e.g. a source left out for want of permission
- ``source_finished``: ``source``, ``status`` (ok/unhealthy/failed), ``reason`` (finish reason),
  ``note`` (German health note), ``counts`` (items, new, changed, unchanged, not_modified, cached,
  dropped, errors, pages, …)
- ``finished``: ``returncode``, ``sources`` ({name: status})

Strings in events come from crawled pages or exceptions: readers escape them before display.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

STARTED = "started"
SOURCE_STARTED = "source_started"
PAGE = "page"
ITEM = "item"
ITEM_DROPPED = "item_dropped"
ERROR = "error"
NOTE = "note"
SOURCE_FINISHED = "source_finished"
FINISHED = "finished"
NAMES = frozenset({STARTED, SOURCE_STARTED, PAGE, ITEM, ITEM_DROPPED, ERROR, NOTE, SOURCE_FINISHED, FINISHED})

TITLE_MAX = 200  # an event line stays short even for a page with an endless title


@dataclass(frozen=True)
class Event:
    """One event as read: its name and the rest of the object."""

    name: str
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return str(self.data.get("source") or "")

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


def encode(name: str, **fields: Any) -> str:
    """One event as one line (json.dumps escapes every newline inside strings)."""
    return json.dumps({"event": name, **fields}, ensure_ascii=False, default=str)


def parse(line: str | bytes) -> Event | None:
    """The event on ``line``, or None when the line is not one whole, known event."""
    if isinstance(line, bytes):
        line = line.decode("utf-8", errors="replace")
    text = line.strip()
    if not text.startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:  # cut off or garbled
        return None
    if not isinstance(data, dict) or data.get("event") not in NAMES:
        return None
    name = data.pop("event")
    return Event(name, data)


# -- German lines for people -------------------------------------------------------------------
def _int(counts: dict, key: str) -> int:
    try:
        return int(counts.get(key) or 0)
    except (TypeError, ValueError):
        return 0


def source_summary(source: str, status: str, counts: dict, note: str = "") -> str:
    """``bra_kfi_nw: 12 Aufrufe (3 neu, 1 geändert, 8 unverändert), 0 verworfen, 0 Fehler – gesund``."""
    from corpus.health import STATUS_DE

    unchanged = _int(counts, "unchanged") + _int(counts, "not_modified") + _int(counts, "cached")
    cached = _int(counts, "cached")
    line = (
        f"{source}: {_int(counts, 'items')} Aufrufe ({_int(counts, 'new')} neu, "
        f"{_int(counts, 'changed')} geändert, {unchanged} unverändert"
        + (f", davon {cached} nicht erneut abgefragt" if cached else "")
        + f"), {_int(counts, 'dropped')} verworfen, {_int(counts, 'errors')} Fehler"
        + f" – {STATUS_DE.get(status, status)}"
    )
    return line + (f": {note}" if note else "")


def describe(event: Event) -> str:
    """A short German line for the event (empty for events people need not read one by one)."""
    if event.name == SOURCE_FINISHED:
        counts = event.get("counts") if isinstance(event.get("counts"), dict) else {}
        return source_summary(event.source, str(event.get("status", "")), counts, str(event.get("note") or ""))
    if event.name == SOURCE_STARTED:
        return f"{event.source}: Abruf beginnt …"
    if event.name in (ERROR, NOTE):
        prefix = "Fehler" if event.name == ERROR else "Hinweis"
        where = f"{event.source}: " if event.source else ""
        return f"{prefix}: {where}{event.get('message', '')}"
    return ""


@dataclass
class Tally:
    """What a reader has seen so far. Sources run side by side, so pages and calls are counted
    over the whole crawl, with the sources still running named."""

    total: int | None = None
    done: int = 0
    running: list[str] = field(default_factory=list)
    pages: int = 0
    items: int = 0
    dropped: int = 0
    errors: list[str] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)
    calls: int = 0  # stored by the finished sources
    new: int = 0
    returncode: int | None = None

    def add(self, event: Event) -> None:
        if event.name == STARTED:
            try:
                self.total = int(event.get("total")) or None
            except (TypeError, ValueError):
                self.total = None
        elif event.name == SOURCE_STARTED:
            if event.source not in self.running:
                self.running.append(event.source)
        elif event.name == PAGE:
            self.pages += 1
        elif event.name == ITEM:
            self.items += 1
        elif event.name == ITEM_DROPPED:
            self.dropped += 1
        elif event.name == ERROR:
            self.errors.append(describe(event))
        elif event.name == SOURCE_FINISHED:
            self.done += 1
            if event.source in self.running:
                self.running.remove(event.source)
            self.statuses[event.source] = str(event.get("status", ""))
            counts = event.get("counts") if isinstance(event.get("counts"), dict) else {}
            self.calls += _int(counts, "items")
            self.new += _int(counts, "new")
        elif event.name == FINISHED:
            rc = event.get("returncode")
            self.returncode = rc if isinstance(rc, int) else None

    @property
    def position(self) -> str:
        """``2/7`` (or just ``2`` while the total is unknown)."""
        return f"{self.done}/{self.total}" if self.total else str(self.done)

    def running_line(self) -> str:
        """While sources run: ``14 Seiten, 6 Aufrufe – fertig 1/3, es laufen: a, b``."""
        line = f"{self.pages} Seiten, {self.items} Aufrufe"
        if self.dropped:
            line += f", {self.dropped} verworfen"
        line += f" – fertig {self.position}"
        if self.running:
            names = ", ".join(self.running)
            line += f", es {'läuft' if len(self.running) == 1 else 'laufen'}: {names[:80]}"
        return line


# -- the writing side (the runner, inside Scrapy) ---------------------------------------------
class Emitter:
    """Writes events to ``stream`` from a crawler's signals; a reader that went away stops it quietly.

    The data still lands in the store when nobody listens any more (the TUI was closed)."""

    def __init__(self, stream: TextIO | None, *, human: Callable[[Event], None] | None = None) -> None:
        self.stream = stream
        self.human = human  # without a stream: German lines for a person (the runner's plain mode)
        self.statuses: dict[str, str] = {}  # source → run status, as sources finish

    def emit(self, name: str, **fields: Any) -> None:
        if self.human is not None:
            self.human(Event(name, dict(fields)))
        if self.stream is None:
            return
        try:
            self.stream.write(encode(name, **fields) + "\n")
            self.stream.flush()
        except (BrokenPipeError, ValueError, OSError):
            self.stream = None

    def watch(self, crawler) -> None:
        from scrapy import signals

        crawler.signals.connect(self._opened, signal=signals.spider_opened)
        crawler.signals.connect(self._page, signal=signals.response_received)
        crawler.signals.connect(self._item, signal=signals.item_scraped)
        crawler.signals.connect(self._dropped, signal=signals.item_dropped)
        crawler.signals.connect(self._error, signal=signals.spider_error)

    def _opened(self, spider) -> None:
        from scrapy import signals

        # Connected only now, after the corpus writer (created with the engine) connected its
        # own: Scrapy calls receivers in order, so the run is closed and counted when this runs.
        spider.crawler.signals.connect(self._closed, signal=signals.spider_closed)
        self.emit(SOURCE_STARTED, source=spider.name)

    def _page(self, response, request, spider) -> None:
        self.emit(PAGE, source=spider.name, url=response.url, status=response.status)

    def _item(self, item, response, spider) -> None:
        title = str(_field(item, "title") or "")[:TITLE_MAX]
        self.emit(ITEM, source=spider.name, id=_field(item, "id"), url=_field(item, "url"), title=title)

    def _dropped(self, item, response, exception, spider) -> None:
        url = _field(item, "url") or (response.url if response is not None else None)
        self.emit(ITEM_DROPPED, source=spider.name, url=url, reason=str(exception)[:TITLE_MAX])

    def _error(self, failure, response, spider) -> None:
        url = getattr(response, "url", None)
        kind = getattr(failure.type, "__name__", "Fehler")
        message = f"Seite nicht auswertbar ({kind}: {failure.getErrorMessage()[:TITLE_MAX]})"
        self.emit(ERROR, source=spider.name, url=url, message=message)

    def _closed(self, spider, reason) -> None:
        stats = spider.crawler.stats
        run = stats.get_value("kulisse/run")  # the corpus writer's summary (crawler/pipelines/corpus_writer.py)
        if isinstance(run, dict):
            status = str(run.get("status", ""))
            counts = {k: v for k, v in run.items() if isinstance(v, int) and not isinstance(v, bool)}
            note = str(run.get("reason") or "")
        else:  # nothing was written (no database, refused lock): the plain counters
            status = "failed"
            counts = {
                "items": int(stats.get_value("kulisse/items/written", 0)),
                "dropped": int(stats.get_value("kulisse/dropped", 0)),
                "pages": int(stats.get_value("response_received_count", 0)),
            }
            note = str(stats.get_value("kulisse/lock") or stats.get_value("kulisse/store") or "")
        self.statuses[spider.name] = status
        self.emit(SOURCE_FINISHED, source=spider.name, status=status, reason=reason, note=note, counts=counts)


def _field(item: Any, name: str) -> Any:
    if isinstance(item, dict):
        return item.get(name)
    return getattr(item, name, None)


def stdout_stream() -> TextIO:
    """A private copy of stdout for the events; fd 1 then points at stderr, so that a stray print
    (from Scrapy, a library, a spider) cannot land between two event lines."""
    import os

    sys.stdout.flush()
    stream = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    return stream
