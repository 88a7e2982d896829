"""The console as a person at a terminal sees it: stdout and stderr together, from a real process."""

import contextlib
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from bot.cli import main
from bot.settings import PROJECT_ROOT
from bot.storage import CONSOLE


def start_console(kb: Path, tmp_path: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "LOG_LEVEL": "INFO"}  # DATABASE_URL: tests/cli/conftest.py
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
    while "migrated to schema revision" in banner:  # the first start creates the database
        banner = console.stdout.readline()
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


def test_questions_the_console_cannot_answer_are_listed_by_kb_gaps(kb, tmp_path, capsys):
    console = start_console(kb, tmp_path)
    out, _ = console.communicate(
        "What is the population of Istanbul?\nwho led the russian delegation\n"
        "what is the population of istanbul\n"
    )
    assert console.returncode == 0 and "recorded" not in out

    assert main(["kb", "gaps"]) == 0  # the same DATABASE_URL as the console's (tests/cli/conftest.py)
    listed = capsys.readouterr().out
    assert "2×  what is the population of istanbul" in listed
    assert "russian delegation" not in listed  # answered, so not a gap

    assert main(["kb", "gaps", "--guild", str(CONSOLE)]) == 0
    assert "server -1 (console)" in capsys.readouterr().out


def test_without_a_usable_database_the_console_says_so_once_and_still_answers(kb, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("DATABASE_URL", str(blocker / "bot.sqlite3"))  # its folder is a file
    console = start_console(kb, tmp_path)
    out, _ = console.communicate("what is the population of istanbul\nwho led the russian delegation\n")
    assert console.returncode == 0
    assert (
        out.count("questions I cannot answer will not be recorded for `kb gaps`: cannot use the database")
        == 1
    )
    assert "Vladimir Medinsky led the Russian delegation in Istanbul." in out


class Terminal:
    """What the console has shown on its terminal so far."""

    def __init__(self, fd: int) -> None:
        self.fd, self.seen = fd, ""

    def wait_for(self, text: str, count: int) -> str:
        """Read until `text` has been shown `count` times in all (a hang fails the test, not a timer)."""
        while self.seen.count(text) < count:
            ready, _, _ = select.select([self.fd], [], [], 60)
            assert ready, f"the console stopped before showing {text!r}; it showed:\n{self.seen}"
            self.seen += os.read(self.fd, 65536).decode(errors="replace")
        return self.seen


PROMPT = "\n? "


def test_at_a_terminal_the_up_arrow_recalls_the_last_question(kb, tmp_path):
    env = {**os.environ, "DATABASE_URL": str(tmp_path / "bot.sqlite3"), "LOG_LEVEL": "WARNING"}
    env.pop("DISCORD_TOKEN", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the console on a terminal
        os.chdir(PROJECT_ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "bot", "chat", "--knowledge", str(kb)], env)
    try:
        terminal = Terminal(fd)
        terminal.wait_for(PROMPT, 1)
        os.write(fd, b"who led the russian delegation\r")
        terminal.wait_for(PROMPT, 2)  # answered, and reading the next line: keys typed now are edited
        os.write(fd, b"\x1b[A\r")  # up arrow, Enter
        shown = terminal.wait_for(PROMPT, 3)
        assert shown.count("Vladimir Medinsky led the Russian delegation") == 2
        assert "^[[A" not in shown and "I don't know" not in shown
        os.write(fd, b"\x04")  # Ctrl-D leaves
        with contextlib.suppress(OSError):  # Linux: EIO once the console has closed the terminal
            while os.read(fd, 65536):
                pass
    finally:
        os.close(fd)  # a console still waiting (after a failed step) is hung up on, not waited for
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
