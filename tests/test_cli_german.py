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
