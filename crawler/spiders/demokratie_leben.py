"""BMFSFJ/BAFzA "Demokratie leben!": the Förderaufrufe overview of the period 2025–2032.

The overview links to news detail pages, one per call; Interessenbekundungen go through a
separate portal that is not crawled.
"""

from crawler.platforms.headings import HeadingsSpider


class DemokratieLebenSpider(HeadingsSpider):
    name = "demokratie_leben"
    funder = "Bundesministerium für Bildung, Familie, Senioren, Frauen und Jugend (Demokratie leben!)"
    level = "bund"
    default_root = "https://www.demokratie-leben.de"
    list_paths = ("/demokratie-leben-2025/foerderaufrufe",)
    link_pattern = r"^/globals/news/detailseiten-news/[^/]+\.html$"
    fields = {
        "applicants_text": ("Wer kann", "Antragsberechtigt", "Zielgruppe"),
        "amount_text": ("Förderhöhe", "Finanzierung", "Fördervolumen"),
        "deadline_text": ("Frist", "Interessenbekundung", "Verfahren"),
    }
