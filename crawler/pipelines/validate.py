"""Turn a CallItem into corpus.model.FundingCall; drop (and count, with a German reason)
what is not a valid call."""

from __future__ import annotations

import logging

from pydantic import ValidationError
from scrapy.exceptions import DropItem

from corpus.clean import too_long
from corpus.model import Amount, Deadlines, call_from_record
from crawler.items import CallItem

logger = logging.getLogger(__name__)

FIELD_DE = {
    "id": "Kennung",
    "title": "Titel",
    "summary_de": "Beschreibung",
    "level": "Ebene",
    "region": "Region",
    "applicants": "Antragsberechtigte",
    "funding_form": "Förderform",
}


def drop_reason(error: ValidationError) -> str:
    """The first problem in German, e.g. 'Titel fehlt' or 'Region ungültig'."""
    first = error.errors()[0]
    name = str(first["loc"][0]) if first["loc"] else "?"
    label = FIELD_DE.get(name, name)
    if first["type"] in ("missing", "string_type") or "leer" in first.get("msg", ""):
        return f"{label} fehlt"
    return f"{label} ungültig"


class ValidateCallPipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _drop(self, reason: str):
        self.stats.inc_value("kulisse/dropped")
        self.stats.inc_value(f"kulisse/dropped/{reason}")
        raise DropItem(reason)

    def process_item(self, item, spider=None):
        if not isinstance(item, CallItem):
            return item
        record = {
            "id": item.id,
            "title": item.title,
            "funder": item.funder or "",
            "level": item.level,
            "region": item.region or "DE",
            "url": item.url or "",
            "summary_de": item.summary_de,
            "full_text": item.full_text or "",
            "applicants": item.applicants or [],
            "funding_form": item.funding_form,
            "source": self.crawler.spider.name if self.crawler.spider else "",
            "extras": {k: v for k, v in item.extras.items() if k != "page_url"},
        }
        if not item.summary_de and item.full_text:
            record["summary_de"] = item.full_text[:600]  # a call without teaser still has text
        for key in ("title", "summary_de", "id"):
            if not record[key]:
                self._drop(f"{FIELD_DE[key]} fehlt")
        # overlong fields are cut by the model (corpus.clean.LIMITS); a page is still a call,
        # but the cut is counted and logged so a broken page shows in the stats
        for field, length, limit in too_long(
            record | {"amount_text": item.amount_text, "deadline_text": item.deadline_text}
        ):
            self.stats.inc_value(f"kulisse/truncated/{field}")
            logger.warning("%s: Feld %s gekürzt (%d Zeichen, höchstens %d)", item.id, field, length, limit)
        try:
            call = call_from_record(
                record
                | {
                    "amount": Amount(**(item.amount or {"text": item.amount_text})),
                    "deadlines": Deadlines(**(item.deadlines or {"text": item.deadline_text})),
                }
            )
        except ValidationError as exc:
            self._drop(drop_reason(exc))
        if item.same_as:
            call.extras["same_as"] = list(item.same_as)
        self.stats.inc_value("kulisse/items/valid")
        return call
