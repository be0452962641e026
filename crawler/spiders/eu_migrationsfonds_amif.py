"""AMIF national programme 2021–2027 (eu-migrationsfonds.de, BAMF as managing authority).

One standing Förderaufruf, applications continuously through ITSI: the spider watches the
Förderung page of this GSB site.
"""

from crawler.platforms.headings import GsbSpider


class EuMigrationsfondsAmifSpider(GsbSpider):
    name = "eu_migrationsfonds_amif"
    funder = "Bundesamt für Migration und Flüchtlinge (AMIF-Verwaltungsbehörde)"
    level = "eu"
    region = "DE"
    default_root = "https://www.eu-migrationsfonds.de"
    start_paths = ("/DE/Foerderung/foerderung_node.html",)
    fields = {
        "applicants_text": ("Wer kann", "Antragsberechtigt"),
        "amount_text": ("Förderhöhe", "Finanzierung"),
        "deadline_text": ("Antragstellung", "Frist"),
    }
