"""TOML syntax errors in German, with the line people have to look at.

``tomllib`` says "Illegal character '\\n' (at line 3, column 10)"; a coordinator editing a profile
needs to read what is wrong and where, in German, and the usual cause (a missing quote).
"""

from __future__ import annotations

import re

_WHERE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")
_MESSAGES = [
    (r"Illegal character (.+)", "unerlaubtes Zeichen {0} – fehlt ein schließendes Anführungszeichen?"),
    (r"Unterminated string", "Text ohne schließendes Anführungszeichen"),
    (r"Expected '=' after a key in a key/value pair", 'nach dem Feldnamen fehlt „=“ (Form: name = "Wert")'),
    (r"Invalid value", 'ungültiger Wert – Text gehört in Anführungszeichen, z. B. name = "Wert"'),
    (r"Invalid statement", 'ungültige Zeile (Form: name = "Wert")'),
    (r"Invalid initial character for a key part", "ungültiger Feldname (erlaubt: Buchstaben, Ziffern, _ und -)"),
    (r"Cannot overwrite a value", "das Feld steht zweimal in der Datei"),
    (r"Cannot declare (.+) twice", "{0} steht zweimal in der Datei"),
    (r"Cannot redefine namespace (.+)", "Abschnitt {0} steht zweimal in der Datei"),
    (r"Cannot mutate immutable namespace (.+)", "{0} lässt sich hier nicht mehr ändern"),
    (r"Duplicate inline table key (.+)", "Feld {0} steht zweimal"),
    (r"Unclosed array", "Liste ohne schließende Klammer „]“"),
    (r"Unclosed inline table", "Tabelle ohne schließende Klammer „}“"),
    (r"Expected '\]' at the end of a table declaration", "Abschnittsname ohne schließende Klammer „]“"),
    (r"Expected '\]\]' at the end of an array declaration", "Abschnittsname ohne schließendes „]]“"),
    (r"Expected (.+)", "erwartet wurde {0}"),
    (r"Found invalid character (.+)", "ungültiges Zeichen {0}"),
    (r"Invalid date or datetime", "ungültiges Datum (Form: 2026-03-01)"),
    (r"Invalid hex value", "ungültige Hexadezimalzahl"),
    (r"Unescaped '\\\\' in a string", "ein \\ im Text muss doppelt geschrieben werden (\\\\)"),
    (r"Escaped character is not a Unicode scalar value", "ungültiges Unicode-Zeichen"),
]


def german(exc: Exception) -> str:
    """'Zeile 3, Spalte 10: unerlaubtes Zeichen …' for a ``tomllib.TOMLDecodeError``."""
    text = str(exc)
    where = ""
    m = _WHERE.search(text)
    if m:
        where = f"Zeile {m.group(1)}, Spalte {m.group(2)}: " if m.group(1) else "am Dateiende: "
        text = text[: m.start()]
    if text.startswith("Illegal character '\\n'"):
        return (
            where
            + 'Zeilenumbruch mitten im Text – fehlt ein schließendes Anführungszeichen? (Mehrzeiliges in """ … """)'
        )
    for pattern, german_text in _MESSAGES:
        hit = re.fullmatch(pattern, text)
        if hit:
            return where + german_text.format(*hit.groups())
    return where + f"ungültiges TOML ({text})"
