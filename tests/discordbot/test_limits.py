"""Cutting text to Discord's limits: always within the limit, at a word boundary, marked with "…"."""

from __future__ import annotations

import discord
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.discordbot.ui import limits
from bot.discordbot.ui.limits import ELLIPSIS, cut, embed_length, fit_embed, one_line

texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=3000)


@given(texts, st.integers(min_value=1, max_value=2500))
def test_cut_fits_and_keeps_a_prefix(text: str, limit: int) -> None:
    result = cut(text, limit)
    assert len(result) <= limit
    if len(text) <= limit:
        assert result == text
    else:
        assert result.endswith(ELLIPSIS)
        assert text.startswith(result[: -len(ELLIPSIS)])


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("The delegations met in Istanbul on Thursday", 20, "The delegations met…"),
        ("The delegations, met", 17, "The delegations…"),
        ("Supercalifragilistic", 8, "Superca…"),
        ("abc", 1, "…"),
    ],
)
def test_cut_examples(text: str, limit: int, expected: str) -> None:
    assert cut(text, limit) == expected


def test_one_line_collapses_whitespace() -> None:
    assert one_line("a\n\n b\tc", 100) == "a b c"


@given(
    title=texts,
    description=texts,
    footer=texts,
    fields=st.lists(st.tuples(st.text(max_size=400), st.text(max_size=1500)), max_size=40),
)
def test_fit_embed_obeys_every_limit(
    title: str, description: str, footer: str, fields: list[tuple[str, str]]
) -> None:
    embed = discord.Embed(title=title, description=description * 3)
    embed.set_footer(text=footer)
    embed.set_author(name=title)
    for name, value in fields:
        embed.add_field(name=name, value=value)
    data = fit_embed(embed).to_dict()
    assert embed_length(data) <= limits.EMBED_TOTAL
    assert len(data.get("title") or "") <= limits.EMBED_TITLE
    assert len(data.get("description") or "") <= limits.EMBED_DESCRIPTION
    assert len(data["footer"].get("text") or "") <= limits.FOOTER
    assert len(data["author"].get("name") or "") <= limits.AUTHOR
    assert len(data.get("fields", [])) <= limits.FIELDS
    for field in data.get("fields", []):
        assert 1 <= len(field["name"]) <= limits.FIELD_NAME
        assert 1 <= len(field["value"]) <= limits.FIELD_VALUE
        assert field["value"].strip() or field["value"] == limits.BLANK


def test_fit_embed_keeps_a_small_embed_unchanged() -> None:
    embed = discord.Embed(title="T", description="D", colour=discord.Colour.green())
    embed.add_field(name="n", value="v", inline=False)
    embed.set_footer(text="f")
    assert fit_embed(embed).to_dict() == embed.to_dict()
