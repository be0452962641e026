"""``kulisse templates`` and ``kulisse draft``: Word drafts of an application for one call."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import click

from corpus.format_de import number
from tui.commands.common import db_option, echo_err, open_db, parse_today
from tui.errors import KulisseError


def read_answers(path: Path | None, pairs: tuple[str, ...]) -> dict[str, Any]:
    """Answers from a TOML file (flat ``name = value``), then ``--answer name=value`` on top."""
    answers: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise KulisseError(f"Die Antwortdatei {path} gibt es nicht.") from None
        except UnicodeDecodeError:
            raise KulisseError(f"Die Antwortdatei {path} ist nicht UTF-8-kodiert.") from None
        except tomllib.TOMLDecodeError as exc:
            from corpus.toml_de import german

            raise KulisseError(f"Die Antwortdatei {path} ist kein gültiges TOML – {german(exc)}.") from None
        nested = [k for k, val in data.items() if isinstance(val, dict)]
        if nested:
            raise KulisseError(
                f"Die Antwortdatei {path} enthält Tabellen ({', '.join(nested)}); erwartet werden nur "
                'Zeilen der Form name = "Wert".'
            )
        answers.update(data)
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{pair!r} hat nicht die Form name=Wert.", param_hint="--answer")
        answers[name.strip()] = value.replace("\\n", "\n")  # a shell user's way to type a new line
    return answers


def _load_profile(ref: str):
    from matcher.profile import ProfileError, load_profile

    try:
        return load_profile(ref)
    except ProfileError as exc:
        raise KulisseError(str(exc)) from None


def _resolve_call(store, ref: str, profile_ref: str) -> str:
    """Rank of the last list, id or unambiguous id prefix → the call's id (German error otherwise)."""
    from matcher.profile import load_profile
    from tui import last_ranking

    if store.get(ref) is not None:
        return ref
    key = load_profile(profile_ref).key
    titles = {c.id: c.title for c in store.calls()}
    return last_ranking.resolve(ref, list(titles), profile_key=key, db=store.path, titles=titles.get)


def _print_list(title: str, items: list[str]) -> None:
    if items:
        click.echo(title)
        for item in items:
            click.echo(f"  – {item}")


@click.command("templates")
@click.option(
    "--fields",
    "fields_of",
    metavar="NAME",
    default=None,
    help="Die Felder einer Vorlage zeigen (Name, Quelle, Pflicht, Bezeichnung).",
)
def templates_cmd(fields_of: str | None) -> None:
    """Die verfügbaren Vorlagen, ein Name je Zeile (eigene Vorlagen: im Ordner „vorlagen“ der Konfiguration)."""
    from templates.fields import SOURCE_DE
    from templates.registry import TemplateNotFound, available_templates, get_template

    if fields_of:
        try:
            info = get_template(fields_of)
        except TemplateNotFound as exc:
            raise KulisseError(str(exc)) from None
        for f in info.fields:
            mark = "Pflicht" if f.required else "optional"
            click.echo(f"{f.name}\t{SOURCE_DE[f.source]}\t{mark}\t{f.label}" + (f" – {f.help}" if f.help else ""))
        for problem in info.problems:
            echo_err(f"Problem: {problem}")
        return
    for info in available_templates():
        click.echo(info.name)
        for problem in info.problems:
            echo_err(f"Vorlage {info.name} ({info.path}) nicht verwendbar: {problem}")


@click.command("draft")
@click.option(
    "--call",
    "call_id",
    required=True,
    metavar="RANG|KENNUNG",
    help="Rang aus der letzten Liste von kulisse match für dieses Profil (z. B. 3), die Kennung "
    "des Aufrufs oder ihr eindeutiger Anfang.",
)
@click.option(
    "--profile", "profile_ref", required=True, help="Profil: Kürzel (z. B. vmdo) oder Pfad zu einer .toml-Datei."
)
@click.option("--template", "template_name", required=True, help="Vorlage (siehe kulisse templates).")
@click.option(
    "--out", "out", required=True, type=click.Path(path_type=Path, dir_okay=False), help="Zieldatei, z. B. antrag.docx."
)
@db_option
@click.option(
    "--answers",
    "answers_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help='TOML-Datei mit Antworten (name = "Wert").',
)
@click.option(
    "--answer",
    "answer_pairs",
    multiple=True,
    metavar="NAME=WERT",
    help="Eine Antwort, mehrfach möglich; \\n steht für einen Zeilenumbruch.",
)
@click.option("--today", "today_s", default=None, help="Stichtag für die nächste Frist (JJJJ-MM-TT).")
def draft_cmd(
    call_id: str,
    profile_ref: str,
    template_name: str,
    out: Path,
    db: Path | None,
    answers_file: Path | None,
    answer_pairs: tuple[str, ...],
    today_s: str | None,
) -> None:
    """Einen Antrag als Word-Datei entwerfen: aus Profil, Aufruf und Ihren Antworten."""
    from templates.render import DraftError, draft

    today: date = parse_today(today_s)
    if out.suffix.lower() != ".docx":
        raise KulisseError(f"Die Zieldatei {out} muss auf .docx enden.")
    answers = read_answers(answers_file, answer_pairs)
    profile = _load_profile(profile_ref)
    with open_db(db) as store:
        call = store.get(_resolve_call(store, call_id, profile_ref))
    if call is None:
        raise KulisseError(f"Kein Aufruf mit der Kennung „{call_id}“ in der Datenbank (Kennungen zeigt kulisse match).")
    if call.labels is None:
        # the rules alone take a few ms; the draft's Ko-Steuerung and Förderform hints need labels
        from matcher.classifier.api import classify

        call.labels = classify(call, use_embeddings=False)
    from matcher.who_applies import check_for_draft

    # eligibility first: who applies decides who the document names as applicant
    check = check_for_draft(call, profile, today)
    for note in check.messages(profile.name, template_name):
        echo_err(f"Hinweis: {note}")
    try:
        result = draft(
            template_name,
            call,
            profile.model_dump(mode="json"),
            answers,
            out,
            today=today,
            municipality_applies=check.municipality_applies,
        )
    except DraftError as exc:
        raise KulisseError(str(exc)) from None
    seconds = number(result.seconds, 2, grouping=False)
    click.echo(f"Entwurf gespeichert: {result.path} ({seconds} s)")
    if result.gaps:
        _print_list(
            f"Noch offen – {len(result.gaps)} Pflichtangabe(n), im Dokument gelb markiert "
            "als „[[ bitte ergänzen: … ]]“:",
            result.gaps,
        )
    else:
        click.echo("Alle Pflichtangaben sind ausgefüllt.")
    _print_list("Prüfhinweise:", result.warnings)
    _print_list("Vorschlagstexte verwendet (bitte prüfen und anpassen):", result.defaults_used)
    _print_list("Ohne Angabe (optional, im Dokument als „keine Angabe“):", result.optional_open)


def register(group: click.Group) -> None:
    group.add_command(templates_cmd)
    group.add_command(draft_cmd)
