from crawler.spiders.demokratie_leben import DemokratieLebenSpider
from tests.crawler.helpers import offline_crawl


def test_calls_of_the_overview():
    calls, _ = offline_crawl(DemokratieLebenSpider, "demokratie_leben")
    infra, partner = sorted(calls, key=lambda c: c.id)
    assert infra.deadlines.dates[0].isoformat() == "2026-08-28" and infra.amount.max_eur == 700000
    assert [a.value for a in partner.applicants] == ["kommune"]
    assert [d.isoformat() for d in partner.deadlines.dates] == ["2026-07-11", "2026-08-12"]
