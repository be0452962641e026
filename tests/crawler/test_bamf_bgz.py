from crawler.spiders.bamf_bgz import BamfBgzSpider
from tests.crawler.helpers import offline_crawl


def test_gsb_programme_pages():
    calls, _ = offline_crawl(BamfBgzSpider, "bamf_bgz")
    bgz, struktur = sorted(calls, key=lambda c: c.id)
    assert bgz.title.startswith("Ausschreibung von Fördermitteln") and bgz.level.value == "bund"
    assert bgz.amount.max_eur == 70000 and bgz.amount.own_share_pct == 10
    assert bgz.deadlines.dates[0].isoformat() == "2026-06-30"
    assert bgz.extras["stand"] == "12.03.2026"
    assert bgz.extras["documents"][0].endswith("leitfaden.pdf?__blob=publicationFile&v=3")
    assert struktur.applicants and struktur.applicants[0].value == "mo"
