"""Where a spider may go: only http(s) on its own host (production, Scrapyd and mirrors alike).

``OwnHostsMiddleware`` replaces Scrapy's ``OffsiteMiddleware``. That one drops a foreign
request silently when it is scheduled and lets ``dont_filter`` requests pass, so a page of our
own that redirects off-site vanished without an error and its call was marked gone. This one
sits in the downloader chain, sees every request including each redirect step, refuses any
scheme but http(s) and any host but the spider's own, and counts the refusal
(``kulisse/errors/offsite``): the source is then unhealthy and nothing is marked gone.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from crawler.counting import Counting

_DEFAULT_PORTS = {"http": 80, "https": 443}


class OffsiteRefused(IgnoreRequest):
    """Counted where it is raised (the spider's errback does not count it again)."""

    kulisse_counted = True


def own_domain(root: str) -> str:
    """The domain a root stands for: ``https://www.bra.nrw.de`` → ``bra.nrw.de`` (so a
    redirect between www and the bare name stays on site)."""
    host = (urlsplit(root).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _is_address(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _port(parts) -> int | None:
    try:
        return parts.port or _DEFAULT_PORTS.get(parts.scheme)
    except ValueError:  # a port that is no number
        return -1


def is_own_url(url: str, root: str, domains: list[str]) -> bool:
    """http(s) only; a name host must be one of ``domains`` or below it; an address (a
    mirror on 127.0.0.1) must be the root's own address and port."""
    parts = urlsplit(url)
    if parts.scheme not in _DEFAULT_PORTS:
        return False
    host = (parts.hostname or "").lower()
    root_parts = urlsplit(root)
    if _is_address(host) or _is_address((root_parts.hostname or "").lower()):
        return host == (root_parts.hostname or "").lower() and _port(parts) == _port(root_parts)
    return any(host == d or host.endswith("." + d) for d in domains if d)


class OwnHostsMiddleware(Counting):
    def __init__(self, stats, crawler=None):
        super().__init__(stats)
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler)

    def process_request(self, request, spider=None):
        spider = spider or self.crawler.spider
        root = getattr(spider, "root", "")
        domains = list(getattr(spider, "allowed_domains", None) or [])
        if not root or is_own_url(request.url, root, domains):
            return None
        self.stats.inc_value("kulisse/errors/offsite")
        via = " (nach Weiterleitung)" if request.meta.get("redirect_urls") else ""
        spider.logger.warning("%s: fremde Adresse nicht abgerufen%s: %s", spider.name, via, request.url[:300])
        raise OffsiteRefused(f"Nur die eigene Adresse der Quelle erlaubt{via}, nicht {request.url[:300]}")
