"""Make the call's URL absolute (against the page it came from) and drop URL fragments
that are not part of the identity of a page."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from crawler.counting import Counting
from crawler.items import CallItem


class ResolveUrlsPipeline(Counting):
    def process_item(self, item, spider=None):
        if not isinstance(item, CallItem) or not item.url:
            return item
        base = item.extras.get("page_url") or ""
        url = urljoin(base, item.url.strip())
        if urlsplit(url).scheme not in ("http", "https"):
            self.stats.inc_value("kulisse/urls/unresolvable")
            item.url = None
            return item
        if url != item.url:
            self.stats.inc_value("kulisse/urls/resolved")
            item.url = url
        official = item.extras.get("official_url")
        if official:
            item.extras["official_url"] = urljoin(base, official)
        return item
