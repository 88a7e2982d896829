"""Live reload: a valid edit is swapped in, a broken one is refused and the last good version serves."""

import os
import shutil
import threading

import pytest

from bot.engine.live import LiveKnowledge
from bot.settings import PROJECT_ROOT


@pytest.fixture
def live(tmp_path) -> LiveKnowledge:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", knowledge)
    return LiveKnowledge(knowledge)


def touch_later(path):
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_unchanged_files_are_not_reloaded(live):
    result = live.reload()
    assert result.ok and not result.changed


def test_a_valid_edit_is_swapped_in(live):
    path = live.directory / "entries" / "zz-new.yaml"
    path.write_text(
        "entries:\n  - id: kebab-test-entry\n    question: Which kebab did the delegations eat?\n"
        "    answer: A kebab entry that exists only for a reload test.\n"
        "    evidence:\n      - source: trt-last-chance-for-peace\n"
        '        quote: "Istanbul talks: A last chance for peace?"\n'
    )
    old = live.engine
    result = live.reload()
    assert result.ok and result.changed
    assert "entries: +1 -0 ~0" in result.summary
    assert live.engine is not old
    assert live.engine.answer("which kebab did the delegations eat").target == "kebab-test-entry"


def test_a_broken_edit_is_refused_and_the_old_version_keeps_serving(live):
    version = live.factbase.version
    path = live.directory / "people.yaml"
    path.write_text(path.read_text().replace("roles:", "rolez:", 1))
    touch_later(path)
    result = live.reload()
    assert not result.ok and not result.changed
    assert result.version == version == live.factbase.version
    assert any("people.yaml:" in str(p) and "rolez" in str(p) for p in result.problems)
    assert "NOT reloaded" in result.describe()
    assert live.engine.answer("who led the russian delegation").answered


def test_a_file_saved_empty_is_refused_and_deleting_it_is_taken(live):
    history = live.directory / "entries" / "history.yaml"
    history.write_text("")
    touch_later(history)
    result = live.reload()
    assert not result.ok and not result.changed
    assert any("history.yaml" in str(p) and "now holds none" in str(p) for p in result.problems)
    assert live.engine.answer("what came out of the march 2022 istanbul talks").answered
    history.unlink()
    result = live.reload()
    assert result.ok and result.changed and " -" in result.summary


def test_a_file_vanishing_while_it_is_read_keeps_the_last_good_version(live, monkeypatch):
    import bot.engine.live as live_module

    def vanished(*args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory", "entries/zz-robust.yaml")

    monkeypatch.setattr(live_module, "load_factbase", vanished)
    result = live.reload(force=True)
    assert not result.ok and "cannot read the fact base" in str(result.problems[0])
    assert live.engine.answer("who led the russian delegation").answered


async def test_areload_runs_off_the_event_loop(live, monkeypatch):
    loop_thread = threading.get_ident()
    threads = []
    reload = live.reload

    def recording_reload(*, force: bool = False):
        threads.append(threading.get_ident())
        return reload(force=force)

    monkeypatch.setattr(live, "reload", recording_reload)
    result = await live.areload(force=True)
    assert result.ok
    assert len(threads) == 1 and threads[0] != loop_thread
