"""``kulisse index`` and ``kulisse match``: the indexes and the ranked list for one Verbund."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from tui.commands.common import db_option, echo_err, open_db, parse_today, write_atomic
from tui.errors import KulisseError

MATCH_FORMATS = ("table", "json", "csv", "csv-raw", "md", "html", "xlsx", "ics")


class _Progress:
    """A progress bar on stderr while indexes are built (nothing when there is nothing to do)."""

    LONG = 20  # calls: from here on the work takes noticeable time and gets a line of its own

    def __init__(self) -> None:
        self._progress = None
        self._tasks: dict[str, int] = {}
        self._said: set[str] = set()

    def __call__(self, stage: str, done: int, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        if total <= 0 and stage not in self._tasks:
            return  # nothing to do at this stage: no bar
        if total >= self.LONG and stage not in self._said:
            self._said.add(stage)
            from tui.commands import common

            what = "Erster Start" if common.seeded_now else "Neue oder geänderte Aufrufe"
            doing = (
                "das Sprachmodell wird geladen und bettet sie ein (einmalig, bis zu einer Minute)"
                if "Sprachmodell" in stage
                else "sie werden eingeordnet"
                if "Klassifikator" in stage
                else "sie kommen in den Stichwortindex"
            )
            line = f"{what}: {total} Aufrufe – {doing} …"
            if self._progress is not None:  # above the live bars, not through them
                from rich.text import Text

                self._progress.console.print(Text(line))
            else:
                echo_err(line)
        if self._progress is None:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self._progress.start()
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(stage, total=total or 1)
        self._progress.update(self._tasks[stage], completed=done, total=total or 1)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def _load_profile(ref: str):
    from matcher.profile import ProfileError, load_profile

    try:
        return load_profile(ref)
    except ProfileError as exc:
        raise KulisseError(str(exc)) from None


def _label(store, progress: _Progress) -> None:
    """Classifier labels first."""
    from matcher.classifier import ensure_labels

    ensure_labels(store, progress=lambda d, t: progress("Einordnen (Klassifikator)", d, t))


@click.command("index")
@db_option
def index_cmd(db: Path | None) -> None:
    """Such-Indizes aufbauen oder aktualisieren (nur geänderte Aufrufe werden neu berechnet)."""
    from corpus.paths import index_dir
    from matcher.indexes import ensure_indexes

    progress = _Progress()
    try:
        with open_db(db) as store:
            calls = store.calls()
            index = ensure_indexes(calls, index_dir(store.path), progress=progress)
    finally:
        progress.close()
    if index.warning:
        echo_err(f"Hinweis: {index.warning}")
    s = index.stats
    dense = (
        (
            f"{s.get('eingebettet', 0)} neu eingebettet, {s.get('unverändert', len(calls))} unverändert, "
            f"{s.get('entfernt', 0)} entfernt"
        )
        if index.dense is not None
        else "nicht verfügbar"
    )
    click.echo(
        f"Index aktuell: {len(calls)} Aufrufe. Einbettungen: {dense}. "
        f"Stichwortindex: {s.get('bm25_analysiert', 0)} Aufrufe neu analysiert."
    )


@click.command("match")
@click.option(
    "--profile",
    "profile_ref",
    required=True,
    help="Kürzel eines Profils (vmdo, vki, moin, afropa, vemo) oder Pfad zu einer .toml-Datei.",
)
@db_option
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="So viele Aufrufe zeigen.")
@click.option("--today", "today_s", default=None, metavar="JJJJ-MM-TT", help="Stichtag für Fristen (Standard: heute).")
@click.option("--all", "show_all", is_flag=True, help="Alle Aufrufe zeigen, auch nicht förderfähige (mit Grund).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(MATCH_FORMATS),
    default="table",
    show_default=True,
    help="Ausgabeformat: xlsx oder csv für Excel (csv mit ; und Dezimalkomma), csv-raw oder json für Programme, "
    "ics für den Kalender.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="In diese Datei schreiben statt auf den Bildschirm.",
)
@click.option(
    "--query",
    "query",
    default=None,
    metavar="TEXT",
    help='In eigenen Worten suchen, z. B. --query "Seniorenarbeit mit Ehrenamtlichen" (statt des Profiltexts; '
    "Förderfähigkeit und Ort gelten weiter).",
)
@click.option(
    "--like", "like", default=None, metavar="ID", help="Aufrufe, die diesem Aufruf ähneln („Ähnliche Aufrufe“)."
)
@click.option(
    "--ohne-rueckmeldung",
    "no_feedback",
    is_flag=True,
    help="Die Markierungen des Profils (interessant, nicht für uns, weniger davon …) nicht in die Rangfolge "
    "einrechnen.",
)
def match_cmd(
    profile_ref: str,
    db: Path | None,
    top: int,
    today_s: str | None,
    show_all: bool,
    fmt: str,
    out: Path | None,
    query: str | None,
    like: str | None,
    no_feedback: bool,
) -> None:
    """Die passenden Förderaufrufe für einen Verbund, mit Gründen – beste zuerst.

    Markierungen aus der Oberfläche für dieses Profil (interessant, in Arbeit, eingereicht; nicht für
    uns, weniger davon) verändern die Rangfolge: Ähnliches rückt nach oben bzw. nach unten."""
    from corpus.paths import index_dir
    from matcher.feedback import Feedback, load_feedback
    from matcher.indexes import ensure_indexes
    from matcher.ranking import rank
    from rendering.export import write

    today = parse_today(today_s)
    profile = _load_profile(profile_ref)
    if fmt == "xlsx" and out is None:
        raise KulisseError("Für --format xlsx bitte mit --out eine Datei angeben, z. B. --out aufrufe.xlsx.")
    writer = None
    if fmt == "ics":
        from rendering.calendar import write_ics as writer
    progress = _Progress()
    try:
        with open_db(db) as store:
            _label(store, progress)
            calls = store.calls()
            if query is not None and not query.strip():
                raise KulisseError(
                    '--query braucht ein paar Wörter, z. B. --query "Seniorenarbeit mit Ehrenamtlichen".'
                )
            if like is not None and store.get(like) is None:
                raise KulisseError(f"Es gibt keinen Aufruf mit der ID {like!r} (siehe kulisse export).")
            feedback = Feedback() if no_feedback else load_feedback(store, profile.key)
            index = ensure_indexes(calls, index_dir(store.path), progress=progress)
            results = rank(
                calls,
                profile,
                today=today,
                include_ineligible=show_all,
                index=index,
                limit=None if show_all else top,
                feedback=feedback,
                query=query,
                like=like,
            )
            from tui import last_ranking

            # what the person sees is what `draft --call 3` refers to
            last_ranking.save(
                profile.key, store.path, [(r.rank, r.call.id) for r in results[: len(results) if show_all else top]]
            )
    finally:
        progress.close()
    if index.warning:
        echo_err(f"Hinweis: {index.warning}")
    if not show_all:
        results = results[:top]
    if not results:
        echo_err("Keine förderfähigen Aufrufe gefunden. Mit --all werden alle Aufrufe mit Grund gezeigt.")
    if out is not None:
        # built in memory, then written atomically: a full disk leaves no 0-byte or half file
        # (and no ZipFile left open for its __del__ to fail on)
        if writer is not None:  # ics
            buffer = io.BytesIO()
            writer(results, buffer, profile, today)
            data = buffer.getvalue()
        elif fmt == "xlsx":
            buffer = io.BytesIO()
            write(results, fmt, buffer, profile, today)
            data = buffer.getvalue()
        else:
            text = io.StringIO(newline="")
            write(results, fmt, text, profile, today)
            data = text.getvalue().encode("utf-8")
        write_atomic(out, data)
        echo_err(f"{len(results)} Aufrufe nach {out} geschrieben.")
        return
    if writer is not None:
        sys.stdout.flush()
        writer(results, sys.stdout.buffer, profile, today)  # iCalendar is bytes
        sys.stdout.buffer.flush()
    else:
        write(results, fmt, sys.stdout, profile, today)


def register(group: click.Group) -> None:
    group.add_command(index_cmd)
    group.add_command(match_cmd)
