"""Write valid calls into the corpus, one run per source, and close the run with its health.

Only one crawl writes at a time: ``open_spider`` takes the crawl lock beside the database
(crawler/lock.py) — for ``kulisse crawl``, Scrapyd jobs and plain ``scrapy crawl`` alike.
If another process holds it, the writer waits up to ``KULISSE_LOCK_WAIT`` seconds, then
closes the spider (reason ``kulisse_gesperrt``) before any request, with a German message in
the log and in the stats (``kulisse/lock``); nothing is written.

The run is closed in the ``spider_closed`` signal (it knows the finish reason); unseen calls
are marked gone only when the run was healthy and complete (not a ``--url`` run).
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time

from scrapy import signals
from scrapy.exceptions import CloseSpider
from scrapy.utils.defer import maybe_deferred_to_future

from corpus.model import FundingCall
from corpus.store import Store, StoreError, german_db_error
from crawler.health import assess
from crawler.lock import CrawlLock, CrawlLocked

log = logging.getLogger(__name__)


def _norm_title(title: str) -> str:
    return re.sub(r"[^a-z0-9äöüß]+", " ", title.lower()).strip()


class CorpusWriterPipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.settings = crawler.settings
        self.store: Store | None = None
        self.run_id: int | None = None
        self.previous_items: int | None = None
        self.known_calls = 0
        self.lock: CrawlLock | None = None

    @classmethod
    def from_crawler(cls, crawler):
        pipe = cls(crawler)
        crawler.signals.connect(pipe.spider_closed, signal=signals.spider_closed)
        return pipe

    @property
    def partial(self) -> bool:
        return bool(self.settings.getlist("KULISSE_ONLY_URLS"))

    async def open_spider(self, spider=None):
        db = self.settings.get("KULISSE_DB")
        if not db:
            return  # parse-only (tests, scrapy check): items are not stored
        spider = spider or self.crawler.spider
        self.lock = CrawlLock(db)
        await self._take_lock(spider)
        try:
            self.store = Store(db)
            earlier = [
                r
                for r in self.store.runs(spider.name)
                if r["finished"] and r["kind"] == "crawl" and not r["stats"].get("partial")
            ]
            self.previous_items = earlier[-1]["stats"].get("items") if earlier else None
            self.known_calls = self.store.conn.execute(
                "SELECT COUNT(*) FROM calls WHERE source=? AND gone_since IS NULL", (spider.name,)
            ).fetchone()[0]
            self.run_id = self.store.start_run(spider.name, "crawl" if not self.partial else "crawl-url")
        except (StoreError, sqlite3.DatabaseError) as exc:
            # a damaged or unreadable database (a Scrapyd job): one German line, no request
            message = f"{spider.name}: {exc if isinstance(exc, StoreError) else german_db_error(exc)}"
            log.error(message)
            self.stats.set_value("kulisse/store", message)
            if self.store is not None:
                self.store.close()
                self.store = None
            self.lock.release()
            self.lock = None
            raise CloseSpider("kulisse_datenbank") from None

    async def _take_lock(self, spider) -> None:
        """Wait (polling, the reactor keeps running) or refuse with a German message."""
        from twisted.internet import reactor, task

        wait = self.settings.getfloat("KULISSE_LOCK_WAIT", 3600)
        deadline = time.monotonic() + wait
        announced = False
        while True:
            try:
                self.lock.acquire()
                break
            except CrawlLocked as exc:
                if time.monotonic() >= deadline:
                    message = (
                        f"{spider.name}: {exc.args[0].split(' Bitte')[0]} Nach {wait:.0f} s Warten "
                        "abgebrochen; nichts geschrieben. Später erneut starten oder "
                        "KULISSE_LOCK_WAIT erhöhen."
                    )
                    log.error(message)
                    self.stats.set_value("kulisse/lock", message)
                    self.lock = None
                    raise CloseSpider("kulisse_gesperrt") from None
                if not announced:
                    log.warning(
                        "%s: Es läuft bereits ein Crawl auf %s (Prozess %s); warte bis zu %.0f s.",
                        spider.name,
                        exc.db,
                        exc.holder,
                        wait,
                    )
                    announced = True
                await maybe_deferred_to_future(task.deferLater(reactor, 0.5, lambda: None))
        if announced:
            self.stats.set_value("kulisse/lock", "gewartet")
            log.info("%s: Der andere Crawl ist fertig; dieser schreibt jetzt.", spider.name)

    def process_item(self, item, spider=None):
        if not isinstance(item, FundingCall):
            return item
        page = item.extras.pop("kulisse_page", None)
        item.extras.pop("from_cache", None)
        self.stats.inc_value("kulisse/items/written")
        if self.store is None:
            return item
        row = self.store.conn.execute("SELECT content_hash FROM calls WHERE id=?", (item.id,)).fetchone()
        if row and row[0] == item.content_hash:
            # "last checked" moves only when the site really answered for this page
            checked = page != "fresh"
            self.store.touch(item.id, run_id=self.run_id, checked=checked)
            key = "cached" if not checked else "not_modified" if page == "not_modified" else "unchanged"
            self.stats.inc_value(f"kulisse/items/{key}")
            return item
        result = self.store.upsert(item, run_id=self.run_id)
        key = {"neu": "new", "geändert": "changed", "unverändert": "unchanged"}[result.outcome]
        self.stats.inc_value(f"kulisse/items/{key}")
        self._link(item)
        return item

    def _link(self, call: FundingCall) -> None:
        """Link records of one programme found at two sources (each keeps its own fields)."""
        urls = {u for u in (call.url, call.extras.get("official_url")) if u}
        urls |= {u.rstrip("/") for u in urls}
        candidates = self.store.conn.execute(
            "SELECT id, source, json_extract(data,'$.url'), json_extract(data,'$.extras.official_url'),"
            " json_extract(data,'$.title') FROM calls WHERE source != ? AND gone_since IS NULL",
            (call.source,),
        ).fetchall()
        title = _norm_title(call.title)
        for other_id, _source, url, official, other_title in candidates:
            other_urls = {u for u in (url, official) if u} | {u.rstrip("/") for u in (url, official) if u}
            if urls & other_urls:
                reason = "gleiche Programmseite"
            elif len(title) > 25 and _norm_title(other_title or "") == title:
                reason = "gleicher Titel"
            else:
                continue
            if (other_id, reason) not in self.store.links(call.id):
                self.store.link(call.id, other_id, reason)
                self.stats.inc_value("kulisse/links")

    def spider_closed(self, spider, reason):
        try:
            self._finish(spider, reason)
        finally:
            if self.lock is not None:
                self.lock.release()
                self.lock = None

    def _finish(self, spider, reason):
        if self.store is None or self.run_id is None:
            return
        stats = self.stats.get_stats()
        health = assess(
            stats,
            self.previous_items,
            finish_reason=reason,
            drop_min_previous=self.settings.getint("KULISSE_DROP_MIN_PREVIOUS"),
            drop_share=self.settings.getfloat("KULISSE_DROP_SHARE"),
            known_calls=self.known_calls,
        )
        run_stats = summarize(stats, health, self.previous_items, reason, partial=self.partial)
        gone = self.store.finish_run(
            self.run_id,
            status=health.status,
            stats=run_stats,
            mark_gone=health.mark_gone_allowed and not self.partial,
        )
        # the run as stored, for the runner's source_finished event (crawler/events.py)
        self.stats.set_value("kulisse/run", {"status": health.status, **run_stats, "gone": len(gone or ())})
        if gone:
            log.info("%s: %d Aufrufe nicht mehr gefunden", spider.name, len(gone))
        self.store.close()
        self.store = None


def summarize(stats: dict, health, previous_items, finish_reason: str, *, partial: bool) -> dict:
    """The numbers kept with a run (and shown by ``kulisse sources``)."""

    def grouped(prefix: str) -> dict:
        return {
            k[len(prefix) :]: int(v) for k, v in stats.items() if k.startswith(prefix) and "/" not in k[len(prefix) :]
        }

    items = int(stats.get("kulisse/items/written", 0))
    result = {
        "items": items,
        "new": int(stats.get("kulisse/items/new", 0)),
        "changed": int(stats.get("kulisse/items/changed", 0)),
        "unchanged": int(stats.get("kulisse/items/unchanged", 0)),
        "not_modified": int(stats.get("kulisse/items/not_modified", 0)),
        "cached": int(stats.get("kulisse/items/cached", 0)),
        "dropped": int(stats.get("kulisse/dropped", 0)),
        "dropped_reasons": grouped("kulisse/dropped/"),
        "errors": sum(health.errors.values()),
        "error_kinds": dict(health.errors),
        "http_status": grouped("kulisse/net/status/"),
        "requests": int(stats.get("kulisse/net/requests", 0)),
        "bytes": int(stats.get("kulisse/net/bytes", 0)),
        "pages": int(stats.get("response_received_count", 0)),
        "links": int(stats.get("kulisse/links", 0)),
        "finish_reason": finish_reason,
        "partial": partial,
    }
    if previous_items is not None:
        result["previous_items"] = previous_items
        result["delta"] = items - previous_items
    if health.reasons:
        result["reason"] = "; ".join(health.reasons)
    return result
