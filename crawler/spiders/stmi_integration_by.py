"""Bayern – Beratungs- und Integrationsrichtlinie (BIR) as BayernPortal "Leistung" pages.

Fixed headings Zweck · Gegenstand · Zuwendungsempfänger · Art und Höhe · Voraussetzungen ·
Fristen (catalog §10); the StMI overview links to them.
"""

from crawler.platforms.headings import HeadingsSpider


class StmiIntegrationBySpider(HeadingsSpider):
    name = "stmi_integration_by"
    funder = "Bayerisches Staatsministerium des Innern, für Sport und Integration"
    level = "land"
    region = "DE-BY"
    default_root = "https://www.freistaat.bayern"
    start_paths = ("/dokumente/leistung/8811236012",)
    fields = {
        "summary_de": ("Zweck", "Leistungsbeschreibung"),
        "applicants_text": ("Zuwendungsempfänger", "Wer kann"),
        "amount_text": ("Art und Höhe", "Förderhöhe"),
        "deadline_text": ("Fristen", "Frist"),
        "extras.gegenstand": ("Gegenstand",),
    }
