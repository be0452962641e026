"""Rank the calls for one Verbund, with German reasons.

Public API (used by the CLI, the TUI and the report)::

    rank(store_or_calls, profile, *, today, include_ineligible=False, index=None,
         method="fused", limit=None, embed=None, progress=None,
         feedback=None, query=None, like=None, model=None) -> list[RankedCall]

``store_or_calls`` is a ``corpus.store.Store`` (indexes are kept beside its database; its
statuses are the feedback) or a plain list of calls (indexes in memory). Results are best first,
ranks from 1; eligible calls come before ineligible ones, which are only returned with
``include_ineligible``. The eligibility rules are a hard filter in every method.

``method="fused"`` (default): the learned model (``matcher.learned``) over the relevance signals
(BM25 with German stemming, field coverage, best passage cosine – ``matcher.signals``), locality,
needs, soft eligibility findings and deadline status, with the Verbund's marks as relevance
feedback. ``"handset"``: the earlier hand-set score

    relevance + locality + needs − penalties

- relevance ∈ [0, 1]: weighted fusion of the three signals, each as its percentile among the
  calls; ``"lexical"`` or ``"dense"`` use one side (for the evaluation);
- locality: a prior for programmes of the Verbund's own town > own Land > eastern Länder;
- needs: migrant organisations named as applicants, and — for a profile aiming at placement
  type II/III — calls that pay for coordination, steering or lasting structures;
- penalties: soft eligibility problems (e.g. a population limit a Stadtteil may get around).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np

from corpus.format_de import euro, percent
from corpus.labels import Addressee, ApplicantType, FundingForm, SteeringLevel
from corpus.model import FundingCall
from matcher import fusion, learned
from matcher import signals as sig
from matcher.eligibility import Eligibility, check
from matcher.features import MIGRATION_CUE, STRUCTURE_CUE, build_table, vector_parts, vector_scores
from matcher.feedback import MARKED_DE, NEGATIVE, Feedback
from matcher.indexes import Indexes, call_text, ensure_indexes
from matcher.lexical import analyse, phrase_hits
from matcher.profile import Profile
from matcher.results import RankedCall, deadline_fields
from matcher.settings import settings

# "fused": the learned model over all signals (matcher/learned.py); "handset": the earlier
# hand-set weights and boosts; "lexical"/"dense": the hand-set score with one relevance side
METHODS = ("fused", "handset", "lexical", "dense")
# Named weights, boosts and feedback strengths live in ``matcher.settings`` (read on first use,
# environment prefix KULISSE_): Rocchio on the model's weights (feature_feedback), similarity to
# marked calls (similarity_feedback), the hand-set fusion weights (w_lex, w_cov, w_dense; BM25 and
# field coverage carry more: the default embedding model was trained on English), fusion, normalise,
# rrf_k, and the locality prior and needs (boost_*, co_steering_factor; docs/matching.md).
# plain words (``--query``) or "Ähnliche Aufrufe": the topic fit (0–1) counts this many times the
# model's percentile, so the topic leads; the profile's eligibility rules still apply
QUERY_WEIGHT = 2.0
SINK = 100.0  # a call marked "passt nicht"/"weniger davon" itself goes to the end of the list
SIMILAR = 0.5  # similarity (mean of scaled BM25 and cosine) from which a reason names the marked call
MAX_REASONS = 6


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
        score += settings().boost_structure * steps * settings().co_steering_factor
    structural = False
    if labels is not None:
        structural = (
            labels.steering_level in (SteeringLevel.koordination, SteeringLevel.strategie)
            or labels.funding_form
            in (FundingForm.teil_institutionell, FundingForm.institutionell, FundingForm.struktur)
            or labels.placement_type >= 2
        )
    elif call.funding_form in (FundingForm.teil_institutionell, FundingForm.institutionell, FundingForm.struktur):
        structural = True
    cue = STRUCTURE_CUE.search(call.summary_de or "")
    if structural or cue:
        if steps:
            score += settings().boost_structure * steps
            what = f"„{cue.group(0)}“" if cue else "Koordination und Strukturen"
            reasons.append(f"fördert {what} – hilft auf dem Weg zu Platzierungstyp {'I' * profile.placement_goal}")
    return _Needs(score, reasons)


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + " …"


def _local_needs(call: FundingCall, profile: Profile, elig: Eligibility) -> _Needs:
    cfg = settings()
    score, reasons = 0.0, []
    if any(f.rule == "ort" and not f.blocking for f in elig.findings):
        score += cfg.boost_city
    elif call.region == profile.land:
        score += cfg.boost_land
    elif any(f.rule == "region" and not f.blocking for f in elig.findings):  # east programme, region DE
        score += cfg.boost_region
    if {ApplicantType.mo, ApplicantType.verbund} & set(call.applicants) or (
        call.labels is not None and call.labels.addressee in (Addressee.mo, Addressee.ko_steuerung)
    ):
        score += cfg.boost_mo
    return _Needs(score, reasons)


def _own_share_note(call: FundingCall, profile: Profile) -> str | None:
    share = call.amount_terms.own_share_pct
    if share and share >= 10 and profile.own_funds_eur < 10_000:
        funds = euro(profile.own_funds_eur, cents=False)
        return f"Eigenanteil {percent(share)} nötig – bei {funds} Eigenmitteln im Jahr knapp"
    return None


def _align(values: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """``values`` (in index order) picked for each call; 0 where the index lacks the call."""
    padded = np.append(np.asarray(values, dtype=np.float64), 0.0)
    return padded[positions]


def _positions(index_ids: list[str], calls: list[FundingCall]) -> np.ndarray:
    pos = {i: n for n, i in enumerate(index_ids)}
    return np.fromiter((pos.get(c.id, len(index_ids)) for c in calls), dtype=np.int64, count=len(calls))


def _signals(
    calls: list[FundingCall],
    profile: Profile,
    index: Indexes,
    method: str,
    *,
    query: str | None = None,
    like: str | None = None,
    feedback: Feedback | None = None,
) -> sig.Signals:
    """The raw signals for ``profile`` (or a plain-words ``query``, or calls like ``like``)."""
    cache = _cache(index, calls)
    if "lex_pos" not in cache:
        cache["lex_pos"] = _positions(index.lexical.ids, calls)
    text = query if query else profile.query_text()
    phrases = [w for w in re.findall(r"\w{4,}", query)] if query else profile.fields_of_action + profile.target_groups
    vecs, dense_pos = None, None
    if index.dense is not None and method != "lexical":
        if "dense_pos" not in cache:
            cache["dense_pos"] = _positions(index.dense.ids, calls)
        dense_pos = cache["dense_pos"]
        if like is None:
            from matcher.embedding import ModelUnavailable

            try:
                vecs, computed = index.dense.profile_vector(text, embed=index.embed)
            except ModelUnavailable as exc:  # the calls are embedded, but this profile text is new
                index.warning = f"{exc} Die Rangfolge nutzt nur den Stichwortindex."
                index.dense = None
                return _signals(calls, profile, index, "lexical", query=query, like=like, feedback=feedback)
            if computed:
                index.save_profiles()
    return sig.compute(
        index,
        cache["lex_pos"],
        dense_pos,
        query=text,
        phrases=phrases,
        query_vectors=vecs,
        like=like,
        feedback=feedback,
    )


def _relevance(s: sig.Signals, index: Indexes, method: str) -> np.ndarray:
    """The hand-set relevance in [0, 1] (methods "handset", "lexical", "dense")."""
    cfg = settings()
    lex, cover, dense = s.lex, s.cover, s.dense
    norm = fusion.NORMALISERS[cfg.normalise]
    if method == "lexical" or index.dense is None:
        return fusion.weighted_score_fusion([lex, cover], [cfg.w_lex, cfg.w_cov], norm)
    if method == "dense":
        return norm(dense)
    if cfg.fusion == "rrf":
        lexical_rel = fusion.weighted_score_fusion([lex, cover], [cfg.w_lex, cfg.w_cov], norm)
        return fusion.minmax(fusion.reciprocal_rank_fusion([lexical_rel, lexical_rel, dense], k=cfg.rrf_k))
    return fusion.weighted_score_fusion([lex, cover, dense], [cfg.w_lex, cfg.w_cov, cfg.w_dense], norm)


def model_features(calls: list[FundingCall], profile: Profile, index: Indexes, s: sig.Signals, today: date):
    """(feature matrix, eligible, rule parts) of the learned model for every call."""
    cache = _cache(index, calls)
    parts, eligible = vector_parts(_table(index, calls), profile, today)
    if "arrays" not in cache:
        cache["arrays"] = learned.call_arrays(calls)
    return learned.features(parts, cache["arrays"], s.lex, s.cover, s.dense, profile.placement_goal), eligible, parts


def learned_scores(
    x: np.ndarray,
    model: learned.Model,
    calls: list[FundingCall],
    feedback: Feedback | None,
    s: sig.Signals | None = None,
    topical: bool = False,
) -> np.ndarray:
    """The model's score, with Rocchio on its weights, the similarity to marked calls, the marked
    "fewer like this" calls last; ``topical`` (a query or "Ähnliche Aufrufe") adds the topic fit."""
    scores = model.score(x)
    if topical and s is not None:  # the topic leads; the model (as a percentile) breaks near-ties
        scores = fusion.percentile(scores) + QUERY_WEIGHT * (sig.scaled(s.lex) + sig.scaled(s.dense)) / 2
    if feedback:
        scores = scores + feature_feedback(x, model, calls, feedback) - _sink(calls, feedback)
        if s is not None and s.similarity:
            scores = scores + _closest(s, feedback)
    return scores


def _closest(s: sig.Signals, feedback: Feedback) -> np.ndarray:
    """Neighbours of the marks: + the mean similarity to the calls marked fitting, − the similarity
    to the closest call marked "fewer like this" (so a "weniger davon" also moves the calls like it
    down). The mean, not the nearest fitting mark: on the simulation the mean ordered the unmarked
    calls better (docs/matching.md)."""
    n = len(s.lex)
    fitting = [sim for c, sim in s.similarity.items() if feedback.marks.get(c) not in NEGATIVE]
    fewer = [sim for c, sim in s.similarity.items() if feedback.marks.get(c) in NEGATIVE]
    cfg = settings()
    up = np.mean(fitting, axis=0) if fitting else np.zeros(n)
    down = np.max(fewer, axis=0) if fewer else np.zeros(n)
    return cfg.similarity_feedback * up - cfg.similarity_feedback_negative * down


def feature_feedback(x: np.ndarray, model: learned.Model, calls: list[FundingCall], feedback: Feedback) -> np.ndarray:
    """Rocchio on the model's weights: w' = w + η·(mean z of fitting marks − mean z of "fewer" marks),
    in standard units z; returns z·(w' − w)."""
    row = {c.id: n for n, c in enumerate(calls)}
    z = model.standardise(x)
    shift = np.zeros(z.shape[1])
    for ids, sign in ((feedback.positive, 1.0), (feedback.negative, -1.0)):
        rows = [row[c] for c in ids if c in row]
        if rows:
            shift += sign * z[rows].mean(axis=0)
    return settings().feature_feedback * (z @ shift)


def _sink(calls: list[FundingCall], feedback: Feedback) -> np.ndarray:
    negative = set(feedback.negative)
    return np.fromiter((SINK if c.id in negative else 0.0 for c in calls), dtype=np.float64, count=len(calls))


def _doc_stems(call: FundingCall, lexical) -> set[str]:
    if lexical.hashes.get(call.id) == call.content_hash:  # the index has the call's stems already
        return set(lexical.doc_terms(call.id))
    (tokens,), _ = analyse([call_text(call)], lexical.vocabulary)
    return set(tokens)


def _fit_reasons(call: FundingCall, profile: Profile, lexical) -> list[str]:
    doc = _doc_stems(call, lexical)
    reasons = [f"passt zu Handlungsfeld {f}" for f in profile.fields_of_action if phrase_hits(f, doc, lexical)]
    reasons += [f"Zielgruppe: {g}" for g in profile.target_groups if phrase_hits(g, doc, lexical)]
    return reasons


def _labels_ready(store) -> None:
    """Let the classifier label stale calls first."""
    from matcher.classifier import ensure_labels

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
    feedback: Feedback | None = None,
    query: str | None = None,
    like: str | None = None,
    model: learned.Model | None = None,
    dense: bool = True,
) -> list[RankedCall]:
    """The ranked calls for ``profile`` on ``today`` (see the module docstring).

    ``limit`` only bounds how many eligible results are returned (the ranking itself is the same).
    ``feedback``: the Verbund's marks (default: the statuses of the store; none for a list of
    calls). ``query``: plain words instead of the profile text; ``like``: calls similar to this
    call id (the call itself is left out). The profile's eligibility rules apply in every case.
    ``dense=False`` never loads the language model: the learned model then ranks without the dense
    signal (as when the model cannot be loaded).
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    if isinstance(store_or_calls, list):
        calls, directory = store_or_calls, None
    else:
        from corpus.paths import index_dir
        from matcher.feedback import load_feedback

        _labels_ready(store_or_calls)
        calls, directory = store_or_calls.calls(), index_dir(store_or_calls.path)
        if feedback is None:
            feedback = load_feedback(store_or_calls, profile.key)
    if index is None:
        index = ensure_indexes(calls, directory, dense=dense and method != "lexical", progress=progress, embed=embed)
    if not calls:
        return []
    s = _signals(calls, profile, index, method, query=query, like=like, feedback=feedback)
    if method == "fused":
        x, eligible, _ = model_features(calls, profile, index, s, today)
        scores = learned_scores(
            x, model or learned.load_model(), calls, feedback, s, topical=bool(query) or like is not None
        )
    else:
        scores, eligible = vector_scores(_table(index, calls), _relevance(s, index, method), profile, today)
        if feedback:
            scores = scores - _sink(calls, feedback)
    order = np.lexsort((np.arange(len(calls)), -scores, ~eligible))  # eligible first, best first
    profile_key = profile.model_dump_json()
    titles = {c.id: c.title for c in calls} if s.similarity else {}
    like_title = next((c.title for c in calls if c.id == like), like or "")
    results: list[RankedCall] = []
    shown = 0
    for n in order:
        call = calls[n]
        if call.id == like:
            continue
        if not eligible[n]:
            if not include_ineligible:
                break
        elif limit is not None and shown >= limit:
            if not include_ineligible:
                break
            continue
        else:
            shown += 1
        marks = _feedback_reasons(call.id, n, s, feedback, titles) + _query_reasons(call, query, index.lexical)
        if like is not None:
            marks.insert(0, f"ähnlich wie ‚{_shorten(like_title, 60)}‘")
        results.append(
            _materialise(
                call,
                profile,
                today,
                index,
                float(scores[n]),
                float(s.lex[n]),
                float(s.dense[n]),
                len(results) + 1,
                marks,
                profile_key,
            )
        )
    return results


def _query_reasons(call: FundingCall, query: str | None, lexical) -> list[str]:
    """Which words of a plain-words query the call contains."""
    if not query:
        return []
    words = [w for w in re.findall(r"\w{4,}", query) if phrase_hits(w, _doc_stems(call, lexical), lexical)]
    return [f"passt zur Suche: {', '.join(words)}"] if words else []


def _feedback_reasons(
    call_id: str, n: int, s: sig.Signals, feedback: Feedback | None, titles: dict[str, str]
) -> list[str]:
    """Why the Verbund's marks moved this call: its own mark, or the most similar marked call."""
    if not feedback:
        return []
    own = feedback.marks.get(call_id)
    if own is not None:
        return [f"von Ihnen {MARKED_DE[own]}" + (" – steht deshalb weiter unten" if own in NEGATIVE else "")]
    best = max(((sim[n], c) for c, sim in s.similarity.items() if c != call_id), default=None)
    if best is None or best[0] < SIMILAR:
        return []
    other = best[1]
    return [f"ähnlich wie ‚{_shorten(titles.get(other, other), 60)}‘, das {MARKED_DE[feedback.marks[other]]} ist"]


def scalar_score(
    call: FundingCall, profile: Profile, today: date, relevance: float
) -> tuple[float, Eligibility, _Needs]:
    """The score of one call the readable way (what ``vector_scores`` computes for all at once)."""
    elig = check(call, profile, today)
    structure = _structure_needs(call, profile)
    migration = settings().boost_migration if MIGRATION_CUE.search(call.summary_de) else 0.0
    score = relevance + _local_needs(call, profile, elig).score + structure.score + migration - elig.penalty
    return score, elig, structure


def _materialise(call, profile, today, index, score, lex, dense, rank_no, marks=(), profile_key="") -> RankedCall:
    elig, reasons = _checked(call, profile, today, index, profile_key)
    reasons = _dedupe(list(marks) + reasons)[:MAX_REASONS] if elig.eligible else list(marks) + reasons
    return RankedCall(
        call=call,
        rank=rank_no,
        score=score,
        eligible=elig.eligible,
        reasons=_dedupe(reasons),
        dense_score=dense,
        lexical_score=lex,
        **deadline_fields(call, today),
    )


def _checked(call, profile, today, index, profile_key: str) -> tuple[Eligibility, list[str]]:
    """The readable rules and the reasons of one call, kept while the same calls are ranked again
    for the same profile and day (the TUI after a mark, the evaluation, the benchmark)."""
    memo = index.cache.setdefault("checked", {})
    key = (call.id, profile_key, today) if profile_key else None
    if key in memo:
        return memo[key]
    elig = check(call, profile, today)
    reasons = elig.reasons()
    if elig.eligible:
        # what a coordinator needs first: place, deadline, steering, fit; formalities last
        rules = {f.rule: f.text for f in elig.findings}
        place = rules.get("ort") or rules.get("ort_unklar") or rules.get("region")  # an unclear place is worth a look
        first = [
            t
            for t in (
                place,
                rules.get("frist"),
                rules.get("einwohner"),
                rules.get("verfahren"),
                rules.get("starthilfe"),
            )
            if t
        ]
        fit = _fit_reasons(call, profile, index.lexical)
        last = [
            t for t in (rules.get("antragsteller"), rules.get("gemeinnuetzig"), _own_share_note(call, profile)) if t
        ]
        reasons = _dedupe(first + _structure_needs(call, profile).reasons + fit + last)
    if key is not None:
        memo[key] = (elig, reasons)
    return elig, reasons


def _cache(index: Indexes, calls: list[FundingCall]) -> dict:
    """Per-corpus work (feature table, index alignment), kept on the index while the same list of
    calls is ranked again – for other profiles or other days."""
    key = (id(calls), len(calls), calls[0].id, calls[-1].id)
    if index.cache.get("key") != key:
        index.cache.clear()
        index.cache["key"] = key
    return index.cache


def _table(index: Indexes, calls: list[FundingCall]):
    cache = _cache(index, calls)
    if "table" not in cache:
        cache["table"] = build_table(calls)
    return cache["table"]


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


__all__ = ["rank", "scalar_score", "METHODS"]
