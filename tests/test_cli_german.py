"""click's own words reach the user in German too."""

from click.testing import CliRunner

from tui.cli import main


def test_help_and_usage_errors_are_german():
    runner = CliRunner()
    help_text = runner.invoke(main, ["match", "--help"]).output
    assert help_text.startswith("Aufruf: ") and " match " in help_text.splitlines()[0]
    assert "Optionen:" in help_text and "Diese Hilfe anzeigen und beenden." in help_text
    assert "Show this message" not in help_text
    bad_choice = runner.invoke(main, ["match", "--profile", "vmdo", "--format", "xyz"])
    assert bad_choice.exit_code == 2
    assert "Ungültiger Wert für '--format'" in bad_choice.output and "keiner der Werte" in bad_choice.output
    assert "Unbekannter Befehl 'foo'" in runner.invoke(main, ["foo"]).output
    assert "braucht einen Wert" in runner.invoke(main, ["match", "--profile"]).output


def test_every_help_page_names_values_in_german():
    """No "[required]", "[OPTIONS]", "TEXT", "INTEGER" or "FILE" where people read what to type."""
    import re

    import click

    runner = CliRunner()
    pages = {"": runner.invoke(main, ["--help"]).output}
    for name in main.commands:
        pages[name] = runner.invoke(main, [name, "--help"]).output
    for name, text in pages.items():
        assert "Aufruf:" in text, name
        for english in ("[required]", "[OPTIONS]", "COMMAND [ARGS]", "INTEGER", " FILE", "[default:", " PATH"):
            assert english not in text, f"{name}: {english}"
        assert not re.search(r"--profile TEXT|--template TEXT|--today TEXT", text), name
    assert (
        "[Pflicht]" in pages["draft"] and "[OPTIONEN]" in pages["draft"] and "--profile KÜRZEL|DATEI" in pages["draft"]
    )
    assert isinstance(main, click.Group)
