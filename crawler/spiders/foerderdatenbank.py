"""Förderdatenbank des Bundes (BMWE): all Bund, Länder and EU programmes.

The daily XML export (one ZIP at /FDB/WS/export) is read first; if it is not a ZIP (a
Radware CAPTCHA page, catalog §1a) the HTML search is read instead and the run is reported
as unhealthy, so no programme is marked gone on a partial view.
"""

from crawler.platforms.foerderdatenbank import FoerderdatenbankPlatform


class FoerderdatenbankSpider(FoerderdatenbankPlatform):
    name = "foerderdatenbank"
    funder = "Förderdatenbank des Bundes (BMWE)"
    level = "bund"
    default_root = "https://www.foerderdatenbank.de"
    # migrant-relevant programmes sit under "Gesundheit & Soziales"; the keyword narrows the
    # HTML fallback, the export always carries everything
    search_path = (
        "/SiteGlobals/FDB/Forms/Suche/Foederprogrammsuche_Formular.html"
        "?filterCategories=FundingProgram&templateQueryString=Integration"
    )
