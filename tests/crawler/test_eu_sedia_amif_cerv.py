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
    # search_1.json follows a saved real answer: internal "reference" keys, one result per
    # language, deadlines in UTC, a budget overview listing the call's other topics too
    spider = make_spider(EuSediaAmifCervSpider)
    got = items(
        spider.parse(
            response(
                "eu_sedia_amif_cerv",
                "search_1.json",
                API,
                cls=TextResponse,
                headers={"Content-Type": "application/json"},
            )
        )
    )
    assert [i.id for i in got] == [
        "eu_sedia_amif_cerv:amif-2025-tf2-ag-inte-03-localx",
        "eu_sedia_amif_cerv:cerv-2025-citizens-civ",
        "eu_sedia_amif_cerv:amif-2025-tf2-ag-inte-99-other",
    ]
    amif = got[0]
    # the German version of the topic, not the English duplicate
    assert amif.title.startswith("Lokale und regionale Integrationspartnerschaften")
    assert "Kommunen" in amif.summary_de and "<b>" not in amif.summary_de
    assert stat(spider, "kulisse/skipped/other_language") == 1
    assert [d.isoformat() for d in amif.deadlines["dates"]] == ["2025-09-16", "2026-02-10"]
    # this topic's 8 million only (not the 5 million of the call's other topic), and the range per grant
    assert amif.amount_text == "Budget 8.000.000 EUR; je Projekt 500.000 bis 1.500.000 EUR; etwa 6 Projekte"
    assert read_amount(amif.amount_text).programme_total_eur == 8_000_000
    assert amif.url.endswith("/topic-details/AMIF-2025-TF2-AG-INTE-03-LOCALX")
    cerv = got[1]
    # no identifier in the metadata: taken from the URL, not from the internal reference
    assert cerv.url.endswith("/topic-details/CERV-2025-CITIZENS-CIV")
    # 22:00 UTC on 1 October is 2 October in Brussels
    assert [d.isoformat() for d in cerv.deadlines["dates"]] == ["2025-10-02"]
    assert cerv.amount_text is None  # a broken budgetOverview is no amount, not a crash
    assert got[2].amount_text is None  # an overview naming only other topics gives no figure
    assert stat(spider, "kulisse/skipped/other_programme_or_closed") == 2
    assert validate(spider, amif).region == "EU"


def test_brussels_date_and_topic_id():
    from crawler.spiders.eu_sedia_amif_cerv import brussels_date, topic_id

    assert brussels_date("2025-01-21T23:00:00.000+0000") == "22.01.2025"
    assert brussels_date("2025-07-01T21:59:59.000+0000") == "01.07.2025"
    assert brussels_date("2025-09-16T17:00:00.000+0200") == "16.09.2025"
    assert brussels_date("kaputt") is None and brussels_date(None) is None
    assert (
        topic_id({"reference": "47176970TOPICSes", "url": "https://x/topicDetails/EU4H-2024-PJ-03-5.json"})
        == "EU4H-2024-PJ-03-5"
    )
    assert topic_id({"reference": "R", "metadata": {"identifier": ["CERV-1"]}}) == "CERV-1"


def test_error_answer_with_status_200_is_an_api_error():
    spider = make_spider(EuSediaAmifCervSpider)
    out = list(spider.parse(response("eu_sedia_amif_cerv", "error.json", API, cls=TextResponse)))
    assert out == [] and stat(spider, "kulisse/errors/api_error") == 1


def test_pagination_requests_next_page():
    spider = make_spider(EuSediaAmifCervSpider)
    spider.page_size = 2
    reqs = requests(spider.parse(response("eu_sedia_amif_cerv", "search_1.json", API, cls=TextResponse), page=1))
    assert len(reqs) == 1 and reqs[0].url.endswith("pageSize=2&pageNumber=2")
