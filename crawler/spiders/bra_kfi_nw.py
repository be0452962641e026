"""Kompetenzzentrum für Integration (KfI) der Bezirksregierung Arnsberg: all NRW integration grants.

Every programme page uses the same four question headings (catalog §9), so the shared
headings platform reads them; the overview links to the programme pages.
"""

from crawler.platforms.headings import HeadingsSpider


class BraKfiNwSpider(HeadingsSpider):
    name = "bra_kfi_nw"
    funder = "Bezirksregierung Arnsberg – Kompetenzzentrum für Integration (Land NRW)"
    level = "land"
    region = "DE-NW"
    default_root = "https://www.bra.nrw.de"
    list_paths = ("/integration-migration/kompetenzzentrum-fuer-integration",)
    # programme pages sit below the KfI section; short node URLs (/-2822) are programmes too
    link_pattern = r"^(/integration-migration/kompetenzzentrum-fuer-integration/.+/.+|/-\d+)$"
    content_css = "main article, main"
    fields = {
        "applicants_text": ("Wer kann eine Förderung erhalten",),
        "amount_text": ("Wie viel Förderung gibt es",),
        "deadline_text": ("Unter welchen Voraussetzungen",),
        "extras.gegenstand": ("Was wird gefördert",),
    }
