"""Every command-line test gets its own database: the console records its unanswered questions."""

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def own_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "bot.sqlite3"
    monkeypatch.setenv("DATABASE_URL", str(path))
    return path
