"""The systemd units and the cron line in crawler/deploy/ parse and run the real command."""

from __future__ import annotations

import configparser
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "crawler" / "deploy"
UNITS = ("kulisse-crawl.service", "kulisse-crawl.timer", "kulisse-scrapyd.service")
CHECKOUT = "%h/kulisse"  # where the units expect the checkout


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=True, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(DEPLOY / name, encoding="utf-8")
    return parser


def rendered(tmp_path: Path) -> list[Path]:
    """The units with this checkout's path, as an installer would write them."""
    out = []
    for name in UNITS:
        text = (DEPLOY / name).read_text("utf-8").replace(CHECKOUT, str(ROOT))
        (tmp_path / name).write_text(text, "utf-8")
        out.append(tmp_path / name)
    return out


def test_units_have_the_required_keys_and_run_kulisse_crawl_wait():
    service, timer, scrapyd = (unit(n) for n in UNITS)
    assert service["Service"]["Type"] == "oneshot"
    assert shlex.split(service["Service"]["ExecStart"]) == [f"{CHECKOUT}/.venv/bin/kulisse", "crawl", "--wait"]
    assert service["Unit"]["Description"]
    assert timer["Timer"]["Unit"] == "kulisse-crawl.service" and timer["Timer"]["Persistent"] == "true"
    assert re.fullmatch(r"\*-\*-\* \d\d:\d\d", timer["Timer"]["OnCalendar"])
    assert timer["Install"]["WantedBy"] == "timers.target"
    assert shlex.split(scrapyd["Service"]["ExecStart"]) == [f"{CHECKOUT}/.venv/bin/scrapyd"]
    assert "crawler/deploy/scrapyd.cfg" in scrapyd["Service"]["ExecStartPre"]


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze fehlt")
def test_systemd_analyze_verifies_the_units(tmp_path):
    files = rendered(tmp_path)
    result = subprocess.run(["systemd-analyze", "verify", *map(str, files)], capture_output=True, text=True, timeout=60)
    # unknown keys are only warnings: treat every complaint about our files as a failure
    complaints = [line for line in result.stderr.splitlines() if str(tmp_path) in line or "kulisse" in line]
    assert result.returncode == 0 and not complaints, result.stderr
    calendar = subprocess.run(
        ["systemd-analyze", "calendar", unit("kulisse-crawl.timer")["Timer"]["OnCalendar"]],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert calendar.returncode == 0 and "Next elapse" in calendar.stdout


def test_verify_would_catch_a_wrong_command(tmp_path):
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze fehlt")
    bad = tmp_path / "kulisse-crawl.service"
    bad.write_text((DEPLOY / "kulisse-crawl.service").read_text("utf-8").replace(CHECKOUT, "/nirgendwo"), "utf-8")
    result = subprocess.run(["systemd-analyze", "verify", str(bad)], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "not executable" in result.stderr


def cron_lines() -> list[str]:
    return [l for l in (DEPLOY / "kulisse.cron").read_text("utf-8").splitlines() if l.strip() and not l.startswith("#")]


def test_cron_line_is_valid_and_runs_the_same_command_as_the_timer():
    [line] = cron_lines()
    fields = line.split(None, 5)
    minute, hour, dom, month, dow, command = fields
    assert 0 <= int(minute) < 60 and 0 <= int(hour) < 24 and (dom, month, dow) == ("*", "*", "*")
    argv = shlex.split(command.split(">>")[0])
    service = shlex.split(unit("kulisse-crawl.service")["Service"]["ExecStart"])
    assert argv[0] == "$HOME/kulisse/.venv/bin/kulisse" and argv[1:] == service[1:]


def test_the_scheduled_command_exists_and_accepts_its_options():
    argv = shlex.split(unit("kulisse-crawl.service")["Service"]["ExecStart"])
    exe = Path(argv[0].replace(CHECKOUT, str(ROOT)))
    assert exe.is_file(), exe
    # click rejects an unknown option before --help: the scheduled options are real
    result = subprocess.run([str(exe), *argv[1:], "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "--wait" in result.stdout, result.stderr
    broken = subprocess.run([str(exe), "crawl", "--warte", "--help"], capture_output=True, text=True, timeout=60)
    assert broken.returncode != 0
