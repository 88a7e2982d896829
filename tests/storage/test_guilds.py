"""Each server's /config over the environment's defaults, the same tests on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from bot.storage import Database, Defaults, GuildConfigs

GUILD, OTHER = 1000, 2000
DEFAULTS = Defaults(
    qa_channel_ids=frozenset({11, 12}), maintainer_role_ids=frozenset({21}), alerts_channel_id=31
)


@pytest.fixture
def configs(database: Database) -> GuildConfigs:
    return GuildConfigs(database, DEFAULTS, ttl=0)


async def test_a_server_that_set_nothing_runs_on_the_defaults(configs: GuildConfigs) -> None:
    config = await configs.get(GUILD)
    assert (config.qa_channel_ids, config.maintainer_role_ids, config.alerts_channel_id) == (
        DEFAULTS.qa_channel_ids,
        DEFAULTS.maintainer_role_ids,
        31,
    )
    assert config.answer_mode == "reply" and config.own == frozenset()


async def test_the_first_channel_change_starts_from_the_server_s_defaults(configs: GuildConfigs) -> None:
    added = await configs.add_qa_channel(GUILD, 13, seed=[11])  # 12 is another server's channel
    assert added.qa_channel_ids == {11, 13} and added.own == {"qa_channels"}
    removed = await configs.remove_qa_channel(GUILD, 11, seed=[11])  # the seed applies only once
    assert removed.qa_channel_ids == {13}
    emptied = await configs.remove_qa_channel(GUILD, 13, seed=[11])
    assert emptied.qa_channel_ids == frozenset()  # set here to none, not back to the defaults
    assert (await configs.get(OTHER)).qa_channel_ids == DEFAULTS.qa_channel_ids


async def test_set_and_clear_override_the_defaults_per_field(configs: GuildConfigs) -> None:
    role = await configs.set_maintainer_role(GUILD, 22)
    assert role.maintainer_role_ids == {22} and role.alerts_channel_id == 31  # the rest stays default
    cleared = await configs.set_maintainer_role(GUILD, None)
    assert cleared.maintainer_role_ids == frozenset() and "maintainer_role" in cleared.own
    alerts = await configs.set_alerts_channel(GUILD, 32)
    assert alerts.alerts_channel_id == 32
    await configs.set_alerts_channel(OTHER, None)
    assert await configs.alerts_channels() == {GUILD: 32, OTHER: None}
    mode = await configs.set_answer_mode(GUILD, "thread")
    assert (mode.answer_mode, mode.maintainer_role_ids, mode.alerts_channel_id) == ("thread", frozenset(), 32)
    with pytest.raises(ValueError, match="answer mode"):
        await configs.set_answer_mode(GUILD, "shout")  # type: ignore[arg-type]


async def test_another_process_sees_a_change_within_the_cache_time(database: Database) -> None:
    here = GuildConfigs(database, DEFAULTS, ttl=3600)
    there = GuildConfigs(database, DEFAULTS, ttl=0)
    assert (await here.get(GUILD)).answer_mode == "reply"
    await there.set_answer_mode(GUILD, "thread")
    assert (await here.get(GUILD)).answer_mode == "reply"  # cached, as documented
    here.ttl = 0
    assert (await here.get(GUILD)).answer_mode == "thread"
    assert (await here.set_answer_mode(GUILD, "reply")).answer_mode == "reply"  # own change: at once


async def test_an_unreadable_database_keeps_the_last_known_setup(
    configs: GuildConfigs, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    await configs.set_answer_mode(GUILD, "thread")
    async with database.engine.begin() as conn:  # the database breaks under the running bot
        await conn.exec_driver_sql("DROP TABLE guild_qa_channels")
    assert (await configs.get(GUILD)).answer_mode == "thread"
    assert (await configs.get(OTHER)).qa_channel_ids == DEFAULTS.qa_channel_ids
    assert "cannot read the setup of guild 2000" in caplog.text
