"""Drop a second item with an ID already seen in this run (sites list a call twice)."""

from __future__ import annotations

from scrapy.exceptions import DropItem

from corpus.model import FundingCall
from crawler.counting import Counting


class DedupePipeline(Counting):
    def __init__(self, stats):
        super().__init__(stats)
        self.seen: set[str] = set()

    def process_item(self, item, spider=None):
        if not isinstance(item, FundingCall):
            return item
        if item.id in self.seen:
            self.stats.inc_value("kulisse/dropped")
            self.stats.inc_value("kulisse/dropped/doppelt")
            raise DropItem("doppelt")
        self.seen.add(item.id)
        return item
