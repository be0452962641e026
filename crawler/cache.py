"""The incremental crawling policy: what a crawl asks the site again, and what it may skip.

Every page is kept in Scrapy's HTTP cache beside the database together with its validators
(ETag, Last-Modified) and the time we last really heard from the site about it
(``X-Kulisse-Checked``, set by ``crawler.middlewares.NetworkAccountingMiddleware``). A page
is taken from the cache *without a request* only while it is younger than its interval:

* ``robots.txt``: ``KULISSE_ROBOTS_RECHECK_SECONDS`` (default 24 h, as RFC 9309 allows);
* entry and list pages (``meta["kulisse_entry"]``): ``KULISSE_LIST_RECHECK_SECONDS``
  (default 1 h — a daily timer always rechecks them; a retry or a second crawl in the same
  hour does not ask again);
* a detail page whose list page came back unchanged in this crawl
  (``meta["kulisse_parent_unchanged"]``): ``KULISSE_RECHECK_SECONDS`` (default 7 days);
* a detail page whose list page changed: never — it is asked again, conditionally.

Otherwise the request carries If-None-Match / If-Modified-Since, so an unchanged page costs
a 304. ``KULISSE_FULL`` (``kulisse crawl --full``) asks every page conditionally. The
server's own freshness hints (max-age, the Last-Modified heuristic) are ignored: they made
RFC 2616 skip pages for weeks without anyone noticing. A 5xx or a failed connection never
falls back to the cached copy: it is an error of the source (see the middleware).
"""

from __future__ import annotations

from pathlib import Path
from time import time

from scrapy.extensions.httpcache import RFC2616Policy

CHECKED_HEADER = b"X-Kulisse-Checked"


def checked_age(cachedresponse, now: float) -> float | None:
    """Seconds since the page was last answered by the site (200 or 304), or None."""
    raw = cachedresponse.headers.get(CHECKED_HEADER)
    try:
        return max(0.0, now - float(raw)) if raw else None
    except ValueError:
        return None


class KulisseCachePolicy(RFC2616Policy):
    def __init__(self, settings):
        super().__init__(settings)
        self.full = settings.getbool("KULISSE_FULL")
        self.detail_seconds = settings.getfloat("KULISSE_RECHECK_SECONDS", 7 * 86400)
        self.list_seconds = settings.getfloat("KULISSE_LIST_RECHECK_SECONDS", 3600)
        self.robots_seconds = settings.getfloat("KULISSE_ROBOTS_RECHECK_SECONDS", 86400)

    def interval(self, request) -> float:
        """How long a page checked by the site may be reused without asking (seconds)."""
        if self.full:
            return 0
        if request.url.split("?", 1)[0].endswith("/robots.txt"):
            return self.robots_seconds
        if request.meta.get("kulisse_entry"):
            return self.list_seconds
        if request.meta.get("kulisse_parent_unchanged"):
            return self.detail_seconds
        return 0

    def should_cache_response(self, response, request) -> bool:
        # Keep every good page, also those without validators: the intervals above decide
        # freshness, and a page without ETag is still compared by content. Errors and 304s
        # never replace a good copy.
        if b"no-store" in self._parse_cachecontrol(response):
            return False
        return response.status in (200, 203, 300, 301, 308)

    def is_cached_response_fresh(self, cachedresponse, request) -> bool:
        age = checked_age(cachedresponse, time())
        if age is not None and age < self.interval(request):
            return True
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(self, cachedresponse, response, request) -> bool:
        # RFC 2616 would answer a 5xx with the old copy; for us that is an error of the source
        return response.status == 304


class CacheBesideDatabase:
    """Scrapy add-on: the HTTP cache lives beside the database (``<db>.httpcache``) and the
    database may come from ``$KULISSE_DB`` — also for Scrapyd jobs and plain ``scrapy crawl``,
    which do not go through ``crawler.runner``."""

    @classmethod
    def update_settings(cls, settings) -> None:
        import os

        project = 20  # Scrapy's priority of values from the settings module; higher = given explicitly
        if not settings.get("KULISSE_DB") and os.environ.get("KULISSE_DB"):
            settings.set("KULISSE_DB", os.environ["KULISSE_DB"], priority=project + 1)
        db = settings.get("KULISSE_DB")
        if db and settings.getpriority("HTTPCACHE_DIR") <= project:
            path = Path(db).resolve()
            settings.set("HTTPCACHE_DIR", str(path.with_name(path.name + ".httpcache")), priority=project + 1)
