from crawler.spiders.sab_integrative_massnahmen_sn import SabIntegrativeMassnahmenSnSpider
from tests.crawler.helpers import offline_crawl


def test_programme_page_in_latin1():
    [call], spider = offline_crawl(SabIntegrativeMassnahmenSnSpider, "sab_integrative_massnahmen_sn")
    assert call.title == "Integrative Maßnahmen"  # served as ISO-8859-1, read correctly
    assert call.region == "DE-SN" and call.id == "sab_integrative_massnahmen_sn:integrative-ma-c3-9fnahmen1"
    assert call.deadlines.dates[0].isoformat() == "2026-12-15"
    assert call.amount.max_eur == 500000
    assert {"verein", "bildungstraeger", "hochschule"} <= {a.value for a in call.applicants}
    assert call.summary_de.startswith("Zuschüsse für Vorhaben")
