"""SAB Sachsen – Förderrichtlinie Integrative Maßnahmen (Bewilligung for the SMS).

One page per programme: a "Wichtige Hinweise" block says which Säulen take applications
and their Stichtage; then "Was bietet mir das Förderprogramm?" and the eligible applicants.
"""

from crawler.platforms.headings import HeadingsSpider


class SabIntegrativeMassnahmenSnSpider(HeadingsSpider):
    name = "sab_integrative_massnahmen_sn"
    funder = "Sächsische Aufbaubank (SAB) für das Sächsische Staatsministerium für Soziales"
    level = "land"
    region = "DE-SN"
    default_root = "https://www.sab.sachsen.de"
    start_paths = ("/integrative-ma%C3%9Fnahmen1",)
    content_css = "main, #content"
    fields = {
        "summary_de": ("Was bietet mir das Förderprogramm",),
        "deadline_text": ("Wichtige Hinweise",),
        "applicants_text": ("Wer wird gefördert", "Wer kann", "Antragsberechtigt"),
        "amount_text": ("Wie hoch", "Förderhöhe", "Wie viel"),
    }
