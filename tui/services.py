"""The one place where the TUI calls into corpus, matcher, templates and the crawler.

Screens and workers import only this module for domain work, so a signature change in another
package touches one file. Nothing here imports textual; every function is plain and testable.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from corpus.deadlines import ABGELAUFEN
from corpus.labels import (
    ADDRESSEE_DE,
    FUNDING_FORM_DE,
    LEVEL_DE,
    REGIONS,
    Addressee,
    CallStatus,
    FundingForm,
    Level,
)
from corpus.model import FundingCall
from corpus.store import Store
from matcher.profile import Profile, ProfileError, profile_from_dict
from matcher.results import RankedCall, deadline_fields

# The very first start of a profile has no stored ranking: the list shows at once in this
# clearly labelled order while the matcher's ranking is computed in a worker.
FALLBACK_METHOD = "vorläufig nach Frist sortiert"


# -- store and profiles ------------------------------------------------------------------
def open_store(db: Path | None) -> Store:
    """The database the user named, or the default one (seeded from the snapshot when new).

    The connection belongs to the UI thread; workers open their own ``Store(path)``."""
    from corpus.seed import open_store as _open
    from matcher.prebuilt import apply_labels

    return _open(db, on_seeded=apply_labels)  # a new database: the snapshot's labels ship prebuilt


def profile_choices() -> list[tuple[str, str]]:
    """(key, display name) of every bundled and user profile that loads; broken ones are named as such."""
    from matcher.profile import available_keys, load_profile

    choices = []
    for key in available_keys():
        try:
            choices.append((key, f"{load_profile(key).name} ({key})"))
        except ProfileError as exc:
            choices.append((key, f"{key} – fehlerhaft: {exc.problems[0] if exc.problems else exc}"))
    return choices


def load_profile(ref: str | Path) -> Profile:
    from matcher.profile import load_profile as _load

    return _load(ref)


def profile_file(ref: str | Path) -> Path | None:
    """The file a ``--profile`` names when it is a path (same rule as ``load_profile``), else None."""
    ref_s = str(ref)
    return Path(ref_s) if ref_s.endswith(".toml") or "/" in ref_s else None


def user_profile_path(key: str) -> Path:
    from corpus.paths import user_profiles_dir

    return user_profiles_dir() / f"{key}.toml"


def validate_profile(data: dict) -> Profile:
    """Raises ProfileError with German problems (one per wrong field)."""
    return profile_from_dict(data, "Formular")


def save_profile(profile: Profile, path: Path | None = None, *, base: Path | None = None) -> Path:
    """``base``: the file the profile was loaded from, whose comments and lines a new file keeps."""
    from matcher.profile import save_profile as _save

    return _save(profile, path or user_profile_path(profile.key), base=base)


def blank_profile_data() -> dict:
    return {"key": "", "name": "", "municipality": "", "land": "DE-NW"}


# -- calls, statuses, "new since last visit" ----------------------------------------------
def set_status(store: Store, call_id: str, status: CallStatus, note: str) -> None:
    store.set_status(call_id, status, note)


def linked_calls(store: Store, call_id: str) -> list[tuple[FundingCall, str]]:
    return store.linked_calls(call_id)


def statuses(store: Store) -> dict[str, tuple[CallStatus, str]]:
    return store.statuses()


def last_visit(store: Store, profile_key: str) -> datetime | None:
    raw = store.get_meta(f"last_visit:{profile_key}")
    return datetime.fromisoformat(raw) if raw else None


def record_visit(store: Store, profile_key: str, now: datetime | None = None) -> None:
    now = now or datetime.now(UTC).replace(microsecond=0)
    store.set_meta(f"last_visit:{profile_key}", now.isoformat())


def is_new_since(call: FundingCall, since: datetime | None) -> bool:
    """New to the user: first seen after their previous visit (everything is new on a first visit)."""
    if since is None or call.first_seen is None:
        return False
    return call.first_seen >= since  # both are whole seconds


# -- ranking -------------------------------------------------------------------------------
@dataclass
class Ranking:
    """A profile's ranked list plus how it was made (shown to the user)."""

    items: list[RankedCall]
    method: str
    computed: str = ""
    stored: bool = False
    warnings: list[str] = field(default_factory=list)


def _ranking_key(profile_key: str) -> str:
    return f"ranking:{profile_key}"


def save_ranking(store: Store, profile_key: str, ranking: Ranking) -> None:
    """Keep the last ranking per profile in the corpus, so the next start shows it at once."""
    payload = {
        "method": ranking.method,
        "computed": ranking.computed or datetime.now(UTC).replace(microsecond=0).isoformat(),
        "items": [
            {
                "id": r.call.id,
                "rank": r.rank,
                "score": r.score,
                "eligible": r.eligible,
                "reasons": list(r.reasons),
                "dense_score": r.dense_score,
                "lexical_score": r.lexical_score,
            }
            for r in ranking.items
        ],
    }
    store.set_meta(_ranking_key(profile_key), json.dumps(payload, ensure_ascii=False))


def stored_ranking(store: Store, profile_key: str, today: date) -> Ranking | None:
    """The last saved ranking, joined with the current calls; deadlines recomputed for ``today``."""
    raw = store.get_meta(_ranking_key(profile_key))
    if not raw:
        return None
    try:
        payload = json.loads(raw)
        entries = list(payload["items"])
    except (ValueError, KeyError, TypeError):
        return None  # a damaged cache is simply recomputed
    calls = {c.id: c for c in store.calls()}
    items = []
    for e in entries:
        call = calls.get(e.get("id"))
        if call is None:
            continue  # gone since the ranking was made
        fields = deadline_fields(call, today)
        reasons = [str(x) for x in e.get("reasons", [])]
        passed = fields["deadline_status"] == ABGELAUFEN  # the deadline may have passed since it was ranked
        if passed and not any(r.startswith("Frist abgelaufen") for r in reasons):
            reasons.insert(0, "Frist abgelaufen")
        items.append(
            RankedCall(
                call=call,
                rank=int(e["rank"]),
                score=float(e["score"]),
                eligible=bool(e.get("eligible", True)) and not passed,
                reasons=reasons,
                dense_score=float(e.get("dense_score", 0.0)),
                lexical_score=float(e.get("lexical_score", 0.0)),
                **fields,
            )
        )
    return Ranking(items, str(payload.get("method", "")), str(payload.get("computed", "")), stored=True)


def fallback_ranking(store: Store, profile: Profile, today: date) -> Ranking:
    """Instant first order (region check, then deadline) until the matcher's ranking arrives."""
    items = []
    for call in store.calls():
        fields = deadline_fields(call, today)
        passed = fields["deadline_status"] == ABGELAUFEN
        region_ok = call.region in ("DE", "EU", profile.land)
        eligible = region_ok and not passed
        reasons = [] if region_ok else [f"Region {REGIONS.get(call.region, call.region)} passt nicht"]
        if passed:
            reasons.append("Frist abgelaufen")
        items.append(RankedCall(call=call, rank=0, score=0.0, eligible=eligible, reasons=reasons, **fields))
    far = 10**6
    items.sort(key=lambda r: (not r.eligible, r.days_left if r.days_left is not None else far, r.call.id))
    for i, r in enumerate(items, 1):
        r.rank = i
    return Ranking(items, FALLBACK_METHOD)


RANKING_METHOD_DE = {
    "fused": "Sprachmodell + Stichwortsuche",
    "lexical": "gelernte Rangfolge ohne Sprachmodell (Stichwortsuche, Felder, Regeln)",
}


def compute_ranking(
    db_path: Path,
    profile: Profile,
    today: date,
    *,
    use_model: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
) -> Ranking:
    """The matcher's ranking of every call (eligible first, ineligible kept for the filter).

    ``use_model=False`` ranks without the dense signal, never loading the embedding model (the
    learned ranking with the Verbund's marks either way). Opens its own connection: this runs in a
    worker thread."""
    from matcher.ranking import rank

    with Store(db_path) as store:
        items = rank(store, profile, today=today, include_ineligible=True, dense=use_model, progress=progress)
    return Ranking(list(items), f"Matcher: {RANKING_METHOD_DE['fused' if use_model else 'lexical']}")


def similar_calls(
    db_path: Path, profile: Profile, today: date, call_id: str, *, use_model: bool = True, top: int = 10
) -> list[RankedCall]:
    """ "Ähnliche Aufrufe": the eligible calls most like ``call_id`` for ``profile`` (worker thread)."""
    from matcher.ranking import rank

    with Store(db_path) as store:
        return rank(store, profile, today=today, like=call_id, limit=top, dense=use_model)


def ensure_labels(db_path: Path) -> int:
    """Classify calls whose labels are missing or stale; returns how many were (re)labelled."""
    from matcher.classifier import ensure_labels as _ensure

    with Store(db_path) as store:
        return int(_ensure(store) or 0)


# -- landscape -----------------------------------------------------------------------------
@dataclass
class Landscape:
    """How the calls open to one Land split up (DESIGN: the "zweigeteilte Förderkulisse")."""

    land: str
    total: int
    labelled: int
    co_steering: int
    by_addressee: list[tuple[str, int]]
    by_level: list[tuple[str, int, int]]  # (level, calls, of which co-steering)
    by_form: list[tuple[str, int]]
    money: list[tuple[str, float]]  # stated maximum euro per money category


MONEY_DE = {"projekt": "für Projektarbeit", "steuerung": "für Koordination, Steuerung, Strukturen"}


def landscape(calls: list[FundingCall], land: str) -> Landscape:
    """The report's counts (matcher.landscape) over calls open to ``land``, in German labels."""
    from matcher.landscape import landscape as _landscape

    ls = _landscape(calls, land=land)
    o = ls.overall
    addressee = [(ADDRESSEE_DE[a], o.by_addressee.get(a.value, 0)) for a in Addressee if o.by_addressee.get(a.value)]
    return Landscape(
        land=land,
        total=o.total,
        labelled=o.total - ls.unlabelled,
        co_steering=o.co_steering,
        by_addressee=addressee,
        by_level=[(LEVEL_DE[Level(k)], v.total, v.co_steering) for k, v in ls.by_level.items()],
        by_form=[(FUNDING_FORM_DE[f], o.by_form.get(f.value, 0)) for f in FundingForm if o.by_form.get(f.value)],
        money=[(MONEY_DE.get(k, k), float(v)) for k, v in o.money.items() if v],
    )


# -- sources and crawling ------------------------------------------------------------------
def source_health(store: Store):
    from corpus.health import source_health as _health

    return _health(store)


def new_per_source(calls: list[FundingCall], since: datetime | None) -> dict[str, int]:
    """How many calls each source added since the user's previous visit."""
    counts: dict[str, int] = {}
    for call in calls:
        if is_new_since(call, since):
            counts[call.source] = counts.get(call.source, 0) + 1
    return counts


def crawl_command(db_path: Path) -> list[str]:
    """``kulisse crawl`` in a child process: Scrapy's reactor cannot restart inside the TUI."""
    return [sys.executable, "-m", "tui.cli", "crawl", "--db", str(db_path)]


def crawl_total() -> int | None:
    """How many sources a full crawl runs (for the progress bar); None when unknown."""
    try:
        from scrapy.settings import Settings

        from crawler.runner import spider_classes

        settings = Settings()
        settings.setmodule("crawler.settings", priority="project")
        return sum(1 for cls in spider_classes(settings).values() if getattr(cls, "enabled_by_default", True)) or None
    except Exception:  # the bar then just pulses; the crawl itself reports its own errors
        return None


@dataclass
class CrawlLine:
    """One line of crawler output, read: a finished source advances the bar, summaries are shown."""

    text: str
    finished_source: bool = False
    show: bool = False


def read_crawl_line(line: str) -> CrawlLine:
    if "Spider closed" in line:  # Scrapy logs this once per source (with --verbose)
        return CrawlLine(line, finished_source=True, show=False)
    if line.startswith("Quelle ") and " fertig: " in line:  # crawler.runner's own line per source
        return CrawlLine(line, finished_source=True, show=False)
    if line.startswith("{"):
        try:
            data = json.loads(line)
        except ValueError:
            return CrawlLine(line)
        return CrawlLine(f"{data.get('source')}: {data.get('items', 0)} Aufrufe – {data.get('status')}", show=True)
    if line.startswith("Fehler") or ": " in line and " Aufrufe (" in line:
        return CrawlLine(line, show=True)
    return CrawlLine(line)


def run_crawl(db_path: Path, on_line: Callable[[str], None]) -> int:
    """Run the crawl, passing each output line to ``on_line``; returns the exit code."""
    proc = subprocess.Popen(
        crawl_command(db_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        line = line.rstrip()
        if line:
            on_line(line)
    return proc.wait()


# -- drafting ------------------------------------------------------------------------------
@dataclass
class TemplateField:
    """One field of a template: German label, help, whether required, and where it comes from."""

    name: str
    label: str
    help: str = ""
    required: bool = False
    source: str = "user"  # profile | call | user | computed
    value: str = ""  # prefilled value (profile/call/date), or a suggested wording for the user
    kind: str = "text"  # text | multiline | list | eur | pct | int


@dataclass
class DraftOutcome:
    path: Path
    gaps: list[str]
    warnings: list[str]


def available_templates() -> list[tuple[str, str]]:
    """(name, German title) of every template that can be drafted from (broken ones are left out)."""
    from templates.registry import available_templates as _available

    return [(t.name, t.title_de) for t in _available() if not t.problems]


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".").removesuffix(",00")
    return str(value)


def template_fields(name: str, call: FundingCall, profile: Profile, today: date) -> list[TemplateField]:
    """The template's fields; profile and call fields carry the value the draft will use."""
    from templates.context import call_values, profile_values
    from templates.registry import get_template

    info = get_template(name)
    by_municipality = draft_check(call, profile, today).municipality_applies
    known = profile_values(profile.model_dump(mode="json"), by_municipality) | call_values(call, today)[0]
    known["datum"] = today.strftime("%d.%m.%Y")
    result = []
    for f in info.fields:
        value = _display(known.get(f.name)) if f.source != "user" else (f.default or "")
        result.append(TemplateField(f.name, f.label, f.help, f.required, f.source, str(value), f.kind))
    return result


def default_draft_path(call: FundingCall, template: str, today: date) -> Path:
    from corpus.paths import drafts_dir

    return drafts_dir() / f"{today.isoformat()}_{call.id}_{template}.docx"


def draft_check(call: FundingCall, profile: Profile, today: date):
    """Before drafting: who applies (Verbund or municipality) and what speaks against applying at all."""
    from matcher.who_applies import check_for_draft

    return check_for_draft(call, profile, today)


def draft(
    template: str, call: FundingCall, profile: Profile, answers: dict[str, str], out_path: Path, today: date
) -> DraftOutcome:
    """Write the .docx; raises ``templates.render.DraftError`` (German) when it cannot.

    Eligibility is checked first: for a call only the municipality may apply for, the document
    names it as applicant and the Verbund as partner; the check's notes come first in ``warnings``."""
    from templates.render import draft as _draft

    out_path.parent.mkdir(parents=True, exist_ok=True)
    check = draft_check(call, profile, today)
    result = _draft(
        template,
        call,
        profile.model_dump(mode="json"),
        answers,
        out_path,
        today=today,
        municipality_applies=check.municipality_applies,
    )
    notes = check.messages(profile.name, template)
    return DraftOutcome(path=Path(result.path), gaps=list(result.gaps), warnings=notes + list(result.warnings))


def iter_labels(call: FundingCall) -> Iterator[tuple[str, str]]:
    """(German label name, German value) of a call's classifier labels."""
    from corpus.labels import STEERING_LEVEL_DE

    lab = call.labels
    if lab is None:
        return
    yield "Adressat", ADDRESSEE_DE[lab.addressee]
    band = {"ja": "ja", "moeglich": "möglich – Belege prüfen"}.get(lab.co_steering_band.value, "nein")
    if lab.co_steering_probability is not None:
        band += f" (Wahrscheinlichkeit {lab.co_steering_probability:.0%})"
    yield "Ko-Steuerung", band
    yield "Steuerungsebene", STEERING_LEVEL_DE[lab.steering_level]
    yield "Förderart", FUNDING_FORM_DE[lab.funding_form]
    yield (
        "Platzierungstyp",
        {1: "I – symbolisch-kooperativ", 2: "II – strukturell-kooperativ", 3: "III – Steuerung auf Augenhöhe"}[
            lab.placement_type
        ],
    )
