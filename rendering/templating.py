"""The one Jinja environment for the HTML (and SVG) Kulisse writes for people.

Autoescape is always on: every crawled string (titles, funders, reasons, evidence sentences)
is escaped where it is printed, so no writer can forget it. Templates live beside this file in
``rendering/html/`` and are loaded from the package, installed or not.
"""

from __future__ import annotations

import html
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from corpus import format_de
from corpus.clean import safe_url


def _escape(value: object) -> object:
    """Escape with the standard library's spelling (&quot;, &#x27;), as every page Kulisse wrote
    before the templates did: outputs stay byte for byte the same. Markup (a macro's output, a
    finished chart) is already safe and passes as it is; autoescape stays on beneath this."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value)))


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("rendering", "html"),
        autoescape=True,  # not select_autoescape: .svg.j2 and .html.j2 alike, no file name decides
        undefined=StrictUndefined,  # a misspelt name fails the tests instead of printing nothing
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_escape,
    )
    env.filters.update(
        date_de=format_de.date_de,
        euro=format_de.euro,
        number=format_de.number,
        percent=format_de.percent,
        # only http(s) links become links: a crawled "javascript:" URL would run on click
        web_url=safe_url,
    )
    return env


def render(template: str, **context) -> str:
    """Render ``rendering/html/<template>`` with ``context`` (autoescaped)."""
    return environment().get_template(template).render(**context)
