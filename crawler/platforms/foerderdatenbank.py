"""foerderdatenbank.de: the export ZIP first, the HTML search and detail pages as fallback.

Region and level codes are the site's filter codes (catalog §1c); links in the HTML are
relative to ``<base href>`` = the site root, so they are joined against our root (a mirror
must not be sent back to the real site).
"""
from __future__ import annotations

import re
from urllib.parse import urljoin

from scrapy.http import TextResponse

from crawler.loaders import amount_sentences, clean_text, deadline_sentences
from crawler.platforms.base import KulisseSpider
from crawler.platforms.gsb_export import Export, ExportError

REGION_CODES = {
    "baden_wuerttemberg": "DE-BW", "bayern": "DE-BY", "berlin": "DE-BE", "brandenburg": "DE-BB",
    "bremen": "DE-HB", "hamburg": "DE-HH", "hessen": "DE-HE", "mecklenburg_vorpommern": "DE-MV",
    "de_ni": "DE-NI", "nordrhein_westfalen": "DE-NW", "rheinland_pfalz": "DE-RP", "saarland": "DE-SL",
    "sachsen": "DE-SN", "de_st": "DE-ST", "schleswig_holstein": "DE-SH", "thueringen": "DE-TH",
}
REGION_NAMES = {"Baden-Württemberg": "DE-BW", "Bayern": "DE-BY", "Berlin": "DE-BE", "Brandenburg": "DE-BB",
                "Bremen": "DE-HB", "Hamburg": "DE-HH", "Hessen": "DE-HE", "Mecklenburg-Vorpommern": "DE-MV",
                "Niedersachsen": "DE-NI", "Nordrhein-Westfalen": "DE-NW", "Rheinland-Pfalz": "DE-RP",
                "Saarland": "DE-SL", "Sachsen-Anhalt": "DE-ST", "Sachsen": "DE-SN",
                "Schleswig-Holstein": "DE-SH", "Thüringen": "DE-TH"}

OPEN_TO = {"verband_vereinigung", "kommune", "oeffentliche_einrichtung", "bildungseinrichtung"}
RELEVANT_TEXT = re.compile(r"integration|migra|zuwander|flücht|geflücht|teilhabe|demokratie|ehrenamt|engagement",
                           re.IGNORECASE)


def level_and_region(path: str, region_codes: list[str]) -> tuple[str, str]:
    """``Land/NRW/x`` → land; the Fördergebiet category gives the region (one Land only)."""
    kind = path.split("/", 1)[0].lower()
    level = {"bund": "bund", "land": "land", "eu": "eu"}.get(kind, "bund")
    regions = {REGION_CODES[c] for c in region_codes if c in REGION_CODES}
    region = regions.pop() if len(regions) == 1 and level == "land" else ("EU" if level == "eu" else "DE")
    return level, region


class FoerderdatenbankPlatform(KulisseSpider):
    export_path = "/FDB/WS/export"
    search_path = "/SiteGlobals/FDB/Forms/Suche/Foederprogrammsuche_Formular.html?filterCategories=FundingProgram"

    def entry_requests(self):
        maxsize = self.settings.getint("EXPORT_MAXSIZE", 200 * 1024 * 1024)  # pages are capped lower
        req = self.request(self.url(self.export_path), self.parse_export, entry=True,
                           meta={"download_maxsize": maxsize, "download_warnsize": maxsize // 2})
        yield req.replace(errback=self.export_failed)  # a CAPTCHA or 5xx also falls back to HTML

    def export_failed(self, failure):
        self.on_error(failure)
        self.crawler.stats.inc_value("kulisse/fallback/html")
        yield self.request(self.url(self.search_path), self.parse_search, entry=True)

    def parse_export(self, response):
        try:
            export = Export(response.body)
            programmes = list(export.programmes())
        except ExportError as exc:
            self.count_error("not_a_zip")
            self.logger.warning("%s: Export unbrauchbar (%s), lese die HTML-Suche", self.name, exc)
            self.crawler.stats.inc_value("kulisse/fallback/html")
            yield self.request(self.url(self.search_path), self.parse_search, entry=True)
            return
        for programme in programmes:
            if self.relevant(programme):
                yield self.export_item(export, programme)
            else:
                self.crawler.stats.inc_value("kulisse/skipped/irrelevant")
        if export.bad:
            self.count_error("bad_xml", len(export.bad))

    def relevant(self, prog) -> bool:
        """Programmes open to associations or municipalities, or about integration at all;
        the export's ~2,500 business loans are left out."""
        codes = {h.rsplit("/", 1)[-1] for h in prog.classes.get("Foerderberechtigte", [])}
        if codes & OPEN_TO:
            return True
        return bool(RELEVANT_TEXT.search(" ".join(prog.props.values())))

    def export_item(self, export: Export, prog):
        p, classes = prog.props, prog.classes
        codes = {k: [h.rsplit("/", 1)[-1] for h in v] for k, v in classes.items()}
        level, region = level_and_region(prog.path, codes.get("Foerdergebiet", []))
        text = "\n".join(p.get(k, "") for k in ("bodyText", "regulatoryFWork", "procDescription", "requirements") if p.get(k))
        funders = [export.target(h).get("title") for h in classes.get("Foerdergeber", []) + classes.get("Foerderorganisation", [])]
        official = [export.target(h).get("url") for h in classes.get("ExternerLink", [])]
        applicants = [export.target(h).get("title") or h.rsplit("/", 1)[-1] for h in classes.get("Foerderberechtigte", [])]
        loader = self.loader(url=self.public_url(self.url(f"/FDB/Content/DE/Foerderprogramm/{prog.path}.html")),
                             key=prog.path.replace("/", "-"))
        loader.replace_value("level", level)
        loader.replace_value("region", region)
        loader.replace_value("funder", next((f for f in funders if f), None) or self.funder)
        loader.add_value("title", p.get("title"))
        loader.add_value("summary_de", p.get("teaserText") or p.get("summary"))
        loader.add_value("full_text", text)
        loader.add_value("applicants_text", ", ".join(a for a in applicants if a))
        loader.add_value("deadline_text", deadline_sentences(text))
        loader.add_value("amount_text", amount_sentences(text))
        if "darlehen" in codes.get("Foerderart", []):
            loader.add_value("funding_form", "darlehen")
        loader.add_value("extras", {"official_url": next((u for u in official if u), None),
                                    "categories": codes, "date_of_issue": p.get("dateOfIssue"),
                                    "date_of_expiration": p.get("dateOfExpiration"), "via": "export",
                                    "licence": "CC BY 4.0, Förderdatenbank des Bundes (BMWE)"})
        return loader.load_item()

    # -- HTML fallback ------------------------------------------------------------------
    def site_join(self, href: str) -> str:
        return urljoin(self.root + "/", href)

    def parse_search(self, response):
        if not isinstance(response, TextResponse) or not response.css("div.searchresult"):
            self.markup_error(response, "searchresult")
            return
        cards = response.css("div.card--fundingprogram p.card--title a::attr(href)").getall()
        for href in cards:
            yield self.request(self.site_join(href), self.parse_detail)
        nxt = response.css("div.pagination a.forward::attr(href)").get()
        if nxt:
            yield self.request(self.site_join(nxt), self.parse_search, entry=True)

    def parse_detail(self, response):
        title = response.css("h1.title") if isinstance(response, TextResponse) else None
        if not title:
            self.markup_error(response, "title")
            return
        facts = {}
        for dt in response.css("dl.document-info-fundingprogram dt"):
            label = re.sub(r"[\s:]+", " ", " ".join(dt.css("::text").getall())).strip().lower()
            facts[label.replace("oe", "ö")] = clean_text(" ".join(dt.xpath("following-sibling::dd[1]//text()").getall()))
        tabs = {clean_text(" ".join(h.css("span.btn--label::text").getall())): clean_text(" ".join(a.css("::text").getall()))
                for h, a in zip(response.css("h2.horizontal--tab-opener"), response.css("article.content--tab-text"))}
        text = "\n".join(v for v in tabs.values() if v) or clean_text(" ".join(response.css("div.rich--text ::text").getall()))
        path = response.url.split("/Foerderprogramm/", 1)[-1].removesuffix(".html")
        loader = self.loader(response, key=path.replace("/", "-"))
        loader.replace_value("level", level_and_region(path, [])[0])
        loader.replace_value("region", REGION_NAMES.get(facts.get("fördergebiet") or "", loader.get_output_value("region")))
        loader.add_value("title", " ".join(title.css("::text").getall()))
        loader.add_value("summary_de", tabs.get("Kurzzusammenfassung"))
        loader.add_value("full_text", text)
        loader.add_value("applicants_text", facts.get("förderberechtigte"))
        loader.add_value("deadline_text", deadline_sentences(text))
        loader.add_value("amount_text", amount_sentences(text))
        if facts.get("fördergeber"):
            loader.replace_value("funder", facts["fördergeber"])
        loader.add_value("extras", {"official_url": response.css("a.link-external::attr(href)").get(), "via": "html",
                                    "foerderart": facts.get("förderart"),
                                    "basket_id": response.css("a.btn--basket::attr(data-basket-id)").get()})
        yield loader.load_item()
