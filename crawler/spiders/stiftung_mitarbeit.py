"""Stiftung Mitarbeit – Starthilfeförderung for new initiatives: one page with the
Antragsfristen of the year ("27. Februar" style)."""

from crawler.platforms.headings import HeadingsSpider


class StiftungMitarbeitSpider(HeadingsSpider):
    name = "stiftung_mitarbeit"
    funder = "Stiftung Mitarbeit"
    level = "stiftung"
    default_root = "https://www.mitarbeit.de"
    start_paths = ("/foerderung/starthilfefoerderung/",)
    fields = {
        "applicants_text": ("Wer wird gefördert", "Wer kann"),
        "amount_text": ("Wie viel", "Förderhöhe", "Umfang"),
        "deadline_text": ("Antragsfristen", "Fristen"),
    }
