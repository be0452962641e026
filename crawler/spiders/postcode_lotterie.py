"""Deutsche Postcode Lotterie – Projektförderung: short Förderrunden announced on FAQ pages
(applications in a portal that is not crawled); the spider watches the pages for new dates."""

from crawler.platforms.headings import HeadingsSpider


class PostcodeLotterieSpider(HeadingsSpider):
    name = "postcode_lotterie"
    funder = "Deutsche Postcode Lotterie"
    level = "stiftung"
    default_root = "https://www.postcode-lotterie.de"
    start_paths = ("/guter-zweck/faq/grundsaetzliches-zur-projektfoerderung",)
    fields = {
        "applicants_text": ("Wer kann", "Wer darf"),
        "amount_text": ("Wie viel", "Wie hoch", "Fördersumme"),
        "deadline_text": ("Wann", "Förderrunde", "Antragszeitraum"),
    }
