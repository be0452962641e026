"""The Jinja side of rendering/: templates load from the package, autoescape holds for every
template, and the chart's numbers are German."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from importlib import resources

import pytest
from jinja2 import UndefinedError

from rendering import templating
from rendering.charts import stacked_bars

EVIL = "<script>alert(\"x\")</script> & 'quote' {{ 7*7 }} [bold]x[/]"
TEMPLATES = ("list.html.j2", "digest.html.j2", "report.html.j2", "bars.svg.j2")


def test_every_template_ships_in_the_package_and_autoescape_is_on():
    folder = resources.files("rendering") / "html"
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".j2")) == sorted(TEMPLATES)
    env = templating.environment()
    assert env.autoescape is True
    for name in TEMPLATES:
        env.get_template(name)  # parses


def test_an_expression_is_escaped_with_the_standard_spelling_and_markup_passes():
    env = templating.environment()
    page = env.from_string("<p title='{{ v }}'>{{ v }}</p>{{ m }}").render(v=EVIL, m=stacked_bars_markup())
    assert "<script>" not in page
    assert html.escape(EVIL) in page  # &quot; and &#x27;, as the writers always wrote
    assert "{{ 7*7 }}" in page  # crawled text is printed, never run as a template
    assert page.endswith("</svg>")  # a finished chart is embedded, not escaped twice


def stacked_bars_markup():
    return stacked_bars("t", ["a"], [("s", [1.0])], x_label="x", y_label="y")


def test_a_misspelt_name_fails_instead_of_printing_nothing():
    with pytest.raises(UndefinedError):
        templating.environment().from_string("{{ nirgends }}").render()


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts: list[str] = []

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data.strip())


def test_chart_labels_are_german_and_crawled_names_stay_text():
    svg = stacked_bars(
        EVIL,
        [EVIL, "zweite"],
        [(EVIL, [1_234_567.0, 3.0]), ("klein", [2_500.0, 0.0])],
        x_label="Betrag",
        y_label="Ebene",
    )
    assert "<script>" not in svg and svg.count("<svg") == 1
    parser = _Texts()
    parser.feed(str(svg))
    # the bar total and the tooltip: "1,2 Mio." (the old code wrote "1,2 Mio," – it replaced every dot)
    assert "1,2 Mio." in parser.texts
    assert any(t.endswith("– klein: 2.500") for t in parser.texts)
    assert EVIL in parser.texts  # the title, as text


def test_percent_chart_labels_have_a_space_before_the_sign():
    svg = stacked_bars("t", ["a"], [("x", [1.0]), ("y", [3.0])], x_label="x", y_label="y", percent=True)
    assert ">25 %<" in svg and ">75 %<" in svg and ">100 %<" in svg
