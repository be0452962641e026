"""EU Funding & Tenders Portal (SEDIA search API), filtered to AMIF and CERV topics.

The API wants multipart/form-data whose parts each carry ``Content-Type: application/json``
(plain form fields give HTTP 500); every metadata value is a list (catalog §2).
"""
import json
import re

from crawler.loaders import clean_text, iso_to_german
from crawler.platforms.base import KulisseSpider

QUERY = {"bool": {"must": [{"terms": {"type": ["1", "2", "8"]}},
                           {"terms": {"status": ["31094501", "31094502"]}},
                           {"terms": {"frameworkProgramme": ["43251447", "43251589"]}}]}}
PREFIXES = ("AMIF-", "CERV-")  # programme IDs disagree between projects; prefixes do not
CLOSED = "31094503"
BOUNDARY = "kulisse-sedia-boundary"
TOPIC_URL = "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/"


def multipart(parts: dict) -> bytes:
    chunks = [f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\nContent-Type: application/json\r\n\r\n'
              f"{json.dumps(v)}\r\n" for k, v in parts.items()]
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
        url = self.url(f"/search-api/prod/rest/search?apiKey=SEDIA&text=***&pageSize={self.page_size}&pageNumber={page}")
        body = multipart({"query": QUERY, "languages": ["de", "en"], "sort": {"field": "deadlineDate", "order": "ASC"}})
        return self.request(url, self.parse, entry=True, method="POST", body=body, cb_kwargs={"page": page},
                            headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}, dont_filter=True)

    def parse(self, response, page: int = 1):
        try:
            data = json.loads(response.text)
        except (ValueError, AttributeError):
            self.count_error("bad_json")
            return
        if data.get("type") == "throwable" or "results" not in data:
            self.count_error("api_error")  # errors come back with status 200
            return
        for result in data["results"]:
            item = self.topic(result, response)
            if item is not None:
                yield item
        if page * self.page_size < int(data.get("totalResults", 0)):
            yield self.search(page + 1)

    def topic(self, result: dict, response):
        meta = result.get("metadata") or {}
        first = lambda key: (meta.get(key) or [None])[0]  # noqa: E731 — every value is a list
        ident = first("identifier") or result.get("reference") or ""
        if not ident.upper().startswith(PREFIXES) or first("status") == CLOSED:
            self.crawler.stats.inc_value("kulisse/skipped/other_programme_or_closed")
            return None
        description = clean_text(re.sub(r"<[^>]+>", " ", first("descriptionByte") or result.get("summary") or ""))
        loader = self.loader(response, key=ident, url=TOPIC_URL + ident)
        loader.add_value("title", f"{first('title') or result.get('title')} ({ident})")
        loader.add_value("summary_de", description)
        loader.add_value("deadline_text", "; ".join(filter(None, map(iso_to_german, meta.get("deadlineDate") or []))))
        loader.add_value("amount_text", self.budget(first("budgetOverview")))
        loader.add_value("extras", {"call_identifier": first("callIdentifier"), "call_title": first("callTitle"),
                                    "programme": first("frameworkProgramme"), "keywords": meta.get("keywords") or []})
        return loader.load_item()

    @staticmethod
    def budget(raw: str | None) -> str | None:
        """The topic's budget from the budgetOverview JSON string, as German text."""
        try:
            amounts = [int(y) for t in json.loads(raw or "{}").get("budgetTopicActionMap", {}).values()
                       for a in t for y in (a.get("budgetYearMap") or {}).values()]
        except (ValueError, TypeError, AttributeError):
            return None
        return f"Budget {sum(amounts):,} EUR".replace(",", ".") if amounts else None
