from crawler.spiders.integrationsbeauftragte import IntegrationsbeauftragteSpider
from tests.crawler.helpers import offline_crawl


def test_article_from_projektfoerderung_list():
    [call], spider = offline_crawl(IntegrationsbeauftragteSpider, "integrationsbeauftragte")
    assert call.id.endswith("projektantraege-und-zuwendungen-1865970")
    assert call.amount.min_eur == 500000 and call.amount.max_eur == 1_000_000
    assert call.deadlines.dates[0].isoformat() == "2026-09-30"
    assert call.extras["datum"] == "2026-01-15"
    assert spider.crawler.stats.get_value("kulisse/errors/http_404") is None  # the contact link was not followed
