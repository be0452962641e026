"""The ``kulisse`` command line: DESIGN.md's contract, one click group.

Heavy imports (torch, faiss, textual) happen inside the commands that need them, so that
``kulisse --help`` and ``kulisse export`` start at once.
"""

from __future__ import annotations

import os
import sqlite3
import sys

import click

from tui import click_de
from tui.errors import KulisseError

click_de.install()


class KulisseGroup(click.Group):
    """Turns every known error into one German line and a non-zero exit, never a traceback."""

    def invoke(self, ctx: click.Context):
        from corpus.store import StoreError

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KulisseError as exc:
            click.echo(f"Fehler: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except StoreError as exc:
            click.echo(f"Fehler: {exc}", err=True)
            ctx.exit(2)
        except sqlite3.DatabaseError as exc:  # while reading: a damaged file says so in German
            from corpus.store import german_db_error

            click.echo(f"Fehler: {german_db_error(exc)}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("Abgebrochen. Bereits Gespeichertes bleibt erhalten.", err=True)
            ctx.exit(130)
        except OSError as exc:
            from corpus.errors_de import os_error_de

            click.echo(f"Fehler beim Zugriff auf {exc.filename or 'eine Datei'}: {os_error_de(exc)}", err=True)
            ctx.exit(2)
        except Exception as exc:  # the last net: users must not see a traceback
            if os.environ.get("KULISSE_DEBUG"):
                raise
            click.echo(
                f"Unerwarteter Fehler ({type(exc).__name__}: {exc}). Mit KULISSE_DEBUG=1 erneut starten "
                "und die Ausgabe an die Entwickler schicken.",
                err=True,
            )
            ctx.exit(3)


@click.group(cls=KulisseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kulisse", message="Kulisse %(version)s")
def main() -> None:
    """Kulisse – Förderaufrufe finden, einordnen und beantragen, für migrantische Verbünde."""


def _register() -> None:
    from tui.commands import (
        classify_cmds,
        corpus_cmds,
        crawl_cmds,
        draft_cmds,
        eval_cmds,
        match_cmds,
        report_cmds,
        tui_cmd,
    )

    for module in (corpus_cmds, match_cmds, classify_cmds, eval_cmds, crawl_cmds, report_cmds, draft_cmds, tui_cmd):
        module.register(main)


_register()

if __name__ == "__main__":
    sys.exit(main())
