"""Robert Bosch Stiftung – open calls in the "Förderung" section (structure seen only in link
lists, catalog §17: read label- and heading-driven, not class-driven)."""

from crawler.platforms.headings import HeadingsSpider


class BoschStiftungSpider(HeadingsSpider):
    name = "bosch_stiftung"
    funder = "Robert Bosch Stiftung"
    level = "stiftung"
    default_root = "https://www.bosch-stiftung.de"
    list_paths = ("/de/foerderung",)
    link_pattern = r"^/de/foerderung/themen-und-programme/[^/]+$"
    fields = {
        "applicants_text": ("Wer kann sich bewerben", "Wer wird gefördert", "Zielgruppe"),
        "amount_text": ("Förderumfang", "Fördersumme", "Wie viel"),
        "deadline_text": ("Bewerbungsschluss", "Frist", "Bewerbungsfrist"),
    }
