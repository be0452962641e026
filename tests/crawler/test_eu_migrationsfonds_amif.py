from crawler.spiders.eu_migrationsfonds_amif import EuMigrationsfondsAmifSpider
from tests.crawler.helpers import offline_crawl


def test_standing_call_is_rolling():
    [call], _ = offline_crawl(EuMigrationsfondsAmifSpider, "eu_migrationsfonds_amif")
    assert call.level.value == "eu" and call.deadlines.rolling
    assert call.amount.min_eur == 100000 and call.amount.rate_pct == 75
    assert {"kommune", "mo", "verein"} <= {a.value for a in call.applicants}
