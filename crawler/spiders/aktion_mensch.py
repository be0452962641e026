"""Aktion Mensch: the one-page Förderfinder lists every offer (catalog §14).

Offers are list items whose ``h3`` starts with the kind ("Förderaktion:", "Projektförderung:"
…) followed by "Label: value" paragraphs; offers have no page of their own, so the ID is
made from the title and the URL carries the title as fragment.
"""

from crawler.platforms.base import KulisseSpider, make_id
from crawler.platforms.textparts import blocks, label_values, pick

KINDS = ("Förderaktion", "Pauschalförderung", "Projektförderung", "Investitionsförderung", "Mikroförderung")


class AktionMenschSpider(KulisseSpider):
    name = "aktion_mensch"
    funder = "Aktion Mensch e.V."
    level = "stiftung"
    default_root = "https://www.aktion-mensch.de"
    start_paths = ("/foerderung/angebote/foerderfinder",)

    def parse_detail(self, response):
        offers = [li for li in response.css("li") if (li.css("h3::text").get() or "").strip().startswith(KINDS)]
        if not offers:
            self.markup_error(response, "offers")
        for offer in offers:
            heading = " ".join(offer.css("h3 ::text").getall()).strip()
            kind, _, title = heading.partition(":")
            entries = blocks(offer.root)
            labels = label_values(entries)
            slug = make_id("", title).lstrip(":")
            loader = self.loader(response, key=slug, url=f"{response.url}#{slug}")
            loader.add_value("title", title.strip() if kind != "Förderaktion" else heading)
            loader.add_value("summary_de", [t for k, t in entries[1:] if k == "t" and ":" not in t[:40]][:2])
            loader.add_value("full_text", "\n".join(t for _, t in entries))
            loader.add_value(
                "amount_text", [pick(labels, "Fördersumme", "Förderhöhe"), pick(labels, "Förderquote", "Eigenmittel")]
            )
            loader.add_value("deadline_text", pick(labels, "Antragsfrist", "Frist", "Zeitraum") or "laufend")
            # Aktion Mensch funds only non-profit bodies; the label names the finer conditions
            loader.add_value(
                "applicants_text", pick(labels, "Wer kann", "Antragsberechtigt") or "gemeinnützige Organisationen"
            )
            loader.add_value(
                "extras",
                {
                    "kind": kind.strip(),
                    "antrag": response.urljoin(offer.css('a[href*="antrag"]::attr(href)').get() or ""),
                },
            )
            yield loader.load_item()
