"""KulisseSpider: what every spider shares — site root from settings, ``--url`` runs,
error accounting in the errback, stable call IDs, a loader with the funder's metadata.

Required class attributes of a spider: ``name`` (the slug), ``funder``, ``level``
(bund|land|eu|stiftung|kommune), ``default_root`` (e.g. ``https://www.bra.nrw.de``);
optional ``region`` (default ``DE``) and ``enabled_by_default``.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, DNSLookupError, TCPTimedOutError, TimeoutError

from crawler.loaders import CallLoader
from crawler.reach import is_own_url, own_domain

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def make_id(slug: str, key: str) -> str:
    """``slug:key`` within the corpus ID alphabet; long keys end in a short hash."""
    key = key.strip().lower().translate(_UMLAUTS)
    clean = re.sub(r"[^a-z0-9._-]+", "-", key).strip("-._") or "x"
    if len(clean) > 120:
        clean = clean[:100] + "-" + hashlib.sha1(key.encode()).hexdigest()[:10]
    return f"{slug}:{clean}"


class KulisseSpider(scrapy.Spider):
    funder: str = ""
    level: str = ""
    region: str = "DE"
    default_root: str = ""
    enabled_by_default = True
    start_paths: tuple[str, ...] = ()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        # the root is known only now (settings: --mirror, KULISSE_ROOTS); crawler/reach.py
        # refuses every request off this domain, also after a redirect
        spider.allowed_domains = [own_domain(spider.root)]
        return spider

    # -- roots and entry points -----------------------------------------------------------
    @property
    def root(self) -> str:
        roots = self.settings.getdict("KULISSE_ROOTS")
        return (roots.get(self.name) or roots.get("*") or self.default_root).rstrip("/")

    def is_own(self, url: str) -> bool:
        """http(s) on this spider's own host (see crawler/reach.py)."""
        return is_own_url(url, self.root, list(getattr(self, "allowed_domains", None) or [own_domain(self.root)]))

    def url(self, path: str) -> str:
        return self.root + (path if path.startswith("/") else "/" + path)

    async def start(self):
        for request in self.start_requests():
            yield request

    def start_requests(self):
        only = self.settings.getlist("KULISSE_ONLY_URLS")
        if only:
            for u in only:
                yield self.request(u, self.parse_detail, entry=True)
            return
        yield from self.entry_requests()

    def entry_requests(self):
        for path in self.start_paths:
            yield self.request(self.url(path), self.parse, entry=True)

    def parse(self, response):  # list pages; platforms override
        yield from self.parse_detail(response)

    def parse_detail(self, response):
        raise NotImplementedError

    # -- requests and errors --------------------------------------------------------------
    def request(self, url, callback, *, entry: bool = False, **kwargs) -> scrapy.Request:
        meta = kwargs.pop("meta", {}) | {"kulisse_entry": entry, "kulisse_always_check": entry}
        url = self.mirror_url(url)
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta=meta, **kwargs)

    def on_error(self, failure):
        kind = self.error_kind(failure)
        if kind is None:
            return
        self.count_error(kind)
        request = getattr(failure, "request", None)
        if request is not None and request.meta.get("kulisse_entry"):
            self.count_error("entry_failed")
        self.logger.warning("%s: %s (%s)", self.name, kind, getattr(request, "url", "?"))

    @staticmethod
    def error_kind(failure) -> str | None:
        if failure.check(HttpError):
            return f"http_{failure.value.response.status}"
        if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
            return "timeout"
        if failure.check(DownloadCancelledError):
            return "too_large"  # Scrapy cancels a download when it exceeds DOWNLOAD_MAXSIZE
        if failure.check(ResponseDataLossError):
            return "connection"
        if failure.check(DNSLookupError, ConnectError, CannotResolveHostError):
            return "connection"
        if failure.check(IgnoreRequest):
            text = str(failure.value)
            if getattr(failure.value, "kulisse_counted", False) or "Bot-Schutz" in text or "Nur lokale" in text:
                return None  # counted where it was raised (reach, BotProtection, localonly)
            if "robots.txt" in text:
                return "robots"  # not fetched, as is polite; but then we cannot know the call is gone
            if "DOWNLOAD_MAXSIZE" in text:
                return "too_large"  # a compressed page that unpacks beyond the cap
            if "redirect" in text.lower():
                return "redirect_loop"
            return "ignored"  # any other page left unread is unknown, not gone
        return type(failure.value).__name__.lower()

    def count_error(self, kind: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"kulisse/errors/{kind}", n)

    def markup_error(self, response, what: str) -> None:
        """The page lacks what its markup always had: the site changed (or sent junk)."""
        self.count_error("markup")
        self.crawler.stats.inc_value(f"kulisse/markup/{what}")
        self.logger.warning("%s: Seitenaufbau unerwartet (%s) auf %s", self.name, what, response.url)

    # -- items ----------------------------------------------------------------------------
    def mirror_url(self, url: str) -> str:
        """An absolute link to the real site mapped onto the mirror, so a mirror crawl never
        leaves it (the inverse of ``public_url``)."""
        real = self.default_root.rstrip("/")
        if real and self.root != real and (url == real or url.startswith(real + "/")):
            return self.root + url[len(real) :]
        return url

    def public_url(self, url: str) -> str:
        """A mirror's URL mapped back to the real site, so IDs and links stay the same."""
        if self.default_root and self.root != self.default_root.rstrip("/") and url.startswith(self.root):
            return self.default_root.rstrip("/") + url[len(self.root) :]
        return url

    def key_from_url(self, url: str) -> str:
        parts = urlsplit(url)
        path = re.sub(r"\.(html?|php|jsp)$", "", parts.path.strip("/")) or "start"
        return path.rsplit("/", 2)[-1] if len(path) > 80 else path

    def loader(self, response=None, *, key: str | None = None, url: str | None = None, selector=None) -> CallLoader:
        loader = CallLoader(selector=selector) if selector is not None else CallLoader(response=response)
        page_url = response.url if response is not None else url
        loader.add_value("id", make_id(self.name, key or self.key_from_url(url or page_url)))
        loader.add_value("funder", self.funder)
        loader.add_value("level", self.level)
        loader.add_value("region", self.region)
        loader.add_value("url", self.public_url(url or page_url))
        extras = {"page_url": page_url}
        if response is not None and "cached" in response.flags:
            extras["from_cache"] = True
        loader.add_value("extras", extras)
        return loader
