"""Base of the pipelines and middlewares that count what they do in ``crawler.stats``.

``kulisse sources`` reports a source's health from those counters (STYLE.md, practice 4).
"""

from __future__ import annotations


class Counting:
    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)
