"""Rank the calls for one Verbund, with German reasons.

Public API (used by the CLI, the TUI and the report)::

    rank(store_or_calls, profile, *, today, include_ineligible=False, index=None,
         method="fused", limit=None, embed=None, progress=None) -> list[RankedCall]
    rank_for_profile(db_path, profile, today) -> list[RankedCall]

``store_or_calls`` is a ``corpus.store.Store`` (indexes are kept beside its database) or a plain
list of calls (indexes in memory). Results are best first, ranks from 1; eligible calls come
before ineligible ones, which are only returned with ``include_ineligible``.

The score of a call is

    relevance + needs − penalties

- relevance ∈ [0, 1]: the fusion (``method="fused"``) of BM25 with German stemming and the best
  passage cosine of the call with the profile text (fields of action, target groups,
  self-description); ``"lexical"`` or ``"dense"`` use one signal (for the evaluation);
- needs: a programme for the Verbund's own town or Land (fewer competitors, made for it),
  migrant organisations named as applicants, and — for a profile aiming at placement type II/III
  — calls that pay for coordination, steering or lasting structures (classifier labels where
  present, else the call's funding form and cue words);
- penalties: soft eligibility problems (e.g. a population limit a Stadtteil may get around).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from corpus.labels import Addressee, ApplicantType, FundingForm, LAENDER, Level, SteeringLevel
from corpus.model import FundingCall
from matcher import fusion
from matcher.eligibility import Eligibility, check
from matcher.indexes import Indexes, call_text, ensure_indexes
from matcher.lexical import analyse, phrase_hits
from matcher.profile import Profile
from matcher.results import RankedCall

METHODS = ("fused", "lexical", "dense")
# BM25 and field coverage carry more: the default embedding model was trained on English
LEXICAL_WEIGHT = float(os.environ.get("KULISSE_W_LEX", 0.55))
COVERAGE_WEIGHT = float(os.environ.get("KULISSE_W_COV", 0.35))
DENSE_WEIGHT = float(os.environ.get("KULISSE_W_DENSE", 0.10))
BOOST_CITY = 0.25
BOOST_LAND = 0.10
BOOST_MO = 0.05
BOOST_STRUCTURE = 0.06  # per placement step the profile still wants to climb
MAX_REASONS = 6
FUSION = os.environ.get("KULISSE_FUSION", "weighted")
RRF_K = float(os.environ.get("KULISSE_RRF_K", 10))

_STRUCTURE_CUE = re.compile(
    r"Koordinierungsstelle|Koordinationsstelle|Netzwerkkoordination|Steuerungsgruppe|Lenkungsgruppe|"
    r"Steuerungsgremi|Strukturförderung|Strukturaufbau|institutionelle Förderung|Netzwerkförderung|"
    r"Kooperationsstruktur",
    re.IGNORECASE,
)
_MIGRATION_CUE = re.compile(r"Migrant|Zugewander|Zuwander|Geflüchtet|Einwanderung|Integration", re.IGNORECASE)


@dataclass
class _Needs:
    score: float
    reasons: list[str]


def _structure_needs(call: FundingCall, profile: Profile) -> _Needs:
    """What the call does for the Verbund's aimed-for placement (coordination, steering, structure)."""
    steps = max(0, profile.placement_goal - 1)
    labels = call.labels
    reasons: list[str] = []
    score = 0.0
    if labels is not None and labels.co_steering:
        evidence = next((e.text for e in labels.evidence if e.label in ("addressee", "co_steering")), "")
        snippet = _shorten(evidence, 110) if evidence else "Kommune und Organisationen steuern gemeinsam"
        reasons.append(f"Ko-Steuerung: {snippet}")
        score += BOOST_STRUCTURE * steps * 1.5
    structural = False
    if labels is not None:
        structural = labels.steering_level in (SteeringLevel.koordination, SteeringLevel.strategie) or labels.funding_form in (
            FundingForm.teil_institutionell, FundingForm.institutionell, FundingForm.struktur) or labels.placement_type >= 2
    elif call.funding_form in (FundingForm.teil_institutionell, FundingForm.institutionell, FundingForm.struktur):
        structural = True
    cue = _STRUCTURE_CUE.search(call.summary_de or "")
    if structural or cue:
        if steps:
            score += BOOST_STRUCTURE * steps
            what = f"„{cue.group(0)}“" if cue else "Koordination und Strukturen"
            reasons.append(f"fördert {what} – hilft auf dem Weg zu Platzierungstyp {'I' * profile.placement_goal}")
    return _Needs(score, reasons)


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + " …"


def _local_needs(call: FundingCall, profile: Profile, elig: Eligibility) -> _Needs:
    score, reasons = 0.0, []
    if any(f.rule == "ort" and not f.blocking for f in elig.findings):
        score += BOOST_CITY
    elif call.region == profile.land:
        score += BOOST_LAND
    if {ApplicantType.mo, ApplicantType.verbund} & set(call.applicants) or (
            call.labels is not None and call.labels.addressee in (Addressee.mo, Addressee.ko_steuerung)):
        score += BOOST_MO
    return _Needs(score, reasons)


def _own_share_note(call: FundingCall, profile: Profile) -> str | None:
    share = call.amount.own_share_pct
    if share and share >= 10 and profile.own_funds_eur < 10_000:
        funds = f"{profile.own_funds_eur:,.0f}".replace(",", ".")
        return f"Eigenanteil {share:.0f} % nötig – bei {funds} € Eigenmitteln im Jahr knapp"
    return None


def _relevance(calls: list[FundingCall], profile: Profile, index: Indexes, method: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(relevance in [0, 1], raw BM25, raw dense cosine), aligned with ``calls``."""
    query = profile.query_text()
    lex_pos = {i: n for n, i in enumerate(index.lexical.ids)}
    lex_all = index.lexical.scores(query)
    lex = np.array([lex_all[lex_pos[c.id]] if c.id in lex_pos else 0.0 for c in calls], dtype=np.float64)
    dense = np.zeros(len(calls))
    if index.dense is not None and method != "lexical":
        vecs, computed = index.dense.profile_vector(query, embed=index.embed)
        if computed:
            index.save_profiles()
        dense_all = index.dense.scores(vecs)
        pos = {i: n for n, i in enumerate(index.dense.ids)}
        dense = np.array([dense_all[pos[c.id]] if c.id in pos else 0.0 for c in calls], dtype=np.float64)
    cover_all = index.lexical.coverage(profile.fields_of_action + profile.target_groups)
    cover = np.array([cover_all[lex_pos[c.id]] if c.id in lex_pos else 0.0 for c in calls], dtype=np.float64)
    if method == "lexical" or index.dense is None:
        rel = fusion.weighted_score_fusion([lex, cover], [LEXICAL_WEIGHT, COVERAGE_WEIGHT])
    elif method == "dense":
        rel = fusion.minmax(dense)
    elif FUSION == "rrf":
        lexical_rel = fusion.weighted_score_fusion([lex, cover], [LEXICAL_WEIGHT, COVERAGE_WEIGHT])
        rel = fusion.minmax(fusion.reciprocal_rank_fusion([lexical_rel, lexical_rel, dense], k=RRF_K))
    else:
        rel = fusion.weighted_score_fusion([lex, cover, dense], [LEXICAL_WEIGHT, COVERAGE_WEIGHT, DENSE_WEIGHT])
    return rel, lex, dense


def _fit_reasons(call: FundingCall, profile: Profile, vocabulary: set[str]) -> list[str]:
    (tokens,), _ = analyse([call_text(call)], vocabulary)
    doc = set(tokens)
    reasons = [f"passt zu Handlungsfeld {f}" for f in profile.fields_of_action if phrase_hits(f, doc, vocabulary)]
    reasons += [f"Zielgruppe: {g}" for g in profile.target_groups if phrase_hits(g, doc, vocabulary)]
    return reasons


def _labels_ready(store) -> None:
    """Let the classifier label stale calls first, if it is installed (another part of Kulisse)."""
    try:
        from matcher.classifier import ensure_labels
    except ImportError:
        return
    ensure_labels(store)


def rank(
    store_or_calls,
    profile: Profile,
    *,
    today: date,
    include_ineligible: bool = False,
    index: Indexes | None = None,
    method: str = "fused",
    limit: int | None = None,
    embed=None,
    progress=None,
) -> list[RankedCall]:
    """The ranked calls for ``profile`` on ``today`` (see the module docstring).

    ``limit`` only bounds how many eligible results are returned (the ranking itself is the same).
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    if isinstance(store_or_calls, list):
        calls, directory = store_or_calls, None
    else:
        from corpus.paths import index_dir

        _labels_ready(store_or_calls)
        calls, directory = store_or_calls.calls(), index_dir(store_or_calls.path)
    if index is None:
        index = ensure_indexes(calls, directory, dense=method != "lexical", progress=progress, embed=embed)
    if not calls:
        return []
    relevance, lex, dense = _relevance(calls, profile, index, method)
    rows = []
    for n, call in enumerate(calls):
        elig = check(call, profile, today)
        needs = _local_needs(call, profile, elig)
        structure = _structure_needs(call, profile)
        migration = 0.03 if _MIGRATION_CUE.search(call.summary_de) else 0.0
        score = float(relevance[n]) + needs.score + structure.score + migration - elig.penalty
        rows.append((call, elig, structure, score, n))
    rows.sort(key=lambda r: (not r[1].eligible, -r[3], r[0].id))
    results: list[RankedCall] = []
    shown_eligible = 0
    for call, elig, structure, score, n in rows:
        if not elig.eligible and not include_ineligible:
            continue
        if elig.eligible:
            shown_eligible += 1
            if limit is not None and shown_eligible > limit:
                if not include_ineligible:
                    break
                continue
        reasons = elig.reasons()
        if elig.eligible:
            reasons = [r for r in reasons] + structure.reasons + _fit_reasons(call, profile, index.lexical.vocabulary)
            note = _own_share_note(call, profile)
            if note:
                reasons.append(note)
        days_left = (elig.deadline - today).days if elig.deadline else None
        results.append(RankedCall(
            call=call, rank=len(results) + 1, score=score, eligible=elig.eligible,
            reasons=_dedupe(reasons)[:MAX_REASONS] if elig.eligible else _dedupe(reasons),
            deadline=elig.deadline, days_left=days_left, rolling=elig.rolling,
            dense_score=float(dense[n]), lexical_score=float(lex[n]),
        ))
    return results


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def rank_for_profile(db_path: str | Path, profile: Profile, today: date) -> list[RankedCall]:
    """Convenience for the TUI and the report: open the database, rank, close."""
    from corpus.seed import open_store

    with open_store(Path(db_path)) as store:
        return rank(store, profile, today=today)


__all__ = ["rank", "rank_for_profile", "METHODS", "LAENDER", "Level"]
