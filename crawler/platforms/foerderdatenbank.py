"""foerderdatenbank.de: the export ZIP first, the HTML search and detail pages as fallback.

Region and level codes are the site's filter codes (catalog §1c); links in the HTML are
relative to ``<base href>`` = the site root, so they are joined against our root (a mirror
must not be sent back to the real site).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from scrapy.http import TextResponse

from crawler.loaders import clean_text
from crawler.platforms import fdb_text
from crawler.platforms.base import KulisseSpider
from crawler.platforms.gsb_export import Export, ExportError
from crawler.platforms.textparts import blocks

REGION_CODES = {
    "baden_wuerttemberg": "DE-BW",
    "bayern": "DE-BY",
    "berlin": "DE-BE",
    "brandenburg": "DE-BB",
    "bremen": "DE-HB",
    "hamburg": "DE-HH",
    "hessen": "DE-HE",
    "mecklenburg_vorpommern": "DE-MV",
    "de_ni": "DE-NI",
    "nordrhein_westfalen": "DE-NW",
    "rheinland_pfalz": "DE-RP",
    "saarland": "DE-SL",
    "sachsen": "DE-SN",
    "de_st": "DE-ST",
    "schleswig_holstein": "DE-SH",
    "thueringen": "DE-TH",
}
REGION_NAMES = {
    "Baden-Württemberg": "DE-BW",
    "Bayern": "DE-BY",
    "Berlin": "DE-BE",
    "Brandenburg": "DE-BB",
    "Bremen": "DE-HB",
    "Hamburg": "DE-HH",
    "Hessen": "DE-HE",
    "Mecklenburg-Vorpommern": "DE-MV",
    "Niedersachsen": "DE-NI",
    "Nordrhein-Westfalen": "DE-NW",
    "Rheinland-Pfalz": "DE-RP",
    "Saarland": "DE-SL",
    "Sachsen-Anhalt": "DE-ST",
    "Sachsen": "DE-SN",
    "Schleswig-Holstein": "DE-SH",
    "Thüringen": "DE-TH",
}

# the export's Förderberechtigte codes (the newest HTML layout shows them too) as the site names them
APPLICANT_NAMES = {
    "unternehmen": "Unternehmen",
    "verband_vereinigung": "Verband/Vereinigung",
    "kommune": "Kommune",
    "oeffentliche_einrichtung": "Öffentliche Einrichtung",
    "bildungseinrichtung": "Bildungseinrichtung",
    "forschungseinrichtung": "Forschungseinrichtung",
    "hochschule": "Hochschule",
    "privatperson": "Privatperson",
    "existenzgruenderin": "Existenzgründer/in",
}
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_LAND_FOLDERS = {re.sub(r"[^a-z]", "", n.lower().translate(_FOLD)): c for n, c in REGION_NAMES.items()} | {
    "nrw": "DE-NW",
    "bw": "DE-BW",
    "mv": "DE-MV",
    "sh": "DE-SH",
    "rlp": "DE-RP",
    "lsa": "DE-ST",
}

OPEN_TO = {"verband_vereinigung", "kommune", "oeffentliche_einrichtung", "bildungseinrichtung"}
RELEVANT_TEXT = re.compile(
    r"integration|migra|zuwander|flücht|geflücht|teilhabe|demokratie|ehrenamt|engagement", re.IGNORECASE
)


def applicant_names(codes_or_names: list[str]) -> str:
    """ "verband_vereinigung" → "Verband/Vereinigung", so the German applicant parser understands it."""
    return ", ".join(APPLICANT_NAMES.get(c.strip().lower(), c.strip()) for c in codes_or_names if c.strip())


def land_of_path(path: str) -> str | None:
    """``Land/Hessen/x`` → DE-HE (the site's folder names: Hessen, Thueringen, NRW …)."""
    parts = path.split("/")
    if len(parts) < 2 or parts[0].lower() != "land":
        return None
    return _LAND_FOLDERS.get(re.sub(r"[^a-z]", "", parts[1].lower().translate(_FOLD)))


def level_and_region(path: str, region_codes: list[str]) -> tuple[str, str]:
    """``Land/NRW/x`` → land; the Fördergebiet (category codes or the names a page shows) gives
    the region when it is one Land, else the path's Land folder."""
    kind = path.split("/", 1)[0].lower()
    level = {"bund": "bund", "land": "land", "eu": "eu"}.get(kind, "bund")
    if level == "eu":
        return level, "EU"
    regions = {REGION_CODES.get(c.strip().lower()) or REGION_NAMES.get(c.strip()) for c in region_codes} - {None}
    if level == "land":
        return level, regions.pop() if len(regions) == 1 else (land_of_path(path) or "DE")
    return level, "DE"


class FoerderdatenbankPlatform(KulisseSpider):
    export_path = "/FDB/WS/export"
    search_path = "/SiteGlobals/FDB/Forms/Suche/Foederprogrammsuche_Formular.html?filterCategories=FundingProgram"

    def entry_requests(self):
        maxsize = self.settings.getint("EXPORT_MAXSIZE", 200 * 1024 * 1024)  # pages are capped lower
        req = self.request(
            self.url(self.export_path),
            self.parse_export,
            entry=True,
            meta={"download_maxsize": maxsize, "download_warnsize": maxsize // 2},
        )
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
        paras = fdb_text.from_lines(
            [
                ("kurz", p.get("teaserText")),
                ("kurz", p.get("summary")),
                ("", p.get("bodyText")),
                ("zusatz", p.get("regulatoryFWork")),
                ("zusatz", p.get("requirements")),
                ("recht", p.get("procDescription")),
            ]
        )
        # Foerdergeber links to a category ("bund"), the organisation and the contact are documents
        funders = [
            clean_text(export.target(h).get("title"))
            for k in ("Foerdergeber", "Foerderorganisation", "Kontakt")
            for h in classes.get(k, [])
        ]
        official = [export.target(h).get("url") for h in classes.get("ExternerLink", [])]
        applicants = [
            clean_text(export.target(h).get("title")) or h.rsplit("/", 1)[-1]
            for h in classes.get("Foerderberechtigte", [])
        ]
        loader = self.loader(
            url=self.public_url(self.url(f"/FDB/Content/DE/Foerderprogramm/{prog.path}.html")),
            key=prog.path.replace("/", "-"),
        )
        loader.replace_value("level", level)
        loader.replace_value("region", region)
        loader.replace_value("funder", next((f for f in funders if f), None) or self.funder)
        loader.add_value("title", p.get("title"))
        # a property of only whitespace is empty: the teaser, else the summary, else the body
        loader.add_value(
            "summary_de", clean_text(p.get("teaserText")) or clean_text(p.get("summary")) or fdb_text.summary(paras)
        )
        loader.add_value("full_text", fdb_text.full_text(paras))
        loader.add_value("applicants_text", applicant_names([a for a in applicants if a]))
        loader.add_value("deadline_text", fdb_text.deadline_text(paras))
        loader.add_value("amount_text", fdb_text.amount_text(paras))
        if "darlehen" in codes.get("Foerderart", []):
            loader.add_value("funding_form", "darlehen")
        loader.add_value(
            "extras",
            {
                "official_url": next((u for u in official if u), None),
                "categories": codes,
                "date_of_issue": p.get("dateOfIssue"),
                "date_of_expiration": p.get("dateOfExpiration"),
                "via": "export",
                "licence": "CC BY 4.0, Förderdatenbank des Bundes (BMWE)",
            },
        )
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
        facts, cards = {}, {}
        for dt in response.css("dl.document-info-fundingprogram dt"):
            # the newest layout writes labels in ASCII ("Foerdergebiet") and values as codes ("hessen")
            label = re.sub(r"[\s:]+", " ", " ".join(dt.css("::text").getall())).strip().lower().replace("oe", "ö")
            dd = dt.xpath("following-sibling::dd[1]")
            facts[label] = clean_text(" ".join(dd.xpath(".//text()").getall()))
            cards[label] = clean_text(" ".join(dd.css("p.card--title ::text").getall()))
        root = response.css("div.content--main") or response.css("main")
        paras = fdb_text.from_blocks(blocks(root[0].root)) if root else []
        path = response.url.split("/Foerderprogramm/", 1)[-1].removesuffix(".html")
        level, region = level_and_region(path, re.split(r",\s*", facts.get("fördergebiet") or ""))
        loader = self.loader(response, key=path.replace("/", "-"))
        loader.replace_value("level", level)
        loader.replace_value("region", region)
        loader.add_value("title", "".join(title.css("::text").getall()))  # text nodes carry their own spaces
        loader.add_value("summary_de", fdb_text.summary(paras))
        loader.add_value("full_text", fdb_text.full_text(paras))
        loader.add_value("applicants_text", applicant_names(re.split(r",\s*", facts.get("förderberechtigte") or "")))
        loader.add_value("deadline_text", fdb_text.deadline_text(paras))
        loader.add_value("amount_text", fdb_text.amount_text(paras))
        # the funder; some programmes name only the contact point (the MBG of a Land)
        funder = cards.get("fördergeber") or facts.get("fördergeber") or cards.get("ansprechpunkt")
        if funder:
            loader.replace_value("funder", funder)
        loader.add_value(
            "extras",
            {
                "official_url": response.css("a.link-external::attr(href)").get(),
                "via": "html",
                "foerderart": facts.get("förderart"),
                "basket_id": response.css("a.btn--basket::attr(data-basket-id)").get(),
            },
        )
        yield loader.load_item()
