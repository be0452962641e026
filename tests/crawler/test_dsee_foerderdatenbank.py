import pytest

from crawler.runner import select_spiders
from crawler.spiders.dsee_foerderdatenbank import DseeFoerderdatenbankSpider
from tests.crawler.helpers import offline_crawl


def test_list_pages_and_labelled_details():
    # fixtures modelled on real detail pages (aside facts as div.font-bold + div, absolute links)
    calls, spider = offline_crawl(DseeFoerderdatenbankSpider, "dsee_foerderdatenbank")
    got = {c.id: c for c in calls}
    assert set(got) == {
        "dsee_foerderdatenbank:foerderprogramme-projektfoerderung",
        "dsee_foerderdatenbank:foerderprogramme-engagementfonds-nrw",
    }
    bgz = got["dsee_foerderdatenbank:foerderprogramme-projektfoerderung"]
    assert bgz.funder == "Bundesamt für Migration und Flüchtlinge" and bgz.region == "DE"
    assert bgz.amount.max_eur == 70000 and bgz.deadlines.dates[0].isoformat() == "2026-06-30"
    assert bgz.extras["engagementbereiche"] == "Migration, Soziales"
    assert bgz.extras["official_url"].endswith("bgz-node.html")
    assert bgz.extras["eigenmittel"] == "Ja"
    nrw = got["dsee_foerderdatenbank:foerderprogramme-engagementfonds-nrw"]
    assert nrw.region == "DE-NW" and nrw.deadlines.rolling and nrw.amount.max_eur == 2500
    assert (
        nrw.funder == "Nachbarschaftsstiftung NRW"
        and nrw.extras["official_url"] == "https://nachbarschaft.example.org/"
    )
    assert nrw.extras["vorzeitiger_beginn"] == "Nein"
    # the fact column's labels are no part of the summary; the institution box's contact headings neither
    assert "Max. Fördersumme" not in nrw.summary_de and nrw.summary_de.startswith("Kleine Zuschüsse")


@pytest.mark.parametrize("permission, runs", [("", False), ("Zusage per E-Mail vom 2026-10-01", True)])
def test_off_until_permission_is_recorded(permission, runs):
    from scrapy.settings import Settings

    settings = Settings({"KULISSE_DSEE_PERMISSION": permission})
    chosen, notes = select_spiders(
        {"dsee_foerderdatenbank": DseeFoerderdatenbankSpider}, ["dsee_foerderdatenbank"], [], settings
    )
    assert bool(chosen) is runs
    assert bool(notes) is not runs
    assert select_spiders({"dsee_foerderdatenbank": DseeFoerderdatenbankSpider}, [], [], settings)[0] == []
