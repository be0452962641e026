from crawler.spiders.bra_kfi_nw import BraKfiNwSpider
from tests.crawler.helpers import items, make_spider, requests, response, stat, validate

ROOT = "https://www.bra.nrw.de"
KFI = ROOT + "/integration-migration/kompetenzzentrum-fuer-integration"
MSO = KFI + "/migrantinnenselbstorganisationen/foerderung-von-migrantinnenselbstorganisationen-mso-foerderung"


def test_list_follows_programme_pages_only():
    spider = make_spider(BraKfiNwSpider)
    reqs = requests(spider.parse_list(response("bra_kfi_nw", "list.html", KFI)))
    urls = [r.url for r in reqs]
    assert MSO in urls
    assert ROOT + "/-2822" in urls
    assert ROOT + "/impressum" not in urls and ROOT + "/integration-migration" not in urls
    assert len(urls) == 3


def test_detail_reads_question_headings():
    spider = make_spider(BraKfiNwSpider)
    [item] = items(spider.parse_detail(response("bra_kfi_nw", "detail_1.html", MSO)))
    assert item.title == "Förderung von Migrant*innenselbstorganisationen (MSO-Förderung)"
    assert item.id == "bra_kfi_nw:foerderung-von-migrantinnenselbstorganisationen-mso-foerderung"
    assert "mo" in item.applicants and "verein" in item.applicants
    assert item.amount["max_eur"] == 6000 and item.amount["rate_pct"] == 100
    assert item.deadline_text.endswith("31.10.2026 über das Förderportal und zusätzlich in Papierform einzureichen.")
    assert [d.isoformat() for d in item.deadlines["dates"]] == ["2026-10-31"]
    assert "Partnerprojekte" in item.extras["gegenstand"]
    call = validate(spider, item)
    assert call.region == "DE-NW" and call.level.value == "land"


def test_h3_variant_and_rolling_deadline():
    spider = make_spider(BraKfiNwSpider)
    url = KFI + "/foerderung-kommunen/kommunales-integrationsmanagement-kim"
    [item] = items(spider.parse_detail(response("bra_kfi_nw", "detail_2.html", url)))
    # only the "Wer kann eine Förderung erhalten?" section counts: the Wohlfahrtspflege is named
    # under "Was wird gefördert?" as a place of case management, not as an applicant
    assert item.applicants == ["kommune"]
    assert item.deadlines["rolling"] is True
    assert item.amount["max_eur"] == 57000


def test_changed_markup_is_reported_not_stored():
    spider = make_spider(BraKfiNwSpider)
    body = b"<html><body><main><h1>Neu gestaltet</h1><p>Inhalt folgt.</p></main></body></html>"
    assert items(spider.parse_detail(response("bra_kfi_nw", "", MSO, body=body))) == []
    assert stat(spider, "kulisse/errors/markup") == 1
