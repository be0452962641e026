"""BAMF – Bundesprogramm "Gesellschaftlicher Zusammenhalt" (BGZ): the yearly Ausschreibung page.

A GSB site without a call list: the spider watches the known programme pages.
"""

from crawler.platforms.headings import GsbSpider


class BamfBgzSpider(GsbSpider):
    name = "bamf_bgz"
    funder = "Bundesamt für Migration und Flüchtlinge (BAMF) im Auftrag des BMI"
    level = "bund"
    default_root = "https://www.bamf.de"
    start_paths = (
        "/DE/Themen/Integration/ZugewanderteTeilnehmende/Zusammenhalt/bgz-node.html",
        "/DE/Themen/Integration/AkteureEhrenamtlicheInteressierte/Migrantenorganisationen/Strukturfoerderung/strukturfoerderung-node.html",
    )
    fields = {
        "applicants_text": ("Wer kann", "Antragsberechtigt", "Zielgruppe"),
        "amount_text": ("Förderhöhe", "Umfang der Förderung", "Wie viel"),
        "deadline_text": ("Frist", "Antragsfrist", "Interessenbekundung"),
    }
