"""``draft --call``: a rank of the last list, an ID, or an unambiguous beginning of one."""

from __future__ import annotations

import pytest

from tui import last_ranking
from tui.errors import KulisseError

IDS = ["bund-esf-bildungskommunen", "bund-esf-elternchancen", "land-nrw-komm-an"]


def test_rank_prefix_and_id(tmp_path):
    db = tmp_path / "k.sqlite"
    last_ranking.save("vmdo", db, [(1, "land-nrw-komm-an"), (2, "bund-esf-elternchancen")])
    assert last_ranking.resolve("2", IDS, profile_key="vmdo", db=db) == "bund-esf-elternchancen"
    assert last_ranking.resolve("land-nrw", IDS, profile_key="vmdo", db=db) == "land-nrw-komm-an"
    assert last_ranking.resolve("bund-esf-elternchancen", IDS, profile_key="vmdo", db=db) == "bund-esf-elternchancen"


def test_ambiguous_prefix_lists_the_candidates_in_german(tmp_path):
    with pytest.raises(KulisseError) as exc:
        last_ranking.resolve("bund-esf", IDS, profile_key="vmdo", db=tmp_path / "k.sqlite", titles=str.upper)
    text = str(exc.value)
    assert "passt zu 2 Aufrufen" in text and "bund-esf-bildungskommunen – BUND-ESF-BILDUNGSKOMMUNEN" in text


def test_rank_without_or_outside_the_last_list(tmp_path):
    db = tmp_path / "k.sqlite"
    with pytest.raises(KulisseError, match="noch keine Rangfolge"):
        last_ranking.resolve("3", IDS, profile_key="vmdo", db=db)
    last_ranking.save("vmdo", db, [(1, "land-nrw-komm-an")])
    with pytest.raises(KulisseError, match="Rang 3 stand nicht in der letzten Liste"):
        last_ranking.resolve("3", IDS, profile_key="vmdo", db=db)
    with pytest.raises(KulisseError, match="noch keine Rangfolge"):  # another database: its own lists
        last_ranking.resolve("1", IDS, profile_key="vmdo", db=tmp_path / "andere.sqlite")
    with pytest.raises(KulisseError, match="Kein Aufruf mit der Kennung „xyz“"):
        last_ranking.resolve("xyz", IDS, profile_key="vmdo", db=db)
