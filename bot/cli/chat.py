"""The interactive console: ask questions at a prompt, see answers with their sources.

Like a conversation in a channel, each question is read in the context of the one before ("and
ukraine's?", "when was that?"); typing `new` (or `/new`) starts afresh.

Like the bot, the console picks up edits to knowledge/ as they are saved: before each answer it
checks the files, swaps in a valid edit and says so, or says that a broken one was refused and
which version it is still answering from.

Questions it could not answer are counted in the bot's database (see `bot.cli.gaps`), so `kb gaps`
lists them beside those asked on Discord.
"""

from __future__ import annotations

import contextlib
import sys

from bot.cli.gaps import ConsoleGaps
from bot.cli.render import render_answer
from bot.engine import Exchange
from bot.engine.live import LiveKnowledge, ReloadResult
from bot.factbase.yamlfile import plural
from bot.wording import TOPIC

BANNER = (
    f"Ask me about {TOPIC} "
    "({entries} answers, {people} people, {events} events; fact base {version}).\n"
    'Type a question and press Enter; follow-ups ("and ukraine\'s?", "when was that?") are read in\n'
    "context — type `new` to start a fresh conversation; Ctrl-D or Ctrl-C to leave."
)
FRESH = frozenset({"new", "/new", "reset", "/reset"})


def reload_note(result: ReloadResult) -> str | None:
    """What the console says after checking knowledge/ for edits (None: nothing changed)."""
    if not result.ok:
        shown = [f"  {problem}" for problem in result.problems[:5]]
        more = len(result.problems) - len(shown)
        return "\n".join(
            [
                f"(your edit to the fact base was refused: {plural(len(result.problems), 'problem')}; "
                f"still answering from version {result.version})",
                *shown,
                *([f"  …and {more} more (python -m bot kb check)"] if more else []),
            ]
        )
    if result.changed:
        return f"(fact base reloaded: version {result.version}; {result.summary})"
    return None


def run_chat(knowledge: LiveKnowledge, gaps: ConsoleGaps | None = None) -> int:
    fb = knowledge.factbase
    print(BANNER.format(version=fb.version, **fb.counts()))
    unrecorded = gaps.problem if gaps is not None else None
    if unrecorded:
        print(f"(questions I cannot answer will not be recorded for `kb gaps`: {unrecorded})")
    interactive = sys.stdin.isatty()
    if interactive:
        _line_editing()
    after: Exchange | None = None
    while True:
        try:
            question = input("\n? " if interactive else "")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not question.strip():
            continue
        if not interactive:
            print(f"? {question}")
        if question.strip().lower() in FRESH:
            after = None
            print("(new conversation: the next question is read on its own)")
            continue
        note = reload_note(knowledge.reload())
        if note:
            print(note)
            if knowledge.factbase.version != fb.version:
                fb, after = knowledge.factbase, None  # earlier answers may name entries now gone
        answer = knowledge.engine.answer(question, after=after)
        after = Exchange.of(answer)
        print(render_answer(answer), flush=True)
        if gaps is not None:
            gaps.record(answer)
            if gaps.problem and gaps.problem != unrecorded:
                unrecorded = gaps.problem
                print(f"(questions I cannot answer are no longer recorded for `kb gaps`: {unrecorded})")


def _line_editing() -> None:
    """Arrow keys edit the line and recall earlier questions, instead of typing `^[[A` into it."""
    with contextlib.suppress(ImportError):  # not on every platform; the console works without it
        import readline  # noqa: F401  (importing it is what switches input() over)
