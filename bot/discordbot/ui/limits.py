"""Discord's size limits, and the helpers that keep every message inside them.

Discord rejects a whole message when one part is a character too long, so text is cut here, once,
cleanly (at a word boundary, with "…"), instead of trusting every caller to count.
"""

from __future__ import annotations

import logging

import discord

log = logging.getLogger(__name__)

CONTENT = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
FIELDS = 25
FOOTER = 2048
AUTHOR = 256
EMBED_TOTAL = 6000
CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100
BUTTONS_PER_ROW = 5
COMPONENTS = 25
BUTTON_LABEL = 80
CUSTOM_ID = 100

ELLIPSIS = "…"
BLANK = "\u200b"  # what Discord accepts as an "empty" field name or value


def cut(text: str, limit: int) -> str:
    """`text` if it fits, else its longest word-boundary prefix that fits with a trailing "…"."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS)
    head = text[: room + 1]
    boundary = max(head.rfind(" "), head.rfind("\n"))
    head = head[:boundary] if boundary >= room // 2 else head[:room]
    return (head.rstrip(" \n\t,;:.-–—") or text[:room]) + ELLIPSIS


def one_line(text: str, limit: int) -> str:
    """Whitespace (newlines included) collapsed, then cut: for summaries, labels and choices."""
    return cut(" ".join(text.split()), limit)


def non_empty(text: str | None, limit: int) -> str:
    """Cut text for a field name or value, which Discord refuses when empty."""
    text = (text or "").strip()
    return cut(text, limit) if text else BLANK


def embed_length(data: dict) -> int:
    """The characters Discord counts against the 6000 total."""
    total = len(data.get("title") or "") + len(data.get("description") or "")
    total += len((data.get("footer") or {}).get("text") or "")
    total += len((data.get("author") or {}).get("name") or "")
    total += sum(len(f.get("name") or "") + len(f.get("value") or "") for f in data.get("fields") or [])
    return total


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """A copy of `embed` that obeys every per-part limit and the 6000-character total.

    When the total is too large, trailing fields go first (sources listed last are the least
    important), then the description is cut: the answer itself is kept as long as possible.
    """
    data = embed.to_dict()
    if data.get("title"):
        data["title"] = one_line(data["title"], EMBED_TITLE)
    if data.get("description"):
        data["description"] = cut(data["description"], EMBED_DESCRIPTION)
    if (data.get("footer") or {}).get("text"):
        data["footer"]["text"] = cut(data["footer"]["text"], FOOTER)
    if (data.get("author") or {}).get("name"):
        data["author"]["name"] = one_line(data["author"]["name"], AUTHOR)
    fields = [_fit_field(f) for f in data.get("fields") or []][:FIELDS]
    data["fields"] = fields
    dropped = 0
    while fields and embed_length(data) > EMBED_TOTAL:
        fields.pop()
        dropped += 1
    if dropped:
        log.debug("fit_embed dropped %d fields to stay under %d characters", dropped, EMBED_TOTAL)
    over = embed_length(data) - EMBED_TOTAL
    if over > 0 and data.get("description"):
        data["description"] = cut(data["description"], max(len(data["description"]) - over, 1))
    over = embed_length(data) - EMBED_TOTAL
    if over > 0 and data.get("title"):
        data["title"] = cut(data["title"], max(len(data["title"]) - over, 1))
    if not data["fields"]:
        del data["fields"]
    return discord.Embed.from_dict(data)


def _fit_field(field: dict) -> dict:
    name = one_line(field.get("name") or "", FIELD_NAME)
    return {**field, "name": non_empty(name, FIELD_NAME), "value": non_empty(field.get("value"), FIELD_VALUE)}


def fit_content(text: str) -> str:
    return cut(text, CONTENT)
