"""Beauftragte der Bundesregierung für Migration, Flüchtlinge und Integration.

Same CMS as bundesregierung.de: articles in ``.bpa-article`` with ``bpa-`` classes; calls are
articles about Interessenbekundungsverfahren, listed on the Projektförderung page.
"""

from crawler.platforms.headings import HeadingsSpider


class IntegrationsbeauftragteSpider(HeadingsSpider):
    name = "integrationsbeauftragte"
    funder = "Beauftragte der Bundesregierung für Migration, Flüchtlinge und Integration"
    level = "bund"
    default_root = "https://www.integrationsbeauftragte.de"
    list_paths = ("/ib-de/integrationsarbeit-in-den-bereichen/projektfoerderung",)
    link_pattern = r"^/ib-de/.+-\d{5,}$"  # article URLs end in a numeric id
    content_css = ".bpa-article, main"
    title_css = ".bpa-article h1, h1"
    fields = {
        "applicants_text": ("Wer kann", "Antragsberechtigt", "Zuwendungsempfänger"),
        "amount_text": ("Förderhöhe", "Umfang", "Finanzierung"),
        "deadline_text": ("Frist", "Interessenbekundung", "Verfahren"),
    }

    def parse_call(self, loader, response, secs, labels):
        loader.add_value("extras", {"datum": response.css(".bpa-time time::attr(datetime)").get()})
