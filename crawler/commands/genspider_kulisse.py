"""``scrapy genspider_kulisse SLUG ROOT``: spider, fixture stub and a failing test at once (STYLE 1).

The test fails until real assertions replace the placeholder, so no spider lands untested.
"""

from __future__ import annotations

import re
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

ROOT = Path(__file__).resolve().parents[2]

SPIDER = '''"""{funder}: TODO describe the source and its markup (see the catalog)."""
from crawler.platforms.headings import HeadingsSpider


class {cls}(HeadingsSpider):
    name = "{slug}"
    funder = "{funder}"
    level = "land"
    default_root = "{root}"
    start_paths = ("/",)
    fields = {{"applicants_text": ("Wer kann",), "amount_text": ("Förderhöhe",), "deadline_text": ("Frist",)}}
'''

TEST = """from crawler.spiders.{slug} import {cls}
from tests.crawler.helpers import offline_crawl


def test_{slug}():
    calls, _ = offline_crawl({cls}, "{slug}")
    raise AssertionError("Platzhalter: echte Erwartungen an die Fixture eintragen")
"""


class Command(ScrapyCommand):
    requires_project = False

    def syntax(self):
        return "SLUG ROOT_URL"

    def short_desc(self):
        return "Neuen Kulisse-Spider mit Fixture und Test anlegen"

    def run(self, args, opts):
        if len(args) != 2 or not re.fullmatch(r"[a-z][a-z0-9_]+", args[0]):
            raise UsageError("SLUG in klein_mit_unterstrich und die Start-URL angeben")
        slug, root = args
        cls = "".join(p.capitalize() for p in slug.split("_")) + "Spider"
        files = {
            ROOT / "crawler" / "spiders" / f"{slug}.py": SPIDER.format(slug=slug, cls=cls, root=root, funder="TODO"),
            ROOT / "tests" / "crawler" / f"test_{slug}.py": TEST.format(slug=slug, cls=cls),
            ROOT
            / "tests"
            / "fixtures"
            / slug
            / "detail_1.html": "<!-- von Hand nach dem Aufbau der echten Seite schreiben -->\n",
            ROOT / "tests" / "fixtures" / slug / "routes.json": '{"/": {"file": "detail_1.html"}}\n',
        }
        for path in files:
            if path.exists():
                raise UsageError(f"{path} gibt es schon")
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            print(f"angelegt: {path.relative_to(ROOT)}")
