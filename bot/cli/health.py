"""`python -m bot health`: is the running bot connected to Discord?  For Docker's HEALTHCHECK.

The bot writes a heartbeat file every HEARTBEAT_INTERVAL seconds while its gateway connection is
up (bot/discordbot/heartbeat.py) and removes it when it stops cleanly.  A process that is alive but
has lost the gateway for good stops writing, so the file goes stale and this command fails: that
is what turns a container "unhealthy".  Reading a file keeps the check cheap and free of Discord.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

MISSED_BEATS = 4
"""Heartbeats that may be missed before the bot counts as unhealthy: one gateway reconnect (which
discord.py does within seconds) must not flip the container's state."""


def health(path: Path, interval: float, *, now: float | None = None) -> tuple[bool, str]:
    """(healthy?, one line saying why) from the heartbeat file at `path`."""
    try:
        beat = json.loads(path.read_text(encoding="utf-8"))
        at = float(beat["at"])
    except FileNotFoundError:
        return False, f"unhealthy: no heartbeat at {path} (the bot is not running or not connected yet)"
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return False, f"unhealthy: unreadable heartbeat at {path}: {exc}"
    age = (time.time() if now is None else now) - at
    limit = MISSED_BEATS * interval
    if age > limit:
        return False, f"unhealthy: last heartbeat {age:.0f} s ago (more than {limit:.0f} s): not connected"
    return (
        True,
        f"healthy: connected to Discord, last heartbeat {max(age, 0):.0f} s ago (pid {beat.get('pid')})",
    )


def run_health(path: Path, interval: float) -> int:
    ok, line = health(path, interval)
    print(line)
    return 0 if ok else 1
