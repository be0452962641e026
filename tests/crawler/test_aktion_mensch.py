from crawler.spiders.aktion_mensch import AktionMenschSpider
from tests.crawler.helpers import items, make_spider, response, stat

URL = "https://www.aktion-mensch.de/foerderung/angebote/foerderfinder"


def test_every_offer_of_the_foerderfinder():
    spider = make_spider(AktionMenschSpider)
    got = items(spider.parse_detail(response("aktion_mensch", "list.html", URL)))
    assert [i.id for i in got] == [
        "aktion_mensch:zeichen-setzen",
        "aktion_mensch:mikrofoerderung",
        "aktion_mensch:teilhabe-projekt",
    ]
    zeichen, mikro, teilhabe = got
    assert zeichen.title == "Förderaktion: Zeichen setzen" and zeichen.url == URL + "#zeichen-setzen"
    assert zeichen.amount["max_eur"] == 7500 and zeichen.amount["rate_pct"] == 100
    assert [d.isoformat() for d in zeichen.deadlines["dates"]] == ["2025-10-01", "2026-03-31"]
    assert "wohlfahrt" in zeichen.applicants
    assert zeichen.extras["antrag"] == "https://www.aktion-mensch.de/foerderung/antrag/zeichen-setzen"
    assert mikro.deadlines["rolling"] is True and mikro.applicants == ["verein"]
    assert teilhabe.amount["own_share_pct"] == 5 and teilhabe.amount["max_eur"] == 50000


def test_page_without_offers_is_a_markup_error():
    spider = make_spider(AktionMenschSpider)
    assert (
        items(
            spider.parse_detail(
                response("aktion_mensch", "", URL, body=b"<html><body><ul><li>Nix</li></ul></body></html>")
            )
        )
        == []
    )
    assert stat(spider, "kulisse/errors/markup") == 1
