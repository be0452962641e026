"""The Förderdatenbank platform on pages and an export excerpt as the real site served them.

They live in ../shared/real-pages/foerderdatenbank/ (third-party texts: read at run time, never
copied into the project); without that folder these tests are skipped.
"""

import os
from datetime import date
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request, Response

from corpus.deadlines import state_of
from crawler.mirror import zip_directory
from crawler.platforms.gsb_export import Export
from crawler.spiders.foerderdatenbank import FoerderdatenbankSpider
from tests.crawler.helpers import items, make_spider, requests, validate

REAL = (
    Path(os.environ.get("KULISSE_REAL_PAGES", Path(__file__).resolve().parents[3] / "shared" / "real-pages"))
    / "foerderdatenbank"
)
ROOT = "https://www.foerderdatenbank.de"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"echte Seiten fehlen ({REAL} nicht vorhanden)")

# file → (path below Foerderprogramm/, expected fields); "deadline"/"amount": None, or words the text
# must contain; every page: no legal citation ("Rechtsgrundlage", "Richtlinie … vom") in deadline or amount
PAGES = {
    "cdl_detail_single_desc.html": (
        "Bund/BMWi/exist-women-2024",
        dict(
            title="Förderung von Unternehmerinnen in der Vorgründungsphase (EXIST-Women)",
            funder="Bundesministerium für Wirtschaft und Klimaschutz (BMWK)",
            level="bund",
            region="DE",
            applicants=["hochschule"],
            summary="Als Hochschule oder Forschungseinrichtung",
            deadline=["spätestens bis zum 30.09. jeden Jahres", "06.12.2024"],
            amount=None,
            state=("offen", "2026-09-30"),
        ),
    ),
    "cdl_details_single_desc_alt.html": (
        "Bund/BMBF/foerderung-forschende-fachaerztinnen-unimedizin",
        dict(
            title="Förderung von forschenden Fachärztinnen und Fachärzten in der Universitätsmedizin",
            funder="Bundesministerium für Bildung und Forschung (BMBF)",
            level="bund",
            region="DE",
            applicants=["hochschule"],
            summary=None,
            deadline=["endete am 28.11.2024"],
            amount=None,
            state=("abgelaufen", None),
        ),
    ),
    "cdl_details_single_desc_alt_v1_transfer-inklusive-bildung.html": (
        "Bund/BMBF/transfer-inklusive-bildung",
        dict(
            title="Förderung von Projekten zum Thema „Transfer in der inklusiven Bildung“",
            funder="Bundesministerium für Bildung und Forschung (BMBF)",
            level="bund",
            region="DE",
            applicants=[],
            summary="Das Antragsverfahren ist zweistufig",
            deadline=["08.01.2025"],
            amount=None,
            state=("abgelaufen", None),
        ),
    ),
    "cdl_detail_multi_desc.html": (
        "Land/Thueringen/beteiligungen-thueringen-mbg-express",
        dict(
            title="Beteiligungen der Mittelständischen Beteiligungsgesellschaft Thüringen mbH (MBG express)",
            funder="Mittelständische Beteiligungsgesellschaft Thüringen mbH (MBG)",
            level="land",
            region="DE-TH",
            applicants=["unternehmen"],
            summary="Wenn Sie Investitionen planen",
            deadline=None,
            amount=["stille Beteiligung bis zu EUR 140.000"],
            max_eur=140_000,
        ),
    ),
    "cdl_detail_fail_07_25.html": (
        "Bund/BKM/deutsch-franzoesische-kooperationen-film-ffa",
        dict(
            title="Förderung Deutsch-Französischer Koproduktionen im Rahmen des Filmförderungsgesetzes 2025 "
            "(Minitraité-Förderung)",
            funder="FFA Filmförderungsanstalt",
            level="bund",
            region="DE",
            applicants=["unternehmen"],
            summary="Der Antrag ist spätestens",
            deadline=["Antragsterminen"],
            amount=None,
        ),
    ),
    "cdl_detail_rechts_only.html": (
        "Land/Thueringen/schulbezogene-jahresprogramme-bne",
        dict(
            title="Förderung von Bildung für nachhaltige Entwicklung (BNE) in Thüringen",
            funder="Thüringer Ministerium für Umwelt, Energie, Naturschutz und Forsten (TMUENF)",
            level="land",
            region="DE-TH",
            applicants=["bildungstraeger"],
            summary="Anträge auf Förderung nach dieser Richtlinie",
            deadline=["bis zum 31. März", "bis zum 30. September"],
            amount=None,
            state=("offen", "2026-03-31"),
        ),
    ),
    "cdl_detail_fail_19_12.html": (
        "Land/Hessen/fue-unternehmen-hessen-864943",
        dict(
            title="Förderung von Forschung und Entwicklung in Unternehmen",
            funder="Hessisches Ministerium für Wirtschaft, Energie, Verkehr, Wohnen und ländlichen Raum",
            level="land",
            region="DE-HE",
            applicants=["unternehmen"],
            summary=None,
            deadline=None,
            amount=None,
        ),
    ),
}

EXPORT = {
    "Bund/BA/eingliederungszuschuss-bund": dict(
        title="Finanzielle Unterstützungsmöglichkeiten bei Neueinstellungen (Eingliederungszuschüsse)",
        funder="Bundesagentur für Arbeit (BA)",
        level="bund",
        region="DE",
        applicants=["kommune", "verein", "unternehmen"],
        summary="Für die Einstellung von förderungsbedürftigen",
        deadline=None,
        amount=["bis zu 50 Prozent"],
    ),
    "Bund/BKM/deutsch-franzoesische-kooperationen-film-ffa": dict(
        title="Förderung Deutsch-Französischer Koproduktionen im Rahmen des Filmförderungsgesetzes 2025",
        funder="Der Beauftragte der Bundesregierung für Kultur und Medien (BKM)",
        level="bund",
        region="DE",
        applicants=["unternehmen"],
        summary="Das jährliche Fördervolumen",
        deadline=["20.04.2026", "15.09.2026"],
        amount=["3,2 Millionen EUR"],
        state=("offen", "2026-04-20"),
    ),
    "Bund/BMAS/einstiegsgeld": dict(
        title="Einstiegsgeld",
        funder="Bundesagentur für Arbeit (BA)",
        level="bund",
        region="DE",
        applicants=["unternehmen"],
        summary="Das Einstiegsgeld dient der Unterstützung",
        deadline=None,
        amount=["bis zu einer Höhe von EUR 5.000"],
    ),
}
_LEGAL = ("Rechtsgrundlage", "Richtlinie zur", "vom:", "Weblink")
TODAY = date(2026, 3, 1)


def _check(item, want, spider):
    assert item.title.startswith(want["title"]), item.title
    assert item.funder == want["funder"] and item.funder != "Förderdatenbank des Bundes (BMWE)"
    assert (item.level, item.region) == (want["level"], want["region"])
    assert item.applicants == want["applicants"]
    if want["summary"] is None:
        assert not item.summary_de
    else:
        assert item.summary_de.startswith(want["summary"]), item.summary_de
        assert not item.summary_de.startswith(("Kurztext", "Rechtsgrundlage"))
    for field, words in (("deadline_text", want["deadline"]), ("amount_text", want["amount"])):
        value = getattr(item, field)
        if words is None:
            assert value is None, (field, value)
            continue
        assert all(w in value for w in words), (field, value)
        assert not any(w in value for w in _LEGAL), (field, value)  # no copy of the legal paragraph
    # the eligibility sentence (company size in euro) is no amount
    assert "Jahresumsatz" not in (item.amount_text or "") and "Antragsberechtigt" not in (item.amount_text or "")
    call = validate(spider, item)
    assert call.summary_de  # the validator falls back to the full text where the page has no prose
    if "max_eur" in want:  # the cap per grant, not the company-size limit of the eligibility sentence
        assert call.amount.max_eur == want["max_eur"]
    if "state" in want:  # what the user sees: the deadline model on the text read from the real page
        state = state_of(call, TODAY)
        assert (state.status, state.deadline and state.deadline.isoformat()) == want["state"], item.deadline_text


@pytest.mark.parametrize("name", sorted(PAGES))
def test_real_detail_page(name):
    path, want = PAGES[name]
    url = f"{ROOT}/FDB/Content/DE/Foerderprogramm/{path}.html"
    spider = make_spider(FoerderdatenbankSpider)
    [item] = items(spider.parse_detail(HtmlResponse(url, body=(REAL / name).read_bytes(), request=Request(url))))
    assert item.id == "foerderdatenbank:" + path.replace("/", "-").lower()
    _check(item, want, spider)


def test_every_real_page_is_asserted():
    assert {p.name for p in REAL.glob("cdl_detail*.html")} == set(PAGES)


def _export() -> Export:
    return Export(zip_directory(REAL / "export"))


def test_real_export_excerpt_parses_every_programme():
    export = _export()
    assert sorted(p.path for p in export.programmes()) == sorted(EXPORT)
    assert export.bad == []


@pytest.mark.parametrize("path", sorted(EXPORT))
def test_real_export_programme_fields(path):
    spider = make_spider(FoerderdatenbankSpider)
    export = _export()
    [prog] = [p for p in export.programmes() if p.path == path]
    item = spider.export_item(export, prog)
    assert item.url == f"{ROOT}/FDB/Content/DE/Foerderprogramm/{path}.html"
    _check(item, EXPORT[path], spider)


def test_real_export_through_the_spider_keeps_what_is_open_to_associations():
    spider = make_spider(FoerderdatenbankSpider)
    body = zip_directory(REAL / "export")
    result = list(
        spider.parse_export(Response(ROOT + "/FDB/WS/export", body=body, headers={"Content-Type": "application/zip"}))
    )
    # Verband/Vereinigung may apply for the Eingliederungszuschuss; film loans and Einstiegsgeld are not for us
    assert [i.id for i in items(result)] == ["foerderdatenbank:bund-ba-eingliederungszuschuss-bund"]
    assert requests(result) == []  # the export worked: no HTML fallback


def test_real_search_page_follows_every_programme_card():
    spider = make_spider(FoerderdatenbankSpider)
    url = ROOT + "/SiteGlobals/FDB/Forms/Suche/Foederprogrammsuche_Formular.html?filterCategories=FundingProgram"
    html = (REAL / "cdl_overview.html").read_bytes()
    found = requests(spider.parse_search(HtmlResponse(url, body=html, request=Request(url))))
    details = [r.url for r in found if "/Foerderprogramm/" in r.url]
    assert len(details) == html.count(b"card--fundingprogram") == 10
    assert all(u.startswith(ROOT + "/FDB/Content/DE/Foerderprogramm/") for u in details)
    assert len(found) == 11  # and the next result page
