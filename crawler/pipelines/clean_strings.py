"""Normalise whitespace, entities, soft hyphens and control characters in every text field."""

from __future__ import annotations

from dataclasses import fields

from crawler.counting import Counting
from crawler.items import CallItem
from crawler.loaders import clean_text

_MULTILINE = {"summary_de", "full_text"}


class CleanStringsPipeline(Counting):
    def process_item(self, item, spider=None):
        if not isinstance(item, CallItem):
            return item
        for f in fields(CallItem):
            value = getattr(item, f.name)
            if not isinstance(value, str):
                continue
            if f.name in _MULTILINE:
                lines = [clean_text(line) for line in value.split("\n")]
                cleaned = "\n".join(line for line in lines if line) or None
            else:
                cleaned = clean_text(value)
            if cleaned != value:
                setattr(item, f.name, cleaned)
                self.stats.inc_value(f"kulisse/clean/{f.name}")
        return item
