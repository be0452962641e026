"""DSEE Förderdatenbank (foerderdatenbank.d-s-e-e.de): an aggregator of ~1,300 programmes.

Off by default: DSEE is to be asked before its database is reused (database maker's right);
the runner only starts it once KULISSE_DSEE_PERMISSION records that permission. Lists are
``/``, ``/p2`` … ``/pN``; details ``/foerderprogramme/<slug>``. The real pages (checked against
saved ones) keep the facts in an ``<aside>``: a ``div.font-bold`` label ("Max. Fördersumme:")
followed by a ``div`` with the value, often a list ("Regionen", "Bewerbungsfrist"); links are
absolute; the funder is the institution box below the text.
"""

import re

from crawler.loaders import clean_text
from crawler.platforms.foerderdatenbank import REGION_NAMES
from crawler.platforms.headings import HeadingsSpider
from crawler.platforms.textparts import norm_label

# aside label → item field (extras.<name>: kept in the call's extras)
ASIDE_FIELDS = {
    "max. fördersumme": "amount_text",
    "bewerbungsfrist": "deadline_text",
    "regionen": "extras.regionen",
    "engagementbereiche": "extras.engagementbereiche",
    "eigenmittel benötigt": "extras.eigenmittel",
    "förderfähige kosten": "extras.foerderfaehige_kosten",
    "vorzeitiger maßnahmebeginn": "extras.vorzeitiger_beginn",
}


def aside_facts(response) -> dict[str, str]:
    """Label → value of the fact column; list values joined with ", "."""
    facts = {}
    for label in response.css("aside div.font-bold"):
        box = label.xpath("following-sibling::div[1]")
        items = [clean_text(" ".join(li.css("::text").getall())) for li in box.css("li")]
        value = ", ".join(i for i in items if i) or clean_text(" ".join(box.css("::text").getall()))
        key = norm_label(" ".join(label.css("::text").getall()))
        if key and value:
            facts[key] = value
    return facts


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
        # pagination /p2 … /pN, relative or (as the real site writes links) absolute
        for href in response.css("a::attr(href)").re(r"^(?:https?://[^/]+)?/p\d+$"):
            url = response.urljoin(href)
            if self.is_own(url):
                yield self.request(url, self.parse_list, entry=True)

    def parse_call(self, loader, response, secs, labels):
        facts = aside_facts(response)
        for key, field in ASIDE_FIELDS.items():
            value = facts.get(key)
            if not value:
                continue
            if field.startswith("extras."):
                loader.add_value("extras", {field[7:]: value})
            elif not loader.get_output_value(field):
                loader.add_value(field, value)
        regions = facts.get("regionen") or labels.get("regionen") or ""
        lands = {code for name, code in REGION_NAMES.items() if re.search(rf"\b{name}\b", regions)}
        if len(lands) == 1 and "bundesweit" not in regions.lower():
            loader.replace_value("region", lands.pop())
        funder = response.css('a[href*="/institutionen/"]::text').get()
        if funder:
            loader.replace_value("funder", funder)
        # "Link zum Programm"/"Link zur Programmseite" first, else the foundation's or any other "Link zu…"
        official = (
            response.xpath(
                '//a[starts-with(normalize-space(.), "Link zum Programm") or '
                'starts-with(normalize-space(.), "Link zur Programm")]/@href'
            ).get()
            or response.xpath('//a[starts-with(normalize-space(.), "Link zu")]/@href').get()
        )
        loader.add_value("extras", {"aggregator": "DSEE", "official_url": official})
