"""A duplicate filter that counts redirect loops instead of hiding them.

Scrapy's filter silently drops a redirect back to a URL already fetched, so a loop
``a → b → a`` ends with no error and no item: the call behind ``a`` would look gone.
A redirected request whose URL is already in its own redirect chain is a loop; it is
counted as ``kulisse/errors/redirect_loop`` so the source is reported unhealthy.
"""

from __future__ import annotations

from scrapy.dupefilters import RFPDupeFilter


class LoopCountingDupeFilter(RFPDupeFilter):
    stats = None

    @classmethod
    def from_crawler(cls, crawler):
        dupefilter = super().from_crawler(crawler)
        dupefilter.stats = crawler.stats
        return dupefilter

    def request_seen(self, request) -> bool:
        seen = super().request_seen(request)
        if seen and self.stats is not None and request.url in request.meta.get("redirect_urls", ()):
            self.stats.inc_value("kulisse/errors/redirect_loop")
            if request.meta.get("kulisse_entry"):
                self.stats.inc_value("kulisse/errors/entry_failed")
        return seen
