"""Kill and resume: a crawl or an index build killed at any point leaves an intact database
holding everything from before, the next run completes, and an index is rebuilt or repaired,
never read half-written (the ranking after a killed build equals that of a clean build)."""
from __future__ import annotations

import builtins
import os
import shutil
from datetime import date

import numpy as np
import pytest

from corpus.model import call_from_record
from matcher.indexes import ensure_indexes
from matcher.profile import load_profile
from matcher.ranking import rank
from tests.reliability.helpers import WordHashEmbedder, synthetic_record

TODAY = date(2026, 12, 1)


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no cleanup, no except clause catches it."""


def corpus_a():
    return [call_from_record(synthetic_record(n)) for n in range(10)]


def corpus_b():
    """A minus one call, plus a new one, one text changed: the same number of passages, and
    the ids shift position (the case where mixing old params and new vectors would misattribute)."""
    calls = [call_from_record(synthetic_record(n)) for n in range(10) if n != 1]
    calls[2] = call_from_record(synthetic_record(3, variant=1))
    return calls + [call_from_record(synthetic_record(10))]


def fingerprint(calls, directory):
    """What a user sees: the ranking for a profile, plus both indexes' raw scores per id."""
    index = ensure_indexes(calls, directory, embed=WordHashEmbedder())
    profile = load_profile("vmdo")
    ranking = [(r.call.id, round(r.score, 5)) for r in rank(calls, profile, today=TODAY, index=index,
                                                           include_ineligible=True)]
    query = WordHashEmbedder()(["Seniorenarbeit Koordinierungsstelle Quartier"])[0]
    dense = dict(zip(index.dense.ids, np.round(index.dense.scores(query), 5)))
    lexical = dict(zip(index.lexical.ids, np.round(index.lexical.scores("Seniorenarbeit Quartier"), 5)))
    return ranking, dense, lexical


def crash_at(k: int, monkeypatch):
    """Abort the process-to-be at the k-th file write or rename (each write point in turn)."""
    count = {"n": 0}
    real_open, real_replace, real_save = builtins.open, os.replace, np.save

    def tick():
        count["n"] += 1
        if count["n"] == k:
            raise Killed()

    def open_(file, mode="r", *a, **kw):
        if any(m in mode for m in "wax"):
            tick()
        return real_open(file, mode, *a, **kw)

    def replace(src, dst, *a, **kw):
        tick()
        return real_replace(src, dst, *a, **kw)

    def save(file, *a, **kw):
        tick()
        return real_save(file, *a, **kw)

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(np, "save", save)
    return count


@pytest.mark.parametrize("after", ["b", "a"], ids=["weiter-mit-neuem-korpus", "zurueck-zum-alten-korpus"])
def test_index_build_interrupted_at_every_write_is_repaired_never_read_stale(tmp_path, after):
    """An index of corpus A is updated to corpus B and killed at write k; the next build is for
    B again, or for A (the calls changed back meanwhile): both must equal a clean build."""
    target = corpus_b if after == "b" else corpus_a
    clean = tmp_path / "clean"
    expected = fingerprint(target(), clean)
    base = tmp_path / "a"
    ensure_indexes(corpus_a(), base, embed=WordHashEmbedder())
    points = 0
    for k in range(1, 200):
        directory = tmp_path / f"k{k}"
        shutil.copytree(base, directory)
        with pytest.MonkeyPatch.context() as mp:
            crash_at(k, mp)
            try:
                ensure_indexes(corpus_b(), directory, embed=WordHashEmbedder())
            except Killed:
                pass
            else:
                break  # k is past the last write: the build finished
        points += 1
        assert fingerprint(target(), directory) == expected, f"nach Abbruch an Schreibstelle {k}"
    assert points >= 8  # every file of both indexes was a crash point


def test_the_stale_index_check_can_fail(tmp_path):
    """A corpus-A index compared with corpus B does differ (the comparison above has teeth)."""
    assert fingerprint(corpus_a(), tmp_path / "a") != fingerprint(corpus_b(), tmp_path / "b")
