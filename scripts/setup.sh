#!/usr/bin/env bash
# Creates .venv at the repo root and installs Kulisse into it; quick when nothing changed.
# torch comes first as the CPU build (torch==2.13.0): any other torch pulls a multi-GB CUDA build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.kulisse-installed"
WANT="$(cat "$ROOT/pyproject.toml" "$ROOT/scripts/setup.sh" | sha256sum | cut -d' ' -f1)"

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && [ -x "$VENV/bin/kulisse" ]; then
  exit 0
fi
echo "Kulisse wird eingerichtet (einmalig, einige Minuten) …" >&2
PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Fehler: Kulisse braucht Python 3.11 oder neuer ($PY)." >&2
  exit 1
fi
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
PIP=("$VENV/bin/python" -m pip --disable-pip-version-check -q)
"${PIP[@]}" install torch==2.13.0 2> >(grep -v "is ignored" >&2)
"${PIP[@]}" install -e "$ROOT[test]" 2> >(grep -v "is ignored" >&2)
echo "$WANT" > "$STAMP"
