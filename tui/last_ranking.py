"""The last ranking ``match`` showed per profile, so that ``draft --call 3`` means "rank 3".

Kept in the data folder (``<Datenordner>/rangfolgen/<kürzel>-<datenbank>.json``) together with the database
it came from: a rank only means something for the list the person actually saw.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from tui.errors import KulisseError


def _path(profile_key: str, db: Path) -> Path:
    """One file per profile and database: two databases never overwrite each other's lists."""
    import hashlib

    from corpus.paths import data_dir

    tag = hashlib.sha256(str(Path(db).resolve()).encode("utf-8")).hexdigest()[:8]
    return data_dir() / "rangfolgen" / f"{profile_key}-{tag}.json"


def save(profile_key: str, db: Path, ranked: list[tuple[int, str]]) -> None:
    """Remember (rank, call id) of what was shown; a failure to write never spoils ``match``."""
    path = _path(profile_key, db)
    record = {
        "profil": profile_key,
        "datenbank": str(Path(db).resolve()),
        "zeit": datetime.now().isoformat(timespec="seconds"),
        "rangfolge": [{"rang": r, "id": i} for r, i in ranked],
    }
    try:
        from corpus.atomic import write_text_atomic

        path.parent.mkdir(parents=True, exist_ok=True)
        # a unique temp name: two match runs at once never share one, a full disk leaves none
        write_text_atomic(path, json.dumps(record, ensure_ascii=False, indent=1))
    except OSError:
        pass


def id_at_rank(profile_key: str, db: Path, rank: int) -> str:
    """The call id shown at ``rank`` by the last ``match`` for this profile (German error otherwise)."""
    hint = f"Bitte zuerst „kulisse match --profile {profile_key}“ ausführen oder die Kennung angeben."
    try:
        record = json.loads(_path(profile_key, db).read_text(encoding="utf-8"))
        ranked = {int(e["rang"]): str(e["id"]) for e in record["rangfolge"]}
    except FileNotFoundError:
        raise KulisseError(f"Für das Profil {profile_key} gibt es noch keine Rangfolge. {hint}") from None
    except (OSError, ValueError, KeyError, TypeError):
        raise KulisseError(f"Die gespeicherte Rangfolge für {profile_key} ist unlesbar. {hint}") from None
    if record.get("datenbank") != str(Path(db).resolve()):
        raise KulisseError(
            f"Die letzte Rangfolge für {profile_key} stammt aus einer anderen Datenbank "
            f"({record.get('datenbank')}). {hint}"
        )
    if rank not in ranked:
        shown = f"1–{max(ranked)}" if ranked else "keine"
        raise KulisseError(
            f"Rang {rank} stand nicht in der letzten Liste für {profile_key} (gezeigt: {shown}). "
            f"Mit „kulisse match --profile {profile_key} --top {rank}“ mehr zeigen."
        )
    return ranked[rank]


def resolve(ref: str, ids: list[str], *, profile_key: str, db: Path, titles=None) -> str:
    """A call id from what a person typed: an id, a rank of the last list, or an unambiguous prefix."""
    ref = ref.strip()
    if ref in ids:
        return ref
    if ref.isdigit() and len(ref) <= 4:
        return id_at_rank(profile_key, db, int(ref))
    lowered = ref.lower()
    matches = sorted(i for i in ids if i.lower().startswith(lowered)) if lowered else []
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise KulisseError(
            f"Kein Aufruf mit der Kennung „{ref}“ in der Datenbank. Kennungen und Rangnummern "
            f"zeigt „kulisse match --profile {profile_key}“; --call 3 wählt Rang 3."
        )
    listing = "\n".join(f"  {i}" + (f" – {titles(i)}" if titles else "") for i in matches[:12])
    more = f"\n  … und {len(matches) - 12} weitere" if len(matches) > 12 else ""
    raise KulisseError(f"„{ref}“ passt zu {len(matches)} Aufrufen – bitte genauer angeben:\n{listing}{more}")
