"""``kulisse eval --gold FILE.jsonl [--gold FILE2.jsonl] [--split A|B]``: ranking quality (nDCG@10)
and, if installed, the classifier's – one report per file."""

from __future__ import annotations

from pathlib import Path

import click

from tui.commands.common import echo_err
from tui.errors import KulisseError


@click.command("eval")
@click.option(
    "--gold",
    "golds",
    required=True,
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Gelabelte Aufrufe als JSON Lines (Felder wie ../shared/eval/dev.jsonl); mehrfach möglich.",
)
@click.option(
    "--split",
    "half",
    type=click.Choice(["A", "B"]),
    default=None,
    help="Nur eine Hälfte jeder Datei (nach id sortiert: A gerade, B ungerade Positionen) – "
    "an A entwickeln, an B einmal prüfen.",
)
@click.option(
    "--today",
    "today_s",
    default=None,
    metavar="JJJJ-MM-TT",
    help="Stichtag (Standard: der Tag vor der frühesten Frist der Datei, damit alle Aufrufe offen sind).",
)
@click.option(
    "--ohne-cv",
    "no_cv",
    is_flag=True,
    help="Die Kreuzvalidierung des gelernten Rankings und die Rückmeldungs-Simulation auslassen.",
)
@click.option(
    "--cv",
    "cv_folds",
    type=click.IntRange(2, 20),
    default=None,
    metavar="FALTEN",
    help="Nur den Klassifikator kreuzvalidieren: wiederholte stratifizierte k-fache Kreuzvalidierung "
    "(Mittel ± Standardabweichung) auf der ersten --gold-Datei; weitere Dateien trainieren mit.",
)
@click.option(
    "--train",
    "train",
    is_flag=True,
    help="Den gelernten Klassifikator auf allen --gold-Dateien trainieren und seine Gewichte schreiben.",
)
def eval_cmd(
    golds: tuple[Path, ...], half: str | None, today_s: str | None, no_cv: bool, cv_folds: int | None, train: bool
) -> None:
    """Ranking auswerten: nDCG@10 je Profil für BM25, Embeddings, Fusion von Hand und gelernt, danach
    den Klassifikator; zuletzt das gelernte Ranking kreuzvalidiert über alle Dateien (gegen die naive
    Grundlinie BM25 + Regionsfilter) und die Simulation der Rückmeldungen."""
    from matcher.evaluate import read_gold, split_half
    from tui.commands.common import parse_today

    today = parse_today(today_s) if today_s else None
    files = []
    for gold in golds:  # every file is checked before the (slow) ranking starts
        if not gold.is_file():
            raise KulisseError(f"Die Datei {gold} gibt es nicht.")
        try:
            records = read_gold(gold)
        except (ValueError, UnicodeDecodeError) as exc:
            raise KulisseError(str(exc)) from None
        if not records:
            raise KulisseError(f"{gold} enthält keine Aufrufe.")
        files.append((gold, split_half(records, half) if half else records))
    if cv_folds or train:
        _classifier_training(files, cv_folds, train)
        return
    for n, (gold, records) in enumerate(files):
        if n:
            click.echo("")
        if len(files) > 1 or half:
            click.echo(f"== {gold}" + (f" (Hälfte {half})" if half else ""))
        _report(records, today)
    if not no_cv:
        _cross_validation(files, today)


def _classifier_training(files: list[tuple[Path, list[dict]]], cv_folds: int | None, train: bool) -> None:
    from matcher.classifier import train as trainer

    missing = [str(g) for g, records in files if not all("addressee" in r and "steering_level" in r for r in records)]
    if missing:
        raise KulisseError(f"Ohne Klassifikator-Labels (addressee, steering_level): {', '.join(missing)}")
    echo_err("Aufrufe werden gelesen …")
    parts = [
        trainer.read_examples(records, level_only=gold.name in trainer.LEVEL_ONLY_FILES) for gold, records in files
    ]
    if cv_folds:
        echo_err(f"Kreuzvalidierung des Klassifikators ({cv_folds}-fach, {trainer.CV_REPEATS}× wiederholt) läuft …")
        result = trainer.cross_validate(parts[0], [e for part in parts[1:] for e in part], folds=cv_folds)
        click.echo(trainer.format_cv(result, files[0][0].name))
    if train:
        path = trainer.write_weights(trainer.fit([e for part in parts for e in part]))
        click.echo(f"Gewichte geschrieben: {path}")


def _cross_validation(files: list[tuple[Path, list[dict]]], today) -> None:
    from matcher.train_ranker import cross_validate, format_cv_report, prepare

    echo_err("Kreuzvalidierung des gelernten Rankings läuft …")
    unique = {str(gold): records for gold, records in files}  # a file given twice counts once
    corpora = [prepare(records, name, today=today) for name, records in unique.items()]
    click.echo("")
    click.echo(format_cv_report(cross_validate(corpora)))


def _report(records: list[dict], today) -> None:
    from matcher.evaluate import evaluate, format_report
    from matcher.profile import ProfileError

    echo_err(f"{len(records)} gelabelte Aufrufe; Ranking läuft (das Sprachmodell wird einmal geladen) …")
    try:
        result = evaluate(records, today=today)
    except ProfileError as exc:
        raise KulisseError(f"Ein Profilkürzel der Datei ist unbekannt: {exc}") from None
    click.echo(format_report(result))
    from matcher.classifier.evaluate import evaluate_classifier, format_classifier_report

    if not all("addressee" in r for r in records):
        echo_err("Die Datei hat keine Klassifikator-Labels (addressee …); die Klassifikator-Auswertung entfällt.")
        return
    click.echo("")
    click.echo(format_classifier_report(evaluate_classifier(records)))


def register(group: click.Group) -> None:
    group.add_command(eval_cmd)
