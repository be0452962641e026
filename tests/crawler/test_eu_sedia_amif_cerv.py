from scrapy.http import TextResponse

from corpus.amounts import read_amount
from crawler.spiders.eu_sedia_amif_cerv import EuSediaAmifCervSpider
from tests.crawler.helpers import items, make_spider, requests, response, stat, validate

API = "https://api.tech.ec.europa.eu/search-api/prod/rest/search?apiKey=SEDIA&text=***&pageSize=50&pageNumber=1"


def test_search_request_is_multipart_with_json_parts():
    spider = make_spider(EuSediaAmifCervSpider)
    [req] = list(spider.start_requests())
    assert req.method == "POST" and req.url == API
    assert req.headers[b"Content-Type"].startswith(b"multipart/form-data; boundary=")
    assert req.body.count(b"Content-Type: application/json") == 3 and b'"43251447"' in req.body


def test_amif_and_cerv_open_topics_only():
    spider = make_spider(EuSediaAmifCervSpider)
    got = items(spider.parse(response("eu_sedia_amif_cerv", "search_1.json", API, cls=TextResponse,
                                      headers={"Content-Type": "application/json"})))
    assert [i.id for i in got] == ["eu_sedia_amif_cerv:amif-2025-tf2-ag-inte-03-localx", "eu_sedia_amif_cerv:cerv-2025-citizens-civ"]
    amif = got[0]
    assert [d.isoformat() for d in amif.deadlines["dates"]] == ["2025-09-16", "2026-02-10"]
    # the topic's budget is what the whole call spends, not a cap per project (issue 13)
    assert amif.amount["max_eur"] is None and read_amount(amif.amount_text).programme_total_eur == 8_000_000
    assert amif.url.endswith("/topic-details/AMIF-2025-TF2-AG-INTE-03-LOCALX")
    assert "local authorities" in amif.summary_de and "<b>" not in amif.summary_de
    assert got[1].amount_text is None  # a broken budgetOverview is no amount, not a crash
    assert stat(spider, "kulisse/skipped/other_programme_or_closed") == 2
    assert validate(spider, amif).region == "EU"


def test_error_answer_with_status_200_is_an_api_error():
    spider = make_spider(EuSediaAmifCervSpider)
    out = list(spider.parse(response("eu_sedia_amif_cerv", "error.json", API, cls=TextResponse)))
    assert out == [] and stat(spider, "kulisse/errors/api_error") == 1


def test_pagination_requests_next_page():
    spider = make_spider(EuSediaAmifCervSpider)
    spider.page_size = 2
    reqs = requests(spider.parse(response("eu_sedia_amif_cerv", "search_1.json", API, cls=TextResponse), page=1))
    assert len(reqs) == 1 and reqs[0].url.endswith("pageSize=2&pageNumber=2")
