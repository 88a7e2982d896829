"""The console as a person at a terminal sees it: stdout and stderr together, from a real process."""

import os
import subprocess
import sys
from pathlib import Path

from bot.settings import PROJECT_ROOT


def start_console(kb: Path, tmp_path: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "DATABASE_URL": str(tmp_path / "bot.sqlite3"), "LOG_LEVEL": "INFO"}
    env.pop("DISCORD_TOKEN", None)
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "--knowledge", str(kb)],
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # what the terminal shows: both streams, interleaved
        text=True,
    )


def test_a_refused_edit_is_shown_once_and_the_last_good_version_keeps_answering(kb, tmp_path):
    console = start_console(kb, tmp_path)
    banner = console.stdout.readline()  # printed once the console has loaded the fact base
    assert banner.startswith("Ask me about")
    talks = kb / "entries" / "talks.yaml"
    talks.write_text(talks.read_text().replace("    answer: Vladimir", "\tanswer: Vladimir"))
    out, _ = console.communicate("who led the russian delegation\n")
    assert console.returncode == 0
    problem = "knowledge/entries/talks.yaml:6:1: a tab character in the indentation"
    assert out.count(problem) == 1, out
    assert out.count("your edit to the fact base was refused: 1 problem; still answering from version") == 1
    assert "ERROR" not in out
    assert "Vladimir Medinsky led the Russian delegation in Istanbul." in out
