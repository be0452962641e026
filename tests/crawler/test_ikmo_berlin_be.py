from crawler.spiders.ikmo_berlin_be import IkmoBerlinBeSpider
from tests.crawler.helpers import offline_crawl


def test_entries_with_frist_in_title_and_facts_table():
    calls, _ = offline_crawl(IkmoBerlinBeSpider, "ikmo_berlin_be")
    kiez, level_up = sorted(calls, key=lambda c: c.id)
    assert level_up.title == "LEVEL UP" and level_up.deadlines.dates[0].isoformat() == "2026-05-31"
    assert level_up.amount.min_eur == 28000 and level_up.amount.max_eur == 40000
    assert level_up.extras["letzte_aenderung"] == "02.02.2026" and "out_of_scope" not in level_up.extras
    assert kiez.amount.max_eur == 1000 and kiez.extras["out_of_scope"] is True
