"""The Förderkulisse report: one self-contained HTML page with inline SVG charts.

It makes the "zweigeteilte Förderkulisse" visible: who the calls address, at which level they
pay, and how rarely they fund cooperative steering. Every crawled string is HTML-escaped.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from html import escape
from pathlib import Path

from corpus.atomic import write_text_atomic
from corpus.clean import safe_url
from corpus.deadlines import LAUFEND, OFFEN, state_of
from corpus.labels import (
    FUNDING_FORM_DE,
    LAENDER,
    LEVEL_DE,
    REGIONS,
    Addressee,
    FundingForm,
    Level,
    SteeringLevel,
)
from corpus.model import FundingCall
from matcher.landscape import ADDRESSEES, FORMS, STEERING, Change, Landscape, Split, landscape
from rendering.charts import stacked_bars

ADDRESSEE_SHORT = {
    Addressee.kommune.value: "nur Kommunen",
    Addressee.mo.value: "nur Organisationen",
    Addressee.beide_praxis.value: "beide, Praxis",
    Addressee.ko_steuerung.value: "Ko-Steuerung",
    Addressee.andere.value: "andere",
    Addressee.unbekannt.value: "unklar",
}
STEERING_SHORT = {
    SteeringLevel.praxis.value: "Praxis",
    SteeringLevel.koordination.value: "Koordination",
    SteeringLevel.strategie.value: "Strategie",
}
FORM_SHORT = {f.value: FUNDING_FORM_DE[f] for f in FundingForm}

CSS = """
body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.7em}h2{margin-top:2em;border-bottom:2px solid #0072B2;padding-bottom:.2em}
table{border-collapse:collapse;width:100%;margin:1em 0;font-size:.92em}
th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#eef3f8}td.n{text-align:right}
.kern{background:#fff6e0;border-left:5px solid #E69F00;padding:.8em 1em;font-size:1.1em}
figure{margin:1.5em 0;break-inside:avoid}figcaption{font-size:.9em;color:#444}
blockquote{margin:.3em 0 .3em 1em;color:#333;font-style:italic}
@media print{body{max-width:none}h2{break-after:avoid}}
"""


def _pct(part: float, whole: float) -> str:
    return f"{(100.0 * part / whole) if whole else 0:.0f} %"


def _euro(value: float) -> str:
    return f"{value:,.0f} €".replace(",", ".")


def _series(splits: dict[str, Split], attr: str, keys: list[str], names: dict[str, str]):
    return [
        (names[k], [float(getattr(s, attr)[k]) for s in splits.values()])
        for k in keys
        if any(getattr(s, attr)[k] for s in splits.values())
    ]


def _count_table(splits: dict[str, Split], attr: str, keys: list[str], names: dict[str, str], row_title: str) -> str:
    keys = [k for k in keys if any(getattr(s, attr)[k] for s in splits.values())]
    head = "".join(f"<th>{escape(names[k])}</th>" for k in keys)
    body = []
    for row, split in splits.items():
        cells = "".join(f'<td class="n" data-key="{escape(k)}">{getattr(split, attr)[k]}</td>' for k in keys)
        body.append(f'<tr data-row="{escape(row)}"><th>{escape(row)}</th>{cells}<td class="n">{split.total}</td></tr>')
    return f"<table><tr><th>{escape(row_title)}</th>{head}<th>gesamt</th></tr>{''.join(body)}</table>"


def _level_splits(view: Landscape) -> dict[str, Split]:
    rows = {"Alle Ebenen": view.overall}
    rows.update({LEVEL_DE[Level(k)]: v for k, v in view.by_level.items()})
    return rows


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def _dimension_section(
    title: str,
    splits: dict[str, Split],
    attr: str,
    keys: list[str],
    names: dict[str, str],
    row_title: str,
    caption: str,
) -> str:
    svg = stacked_bars(
        title,
        list(splits),
        _series(splits, attr, keys, names),
        x_label="Anteil der Aufrufe",
        y_label=row_title,
        percent=True,
    )
    return _figure(svg, caption) + _count_table(splits, attr, keys, names, row_title)


def _money_section(splits: dict[str, Split]) -> str:
    names = {"projekt": "Projektarbeit", "steuerung": "Koordination, Steuerung, Strukturen"}
    series = [(names[k], [s.money[k] for s in splits.values()]) for k in names]
    svg = stacked_bars(
        "Geld nach Zweck (Summe der Höchstbeträge)",
        list(splits),
        series,
        x_label="Anteil der genannten Höchstbeträge",
        y_label="Ebene",
        percent=True,
    )
    rows = "".join(
        f'<tr data-row="{escape(r)}"><th>{escape(r)}</th><td class="n">{_euro(s.money["projekt"])}</td>'
        f'<td class="n">{_euro(s.money["steuerung"])}</td><td class="n">{s.money_known} von {s.total}</td></tr>'
        for r, s in splits.items()
    )
    table = (
        "<table><tr><th>Ebene</th><th>Projektarbeit</th><th>Koordination, Steuerung, Strukturen</th>"
        f"<th>Aufrufe mit Betrag</th></tr>{rows}</table>"
    )
    note = (
        "<p>Gezählt werden die in den Aufrufen genannten Höchstbeträge je Vorhaben, nicht die "
        "Programmvolumen; Aufrufe ohne Betrag fehlen. Die Zahlen zeigen also Gewichte, keine Haushalte.</p>"
    )
    return _figure(svg, "Wofür das Geld gedacht ist, soweit Beträge genannt sind.") + table + note


STATUS_NOTE = {OFFEN: "Frist offen", LAUFEND: "laufend", "abgelaufen": "abgelaufen", "unbekannt": "Frist unbekannt"}


def _co_steering_section(calls: list[FundingCall], statuses: dict[str, str]) -> str:
    if not calls:
        return "<p>Kein Aufruf im Bestand fördert Ko-Steuerung von Kommune und Organisationen.</p>"
    items = []
    for call in calls:
        # one sentence often backs several labels: quote it once
        sentences = dict.fromkeys(
            " ".join(e.text.split())
            for e in (call.labels.evidence if call.labels else [])
            if e.label in ("addressee", "co_steering", "steering_level")
        )
        evidence = "".join(f"<blockquote>{escape(s[:1000])}</blockquote>" for s in list(sentences)[:4])
        # only web links become links: a crawled "javascript:" URL would run on click
        title = (
            f'<a href="{escape(safe_url(call.url))}">{escape(call.title)}</a>'
            if safe_url(call.url)
            else escape(call.title)
        )
        items.append(
            f'<li data-id="{escape(call.id)}">{title} – '
            f"{escape(call.funder)} ({escape(LEVEL_DE[call.level])}, {escape(REGIONS.get(call.region, call.region))}; "
            f'<span class="frist">{STATUS_NOTE[statuses[call.id]]}</span>){evidence}</li>'
        )
    return f"<ul>{''.join(items)}</ul>"


def _change_section(change: Change) -> str:
    if change.since is None:
        return "<p>Noch kein Vergleich möglich: Es gibt erst einen Stand des Bestands. Nach dem nächsten Crawl steht hier, was neu ist und was verschwand.</p>"
    new, gone = change.by_addressee("new"), change.by_addressee("vanished")
    keys = [k for k in ADDRESSEE_SHORT if new[k] or gone[k]] + [k for k in new if k not in ADDRESSEE_SHORT]
    rows = "".join(
        f'<tr data-row="{escape(k)}"><th>{escape(ADDRESSEE_SHORT.get(k, k))}</th><td class="n">{new[k]}</td><td class="n">{gone[k]}</td></tr>'
        for k in keys
    )
    since = change.since.strftime("%d.%m.%Y %H:%M")
    lists = ""
    for label, calls in (("Neu", change.new), ("Verschwunden", change.vanished)):
        if calls:
            lists += (
                f"<h3>{label}</h3><ul>"
                + "".join(f"<li>{escape(c.title)} ({escape(c.funder)})</li>" for c in calls[:200])
                + "</ul>"
            )
    return (
        f"<p>Veränderungen im letzten Crawl (seit {since}): {len(change.new)} neue, "
        f"{len(change.vanished)} verschwundene Aufrufe.</p>"
        f"<table><tr><th>Adressat</th><th>neu</th><th>verschwunden</th></tr>{rows}</table>{lists}"
    )


def render_report(
    calls: list[FundingCall],
    change: Change,
    *,
    today: date,
    land: str | None = None,
    verbund: str | None = None,
) -> tuple[str, dict]:
    """The report page and the figures it shows (for checks and for ``daten.json``)."""
    view = landscape(calls, land=land)
    levels = _level_splits(view)
    all_lands = {LAENDER[k]: v for k, v in landscape(calls).by_land.items()}
    if land and LAENDER[land] in all_lands:
        # the Verbund's own Land first, beside the others
        own = LAENDER[land]
        all_lands = {own: all_lands[own]} | {k: v for k, v in all_lands.items() if k != own}
    scope = f" für {escape(LAENDER[land])} (Landesprogramme und bundesweite Aufrufe)" if land else ""
    whom = f"<p>Erstellt für {escape(verbund)}.</p>" if verbund else ""
    total = view.overall.total
    co = view.overall.co_steering
    # "open" counts calls one can apply for now or at a coming deadline (corpus.deadlines decides)
    statuses = {c.id: state_of(c, today).status for c in view.co_steering_calls}
    co_dated = sum(s == OFFEN for s in statuses.values())
    co_rolling = sum(s == LAUFEND for s in statuses.values())
    co_open = co_dated + co_rolling
    practice = (
        view.overall.by_addressee[Addressee.kommune.value]
        + view.overall.by_addressee[Addressee.mo.value]
        + view.overall.by_addressee[Addressee.beide_praxis.value]
    )
    sections = [
        f"<h1>Förderkulisse{scope}</h1>{whom}",
        f"<p>Stand: {today.strftime('%d.%m.%Y')} · {total} Aufrufe im Bestand"
        + (f" · {view.unlabelled} noch ohne Einordnung" if view.unlabelled else "")
        + "</p>",
        f'<p class="kern" id="kernbefund">Von {total} Aufrufen fördern nur <strong>{co}</strong> ({_pct(co, total)}) die '
        f"gemeinsame Koordination oder Steuerung von Kommune und Migrantenorganisationen. {practice} "
        f"({_pct(practice, total)}) fördern entweder nur die Kommune, nur die Organisationen oder beide "
        "nur in konkreten Handlungsfeldern – die zweigeteilte Förderkulisse.</p>",
        "<h2>Wen die Aufrufe ansprechen</h2>",
        _dimension_section(
            "Adressaten nach Förderebene",
            levels,
            "by_addressee",
            [a.value for a in ADDRESSEES],
            ADDRESSEE_SHORT,
            "Ebene",
            "Anteil der Aufrufe je Adressat, gesamt und je Förderebene.",
        ),
        "<h2>Auf welcher Ebene sie fördern</h2>",
        _dimension_section(
            "Steuerungsebene nach Förderebene",
            levels,
            "by_steering",
            [s.value for s in STEERING],
            STEERING_SHORT,
            "Ebene",
            "Praxis = Projekte und Angebote; Koordination = Netzwerke, Koordinierungsstellen; Strategie = Konzepte, Steuerungsgremien.",
        ),
        "<h2>In welcher Form sie fördern</h2>",
        _dimension_section(
            "Förderart nach Förderebene",
            levels,
            "by_form",
            [f.value for f in FORMS],
            FORM_SHORT,
            "Ebene",
            "Projekt-, teil-institutionelle, institutionelle und Strukturförderung, Preise, Darlehen.",
        ),
        "<h2>Nach Ländern</h2>",
        (
            _dimension_section(
                "Adressaten der Landesprogramme nach Land",
                all_lands,
                "by_addressee",
                [a.value for a in ADDRESSEES],
                ADDRESSEE_SHORT,
                "Land",
                "Nur Aufrufe, die auf ein Land beschränkt sind (Land, Kommunen, Landesstiftungen).",
            )
            if all_lands
            else "<p>Keine landesspezifischen Aufrufe im Bestand.</p>"
        ),
        (
            _dimension_section(
                "Steuerungsebene der Landesprogramme nach Land",
                all_lands,
                "by_steering",
                [s.value for s in STEERING],
                STEERING_SHORT,
                "Land",
                "Wie oft Landesprogramme Koordination oder Strategie statt Praxis fördern.",
            )
            + _dimension_section(
                "Förderart der Landesprogramme nach Land",
                all_lands,
                "by_form",
                [f.value for f in FORMS],
                FORM_SHORT,
                "Land",
                "Projekt- oder dauerhafte Förderung, je Land.",
            )
            if all_lands
            else ""
        ),
        "<h2>Wohin das Geld geht</h2>",
        _money_section(levels),
        f"<h2>Aufrufe, die Ko-Steuerung fördern ({co})</h2>",
        f'<p id="ks-offen">Davon jetzt offen: <strong>{co_open}</strong> ({co_dated} mit kommender Frist, '
        f"{co_rolling} laufend); die übrigen sind abgelaufen oder ohne bekannte Frist.</p>",
        _co_steering_section(view.co_steering_calls, statuses),
        f"<h2>Ko-Steuerung möglich ({len(view.possible_co_steering_calls)})</h2>",
        "<p>Bei diesen Aufrufen ist die Einordnung unsicher: Die Sätze unten gaben den Ausschlag. "
        "Ein Blick lohnt sich, bevor eine Gelegenheit verloren geht.</p>"
        if view.possible_co_steering_calls
        else "",
        _co_steering_section(
            view.possible_co_steering_calls, {c.id: state_of(c, today).status for c in view.possible_co_steering_calls}
        )
        if view.possible_co_steering_calls
        else "",
        "<h2>Veränderung seit dem letzten Crawl</h2>",
        _change_section(change),
        "<h2>Methode</h2><p>Die Einordnung folgt der Typologie des Working Papers „GLEICH teilhaben“ (BV NeMO): "
        "Kulisse liest die Antragsberechtigung, Kooperationspflichten und geförderten Aufgaben jedes Aufrufs "
        "und belegt jedes Etikett mit Sätzen aus dem Aufruf. Einzelne Einordnungen können strittig sein.</p>",
    ]
    html = (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Förderkulisse – Bericht vom {today.strftime('%d.%m.%Y')}</title><style>{CSS}</style></head><body>"
        + "\n".join(sections)
        + "</body></html>"
    )
    figures = {
        "today": today.isoformat(),
        "land": land,
        "total": total,
        "co_steering": co,
        "by_addressee": dict(view.overall.by_addressee),
        "by_level": {k: {"total": v.total, "by_addressee": dict(v.by_addressee)} for k, v in view.by_level.items()},
        "by_land": {k: {"total": v.total, "by_addressee": dict(v.by_addressee)} for k, v in view.by_land.items()},
        "money": {k: dict(v.money) for k, v in levels.items()},
        "co_steering_ids": [c.id for c in view.co_steering_calls],
        "co_steering_open": co_open,
        "co_steering_open_ids": [i for i, st in statuses.items() if st in (OFFEN, LAUFEND)],
        "co_steering_by_deadline_status": {
            st: sum(v == st for v in statuses.values()) for st in (OFFEN, LAUFEND, "abgelaufen", "unbekannt")
        },
        "new": [c.id for c in change.new],
        "vanished": [c.id for c in change.vanished],
        "generated": datetime.now().replace(microsecond=0).isoformat(),
    }
    return html, figures


def write_report(out_dir: Path, html: str, figures: dict) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    page = out_dir / "index.html"
    write_text_atomic(page, html)  # unique temp names: two reports into one folder never collide
    write_text_atomic(out_dir / "daten.json", json.dumps(figures, ensure_ascii=False, indent=2))
    return page
