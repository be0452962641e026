"""Write valid calls into the corpus, one run per source, and close the run with its health.

The run is closed in the ``spider_closed`` signal (it knows the finish reason); unseen calls
are marked gone only when the run was healthy and complete (not a ``--url`` run).
"""
from __future__ import annotations

import logging
import re

from scrapy import signals

from corpus.model import FundingCall
from corpus.store import Store
from crawler.health import assess

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

    @classmethod
    def from_crawler(cls, crawler):
        pipe = cls(crawler)
        crawler.signals.connect(pipe.spider_closed, signal=signals.spider_closed)
        return pipe

    @property
    def partial(self) -> bool:
        return bool(self.settings.getlist("KULISSE_ONLY_URLS"))

    def open_spider(self, spider=None):
        db = self.settings.get("KULISSE_DB")
        if not db:
            return  # parse-only (tests, scrapy check): items are not stored
        spider = spider or self.crawler.spider
        self.store = Store(db)
        earlier = [r for r in self.store.runs(spider.name)
                   if r["finished"] and r["kind"] == "crawl" and not r["stats"].get("partial")]
        self.previous_items = earlier[-1]["stats"].get("items") if earlier else None
        self.run_id = self.store.start_run(spider.name, "crawl" if not self.partial else "crawl-url")

    def process_item(self, item, spider=None):
        if not isinstance(item, FundingCall):
            return item
        self.stats.inc_value("kulisse/items/written")
        if self.store is None:
            return item
        from_cache = item.extras.pop("from_cache", False)
        row = self.store.conn.execute("SELECT content_hash FROM calls WHERE id=?", (item.id,)).fetchone()
        if from_cache and row and row[0] == item.content_hash:
            # the page answered 304 (or was checked moments ago): nothing to re-read
            self.store.touch(item.id, run_id=self.run_id)
            self.stats.inc_value("kulisse/items/not_modified")
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
        if self.store is None or self.run_id is None:
            return
        stats = self.stats.get_stats()
        health = assess(
            stats, self.previous_items, finish_reason=reason,
            drop_min_previous=self.settings.getint("KULISSE_DROP_MIN_PREVIOUS"),
            drop_share=self.settings.getfloat("KULISSE_DROP_SHARE"),
        )
        run_stats = summarize(stats, health, self.previous_items, reason, partial=self.partial)
        gone = self.store.finish_run(
            self.run_id, status=health.status, stats=run_stats,
            mark_gone=health.mark_gone_allowed and not self.partial,
        )
        if gone:
            log.info("%s: %d Aufrufe nicht mehr gefunden", spider.name, len(gone))
        self.store.close()
        self.store = None


def summarize(stats: dict, health, previous_items, finish_reason: str, *, partial: bool) -> dict:
    """The numbers kept with a run (and shown by ``kulisse sources``)."""
    def grouped(prefix: str) -> dict:
        return {k[len(prefix):]: int(v) for k, v in stats.items() if k.startswith(prefix) and "/" not in k[len(prefix):]}

    items = int(stats.get("kulisse/items/written", 0))
    result = {
        "items": items,
        "new": int(stats.get("kulisse/items/new", 0)),
        "changed": int(stats.get("kulisse/items/changed", 0)),
        "unchanged": int(stats.get("kulisse/items/unchanged", 0)),
        "not_modified": int(stats.get("kulisse/items/not_modified", 0)),
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
