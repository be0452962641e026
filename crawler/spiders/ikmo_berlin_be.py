"""Berlin – IKMO/VIA Förderdatenbank (linked by the Berlin Integrationsbeauftragte).

Entries carry Q&A headings and a two-column facts table (Förderbereich, Fördersumme,
Letzte Änderung …); titles often end in "| Frist: …".
"""

import re

from crawler.platforms.headings import HeadingsSpider


class IkmoBerlinBeSpider(HeadingsSpider):
    name = "ikmo_berlin_be"
    funder = "IKMO Berlin (Förderdatenbank)"
    level = "land"
    region = "DE-BE"
    default_root = "https://ikmo-berlin.de"
    list_paths = ("/foerderung/",)
    link_pattern = r"^(https://ikmo-berlin\.de)?/foerderung/[^/]+/?$"
    content_css = "article, main"
    fields = {
        "applicants_text": ("Wer kann einen Antrag stellen",),
        "amount_text": ("Welchen Umfang hat die Förderung", "Fördersumme", "Wie hoch ist der Eigenanteil"),
        "deadline_text": ("Frist",),
        "extras.foerderbereich": ("Förderbereich",),
        "extras.letzte_aenderung": ("Letzte Änderung",),
    }

    def parse_call(self, loader, response, secs, labels):
        title = loader.get_output_value("title") or ""
        m = re.search(r"\|\s*Frist:\s*(.+)$", title)
        if m:  # "Titel | Frist: 31.05.2026" – the deadline lives in the title
            loader.replace_value("title", title[: m.start()].strip())
            loader.add_value("deadline_text", m.group(1))
        if not self.in_scope(labels):
            loader.add_value("extras", {"out_of_scope": True})

    @staticmethod
    def in_scope(labels: dict) -> bool:
        return "migration" in (labels.get("förderbereich") or "").lower()
