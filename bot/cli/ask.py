"""`ask`: one question (or a batch) answered on stdout, readable or as JSON lines.

With `--after "PREVIOUS QUESTION"` the question is a follow-up read in the context of that one (and
of any earlier `--after`, oldest first), as the console and Discord replies read it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from bot.cli.render import render_answer
from bot.engine import Engine, Exchange


def read_batch(source: str) -> Iterator[str]:
    """One question per input line, in order: a blank line is a (blank) question too.

    Lines end only at "\\n" (or "\\r\\n"), as `wc -l` counts them: `str.splitlines` would also
    split at form feeds, U+2028 and the like, and `--json --batch` promises exactly one object per
    input line.
    """
    if source == "-":
        yield from _lines(sys.stdin.buffer)
        return
    with Path(source).open("rb") as stream:
        yield from _lines(stream)


def _lines(stream: BinaryIO) -> Iterator[str]:
    for raw in stream:
        yield raw.decode("utf-8", errors="replace").removesuffix("\n").removesuffix("\r")


def context_of(engine: Engine, previous: list[str]) -> Exchange | None:
    """The exchange the earlier questions leave behind, each read in the context of the one before."""
    after = None
    for question in previous:
        after = Exchange.of(engine.answer(question, after=after))
    return after


def run_ask(
    engine: Engine,
    question: str | None,
    *,
    as_json: bool,
    batch: str | None,
    explain: bool,
    after: list[str] | None = None,
) -> int:
    questions = read_batch(batch) if batch else [question or ""]
    context = context_of(engine, after or [])
    for q in questions:
        answer = engine.answer(q, after=context)
        if as_json:
            payload = answer.to_json()
            if explain:
                payload["explanation"] = answer.explain_json()
            print(json.dumps(payload, ensure_ascii=False), flush=True)
        else:
            print(render_answer(answer))
            if explain:
                print(json.dumps(answer.explain_json(), ensure_ascii=False, indent=2))
    return 0
