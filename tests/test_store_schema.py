"""The store's schema: its own Alembic line, created and upgraded on purpose, and a store
older or newer than this okrdesk refused with what to do (both languages)."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from okrdesk import cli
from okrdesk.store import version
from okrdesk.store.connect import StoreAddress, store_engine
from okrdesk.store.errors import StoreError
from okrdesk.store.publish import in_transaction
from okrdesk.store.schema import StoreBase
from tests.pg_cluster import fresh_database


@pytest.fixture(scope="module")
def store(pg_server):
    url = fresh_database(pg_server, "okrdesk_schema")
    assert cli.main(["store", "init", url, "--lang", "en"]) == 0
    return url


def check(url):
    address = StoreAddress.parse(url)
    engine = store_engine(address)
    try:
        return in_transaction(engine, address, lambda connection: "checked")[0]
    finally:
        engine.dispose()


def set_revision(url, revision):
    engine = create_engine(StoreAddress.parse(url).url)
    with engine.begin() as connection:
        connection.execute(
            text(f"UPDATE {version.VERSION_TABLE} SET version_num = :r"), {"r": revision}
        )
    engine.dispose()


def test_the_shipped_store_revisions_match_alembic():
    config = version._config(None)
    script = ScriptDirectory.from_config(config)
    ordered = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(ordered) == version.STORE_REVISIONS
    assert script.get_current_head() == version.head_revision()


def test_the_store_models_match_its_migrations_exactly(store):
    engine = create_engine(StoreAddress.parse(store).url)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"version_table": version.VERSION_TABLE}
        )
        differences = compare_metadata(context, StoreBase.metadata)
    engine.dispose()
    assert differences == []


def test_a_store_at_this_okrdesks_revision_is_used(store):
    assert check(store) == "checked"


def test_init_twice_is_refused_and_upgrade_at_head_changes_nothing(store, capsys):
    assert cli.main(["store", "init", store, "--lang", "en"]) == 2
    assert "already holds an okrdesk store" in capsys.readouterr().err
    assert cli.main(["store", "upgrade", store, "--lang", "en"]) == 0
    assert "has schema s0001 (it had s0001)" in capsys.readouterr().out


def test_a_database_without_a_store_is_refused_saying_how_to_make_one(pg_server):
    empty = fresh_database(pg_server, "okrdesk_empty")
    with pytest.raises(StoreError) as refused:
        check(empty)
    assert refused.value.message_id == "store.not_a_store"
    assert "okrdesk store init" in refused.value.message("en")
    assert "okrdesk store init" in refused.value.message("zh_CN")


def test_a_store_newer_than_this_okrdesk_is_refused(pg_server):
    newer = fresh_database(pg_server, "okrdesk_newer")
    assert cli.main(["store", "init", newer]) == 0
    set_revision(newer, "s9999")
    with pytest.raises(StoreError) as refused:
        check(newer)
    assert refused.value.message_id == "store.too_new"
    assert "s9999" in refused.value.message("en") and "update okrdesk" in refused.value.message(
        "en"
    )
    assert "更新 okrdesk" in refused.value.message("zh_CN")
    engine = store_engine(StoreAddress.parse(newer))
    with pytest.raises(StoreError, match="newer than this okrdesk"):
        version.upgrade_store(engine, newer)
    engine.dispose()


def test_a_store_older_than_this_okrdesk_is_refused_until_upgraded(store, monkeypatch):
    # This okrdesk as if it knew one more revision than the store has.
    monkeypatch.setattr(version, "STORE_REVISIONS", ("s0001", "s0002"))
    with pytest.raises(StoreError) as refused:
        check(store)
    assert refused.value.message_id == "store.too_old"
    said = refused.value.message("en")
    assert "older than this okrdesk's s0002" in said and "okrdesk store upgrade" in said
    assert "okrdesk store upgrade" in refused.value.message("zh_CN")
