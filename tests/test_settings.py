"""Settings read from the environment as users write them."""

from __future__ import annotations

import pytest

from bot.settings import Settings


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("SHARD_IDS", "1", [1]),  # one id: JSON-decodes to a number, still a list
        ("SHARD_IDS", "0,1", [0, 1]),
        ("QA_CHANNEL_IDS", "[12, 34]", [12, 34]),
        ("MAINTAINER_ROLE_IDS", "56", [56]),
    ],
)
def test_id_lists(monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: list[int]) -> None:
    monkeypatch.setenv(variable, value)
    assert getattr(Settings(_env_file=None), variable.lower()) == expected  # type: ignore[call-arg]


@pytest.mark.parametrize("variable", ["DATABASE_URL", "DATABASE_PATH"])
def test_the_database_url_also_answers_to_its_old_name(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "/data/bot.sqlite3")
    assert Settings(_env_file=None).database_url == "/data/bot.sqlite3"  # type: ignore[call-arg]


def test_a_setting_left_blank_takes_its_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELOAD_INTERVAL", "")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.reload_interval == Settings.model_fields["reload_interval"].default
    assert settings.log_level == "DEBUG"


@pytest.mark.parametrize(("variable", "value"), [("RELOAD_INTERVAL", "abc"), ("LOG_LEVEL", "verbose")])
def test_a_bad_setting_is_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], variable: str, value: str
) -> None:
    from bot.cli import main

    monkeypatch.setenv(variable, value)
    assert main(["ask", "who is rubio"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"python -m bot: setting {variable}=")
