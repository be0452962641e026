from crawler.spiders.integrationsportal_st import IntegrationsportalStSpider
from tests.crawler.helpers import offline_crawl


def test_richtlinien_with_fixed_headings():
    calls, _ = offline_crawl(IntegrationsportalStSpider, "integrationsportal_st")
    foerder, koord = sorted(calls, key=lambda c: c.id)
    assert foerder.region == "DE-ST" and foerder.amount.max_eur == 70000 and foerder.amount.rate_pct == 85
    assert foerder.deadlines.recurring == ["10-31"]
    assert foerder.extras["langtitel"].startswith("Richtlinie über die Gewährung")
    assert [a.value for a in koord.applicants] == ["kommune"] and koord.amount.max_eur == 84280
