"""The feedback store: counts survive restarts and concurrent writers, and hold no user ids."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from bot.cli.kb import run_gaps
from bot.storage import FeedbackStore, StoreError, normalize_question
from bot.storage.feedback import SCHEMA_VERSION
from bot.wording import MAX_QUESTION_CHARS


def test_created_on_first_use_with_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "bot.sqlite3"
    store = FeedbackStore(path)
    assert not path.exists()
    assert store.top_gaps() == []
    assert path.exists()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        columns = {
            row[1] for table in ("gaps", "votes") for row in conn.execute(f"PRAGMA table_info({table})")
        }
    assert not {c for c in columns if "user" in c}
    store.close()


def test_gaps_are_grouped_by_normalised_text_and_ranked(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "db.sqlite3")
    for question in ["What is the population of Istanbul?", "what is the POPULATION of istanbul", "Weather?"]:
        assert store.record_gap(question, guild_id=1)
    store.record_gap("What is the population of Istanbul?", guild_id=2)
    assert not store.record_gap("?!", guild_id=1)
    [top, second] = store.top_gaps(10)
    assert (top.question, top.count, top.guilds) == ("what is the population of istanbul", 3, 2)
    assert (second.question, second.count) == ("weather", 1)
    assert [g.count for g in store.top_gaps(10, guild_id=2)] == [1]
    assert len(store.top_gaps(1)) == 1
    store.close()


def test_most_disliked(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "db.sqlite3")
    store.record_vote("entry", "a", 1, up=False)
    store.record_vote("entry", "a", 2, up=False)
    store.record_vote("entry", "a", 1, up=True)
    store.record_vote("entry", "b", 1, up=False)
    store.record_vote("person", "c", 1, up=True)
    ranked = store.most_disliked(10)
    assert [(d.kind, d.target, d.down, d.up) for d in ranked] == [("entry", "a", 2, 1), ("entry", "b", 1, 0)]
    assert [(d.target, d.down) for d in store.most_disliked(10, guild_id=2)] == [("a", 1)]
    store.close()


def test_concurrent_writers_lose_nothing_and_counts_persist(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    shared = FeedbackStore(path)
    other = FeedbackStore(path)  # a second connection, as a second bot process would have
    threads_per_store, writes = 4, 50

    def write(store: FeedbackStore) -> None:
        for i in range(writes):
            store.record_gap("Who won?", guild_id=7)
            store.record_vote("entry", "x", 7, up=i % 2 == 0)

    threads = [
        threading.Thread(target=write, args=(s,)) for s in (shared, other) for _ in range(threads_per_store)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    shared.close()
    other.close()

    reopened = FeedbackStore(path)
    total = 2 * threads_per_store * writes
    assert reopened.top_gaps()[0].count == total
    [votes] = reopened.most_disliked()
    assert (votes.down, votes.up) == (total // 2, total // 2)
    reopened.close()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="schema version"):
        FeedbackStore(path).top_gaps()


async def test_async_methods(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "db.sqlite3")
    await store.arecord_gap("Where is Kyiv?", None)
    await store.arecord_vote("entry", "e", None, up=False)
    assert [g.question for g in await store.atop_gaps()] == ["where is kyiv"]
    assert [d.target for d in await store.amost_disliked()] == ["e"]
    store.close()


def test_normalize_question() -> None:
    assert normalize_question("  Who is  Erdoğan’s envoy?? ") == "who is erdogan envoy"
    assert len(normalize_question("word " * 400)) == MAX_QUESTION_CHARS - 1  # cut mid-way, then stripped


def test_kb_gaps_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "db.sqlite3"
    assert run_gaps(path, 5) == 0
    assert "No feedback database yet" in capsys.readouterr().out
    assert not path.exists()

    store = FeedbackStore(path)
    store.record_gap("What is the population of Istanbul?", 1)
    store.record_vote("entry", "talks-date", 1, up=False)
    store.close()
    assert run_gaps(path, 5) == 0
    out = capsys.readouterr().out
    assert "1×  what is the population of istanbul" in out
    assert "entry talks-date" in out and "1 👎" in out
