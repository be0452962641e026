"""A profile's ranked list: the one kept from last time, the instant first order, the matcher's.

Also "similar calls" and labelling stale calls before ranking. Functions taking a ``db_path`` open
their own connection: they run in worker threads.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from corpus.deadlines import ABGELAUFEN
from corpus.labels import REGIONS
from corpus.store import Store
from matcher.profile import Profile
from matcher.results import RankedCall, deadline_fields

# The very first start of a profile has no stored ranking: the list shows at once in this
# clearly labelled order while the matcher's ranking is computed in a worker.
FALLBACK_METHOD = "vorläufig nach Frist sortiert"


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
