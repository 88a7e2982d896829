"""Plain-text rendering of answers for the console and `ask`."""

from __future__ import annotations

import textwrap

from bot.engine import Answer
from bot.wording import abstention, in_quotes, source_label

WIDTH = 96


def render_answer(answer: Answer) -> str:
    lines: list[str] = []
    read_as = answer.explanation.read_as if answer.explanation else None
    if read_as:
        lines.append(f"(read as: {read_as})")
    if answer.notice and answer.answered:
        lines.append(f"(note: {answer.notice})")
    if answer.answered and answer.text:
        if answer.understood_line:
            lines.append(answer.understood_line)
        lines += textwrap.wrap(answer.text, WIDTH)
        if answer.reported:
            lines.append(answer.reported)
        lines.append("")
        lines.append("Sources:")
        for i, source in enumerate(answer.sources, 1):
            label = f"[{i}] {source_label(source)} ({source.id})"
            lines += textwrap.wrap(label, WIDTH, initial_indent="  ", subsequent_indent="      ")
            lines += textwrap.wrap(
                in_quotes(source.quote), WIDTH, initial_indent="      ", subsequent_indent="      "
            )
        lines.append(f"({answer.tier}, p = {answer.confidence:.2f})")
    else:
        for paragraph in abstention(answer.notice):
            lines += textwrap.wrap(paragraph, WIDTH)
    if answer.suggestions:
        lines.append("Did you mean:" if not answer.answered else "Related:")
        lines += [f"  - {s.question}" for s in answer.suggestions]
    return "\n".join(lines)
