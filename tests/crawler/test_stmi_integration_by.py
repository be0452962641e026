from crawler.spiders.stmi_integration_by import StmiIntegrationBySpider
from tests.crawler.helpers import offline_crawl


def test_bayernportal_leistung_headings():
    [call], _ = offline_crawl(StmiIntegrationBySpider, "stmi_integration_by")
    assert call.region == "DE-BY" and call.amount.rate_pct == 90
    assert call.deadlines.recurring == ["10-31"]
    assert call.summary_de.startswith("Der Freistaat fördert")
    assert "Hausaufgabenhilfe" in call.extras["gegenstand"]
