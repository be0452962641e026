"""Downloader and spider middlewares that count what the health report needs."""
from __future__ import annotations

import re

from scrapy.exceptions import IgnoreRequest

# Markers of bot-protection / CAPTCHA interstitials that some sites answer with status 200.
_BOT_MARKERS = re.compile(
    rb"radware captcha|captcha|cf-chl|challenge-platform|just a moment\.\.\.|"
    rb"access denied|zugriff verweigert|bot protection|are you a robot|perfdrive|validate\.perfdrive",
    re.IGNORECASE,
)


class NetworkAccountingMiddleware:
    """Counts requests, bytes and statuses that really crossed the network (not cache hits)."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_request(self, request, spider=None):
        self.stats.inc_value("kulisse/net/requests")
        return None

    def process_response(self, request, response, spider=None):
        self.stats.inc_value("kulisse/net/bytes", len(response.body))
        self.stats.inc_value(f"kulisse/net/status/{response.status}")
        return response


class BotProtectionMiddleware:
    """A CAPTCHA page with status 200 is an error of the source, never content: drop it
    before the cache or a spider sees it. We never try to get past such a page."""

    max_size = 30_000  # interstitials are small; real pages that mention "captcha" are not

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request, response, spider=None):
        if response.status != 200 or len(response.body) > self.max_size:
            return response
        ctype = (response.headers.get(b"Content-Type") or b"").lower()
        if b"html" not in ctype and not response.body.lstrip()[:1] == b"<":
            return response
        if _BOT_MARKERS.search(response.body[:self.max_size]):
            self.stats.inc_value("kulisse/errors/bot_protection")
            raise IgnoreRequest(f"Bot-Schutz/CAPTCHA-Seite statt Inhalt: {response.url}")
        return response


class ErrorAccountingMiddleware:
    """Counts exceptions raised in spider callbacks (broken markup that a parser choked on)."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_spider_exception(self, response, exception, spider=None):
        self.stats.inc_value("kulisse/errors/parse")
        self.stats.inc_value(f"kulisse/errors/parse/{type(exception).__name__}")
        return None
