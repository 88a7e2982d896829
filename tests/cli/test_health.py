"""`python -m bot health`: healthy only while the bot's heartbeat is fresh."""

import json
from pathlib import Path

import pytest

from bot.cli.health import MISSED_BEATS, health

NOW = 1_000_000.0


@pytest.mark.parametrize(
    ("content", "healthy", "says"),
    [
        ({"at": NOW - 3, "pid": 7}, True, "healthy: connected to Discord, last heartbeat 3 s ago (pid 7)"),
        ({"at": NOW - 15 * MISSED_BEATS - 1, "pid": 7}, False, "unhealthy: last heartbeat 61 s ago"),
        (None, False, "unhealthy: no heartbeat at"),
        ("not json", False, "unhealthy: unreadable heartbeat at"),
    ],
)
def test_health_reads_the_heartbeat(tmp_path: Path, content: object, healthy: bool, says: str) -> None:
    path = tmp_path / "heartbeat"
    if content is not None:
        path.write_text(content if isinstance(content, str) else json.dumps(content))
    ok, line = health(path, 15.0, now=NOW)
    assert ok is healthy and line.startswith(says)
