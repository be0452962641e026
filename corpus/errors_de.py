"""German reasons for operating-system errors.

``OSError.strerror`` is English ("No space left on device") whatever the user's language; the
people using Kulisse read German. Every message that names a file problem goes through here.
"""

from __future__ import annotations

import errno

ERRNO_DE = {
    errno.ENOSPC: "kein Platz mehr auf dem Datenträger – bitte Platz schaffen und erneut versuchen",
    errno.EDQUOT: "das Speicherkontingent ist erschöpft – bitte Platz schaffen und erneut versuchen",
    errno.EFBIG: "die Datei wird zu groß für diesen Datenträger",
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.EROFS: "der Datenträger ist schreibgeschützt",
    errno.ENOENT: "Datei oder Ordner gibt es nicht",
    errno.EISDIR: "das ist ein Ordner, keine Datei",
    errno.ENOTDIR: "ein Teil des Pfads ist kein Ordner",
    errno.EEXIST: "die Datei gibt es schon",
    errno.ENAMETOOLONG: "der Dateiname ist zu lang",
    errno.EIO: "Lese- oder Schreibfehler des Datenträgers",
    errno.EMFILE: "zu viele offene Dateien",
    errno.ENFILE: "zu viele offene Dateien",
    errno.EBUSY: "die Datei ist gerade in Benutzung",
    errno.ETXTBSY: "die Datei ist gerade in Benutzung",
    errno.EXDEV: "Verschieben zwischen Datenträgern ist hier nicht möglich",
    errno.ENOMEM: "nicht genug Arbeitsspeicher",
}


def os_error_de(exc: BaseException) -> str:
    """The reason of ``exc`` in German (an unknown errno keeps its number for a search)."""
    code = getattr(exc, "errno", None)
    if code in ERRNO_DE:
        return ERRNO_DE[code]
    if code:
        return f"Fehler des Betriebssystems Nr. {code}"
    return "unbekannter Fehler beim Dateizugriff"


def is_disk_full(exc: BaseException) -> bool:
    return getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
