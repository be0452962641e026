"""DSEE Förderdatenbank (foerderdatenbank.d-s-e-e.de): an aggregator of ~1,300 programmes.

Off by default: DSEE is to be asked before its database is reused (database maker's right);
the runner only starts it once KULISSE_DSEE_PERMISSION records that permission. Lists are
``/``, ``/p2`` … ``/pN``; details ``/foerderprogramme/<slug>`` with labelled facts.
"""
import re

from crawler.platforms.foerderdatenbank import REGION_NAMES
from crawler.platforms.headings import HeadingsSpider


class DseeFoerderdatenbankSpider(HeadingsSpider):
    name = "dsee_foerderdatenbank"
    funder = "Deutsche Stiftung für Engagement und Ehrenamt (Förderdatenbank)"
    level = "stiftung"
    default_root = "https://foerderdatenbank.d-s-e-e.de"
    enabled_by_default = False
    needs_permission = "KULISSE_DSEE_PERMISSION"
    list_paths = ("/",)
    link_pattern = r"^/foerderprogramme/[^/?#]+$"
    fields = {
        "amount_text": ("Max. Fördersumme",),
        "deadline_text": ("Bewerbungsfrist",),
        "applicants_text": ("Zielgruppen/Bedingungen", "Zielgruppen"),
        "extras.regionen": ("Regionen",),
        "extras.engagementbereiche": ("Engagementbereiche",),
        "extras.eigenmittel": ("Eigenmittel benötigt",),
    }

    def parse_list(self, response):
        yield from super().parse_list(response)
        for href in response.css("a::attr(href)").re(r"^/p\d+$"):  # pagination /p2 … /pN
            yield self.request(response.urljoin(href), self.parse_list, entry=True)

    def parse_call(self, loader, response, secs, labels):
        regions = labels.get("regionen") or ""
        lands = {code for name, code in REGION_NAMES.items() if re.search(rf"\b{name}\b", regions)}
        if len(lands) == 1 and "bundesweit" not in regions.lower():
            loader.replace_value("region", lands.pop())
        funder = response.css('a[href*="/institutionen/"]::text').get()
        if funder:
            loader.replace_value("funder", funder)
        official = response.xpath('//a[starts-with(normalize-space(.), "Link zur")]/@href').get()
        loader.add_value("extras", {"aggregator": "DSEE", "official_url": official})
