"""Run spiders in-process against one database: ``python -m crawler.runner [SPIDER ...] --db PATH``.

One crawl writes at a time: an exclusive lock on ``<db>.crawl.lock`` beside the database
(crawler/lock.py). The corpus writer takes it for every spider (Scrapyd jobs too); the runner
takes it first so that a second ``kulisse crawl`` stops before Scrapy starts, with a German
message and exit code 75, or waits with ``--wait``. Each crawl runs in its own process
(Twisted's reactor cannot be restarted), which the CLI and the tests rely on.
``--full`` asks every page again (conditionally) instead of trusting the recheck intervals
(crawler/cache.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

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
        "--log-file", type=Path, default=None, help="Scrapys Protokoll in diese Datei statt auf den Bildschirm"
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", args.settings)
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule(args.settings, priority="project")
    db = args.db.resolve()
    if not db.parent.exists():
        print(f"Fehler: Der Ordner {db.parent} für die Datenbank existiert nicht.", file=sys.stderr)
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
        print(exc, file=sys.stderr)
        return 2
    for note in notes:
        print(note, file=sys.stderr)
    if not chosen:
        print("Fehler: Keine Quelle zu crawlen.", file=sys.stderr)
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
                print(f"Fehler: {exc}", file=sys.stderr)
                return EXIT_LOCKED
            print(f"Hinweis: {str(exc).split(' Bitte')[0]} Warte, bis er fertig ist …", file=sys.stderr)
            lock.acquire(block=True)
        process = CrawlerProcess(settings)
        progress = _Progress(len(chosen))
        for cls in chosen:
            crawler = process.create_crawler(cls)
            progress.watch(crawler)
            process.crawl(crawler)
        process.start()
    except StoreError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    finally:
        lock.release()

    return report(db, [c.name for c in chosen], as_json=args.json)


class _Progress:
    """One German line per source as it finishes (the TUI's progress bar reads these too)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0

    def watch(self, crawler) -> None:
        from scrapy import signals

        crawler.signals.connect(self._closed, signal=signals.spider_closed)

    def _closed(self, spider, reason) -> None:
        self.done += 1
        note = "" if reason == "finished" else f" ({reason})"
        print(f"Quelle {self.done}/{self.total} fertig: {spider.name}{note}", file=sys.stderr, flush=True)


def report(db: Path, names: list[str], *, as_json: bool) -> int:
    from corpus.health import STATUS_DE
    from corpus.store import Store

    worst = 0
    with Store(db) as store:
        for name in names:
            runs = store.runs(name)
            if not runs:
                continue
            run = runs[-1]
            stats = run["stats"]
            if as_json:
                print(json.dumps({"source": name, "status": run["status"], **stats}, ensure_ascii=False))
            else:
                line = (
                    f"{name}: {stats.get('items', 0)} Aufrufe ({stats.get('new', 0)} neu, "
                    f"{stats.get('changed', 0)} geändert, {stats.get('unchanged', 0) + stats.get('not_modified', 0) + stats.get('cached', 0)} unverändert"
                    + (f", davon {stats['cached']} nicht erneut abgefragt" if stats.get("cached") else "")
                    + "), "
                    f"{stats.get('dropped', 0)} verworfen, {stats.get('errors', 0)} Fehler – {run['status']}"
                )
                if stats.get("reason"):
                    line += f": {stats['reason']}"
                line = line.replace(f"– {run['status']}", f"– {STATUS_DE.get(run['status'], run['status'])}")
                print(line)
            if run["status"] != "ok":
                worst = 1
    return worst


if __name__ == "__main__":
    sys.exit(run())
