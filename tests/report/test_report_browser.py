"""The report as a person sees it: rendered by headless Chromium (Debian package ``chromium``)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date

import pytest

from matcher.landscape import change_since, latest_crawl_start
from rendering.report import render_report, write_report
from tests.report.helpers import labelled_store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Appended to a copy of the page: measures what the browser actually laid out.
PROBE = """<script>
window.addEventListener('load', () => {
  const charts = [...document.querySelectorAll('figure svg')].map(s => {
    const box = s.getBoundingClientRect();
    const bars = [...s.querySelectorAll('rect')].filter(r => r.getBoundingClientRect().width > 1);
    return {w: box.width, h: box.height, bars: bars.length,
            title: s.querySelector('text').textContent};
  });
  const pre = document.createElement('pre'); pre.id = 'probe';
  pre.textContent = JSON.stringify(charts); document.body.appendChild(pre);
});
</script>"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
def test_chromium_renders_every_chart(tmp_path):
    store = labelled_store(tmp_path / "k.sqlite", evil_title=True)
    calls = store.calls(include_gone=True)
    html, figures = render_report(
        calls, change_since(calls, latest_crawl_start(store.runs())), today=date(2026, 12, 1), land="DE-NW"
    )
    write_report(tmp_path / "out", html, figures)
    probe = tmp_path / "probe.html"
    probe.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    result = subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    match = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.S)
    assert match, result.stderr[-2000:]
    charts = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert len(charts) == 7
    for chart in charts:
        assert chart["w"] > 400 and chart["h"] > 100, chart
        assert chart["bars"] >= 2, chart
    titles = [c["title"] for c in charts]
    assert "Adressaten nach Förderebene" in titles and "Geld nach Zweck (Summe der Höchstbeträge)" in titles
    # the hostile title arrived as text, not as markup: no alert script in the rendered DOM
    assert "<script>alert(" not in result.stdout
    assert "&lt;script&gt;alert(" in result.stdout
