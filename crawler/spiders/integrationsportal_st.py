"""Sachsen-Anhalt – Integrationsportal: one TYPO3 page per Richtlinie with fixed headings."""

from crawler.platforms.headings import HeadingsSpider


class IntegrationsportalStSpider(HeadingsSpider):
    name = "integrationsportal_st"
    funder = "Land Sachsen-Anhalt (Landesverwaltungsamt)"
    level = "land"
    region = "DE-ST"
    default_root = "https://integrationsportal.sachsen-anhalt.de"
    list_paths = ("/service/foerderung/foerderprogramme-und-richtlinien-sachsen-anhalt",)
    link_pattern = r"^/service/foerderung/foerderprogramme-und-richtlinien-sachsen-anhalt/[^/]+$"
    content_css = "#content, main"
    fields = {
        "summary_de": ("Kurzbeschreibung",),
        "applicants_text": ("Wer kann einen Antrag stellen",),
        "amount_text": ("Förderhöhe",),
        "deadline_text": ("Umsetzung", "Antragsfrist"),
        "extras.langtitel": ("Ausführlicher Titel der Richtlinie",),
    }
