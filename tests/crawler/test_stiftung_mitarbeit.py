from crawler.spiders.stiftung_mitarbeit import StiftungMitarbeitSpider
from tests.crawler.helpers import offline_crawl


def test_starthilfe_yearly_deadlines():
    [call], _ = offline_crawl(StiftungMitarbeitSpider, "stiftung_mitarbeit")
    assert call.amount.max_eur == 500
    assert call.deadlines.recurring == ["02-27", "06-19", "10-23"]
