"""The matcher's named numbers: soft eligibility penalties, the hand-set boosts and fusion weights.

One typed object, read from the environment (prefix ``KULISSE_``, e.g. ``KULISSE_W_LEX=0.6``) the
first time ``settings()`` is called – never at import. ``docs/matching.md`` explains each value.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


class MatcherSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KULISSE_", extra="ignore", frozen=True)

    # -- soft eligibility penalties (subtracted from the hand-set score; features of the learned model)
    penalty_local_unknown: float = 0.30  # a local programme whose place cannot be read: check first
    penalty_passed_on: float = 0.05  # the municipality applies, the money or the steering reaches the Verbund
    penalty_nationwide: float = 0.30  # only for nationwide organisations: a local Verbund via umbrella/consortium
    penalty_unclear_procedure: float = 0.15  # "keine offene Ausschreibung bekannt"
    penalty_stadtteil: float = 0.08  # a town size limit the Verbund meets only with one district
    penalty_start_aid: float = 0.25  # start-up aid for new initiatives, the Verbund is established

    # -- thresholds of the rules
    established_members: int = 30  # member organisations from which a Verbund counts as established
    established_years: int = 10  # … or years since founding
    rural_city_population: int = 100_000  # a town this size is no rural area
    min_population_cap: int = 1_000  # smaller "bis N Einwohner" figures are not town size limits

    # -- hand-set score: locality prior and needs (units of the percentile relevance)
    boost_city: float = 0.70  # a programme of the Verbund's own town
    boost_land: float = 0.35  # … of its own Land
    boost_region: float = 0.15  # a nationwide programme only for the eastern Länder, for a Verbund there
    boost_mo: float = 0.05  # migrant organisations or Verbünde named as applicants
    boost_structure: float = 0.06  # per placement step the profile still wants to climb
    co_steering_factor: float = 2.5  # co-steering calls get this many times boost_structure more
    boost_migration: float = 0.03  # the call names migration, integration or refugees

    # -- hand-set relevance fusion
    w_lex: float = 0.55  # BM25 (KULISSE_W_LEX)
    w_cov: float = 0.35  # field coverage (KULISSE_W_COV)
    w_dense: float = 0.10  # best passage cosine (KULISSE_W_DENSE)
    fusion: Literal["weighted", "rrf"] = "weighted"
    normalise: Literal["rank", "minmax"] = "rank"
    rrf_k: float = 10.0

    # -- relevance feedback of the learned ranking (the Verbund's marks). Chosen on the feedback
    # simulation (matcher.train_ranker.simulate_feedback, FEEDBACK_GRID; docs/matching.md): calls
    # like a "fewer" mark are on average *better* graded there (it came from the top of the list
    # for a reason), so the negative parts stay small
    rocchio_lex_beta: float = 1.0  # Rocchio on the BM25 query: + β × the calls marked fitting
    rocchio_lex_gamma: float = 0.0  # − γ × the calls marked "fewer like this"
    rocchio_dense_beta: float = 0.0  # the same on the passage vectors of the query
    rocchio_dense_gamma: float = 0.0
    feature_feedback: float = 0.05  # Rocchio on the model's weights (standard units)
    similarity_feedback: float = 8.0  # + × mean similarity to the calls marked fitting
    similarity_feedback_negative: float = 0.25  # − × similarity to the closest call marked "fewer"


@lru_cache(maxsize=1)
def _from_environment() -> MatcherSettings:
    return MatcherSettings()


_OVERRIDES: list[MatcherSettings] = []


def settings() -> MatcherSettings:
    """The settings, read from the environment on first use (``settings.cache_clear()`` re-reads)."""
    return _OVERRIDES[-1] if _OVERRIDES else _from_environment()


settings.cache_clear = _from_environment.cache_clear  # type: ignore[attr-defined]


@contextmanager
def overridden(**values) -> Iterator[MatcherSettings]:
    """Other values for a while (the feedback simulation compares several); not thread-safe."""
    current = settings().model_copy(update=values)
    _OVERRIDES.append(current)
    try:
        yield current
    finally:
        _OVERRIDES.remove(current)
