"""The heartbeat file the running bot keeps fresh while its gateway connection is up.

`python -m bot health` (bot/cli/health.py) reads it.  "Connected" follows discord.py's own events:
on_connect / on_ready / on_resumed set it, on_disconnect clears it, so a bot that keeps failing to
reconnect stops beating even though its process is alive.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from pathlib import Path

log = logging.getLogger(__name__)


class Heartbeat:
    def __init__(self, path: Path, interval: float) -> None:
        self.path = path
        self.interval = interval
        self.connected = False
        self._warned = False

    def beat(self) -> bool:
        """Write the file if connected; False when there was nothing to write or it failed."""
        if not self.connected:
            return False
        payload = json.dumps({"at": time.time(), "pid": os.getpid()})
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(self.path.name + ".tmp")
            temporary.write_text(payload, encoding="utf-8")
            temporary.replace(self.path)  # never a half-written file for `health` to read
        except OSError as exc:
            if not self._warned:
                log.warning(
                    "cannot write the heartbeat %s (`python -m bot health` will fail): %s", self.path, exc
                )
                self._warned = True
            return False
        return True

    def set_connected(self, connected: bool) -> None:
        self.connected = connected
        if connected:
            self.beat()

    async def run(self) -> None:
        while True:
            self.beat()
            await asyncio.sleep(self.interval)

    def remove(self) -> None:
        """At a clean stop: `health` then says the bot is not running instead of trusting an old beat."""
        self.connected = False
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("cannot remove the heartbeat %s: %s", self.path, exc)
