import io
import zipfile

from scrapy.http import Response

from crawler.mirror import zip_directory
from crawler.spiders.foerderdatenbank import FoerderdatenbankSpider
from tests.crawler.helpers import FIXTURES, items, make_spider, requests, response, stat, validate

ROOT = "https://www.foerderdatenbank.de"
EXPORT = ROOT + "/FDB/WS/export"
BGZ = "/FDB/Content/DE/Foerderprogramm/Bund/BMI/gesellschaftl-sozialen-integration-von-zuwanderern.html"


def export_response(data: bytes) -> Response:
    return Response(EXPORT, body=data, headers={"Content-Type": "application/zip"})


def test_export_programmes_relevant_ones_with_linked_documents():
    spider = make_spider(FoerderdatenbankSpider)
    result = list(spider.parse_export(export_response(zip_directory(FIXTURES / "foerderdatenbank" / "export"))))
    got = {i.id: i for i in items(result)}
    # the business loan is not relevant, the hidden programme is skipped
    assert set(got) == {
        "foerderdatenbank:bund-bmi-gesellschaftl-sozialen-integration-von-zuwanderern",
        "foerderdatenbank:land-nrw-selbstorganisation-migrantinnen-migranten",
    }
    assert stat(spider, "kulisse/skipped/irrelevant") == 1
    bgz = got["foerderdatenbank:bund-bmi-gesellschaftl-sozialen-integration-von-zuwanderern"]
    assert bgz.url == ROOT + BGZ and bgz.level == "bund" and bgz.region == "DE"
    assert bgz.funder == "Bundesamt für Migration und Flüchtlinge (BAMF)"
    assert bgz.extras["official_url"].endswith("/Zusammenhalt/bgz-node.html")
    assert bgz.amount["max_eur"] == 70000 and bgz.amount["own_share_pct"] == 10
    assert [d.isoformat() for d in bgz.deadlines["dates"]] == ["2025-06-30"]
    assert bgz.applicants == ["kommune", "verein"]
    nrw = got["foerderdatenbank:land-nrw-selbstorganisation-migrantinnen-migranten"]
    assert nrw.level == "land" and nrw.region == "DE-NW"
    call = validate(spider, nrw)
    assert "\x02" not in call.full_text and "\u00ad" not in call.title
    assert call.title == "Förderung von Selbstorganisationen von Migrantinnen und Migranten"


def test_captcha_instead_of_zip_falls_back_to_html_search():
    spider = make_spider(FoerderdatenbankSpider)
    body = (FIXTURES / "foerderdatenbank" / "captcha.html").read_bytes()
    result = list(spider.parse_export(export_response(body)))
    assert items(result) == []
    [req] = requests(result)
    assert "Foederprogrammsuche_Formular.html" in req.url and "templateQueryString=Integration" in req.url
    assert stat(spider, "kulisse/errors/not_a_zip") == 1


def test_broken_xml_document_is_counted_and_the_rest_read():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("BMWI/FDB/Content/DE/Foerderprogramm/Bund/X/kaputt.xml", "<document><property name=")
        zf.writestr(
            "BMWI/FDB/Content/DE/Foerderprogramm/Bund/X/gut.xml",
            '<document name="gut"><property name="gsb:title"><value>Integration gut</value></property>'
            '<property name="gsb:teaserText"><value>Kurz.</value></property></document>',
        )
    spider = make_spider(FoerderdatenbankSpider)
    got = items(spider.parse_export(export_response(buf.getvalue())))
    assert [i.title for i in got] == ["Integration gut"]
    assert stat(spider, "kulisse/errors/bad_xml") == 1


def test_html_search_follows_cards_and_weiter_against_our_root():
    spider = make_spider(FoerderdatenbankSpider, KULISSE_ROOTS={"foerderdatenbank": "http://127.0.0.1:9"})
    url = "http://127.0.0.1:9/SiteGlobals/FDB/Forms/Suche/Foederprogrammsuche_Formular.html?filterCategories=FundingProgram"
    urls = [r.url for r in requests(spider.parse_search(response("foerderdatenbank", "search_1.html", url)))]
    # <base href> points at the real site; a mirror crawl must stay on the mirror
    assert all(u.startswith("http://127.0.0.1:9/") for u in urls)
    assert "http://127.0.0.1:9" + BGZ in urls
    assert any("gtp=%2526816beae2" in u for u in urls) and len(urls) == 3
    last = requests(spider.parse_search(response("foerderdatenbank", "search_2.html", url)))
    assert len(last) == 1  # no "weiter" on the last page


def test_html_detail_facts_and_tabs():
    spider = make_spider(FoerderdatenbankSpider)
    [item] = items(spider.parse_detail(response("foerderdatenbank", "detail_1.html", ROOT + BGZ)))
    assert item.id == "foerderdatenbank:bund-bmi-gesellschaftl-sozialen-integration-von-zuwanderern"
    assert item.funder == "Bundesamt für Migration und Flüchtlinge (BAMF)"
    # the tab's sub-heading "Kurztext" is no part of the summary
    assert item.summary_de.startswith("Der Bund unterstützt") and "Kurztext" not in item.summary_de
    assert item.amount["max_eur"] == 70000
    assert set(item.applicants) == {"kommune", "verein"}
    assert item.extras["basket_id"] == "1b0c7a52-1111-4c1e-9d1a-5a8f00000001"


def test_html_detail_without_tabs_and_ascii_labels():
    spider = make_spider(FoerderdatenbankSpider)
    url = ROOT + "/FDB/Content/DE/Foerderprogramm/Land/NRW/selbstorganisation-migrantinnen-migranten.html"
    [item] = items(spider.parse_detail(response("foerderdatenbank", "detail_2.html", url)))
    assert item.region == "DE-NW" and item.level == "land"
    assert [d.isoformat() for d in item.deadlines["dates"]] == ["2026-10-31"]


def test_captcha_page_with_status_200_is_refused_by_the_middleware():
    import pytest
    from scrapy.exceptions import IgnoreRequest
    from scrapy.http import HtmlResponse, Request

    from crawler.middlewares import BotProtectionMiddleware

    spider = make_spider(FoerderdatenbankSpider)
    mw = BotProtectionMiddleware(spider.crawler.stats)
    body = (FIXTURES / "foerderdatenbank" / "captcha.html").read_bytes()
    resp = HtmlResponse(EXPORT, body=body, headers={"Content-Type": "text/html"}, request=Request(EXPORT))
    with pytest.raises(IgnoreRequest):
        mw.process_response(resp.request, resp)
    assert stat(spider, "kulisse/errors/bot_protection") == 1
    ok = response("foerderdatenbank", "detail_1.html", ROOT + BGZ)
    assert mw.process_response(ok.request, ok) is ok
