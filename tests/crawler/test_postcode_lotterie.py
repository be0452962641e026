from crawler.spiders.postcode_lotterie import PostcodeLotterieSpider
from tests.crawler.helpers import offline_crawl


def test_faq_page_round_and_amounts():
    [call], _ = offline_crawl(PostcodeLotterieSpider, "postcode_lotterie")
    assert call.level.value == "stiftung"
    assert [d.isoformat() for d in call.deadlines.dates] == ["2026-07-07", "2026-07-27"]
    assert call.amount.max_eur == 250000 and call.amount.own_share_pct == 20
