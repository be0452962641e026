"""Downloader and spider middlewares that count what the health report needs."""

from __future__ import annotations

import re
from time import time

from scrapy import Request
from scrapy.exceptions import IgnoreRequest

from crawler.cache import CHECKED_HEADER
from crawler.counting import Counting
from crawler.items import CallItem

# Markers of bot-protection / CAPTCHA interstitials that some sites answer with status 200.
_BOT_MARKERS = re.compile(
    rb"radware captcha|captcha|cf-chl|challenge-platform|just a moment\.\.\.|"
    rb"access denied|zugriff verweigert|bot protection|are you a robot|perfdrive|validate\.perfdrive",
    re.IGNORECASE,
)


class NetworkAccountingMiddleware(Counting):
    """Sits between the HTTP cache and the network: counts requests, bytes and statuses that
    really crossed the network (not cache hits), stamps every answer of the site with the time
    of the check (``X-Kulisse-Checked``, kept in the cache), and records what the page did in
    ``request.meta["kulisse_page"]``:

    ``new`` (first download), ``changed``, ``not_modified`` (304, or 200 with the cached body),
    ``fresh`` (taken from the cache without a request, see crawler/cache.py).
    """

    def process_request(self, request, spider=None):
        self.stats.inc_value("kulisse/net/requests")
        return None

    def process_response(self, request, response, spider=None):
        if "cached" in response.flags:  # answered by the cache alone: nothing crossed the network
            request.meta["kulisse_page"] = "fresh"
            self.stats.inc_value("kulisse/pages/fresh")
            return response
        self.stats.inc_value("kulisse/net/bytes", len(response.body))
        self.stats.inc_value(f"kulisse/net/status/{response.status}")
        if response.status in (200, 203, 304):
            response.headers[CHECKED_HEADER] = f"{time():.0f}"
        cached = request.meta.get("cached_response")
        if response.status == 304 or (cached is not None and response.status == 200 and cached.body == response.body):
            state = "not_modified"  # a site without validators answers 200 with the same page
        else:
            state = "changed" if cached is not None else "new"
        request.meta["kulisse_page"] = state
        self.stats.inc_value(f"kulisse/pages/{state}")
        return response

    def process_exception(self, request, exception, spider=None):
        # Scrapy's cache would answer a failed revalidation with the old copy ("error
        # recovery"); that would pass as checked content. Without it the failure reaches the
        # spider's errback and is counted as an error of the source.
        request.meta.pop("cached_response", None)
        return None


class PageStateMiddleware:
    """Spider middleware: passes the page's state on to what the page yields — requests of a
    list page learn whether that list was unchanged (``kulisse_parent_unchanged``, which lets
    the cache policy skip their recheck), items carry ``extras["kulisse_page"]`` for the corpus
    writer (only a page the site really answered updates "last checked")."""

    def _mark(self, response, out):
        state = response.meta.get("kulisse_page", "new") if response is not None else "new"
        if isinstance(out, Request):
            if not out.meta.get("kulisse_entry"):
                out.meta.setdefault("kulisse_parent_unchanged", state in ("fresh", "not_modified"))
        elif isinstance(out, CallItem):
            out.extras["kulisse_page"] = state
        return out

    def process_spider_output(self, response, result, spider=None):
        for out in result:
            yield self._mark(response, out)

    async def process_spider_output_async(self, response, result, spider=None):
        async for out in result:
            yield self._mark(response, out)


class BotProtectionMiddleware(Counting):
    """A CAPTCHA page with status 200 is an error of the source, never content: drop it
    before the cache or a spider sees it. We never try to get past such a page."""

    max_size = 30_000  # interstitials are small; real pages that mention "captcha" are not

    def process_response(self, request, response, spider=None):
        if response.status != 200 or len(response.body) > self.max_size:
            return response
        ctype = (response.headers.get(b"Content-Type") or b"").lower()
        if b"html" not in ctype and not response.body.lstrip()[:1] == b"<":
            return response
        if _BOT_MARKERS.search(response.body[: self.max_size]):
            self.stats.inc_value("kulisse/errors/bot_protection")
            raise IgnoreRequest(f"Bot-Schutz/CAPTCHA-Seite statt Inhalt: {response.url}")
        return response


class ErrorAccountingMiddleware(Counting):
    """Counts exceptions raised in spider callbacks (broken markup that a parser choked on)."""

    def process_spider_exception(self, response, exception, spider=None):
        self.stats.inc_value("kulisse/errors/parse")
        self.stats.inc_value(f"kulisse/errors/parse/{type(exception).__name__}")
        return None
