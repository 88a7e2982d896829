"""The fact base as a running bot sees it: the last good version, swapped atomically on a valid edit.

A broken edit is refused with every problem listed, and the previous engine keeps serving.  The
watcher polls file stamps (cheap, portable, no extra dependency) and rebuilds only when they change.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.engine import Engine, EngineConfig
from bot.factbase import FactBase, FactBaseError, Problem, load_factbase
from bot.factbase.loader import KINDS, knowledge_files
from bot.factbase.yamlfile import plural

log = logging.getLogger(__name__)

Fingerprint = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class ReloadResult:
    ok: bool
    changed: bool
    version: str
    problems: list[Problem] = field(default_factory=list)
    summary: str = ""

    def describe(self) -> str:
        if not self.ok:
            count = plural(len(self.problems), "problem")
            lines = [f"Fact base NOT reloaded ({count}); still serving {self.version}:"]
            return "\n".join([*lines, *(f"- {p}" for p in self.problems)])
        if not self.changed:
            return f"Fact base unchanged (version {self.version})."
        return f"Fact base reloaded: version {self.version}. {self.summary}"


def diff_summary(old: FactBase, new: FactBase) -> str:
    parts = []
    for kind in KINDS:
        before, after = getattr(old, kind), getattr(new, kind)
        added = len(after.keys() - before.keys())
        removed = len(before.keys() - after.keys())
        changed = sum(1 for key in after.keys() & before.keys() if after[key] != before[key])
        if added or removed or changed:
            parts.append(f"{kind}: +{added} -{removed} ~{changed}")
    if old.aliases != new.aliases:
        parts.append("aliases changed")
    return "; ".join(parts) or "no content changes"


class LiveKnowledge:
    def __init__(
        self,
        directory: Path,
        config: EngineConfig | None = None,
        *,
        sources_dir: Path | None = None,
        log_results: bool = True,
    ) -> None:
        self.directory = Path(directory)
        self.config = config
        self.sources_dir = sources_dir  # when set, every load also checks each quote against its article
        # The bot's log is where a reload's outcome is recorded; the console prints each outcome to
        # its user itself, and logging it too showed every refusal twice on the same terminal.
        self.log_results = log_results
        self._lock = threading.Lock()
        self._fingerprint = self.fingerprint()
        self.engine = Engine(load_factbase(self.directory, sources_dir), config)

    @property
    def factbase(self) -> FactBase:
        return self.engine.factbase

    def fingerprint(self) -> Fingerprint:
        stamps = []
        for path in knowledge_files(self.directory):
            try:
                stat = path.stat()
            except OSError:
                continue
            stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
        return tuple(stamps)

    def reload(self, *, force: bool = False) -> ReloadResult:
        """Validate the files on disk; swap them in only when wholly valid."""
        with self._lock:
            return self._reload(force=force)

    def _reload(self, *, force: bool) -> ReloadResult:
        current = self.engine.factbase
        fingerprint = self.fingerprint()
        if not force and fingerprint == self._fingerprint:
            return ReloadResult(ok=True, changed=False, version=current.version)
        self._fingerprint = fingerprint
        try:
            factbase = load_factbase(self.directory, self.sources_dir)
        except FactBaseError as exc:
            problems = exc.problems
        except OSError as exc:  # a folder or file going away while it is read (a checkout, a rename)
            problems = [Problem(str(self.directory), None, "", f"cannot read the fact base: {exc}")]
        else:
            problems = _emptied(current, factbase)
        if problems:
            if self.log_results:
                for problem in problems:
                    log.error("fact base problem: %s", problem)
                log.error("kept fact base version %s after a broken edit", current.version)
            return ReloadResult(ok=False, changed=False, version=current.version, problems=problems)
        if factbase.version == current.version:
            return ReloadResult(ok=True, changed=False, version=current.version)
        summary = diff_summary(current, factbase)
        self.engine = Engine(factbase, self.config)
        if self.log_results:
            log.info("fact base reloaded: %s -> %s (%s)", current.version, factbase.version, summary)
        return ReloadResult(ok=True, changed=True, version=factbase.version, summary=summary)

    async def areload(self, *, force: bool = False) -> ReloadResult:
        """`reload` off the event loop: building an index must not stall the gateway heartbeat."""
        return await asyncio.to_thread(self.reload, force=force)

    async def watch(self, interval: float, on_result: Callable[[ReloadResult], Awaitable[None]]) -> None:
        """Poll for edits forever; report every reload that changed something or failed."""
        while True:
            await asyncio.sleep(interval)
            try:
                result = await self.areload()
            except Exception:
                log.exception("fact base watcher failed; will try again")
                continue
            if result.changed or not result.ok:
                await on_result(result)


def _emptied(current: FactBase, new: FactBase) -> list[Problem]:
    """A file that held items and still exists but now holds none, as problems refusing the edit: a
    file saved empty or cut to nothing is far likelier a botched save than a wish to drop all it held,
    and deleting the file says that plainly."""
    return [
        Problem(
            label,
            None,
            "",
            f"held {count} items and now holds none: refused as a half-saved or emptied file "
            "(delete the file if its items are meant to go)",
        )
        for label, count in current.held.items()
        if count and new.held.get(label) == 0
    ]
