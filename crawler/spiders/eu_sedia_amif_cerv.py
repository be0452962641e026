"""EU Funding & Tenders Portal (SEDIA search API), filtered to AMIF and CERV topics.

The API wants multipart/form-data whose parts each carry ``Content-Type: application/json``
(plain form fields give HTTP 500); every metadata value is a list (catalog §2).

Checked against a saved real answer: ``reference`` is an internal key ("50140738TOPICSes"), the
topic ID is ``metadata.identifier`` (or the last part of ``url``); one topic comes once per
language; ``deadlineDate`` is given in UTC ("2025-01-21T23:00:00.000+0000" is the 22nd in
Brussels); ``budgetOverview`` lists every topic of the call, with budgets as numbers or strings
and the per-grant range (``minContribution``/``maxContribution``, ``expectedGrants``).
"""

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from corpus.format_de import date_de, number
from crawler.loaders import clean_text, iso_to_german
from crawler.platforms.base import KulisseSpider

QUERY = {
    "bool": {
        "must": [
            {"terms": {"type": ["1", "2", "8"]}},
            {"terms": {"status": ["31094501", "31094502"]}},
            {"terms": {"frameworkProgramme": ["43251447", "43251589"]}},
        ]
    }
}
PREFIXES = ("AMIF-", "CERV-")  # programme IDs disagree between projects; prefixes do not
CLOSED = "31094503"
BOUNDARY = "kulisse-sedia-boundary"
TOPIC_URL = "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/"
BRUSSELS = ZoneInfo("Europe/Brussels")
LANGUAGE_ORDER = ("de", "en")  # the same topic comes once per language: German first, then English


def brussels_date(value: str | None) -> str | None:
    """'2025-01-21T23:00:00.000+0000' → '22.01.2025': the deadline day as the portal shows it."""
    if not value:
        return None
    try:
        moment = datetime.strptime(str(value).strip(), "%Y-%m-%dT%H:%M:%S.%f%z")
    except ValueError:
        return iso_to_german(value)
    return date_de(moment.astimezone(BRUSSELS))


def _euro(value: float) -> str:
    return number(value)  # the figure only: the text around it names the currency


def multipart(parts: dict) -> bytes:
    chunks = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\nContent-Type: application/json\r\n\r\n'
        f"{json.dumps(v)}\r\n"
        for k, v in parts.items()
    ]
    return ("".join(chunks) + f"--{BOUNDARY}--\r\n").encode()


class EuSediaAmifCervSpider(KulisseSpider):
    name = "eu_sedia_amif_cerv"
    funder = "Europäische Kommission"
    level = "eu"
    region = "EU"
    default_root = "https://api.tech.ec.europa.eu"
    page_size = 50

    def entry_requests(self):
        yield self.search(1)

    def search(self, page: int):
        url = self.url(
            f"/search-api/prod/rest/search?apiKey=SEDIA&text=***&pageSize={self.page_size}&pageNumber={page}"
        )
        body = multipart({"query": QUERY, "languages": ["de", "en"], "sort": {"field": "deadlineDate", "order": "ASC"}})
        return self.request(
            url,
            self.parse,
            entry=True,
            method="POST",
            body=body,
            cb_kwargs={"page": page},
            headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
            dont_filter=True,
        )

    def parse(self, response, page: int = 1):
        try:
            data = json.loads(response.text)
        except (ValueError, AttributeError):
            self.count_error("bad_json")
            return
        if data.get("type") == "throwable" or "results" not in data:
            self.count_error("api_error")  # errors come back with status 200
            return
        seen = getattr(self, "_seen_topics", set())
        self._seen_topics = seen
        # one item per topic: the German version if there is one, else English, else any
        ranked = sorted(data["results"], key=lambda r: _language_rank(r))
        for result in ranked:
            ident = topic_id(result)
            if ident in seen:
                self.crawler.stats.inc_value("kulisse/skipped/other_language")
                continue
            item = self.topic(result, response)
            if item is not None:
                seen.add(ident)
                yield item
        if page * self.page_size < int(data.get("totalResults", 0)):
            yield self.search(page + 1)

    def topic(self, result: dict, response):
        meta = result.get("metadata") or {}
        first = lambda key: (meta.get(key) or [None])[0]  # noqa: E731 — every value is a list
        ident = topic_id(result)
        if not ident.upper().startswith(PREFIXES) or first("status") == CLOSED:
            self.crawler.stats.inc_value("kulisse/skipped/other_programme_or_closed")
            return None
        description = clean_text(re.sub(r"<[^>]+>", " ", first("descriptionByte") or result.get("summary") or ""))
        loader = self.loader(response, key=ident, url=TOPIC_URL + ident)
        loader.add_value("title", f"{first('title') or result.get('title')} ({ident})")
        loader.add_value("summary_de", description)
        loader.add_value("deadline_text", "; ".join(filter(None, map(brussels_date, meta.get("deadlineDate") or []))))
        loader.add_value("amount_text", self.budget(first("budgetOverview"), ident))
        loader.add_value(
            "extras",
            {
                "call_identifier": first("callIdentifier"),
                "call_title": first("callTitle"),
                "programme": first("frameworkProgramme"),
                "keywords": meta.get("keywords") or [],
            },
        )
        return loader.load_item()

    @staticmethod
    def budget(raw: str | None, ident: str = "") -> str | None:
        """This topic's budget (the call's other topics left out) and the range per grant, as German text."""
        try:
            actions = [a for t in json.loads(raw or "{}").get("budgetTopicActionMap", {}).values() for a in t]
            mine = [a for a in actions if str(a.get("action", "")).split(" ")[0].upper() == ident.upper()]
            if ident and actions and not mine:
                return None  # the overview names only other topics: no figure is better than a wrong one
            chosen = mine or actions
            total = sum(float(y) for a in chosen for y in (a.get("budgetYearMap") or {}).values())
            low = [float(a["minContribution"]) for a in chosen if a.get("minContribution")]
            high = [float(a["maxContribution"]) for a in chosen if a.get("maxContribution")]
            grants = sum(int(a.get("expectedGrants") or 0) for a in chosen)
        except (ValueError, TypeError, AttributeError, KeyError):
            return None
        if not total:
            return None
        parts = [f"Budget {_euro(total)} EUR"]
        if low and high:
            parts.append(f"je Projekt {_euro(min(low))} bis {_euro(max(high))} EUR")
        elif high:
            parts.append(f"je Projekt bis {_euro(max(high))} EUR")
        if grants:
            parts.append(f"etwa {grants} Projekte")
        return "; ".join(parts)


def topic_id(result: dict) -> str:
    """The topic ID: metadata.identifier, else the end of the topic URL ("…/EU4H-2024-PJ-03-5.json")."""
    meta = result.get("metadata") or {}
    ident = (meta.get("identifier") or [None])[0]
    if not ident:
        url = result.get("url") or (meta.get("url") or [""])[0] or ""
        ident = url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".json") if "/" in url else ""
    return (ident or result.get("reference") or "").strip()


def _language_rank(result: dict) -> int:
    lang = (result.get("language") or ((result.get("metadata") or {}).get("language") or [""])[0] or "").lower()
    return LANGUAGE_ORDER.index(lang) if lang in LANGUAGE_ORDER else len(LANGUAGE_ORDER)
