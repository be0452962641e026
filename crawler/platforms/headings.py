"""Pages with fixed question headings or "Label: value" facts (Land programme pages,
foundation pages, aggregator entries).

Required attribute: ``fields`` — item field → heading/label prefixes, e.g.
``{"applicants_text": ("Wer kann eine Förderung erhalten",), "amount_text": ("Wie viel",)}``;
a field ``extras.<name>`` keeps the text in the call's extras.
Entry points: ``start_paths`` (programme pages) and/or ``list_paths`` with ``link_pattern``
(a regex, anchored at ``^/``, on the path and query of the overview page's links; only
links to the spider's own host are considered). Hook: ``parse_call(loader, response, secs, labels)``.
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urlsplit

from scrapy.http import TextResponse

from crawler.loaders import clean_text
from crawler.platforms.base import KulisseSpider
from crawler.platforms.textparts import blocks, label_values, pick, sections


class HeadingsSpider(KulisseSpider):
    fields: dict[str, tuple[str, ...]] = {}
    content_css = "main, #content, article, body"
    title_css = "h1"
    list_paths: tuple[str, ...] = ()
    link_pattern: str = ""
    skip_classes: tuple[str, ...] = ()

    def entry_requests(self):
        for path in self.list_paths:
            yield self.request(self.url(path), self.parse_list, entry=True)
        for path in self.start_paths:
            yield self.request(self.url(path), self.parse_detail, entry=True)

    def parse(self, response):
        yield from self.parse_list(response)

    def parse_list(self, response):
        if not isinstance(response, TextResponse):
            self.markup_error(response, "not_html")
            return
        urls = [
            url
            for url in dict.fromkeys(
                self.mirror_url(urldefrag(response.urljoin(h)).url) for h in response.css("a::attr(href)").getall()
            )
            if self.is_own(url) and re.search(self.link_pattern, _site_path(url))
        ]
        if not urls:
            self.markup_error(response, "links")
        for url in urls:
            yield self.request(url, self.parse_detail)

    def content_root(self, response):
        for css in self.content_css.split(","):
            found = response.css(css.strip())
            if found:
                return found[0]
        return None

    def parse_detail(self, response):
        if not isinstance(response, TextResponse):
            self.markup_error(response, "not_html")
            return
        heading = response.css(self.title_css)
        root = self.content_root(response)
        if not heading or root is None:
            self.markup_error(response, "title")
            return
        entries = blocks(root.root, self.skip_classes)
        secs, labels = sections(entries), label_values(entries)
        loader = self.loader(response)
        loader.add_value("title", clean_text(" ".join(heading[0].xpath(".//text()").getall())))
        found = 0
        for field, wanted in self.fields.items():
            value = pick(secs, *wanted) or pick(labels, *wanted)
            if value and field.startswith("extras."):
                loader.add_value("extras", {field[7:]: value})
                found += 1
            elif value:
                loader.add_value(field, value)
                found += 1
        if self.fields and not found:
            self.markup_error(response, "headings")
            return
        if "summary_de" not in self.fields or not pick(secs, *self.fields.get("summary_de", ())):
            intro = [t for k, t in entries if k == "t"][:3]
            loader.add_value("summary_de", "\n".join(intro))
        loader.add_value("full_text", "\n".join(t for _, t in entries))
        self.parse_call(loader, response, secs, labels)
        yield loader.load_item()

    def parse_call(self, loader, response, secs: dict, labels: dict) -> None:
        """Hook for a funder's oddities; the default adds nothing."""


def _site_path(url: str) -> str:
    """What ``link_pattern`` sees: the path and query of an own http(s) URL (patterns are
    anchored at ``^/``, so a ``file://`` or foreign link can never match)."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class GsbSpider(HeadingsSpider):
    """Federal sites on the Government Site Builder (bamf.de, eu-migrationsfonds.de, bmi.bund.de):
    article in ``div.c-content-article`` (older GSB: ``#content``), headline
    ``h1.c-content-stage__headline``, revision date ``p.dateOfRevision``, downloads as
    ``…?__blob=publicationFile`` links."""

    content_css = "div.c-content-article, #content, main"
    title_css = "h1.c-content-stage__headline, h1"
    skip_classes = ("dateOfRevision",)  # "Stand: …" is not a deadline

    def parse_call(self, loader, response, secs, labels):
        stand = response.css("p.dateOfRevision::text, span.c-content-stage__date::text").get()
        docs = [response.urljoin(h) for h in response.css('a[href*="__blob=publicationFile"]::attr(href)').getall()]
        loader.add_value("extras", {"stand": clean_text(stand), "documents": docs})
