"""Shared ItemLoader: German deadlines, amounts and applicant lists are parsed here only.

Spiders add raw text (``loader.add_css("deadline_text", …)``); the output processors clean it
and ``load_item`` derives the parsed fields from the cleaned text with ``corpus.german``,
``corpus.deadlines`` and ``corpus.amounts``.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime

from itemloaders.processors import Compose, Identity, MapCompose, TakeFirst
from scrapy.loader import ItemLoader

from corpus import amounts, deadlines
from corpus.format_de import date_de
from corpus.german import parse_applicants
from crawler.items import CallItem

_WS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value) -> str | None:
    """Unescape entities, drop soft hyphens and control characters, collapse whitespace."""
    if value is None:
        return None
    text = html.unescape(str(value)).replace("\u00ad", "").replace("\u00a0", " ")
    text = _WS.sub(" ", _CONTROL.sub(" ", text)).strip()
    return text or None


def join_clean(sep: str = " "):
    def _join(values):
        parts = [v for v in (clean_text(x) for x in values) if v]
        return sep.join(dict.fromkeys(parts)) or None  # repeated blocks (teaser + body) once

    return _join


def iso_to_german(value: str | None) -> str | None:
    """'2025-09-16T17:00:00.000+0200' → '16.09.2025' so that deadline text stays German."""
    if not value:
        return None
    try:
        d = datetime.fromisoformat(str(value)[:10]).date() if "T" in str(value) or len(str(value)) == 10 else None
    except ValueError:
        return None
    return date_de(d) if isinstance(d, date) else None


def deadlines_from_text(text: str | None) -> dict:
    return {"text": text, **deadlines.stored_fields(text)}


def amount_from_text(text: str | None) -> dict:
    return {"text": text, **amounts.stored_fields(text)}


class CallLoader(ItemLoader):
    default_item_class = CallItem
    default_input_processor = MapCompose(clean_text)
    default_output_processor = TakeFirst()

    summary_de_out = Compose(join_clean("\n"))
    full_text_out = Compose(join_clean("\n"))
    amount_text_out = Compose(join_clean(" "))
    deadline_text_out = Compose(join_clean(" "))
    applicants_text_out = Compose(join_clean(", "))
    applicants_in = Identity()
    applicants_out = Identity()
    same_as_in = Identity()
    same_as_out = Identity()
    extras_in = Identity()
    extras_out = Compose(lambda dicts: {k: v for d in dicts for k, v in d.items()})

    def load_item(self):
        item = super().load_item()
        item.amount = amount_from_text(item.amount_text)
        item.deadlines = deadlines_from_text(item.deadline_text)
        if item.applicants is None or not item.applicants:
            item.applicants = parse_applicants(item.applicants_text)
        return item
