from crawler.spiders.eu_migrationsfonds_amif import EuMigrationsfondsAmifSpider
from tests.crawler.helpers import offline_crawl


def test_standing_call_is_rolling():
    [call], _ = offline_crawl(EuMigrationsfondsAmifSpider, "eu_migrationsfonds_amif")
    assert call.level.value == "eu" and call.deadlines.rolling
    # "in der Regel 75 % und bis zu 90 %": the highest rate the call allows is the rate (issue 13)
    assert call.amount.min_eur == 100000 and call.amount.rate_pct == 90
    assert {"kommune", "mo", "verein"} <= {a.value for a in call.applicants}
