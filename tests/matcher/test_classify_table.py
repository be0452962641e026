"""``classify --format table`` never cuts an ID (a cut ID fails in ``draft``) and shows German names."""

from __future__ import annotations

from corpus.seed import open_store
from matcher.prebuilt import apply_labels
from tui.commands.classify_cmds import table_lines


def test_every_id_whole_wide_and_narrow(tmp_path):
    with open_store(tmp_path / "k.sqlite") as store:
        if not apply_labels(store):
            from matcher.classifier import ensure_labels

            ensure_labels(store)
        calls = store.calls()
    ids = {c.id for c in calls}
    for width in (200, 80):
        lines = table_lines(calls, width)
        words = {w for line in lines for w in line.split()}
        assert ids <= words, width
        text = "\n".join(lines)
        assert "beide_praxis" not in text and "teil_institutionell" not in text
    assert all(len(line) <= 80 for line in table_lines(calls, 80))
