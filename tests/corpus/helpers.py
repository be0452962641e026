from __future__ import annotations

from corpus.model import FundingCall, call_from_record


def make_call(id: str = "bund-test", **overrides) -> FundingCall:
    record = {
        "id": id,
        "title": "Förderung von Migrantenorganisationen",
        "funder": "Bundesamt",
        "level": "bund",
        "region": "DE",
        "url": "https://example.org/foerderung",
        "summary_de": "Antragsberechtigt sind Migrantenorganisationen. Gefördert werden Projekte.",
        "amount_text": "bis zu 50.000 Euro",
        "deadline_text": "Stichtag 31.03.2027",
        "applicants": ["mo"],
    }
    record.update(overrides)
    return call_from_record(record)
