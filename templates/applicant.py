"""Who is named as applicant in a draft: the Verbund, or the municipality with the Verbund as partner.

Some calls only the municipality may apply for (``matcher.who_applies`` decides, the draft
command passes the answer in); an application naming the Verbund would be rejected unread.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def applicant_values(profile: Mapping[str, Any], kommune_partner: str | None, municipality_applies: bool) -> dict:
    verbund = str(profile.get("name") or "").strip() or None
    seat = str(profile.get("municipality") or "").strip()
    if verbund and seat and _names_town(verbund, seat):
        seat = ""  # "… Migrantenvereine in Dortmund, Dortmund" says the town twice
    if not municipality_applies or not kommune_partner:
        line = ", ".join(p for p in (verbund, seat) if p) or None
        return {"antragsteller": verbund, "antragsteller_zeile": line, "verbund_rolle": "Antragsteller"}
    partner = f"{verbund} ({seat})" if verbund and seat else verbund or "dem Verbund"
    return {
        "antragsteller": kommune_partner,
        "antragsteller_zeile": f"{kommune_partner} in Kooperation mit {partner}",
        "verbund_rolle": f"Kooperationspartner – antragsberechtigt ist nach dem Aufruf nur die Kommune "
        f"({kommune_partner})",
    }


def _names_town(name: str, town: str) -> bool:
    import re

    short = re.sub(r"\s*\(.*?\)", "", town).strip()  # "Halle (Saale)" is named as "Halle"
    return bool(short) and re.search(rf"\b{re.escape(short)}\b", name) is not None


def municipality_note(kommune_partner: str, verbund: str) -> str:
    """The hint written into the document's Prüfhinweise."""
    return (
        f"Antragsberechtigt ist nur die Kommune: {kommune_partner} stellt den Antrag, {verbund} ist "
        "Kooperationspartner. Bitte mit der Kommune abstimmen; die Vorlage „kooperationsvereinbarung“ "
        "hält die Rollen fest."
    )
