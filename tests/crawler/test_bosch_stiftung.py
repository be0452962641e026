from crawler.spiders.bosch_stiftung import BoschStiftungSpider
from tests.crawler.helpers import offline_crawl


def test_programme_from_foerderung_section():
    [call], spider = offline_crawl(BoschStiftungSpider, "bosch_stiftung")
    assert call.title == "Miteinander vor Ort" and call.deadlines.rolling
    assert call.amount.min_eur == 1000 and call.amount.max_eur == 20000
    assert spider.crawler.stats.get_value("kulisse/errors/http_404") is None
