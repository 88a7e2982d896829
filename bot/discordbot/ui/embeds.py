"""Answers, timelines, people and reports as Discord embeds: pure functions, no client needed.

Every builder ends with `fit_embed`, so whatever the fact base or the user throws at it (a long
answer, thirty sources, a question of emoji) the result is one Discord accepts.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence

import discord

from bot.discordbot.ui.limits import EMBED_DESCRIPTION, FIELD_VALUE, cut, fit_embed, one_line
from bot.engine import Answer, Explanation, SourceRef
from bot.engine.answer import Candidate
from bot.engine.live import ReloadResult
from bot.factbase import FactBase
from bot.factbase.dates import events_between
from bot.factbase.models import Event, PartialDate, Person
from bot.factbase.yamlfile import plural
from bot.storage import Disliked, Gap
from bot.wording import TOPIC, abstention, headline, in_quotes, person_summary, source_label

log = logging.getLogger(__name__)

ANSWER_COLOUR = discord.Colour.blurple()
UNKNOWN_COLOUR = discord.Colour.light_grey()
OK_COLOUR = discord.Colour.green()
PROBLEM_COLOUR = discord.Colour.red()

EVENTS_PER_PAGE = 5
SUMMARY_CHARS = 220


def version_footer(version: str) -> str:
    return f"fact base {version}"


def confidence_hint(answer: Answer) -> str:
    return "high confidence" if answer.tier == "confident" else "medium confidence"


def quoted(quotes: Sequence[str], limit: int = FIELD_VALUE) -> str:
    """Each quoted sentence on its own line, in quotation marks, cut as a whole to `limit`."""
    lines = [in_quotes(quote) for quote in quotes]
    return cut("\n".join(lines), limit)


def _source_fields(embed: discord.Embed, sources: Iterable[SourceRef]) -> None:
    """One field per article, its quoted sentences together (an answer may quote one article twice)."""
    grouped: dict[str, list[SourceRef]] = {}
    for ref in sources:
        grouped.setdefault(ref.id, []).append(ref)
    for refs in grouped.values():
        quotes = list(dict.fromkeys(ref.quote for ref in refs))
        embed.add_field(name=source_label(refs[0]), value=quoted(quotes), inline=False)


# -- answers ----------------------------------------------------------------------------------------
def answer_embed(answer: Answer, version: str) -> discord.Embed:
    if not answer.answered or answer.text is None:
        return abstention_embed(answer, version)
    parts = [f"*{answer.notice}*"] if answer.notice else []
    if answer.understood_line:
        parts.append(f"**{answer.understood_line}**")
    parts.append(answer.text)
    if answer.reported:
        parts.append(answer.reported)
    embed = discord.Embed(
        title=answer.title or answer.question, description="\n\n".join(parts), colour=ANSWER_COLOUR
    )
    _source_fields(embed, answer.sources)  # related questions are offered as buttons
    embed.set_footer(text=f"{confidence_hint(answer).capitalize()} · {version_footer(version)}")
    return fit_embed(embed)


def abstention_embed(answer: Answer, version: str) -> discord.Embed:
    first, *why = abstention(answer.notice)
    parts = [first, *(f"*{line}*" for line in why)]
    if answer.suggestions:
        parts.append("**Did you mean:**\n" + "\n".join(f"• {s.question}" for s in answer.suggestions))
    embed = discord.Embed(description="\n\n".join(parts), colour=UNKNOWN_COLOUR)
    embed.set_footer(text=version_footer(version))
    return fit_embed(embed)


# -- timeline ---------------------------------------------------------------------------------------
def event_outlets(event: Event, factbase: FactBase) -> str:
    labels = []
    for evidence in event.evidence:
        source = factbase.sources.get(evidence.source)
        if source is not None:
            labels.append(one_line(source.outlet or source.title, 80))
    return "; ".join(dict.fromkeys(labels)) or "unknown source"


def timeline_for(
    factbase: FactBase, topic: str | None, first: PartialDate | None, last: PartialDate | None
) -> tuple[str, list[Event]]:
    """The heading and the events of a /timeline with these (already validated) filters."""
    events = events_between(factbase.timeline(), first, last)
    filters = []
    if topic:
        events = [event for event in events if topic in event.topics]
        filters.append(f"topic {topic}")
    if first:
        filters.append(f"from {first.display()}")
    if last:
        filters.append(f"to {last.display()}")
    return "Timeline" + (f" ({', '.join(filters)})" if filters else ""), events


def timeline_pages(
    events: Sequence[Event], factbase: FactBase, *, heading: str, per_page: int = EVENTS_PER_PAGE
) -> list[discord.Embed]:
    """The events as pages of embeds, each event with its date shown to its own precision."""
    if not events:
        embed = discord.Embed(title=heading, description="No events match.", colour=UNKNOWN_COLOUR)
        embed.set_footer(text=version_footer(factbase.version))
        return [fit_embed(embed)]
    chunks = [events[i : i + per_page] for i in range(0, len(events), per_page)]
    pages = []
    for number, chunk in enumerate(chunks, 1):
        embed = discord.Embed(
            title=heading,
            description=f"{len(events)} event{'s' * (len(events) != 1)}, oldest first.",
            colour=ANSWER_COLOUR,
        )
        for event in chunk:
            try:
                name = f"{event.when.display()} — {event.title}"
                value = (
                    f"{one_line(event.summary, SUMMARY_CHARS)}\n*Source: {event_outlets(event, factbase)}*"
                )
            except Exception:  # one broken item must not break the whole timeline
                log.exception("timeline: cannot show event %s", getattr(event, "id", "?"))
                continue
            embed.add_field(name=name, value=value, inline=False)
        embed.set_footer(text=f"Page {number}/{len(chunks)} · {version_footer(factbase.version)}")
        pages.append(fit_embed(embed))
    return pages


# -- people -----------------------------------------------------------------------------------------
def person_embed(person: Person, sources: Sequence[SourceRef], version: str) -> discord.Embed:
    embed = discord.Embed(title=person.name, description=person_summary(person) or None, colour=ANSWER_COLOUR)
    roles = person.roles
    embed.add_field(name="Roles" if len(roles) > 1 else "Role", value="\n".join(f"• {r}" for r in roles))
    embed.add_field(name="Side", value=person.side)
    _source_fields(embed, sources)
    embed.set_footer(text=version_footer(version))
    return fit_embed(embed)


def no_such_person(name: str, close: Sequence[Person]) -> str:
    text = f"I don't know anyone called {one_line(name, 100)!r} in the articles."
    if close:
        text += " Did you mean " + ", ".join(p.name for p in close) + "?"
    return text


# -- information -------------------------------------------------------------------------------------
def sources_embed(factbase: FactBase) -> discord.Embed:
    embed = discord.Embed(
        title="The articles behind the answers",
        description="Every answer quotes one or more of these articles. No article prints its own date; "
        "the dates below are worked out from clues in the texts.",
        colour=ANSWER_COLOUR,
    )
    for source in factbase.sources.values():
        date = source.published.display() if source.published else "not given"
        embed.add_field(
            name=source.outlet or "No outlet named",
            value=f"{headline(source)}\nDate: {date} · reports on {source.period}",
            inline=False,
        )
    embed.set_footer(text=version_footer(factbase.version))
    return fit_embed(embed)


def about_embed(factbase: FactBase, *, uptime: dt.timedelta, guilds: int) -> discord.Embed:
    counts = factbase.counts()
    embed = discord.Embed(
        title="About this bot",
        description=f"I answer questions about {TOPIC} from a curated fact base."
        " Every answer quotes the articles it comes from; when they don't say, I say I don't know.",
        colour=ANSWER_COLOUR,
    )
    embed.add_field(name="Fact-base version", value=factbase.version)
    embed.add_field(name="Loaded", value=discord.utils.format_dt(factbase.loaded_at, "R"))
    embed.add_field(
        name="Contents",
        value=f"{counts['entries']} answers · {counts['people']} people · {counts['events']} events · "
        f"{counts['sources']} articles",
        inline=False,
    )
    embed.add_field(name="Uptime", value=human_duration(uptime))
    embed.add_field(name="Servers", value=str(guilds))
    embed.set_footer(text=version_footer(factbase.version))
    return fit_embed(embed)


def human_duration(delta: dt.timedelta) -> str:
    seconds = int(delta.total_seconds())
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    parts = [f"{days} d" if days else "", f"{hours} h" if hours else "", f"{minutes} min" if minutes else ""]
    return " ".join(p for p in parts if p) or f"{seconds} s"


def help_embed(
    commands: Sequence[tuple[str, str]], *, qa_channel_ids: Sequence[int], max_question_chars: int
) -> discord.Embed:
    """How to ask, then one field per (usage, description) in `commands` (see `tree.command_help`)."""
    channels = ", ".join(f"<#{channel_id}>" for channel_id in qa_channel_ids)
    plain = "Mention me with your question"
    plain += f", or ask in {channels} with a message ending in “?”." if channels else "."
    embed = discord.Embed(
        title="How to ask",
        description=f"I answer questions about {TOPIC}, quoting the articles I draw on."
        f" {plain} Questions are read up to {max_question_chars} characters.",
        colour=ANSWER_COLOUR,
    )
    for usage, text in commands:
        embed.add_field(name=usage, value=text or "\u200b", inline=False)
    embed.set_footer(text="Use 👍 / 👎 under an answer to tell the maintainers how it did.")
    return fit_embed(embed)


# -- maintainers ------------------------------------------------------------------------------------
def reload_embed(result: ReloadResult) -> discord.Embed:
    if not result.ok:
        title, colour = f"Fact base NOT reloaded — {plural(len(result.problems), 'problem')}", PROBLEM_COLOUR
        lines = [f"Still serving version {result.version}. Fix these and reload:"]
        # Double backticks: a problem names fields as `question:`, which single ones would break.
        lines += [f"• `` {problem} ``" for problem in result.problems]
        description = bounded_lines(lines, EMBED_DESCRIPTION)
    elif result.changed:
        title, colour = f"Fact base reloaded: version {result.version}", OK_COLOUR
        description = result.summary or "No content changes."
    else:
        title, colour = f"Fact base unchanged (version {result.version})", OK_COLOUR
        description = "The files on disk are valid and match what I am serving."
    return fit_embed(discord.Embed(title=title, description=description, colour=colour))


def bounded_lines(lines: Sequence[str], limit: int) -> str:
    """As many whole lines as fit, then '…and N more' (never a line cut in the middle of a path)."""
    kept: list[str] = []
    used = 0
    for index, whole in enumerate(lines):
        line = cut(whole, limit // 2)
        rest = len(lines) - index
        tail = len(f"\n…and {rest} more")
        if used + len(line) + 1 + (tail if rest > 1 else 0) > limit:
            kept.append(f"…and {rest} more")
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept)


def explain_embed(question: str, explanation: Explanation, version: str) -> discord.Embed:
    embed = discord.Embed(title=f"Explain: {question}", colour=ANSWER_COLOUR)
    if explanation.context:
        read = f"\nread as: {explanation.read_as}" if explanation.read_as else ""
        embed.add_field(name="Follow-up", value=cut(explanation.context + read, FIELD_VALUE), inline=False)
    embed.add_field(name="Read as", value=f"`{explanation.normalized or '(no known words)'}`", inline=False)
    if explanation.unknown:
        embed.add_field(name="Unknown words", value=", ".join(explanation.unknown), inline=False)
    if explanation.corrections:
        fixes = ", ".join(f"{wrong} → {right}" for wrong, right in explanation.corrections.items())
        embed.add_field(name="Spelling corrections", value=fixes, inline=False)
    embed.add_field(
        name="Best match", value=_candidate(explanation.best, explanation.threshold), inline=False
    )
    embed.add_field(name="Runner-up", value=_candidate(explanation.runner_up, None), inline=False)
    embed.set_footer(text=f"threshold {explanation.threshold:.2f} · {version_footer(version)}")
    return fit_embed(embed)


def _candidate(candidate: Candidate | None, threshold: float | None) -> str:
    if candidate is None:
        return "none"
    verdict = ""
    if threshold is not None:
        verdict = " — answers" if candidate.score >= threshold else " — below the threshold: abstains"
    return (
        f"{candidate.kind} `{candidate.target}`{verdict}\n"
        f"phrasing: {candidate.phrasing}\n"
        f"score {candidate.score:.3f} "
        f"(coverage {candidate.coverage:.3f}, similarity {candidate.similarity:.3f})"
    )


def gaps_embed(gaps: Sequence[Gap], disliked: Sequence[Disliked], *, scope: str) -> discord.Embed:
    embed = discord.Embed(title=f"Gaps and complaints ({scope})", colour=ANSWER_COLOUR)
    gap_lines = [f"{gap.count}× {gap.question}" for gap in gaps] or ["None recorded yet."]
    embed.add_field(
        name="Most-asked unanswered questions", value=bounded_lines(gap_lines, FIELD_VALUE), inline=False
    )
    dislike_lines = [f"{d.down} 👎 / {d.up} 👍 — {d.kind} `{d.target}`" for d in disliked] or [
        "None recorded yet."
    ]
    embed.add_field(
        name="Answers with the most 👎", value=bounded_lines(dislike_lines, FIELD_VALUE), inline=False
    )
    return fit_embed(embed)


def maintainer_alert(result: ReloadResult) -> discord.Embed:
    """What the watcher posts to the maintainers' channel after a refused edit."""
    embed = reload_embed(result)
    embed.set_footer(text="Noticed by the knowledge/ watcher; the last good version is still answering.")
    return fit_embed(embed)
