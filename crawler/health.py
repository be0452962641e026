"""Health of one source's run, from the Scrapy stats and the previous run of that source.

A source is *healthy* ("ok") only when nothing suggests that we saw less than the site
holds: no bot-protection page, no markup change, no collapse in the number of calls (and never
zero calls where there were some), no failed entry page, no page left unread (refused by
robots.txt, too large also once unpacked, off-site). Only then may its unseen calls be marked
gone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

ERROR_REASONS_DE = {
    "bot_protection": "Bot-Schutz/CAPTCHA-Seite statt Inhalt",
    "markup": "Seitenaufbau geändert (erwartete Elemente fehlen)",
    "parse": "Fehler beim Auslesen einer Seite",
    "timeout": "Zeitüberschreitung",
    "connection": "Verbindung fehlgeschlagen",
    "redirect_loop": "Weiterleitungsschleife",
    "not_a_zip": "Export ist keine ZIP-Datei",
    "bad_xml": "fehlerhaftes XML",
    "bad_json": "fehlerhaftes JSON",
    "api_error": "Fehlermeldung der Schnittstelle",
    "entry_failed": "Einstiegsseite nicht erreichbar",
    "too_large": "Seite zu groß, abgeschnitten",
    "outside_mirror": "Verweis außerhalb des lokalen Spiegels (nicht abgerufen)",
    "offsite": "Verweis oder Weiterleitung auf eine fremde Adresse (nicht abgerufen)",
    "robots": "Seite laut robots.txt gesperrt (nicht abgerufen)",
}
# a page that answers 404/410 is gone; other kinds that say nothing about the source's
# content are "transport" problems; any kind not named here also makes the run unhealthy
_GONE_STATUS = ("http_404", "http_410")
_TRANSPORT = ("timeout", "connection", "redirect_loop", "too_large")


@dataclass
class RunHealth:
    status: str  # "ok", "unhealthy", "failed"
    reasons: list[str] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)

    @property
    def mark_gone_allowed(self) -> bool:
        return self.status == "ok"


def error_counts(stats: dict) -> Counter:
    """``kulisse/errors/<kind>`` counters (and http_<code>) as a Counter of kinds."""
    counts: Counter = Counter()
    for key, value in stats.items():
        if key.startswith("kulisse/errors/") and key.count("/") == 2:
            counts[key.rsplit("/", 1)[1]] += int(value)
    return counts


def assess(
    stats: dict,
    previous_items: int | None,
    *,
    finish_reason: str = "finished",
    drop_min_previous: int = 5,
    drop_share: float = 0.3,
    known_calls: int = 0,
) -> RunHealth:
    """``known_calls``: the source's calls in the corpus not marked gone before this run."""
    errors = error_counts(stats)
    items = int(stats.get("kulisse/items/written", 0))
    reasons: list[str] = []
    for kind in (
        "bot_protection",
        "markup",
        "not_a_zip",
        "bad_xml",
        "bad_json",
        "api_error",
        "entry_failed",
        "parse",
        "outside_mirror",
        "offsite",
        "robots",
    ):
        if errors.get(kind):
            reasons.append(f"{ERROR_REASONS_DE[kind]} ({errors[kind]}×)")
    server_errors = sum(v for k, v in errors.items() if k.startswith("http_5"))
    transport = sum(errors.get(k, 0) for k in _TRANSPORT)
    if server_errors or transport:
        reasons.append(f"{server_errors + transport} Seite(n) nicht abrufbar (Serverfehler/Zeitüberschreitung)")
    refused = sum(v for k, v in errors.items() if k.startswith("http_4") and k not in _GONE_STATUS)
    if refused:  # 403/429: we were turned away, the calls are not gone
        reasons.append(f"{refused} Seite(n) verweigert (HTTP 4xx)")
    unfollowed = sum(v for k, v in errors.items() if k.startswith("http_3"))
    if unfollowed:  # a redirect not followed (to file://, too many): the page was not read
        reasons.append(f"{unfollowed} Weiterleitung(en) nicht gefolgt")
    other = sum(
        v for k, v in errors.items() if not k.startswith("http_") and k not in ERROR_REASONS_DE and k not in _TRANSPORT
    )
    if other:
        reasons.append(f"{other} sonstige(r) Fehler beim Abruf")
    before = max(previous_items or 0, known_calls or 0)
    if items == 0 and before:  # however small the source: nothing found is never "all gone"
        reasons.append(f"keine Aufrufe gefunden (bisher {before})")
    elif previous_items and previous_items >= drop_min_previous and items < previous_items * drop_share:
        reasons.append(f"nur {items} statt zuletzt {previous_items} Aufrufe gefunden")
    if finish_reason not in ("finished",):
        reasons.append(f"Lauf vorzeitig beendet ({finish_reason})")
    if not reasons:
        return RunHealth("ok", [], errors)
    return RunHealth("failed" if items == 0 else "unhealthy", reasons, errors)
