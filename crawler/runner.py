"""Run spiders in-process against one database: ``python -m crawler.runner [SPIDER ...] --db PATH``.

One crawl writes at a time: an exclusive lock on ``<db>.crawl.lock`` beside the database
(crawler/lock.py). The corpus writer takes it for every spider (Scrapyd jobs too); the runner
takes it first so that a second ``kulisse crawl`` stops before Scrapy starts, with a German
message and exit code 75, or waits with ``--wait``. Each crawl runs in its own process
(Twisted's reactor cannot be restarted), which the CLI and the tests rely on.
``--full`` asks every page again (conditionally) instead of trusting the recheck intervals
(crawler/cache.py). ``--events json`` writes the crawl's events to stdout, one JSON object per
line (crawler/events.py), for ``kulisse crawl`` and the TUI; every German message then comes as
an event too, and the summary is the ``source_finished`` events.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from crawler import events as ev
from crawler.lock import CrawlLock, CrawlLocked

EXIT_LOCKED = 75


def spider_classes(settings) -> dict:
    from scrapy.spiderloader import SpiderLoader

    loader = SpiderLoader.from_settings(settings)
    return {name: loader.load(name) for name in sorted(loader.list())}


def select_spiders(classes: dict, names: list[str], urls: list[str], settings) -> tuple[list, list[str]]:
    """The spiders to run and German notes about those left out."""
    notes: list[str] = []
    unknown = [n for n in names if n not in classes]
    if unknown:
        raise SystemExit(f"Fehler: Unbekannte Quelle(n): {', '.join(unknown)}. Bekannt: {', '.join(classes)}")
    if names:
        chosen = [classes[n] for n in names]
    elif urls:
        hosts = {urlsplit(u).netloc for u in urls}
        chosen = [c for c in classes.values() if urlsplit(c.default_root).netloc in hosts]
        if not chosen:
            raise SystemExit("Fehler: Keine Quelle passt zu den angegebenen Adressen; bitte die Quelle nennen.")
    else:
        chosen = [c for c in classes.values() if c.enabled_by_default]
    result = []
    for cls in chosen:
        if getattr(cls, "needs_permission", None) and not settings.get(cls.needs_permission):
            notes.append(f"{cls.name}: übersprungen – keine Erlaubnis eingetragen ({cls.needs_permission}).")
            continue
        result.append(cls)
    return result, notes


def parse_mirrors(values: list[str]) -> dict[str, str]:
    roots: dict[str, str] = {}
    for value in values:
        slug, sep, url = value.partition("=")
        if sep and not slug.startswith("http"):
            roots[slug] = url
        else:
            roots["*"] = value
    return roots


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.runner")
    parser.add_argument("spiders", nargs="*")
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--mirror", action="append", default=[], help="URL oder slug=URL")
    parser.add_argument("--url", action="append", default=[])
    parser.add_argument("--wait", action="store_true")
    parser.add_argument("--full", action="store_true", help="jede Seite erneut (bedingt) abfragen")
    parser.add_argument("--settings", default="crawler.settings")
    parser.add_argument("--set", action="append", default=[], help="NAME=WERT")
    parser.add_argument("--json", action="store_true", help="Ergebnis je Quelle als JSON-Zeile")
    parser.add_argument(
        "--events", choices=["json"], default=None, help="Ereignisse des Crawls als JSON-Zeilen auf stdout"
    )
    parser.add_argument(
        "--log-file", type=Path, default=None, help="Scrapys Protokoll in diese Datei statt auf den Bildschirm"
    )
    args = parser.parse_args(argv)
    if args.events:
        emitter = ev.Emitter(ev.stdout_stream())
    else:  # a person reads: one German line per finished source on stderr, the summary at the end
        emitter = ev.Emitter(None, human=_Progress().show)
    code = _run(args, emitter)
    emitter.emit(ev.FINISHED, returncode=code, sources=dict(emitter.statuses))
    return code


def _say(emitter: ev.Emitter, kind: str, message: str) -> None:
    """A German message: on stderr for a person, as an event for a program reading events."""
    if emitter.stream is not None:
        emitter.emit(kind, message=message)
    else:
        print(f"{'Hinweis' if kind == ev.NOTE else 'Fehler'}: {message}", file=sys.stderr, flush=True)


def _run(args, emitter: ev.Emitter) -> int:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", args.settings)
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule(args.settings, priority="project")
    db = args.db.resolve()
    if not db.parent.exists():
        _say(emitter, ev.ERROR, f"Der Ordner {db.parent} für die Datenbank existiert nicht.")
        return 2
    settings.set("KULISSE_DB", str(db), priority="cmdline")  # the cache goes beside it (crawler/cache.py)
    # --url is for debugging one page: always ask the site, never the recheck intervals
    settings.set("KULISSE_FULL", args.full or bool(args.url), priority="cmdline")
    roots = settings.getdict("KULISSE_ROOTS") | parse_mirrors(args.mirror)
    settings.set("KULISSE_ROOTS", roots, priority="cmdline")
    settings.set("KULISSE_ONLY_URLS", args.url, priority="cmdline")
    for item in args.set:
        key, _, value = item.partition("=")
        settings.set(key, value, priority="cmdline")
    if args.log_file:  # thousands of lines and tracebacks are for developers: into the file
        args.log_file.parent.mkdir(parents=True, exist_ok=True)
        settings.set("LOG_FILE", str(args.log_file), priority="cmdline")
        settings.set("LOG_FILE_APPEND", False, priority="cmdline")

    try:
        classes = spider_classes(settings)
        chosen, notes = select_spiders(classes, args.spiders, args.url, settings)
    except SystemExit as exc:
        _say(emitter, ev.ERROR, str(exc).removeprefix("Fehler: "))
        return 2
    for note in notes:
        _say(emitter, ev.NOTE, note)
    if not chosen:
        _say(emitter, ev.ERROR, "Keine Quelle zu crawlen.")
        return 2

    from corpus.store import Store, StoreError

    lock = CrawlLock(db)  # shared with the writers of all spiders in this process
    try:
        with Store(db) as store:  # create/migrate before Scrapy starts, so errors are plain German
            store.check_intact()  # a damaged file: refused before any request, never rc 0
        try:
            lock.acquire()
        except CrawlLocked as exc:
            if not args.wait:
                _say(emitter, ev.ERROR, str(exc))
                return EXIT_LOCKED
            _say(emitter, ev.NOTE, f"{str(exc).split(' Bitte')[0]} Warte, bis er fertig ist …")
            lock.acquire(block=True)
        process = CrawlerProcess(settings)
        names = [cls.name for cls in chosen]
        emitter.emit(ev.STARTED, sources=names, total=len(names))
        for cls in chosen:
            crawler = process.create_crawler(cls)
            emitter.watch(crawler)
            process.crawl(crawler)
        process.start()
    except StoreError as exc:
        _say(emitter, ev.ERROR, str(exc))
        return 2
    finally:
        lock.release()

    # with events, the source_finished events were the summary; a person gets it once more at the end
    return report(db, [c.name for c in chosen], as_json=args.json, quiet=emitter.stream is not None)


class _Progress:
    """Without ``--events``: one German line per source as it finishes, on stderr."""

    def __init__(self) -> None:
        self.tally = ev.Tally()

    def show(self, event: ev.Event) -> None:
        self.tally.add(event)
        if event.name == ev.SOURCE_FINISHED:
            reason = event.get("reason")
            note = "" if reason in (None, "finished") else f" ({reason})"
            print(f"Quelle {self.tally.position} fertig: {event.source}{note}", file=sys.stderr, flush=True)


def report(db: Path, names: list[str], *, as_json: bool, quiet: bool = False) -> int:
    """The last run of each source (a line each, or a JSON object each); 1 when one was not ok."""
    from corpus.store import Store

    worst = 0
    with Store(db) as store:
        for name in names:
            runs = store.runs(name)
            if not runs:
                continue
            run = runs[-1]
            stats = run["stats"]
            if as_json and not quiet:
                print(json.dumps({"source": name, "status": run["status"], **stats}, ensure_ascii=False))
            elif not quiet:
                print(ev.source_summary(name, run["status"], stats, stats.get("reason") or ""))
            if run["status"] != "ok":
                worst = 1
    return worst


if __name__ == "__main__":
    sys.exit(run())
