"""The Förderkulisse report: one self-contained HTML page with inline SVG charts.

It makes the "zweigeteilte Förderkulisse" visible: who the calls address, at which level they
pay, and how rarely they fund cooperative steering. The counting is ``matcher.landscape``; this
module shapes the views, ``rendering/html/report.html.j2`` lays them out with autoescape on, so
every crawled string is HTML-escaped.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from corpus.atomic import write_text_atomic
from corpus.clean import safe_url
from corpus.deadlines import LAUFEND, OFFEN, state_of
from corpus.format_de import label, share
from corpus.labels import LAENDER, Addressee, FundingForm, Level, SteeringLevel
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
STEERING_SHORT = {s.value: label(s, short=True) for s in SteeringLevel}
FORM_SHORT = {f.value: label(f) for f in FundingForm}

STATUS_NOTE = {OFFEN: "Frist offen", LAUFEND: "laufend", "abgelaufen": "abgelaufen", "unbekannt": "Frist unbekannt"}


def _dimension(
    title: str,
    splits: dict[str, Split],
    attr: str,
    keys: list[str],
    names: dict[str, str],
    row_title: str,
    caption: str,
) -> dict:
    """A chart of shares and the table of counts behind it; categories no call has are left out."""
    keys = [k for k in keys if any(getattr(s, attr)[k] for s in splits.values())]
    svg = stacked_bars(
        title,
        list(splits),
        [(names[k], [float(getattr(s, attr)[k]) for s in splits.values()]) for k in keys],
        x_label="Anteil der Aufrufe",
        y_label=row_title,
        percent=True,
    )
    rows = [
        {"name": row, "cells": [(k, getattr(split, attr)[k]) for k in keys], "total": split.total}
        for row, split in splits.items()
    ]
    return {"svg": svg, "caption": caption, "row_title": row_title, "head": [names[k] for k in keys], "rows": rows}


def _level_splits(view: Landscape) -> dict[str, Split]:
    rows = {"Alle Ebenen": view.overall}
    rows.update({label(Level(k)): v for k, v in view.by_level.items()})
    return rows


def _money(splits: dict[str, Split]) -> dict:
    names = {"projekt": "Projektarbeit", "steuerung": "Koordination, Steuerung, Strukturen"}
    svg = stacked_bars(
        "Geld nach Zweck (Summe der Höchstbeträge)",
        list(splits),
        [(names[k], [s.money[k] for s in splits.values()]) for k in names],
        x_label="Anteil der genannten Höchstbeträge",
        y_label="Ebene",
        percent=True,
    )
    rows = [
        {
            "name": r,
            "projekt": s.money["projekt"],
            "steuerung": s.money["steuerung"],
            "known": s.money_known,
            "total": s.total,
        }
        for r, s in splits.items()
    ]
    return {"svg": svg, "rows": rows}


def _co_steering_items(calls: list[FundingCall], statuses: dict[str, str]) -> list[dict]:
    items = []
    for call in calls:
        # one sentence often backs several labels: quote it once
        sentences = dict.fromkeys(
            " ".join(e.text.split())
            for e in (call.labels.evidence if call.labels else [])
            if e.label in ("addressee", "co_steering", "steering_level")
        )
        items.append(
            {
                "id": call.id,
                "title": call.title,
                "url": safe_url(call.url),  # only web links become links
                "funder": call.funder,
                "level": label(call.level),
                "region": label(call.region),
                "status": STATUS_NOTE[statuses[call.id]],
                "evidence": [s[:1000] for s in list(sentences)[:4]],
            }
        )
    return items


def _change_rows(change: Change) -> list[dict]:
    if change.since is None:
        return []
    new, gone = change.by_addressee("new"), change.by_addressee("vanished")
    keys = [k for k in ADDRESSEE_SHORT if new[k] or gone[k]] + [k for k in new if k not in ADDRESSEE_SHORT]
    return [{"key": k, "name": ADDRESSEE_SHORT.get(k, k), "new": new[k], "gone": gone[k]} for k in keys]


def render_report(
    calls: list[FundingCall],
    change: Change,
    *,
    today: date,
    land: str | None = None,
    verbund: str | None = None,
) -> tuple[str, dict]:
    """The report page and the figures it shows (for checks and for ``daten.json``)."""
    from rendering.templating import render

    view = landscape(calls, land=land)
    levels = _level_splits(view)
    all_lands = {LAENDER[k]: v for k, v in landscape(calls).by_land.items()}
    if land and LAENDER[land] in all_lands:
        # the Verbund's own Land first, beside the others
        own = LAENDER[land]
        all_lands = {own: all_lands[own]} | {k: v for k, v in all_lands.items() if k != own}
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
    addressees = [a.value for a in ADDRESSEES]
    steering = [s.value for s in STEERING]
    forms = [f.value for f in FORMS]
    dims = {
        "addressee": _dimension(
            "Adressaten nach Förderebene",
            levels,
            "by_addressee",
            addressees,
            ADDRESSEE_SHORT,
            "Ebene",
            "Anteil der Aufrufe je Adressat, gesamt und je Förderebene.",
        ),
        "steering": _dimension(
            "Steuerungsebene nach Förderebene",
            levels,
            "by_steering",
            steering,
            STEERING_SHORT,
            "Ebene",
            "Praxis = Projekte und Angebote; Koordination = Netzwerke, Koordinierungsstellen; Strategie = Konzepte, Steuerungsgremien.",
        ),
        "form": _dimension(
            "Förderart nach Förderebene",
            levels,
            "by_form",
            forms,
            FORM_SHORT,
            "Ebene",
            "Projekt-, teil-institutionelle, institutionelle und Strukturförderung, Preise, Darlehen.",
        ),
        "land_addressee": None,
    }
    if all_lands:
        dims["land_addressee"] = _dimension(
            "Adressaten der Landesprogramme nach Land",
            all_lands,
            "by_addressee",
            addressees,
            ADDRESSEE_SHORT,
            "Land",
            "Nur Aufrufe, die auf ein Land beschränkt sind (Land, Kommunen, Landesstiftungen).",
        )
        dims["land_steering"] = _dimension(
            "Steuerungsebene der Landesprogramme nach Land",
            all_lands,
            "by_steering",
            steering,
            STEERING_SHORT,
            "Land",
            "Wie oft Landesprogramme Koordination oder Strategie statt Praxis fördern.",
        )
        dims["land_form"] = _dimension(
            "Förderart der Landesprogramme nach Land",
            all_lands,
            "by_form",
            forms,
            FORM_SHORT,
            "Land",
            "Projekt- oder dauerhafte Förderung, je Land.",
        )
    possible = view.possible_co_steering_calls
    html = render(
        "report.html.j2",
        today=today,
        land_name=LAENDER[land] if land else None,
        verbund=verbund,
        total=total,
        unlabelled=view.unlabelled,
        co=co,
        co_share=share(co, total),
        practice=practice,
        practice_share=share(practice, total),
        dims=dims,
        money=_money(levels),
        co_open=co_open,
        co_dated=co_dated,
        co_rolling=co_rolling,
        co_items=_co_steering_items(view.co_steering_calls, statuses),
        possible_items=_co_steering_items(possible, {c.id: state_of(c, today).status for c in possible}),
        change=change,
        change_rows=_change_rows(change),
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
