"""The store's credentials never reach the plan file, the output or the logs; the password
comes from the OS keyring or PGPASSWORD; TLS (sslmode=require) passes through; and a role
granted SELECT only is enough to read the views and to pull, never to publish."""

import json
import logging
import uuid
from datetime import UTC, datetime

import keyring
import psycopg
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import text
from sqlalchemy.engine import make_url

from okrdesk import cli
from okrdesk.engine.editor import PlanEditor
from okrdesk.models.planfile import PlanFile
from okrdesk.store.connect import KEYRING_SERVICE, StoreAddress, store_engine
from okrdesk.store.errors import StoreError
from okrdesk.store.pull import pull
from tests.pg_cluster import fresh_database
from tests.test_store_publish import department_plan

PASSWORD = "Pw-never-written-7d1c"


def clock():
    return datetime(2027, 1, 20, 9, 0, tzinfo=UTC)


class MemoryKeyring(KeyringBackend):
    """The OS keyring, as a test holds it."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.kept = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[(service, username)] = password

    def delete_password(self, service, username):
        self.kept.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    yield kept
    keyring.set_keyring(before)


def admin_sql(url, *statements):
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


@pytest.fixture(scope="module")
def roles(pg_server):
    """A store, a role that may write it and one that may only read it (both with
    PASSWORD); their URLs, without the password."""
    url = fresh_database(pg_server, "okrdesk_roles")
    assert cli.main(["store", "init", url]) == 0
    suffix = uuid.uuid4().hex[:8]
    writer, reader = f"okr_writer_{suffix}", f"okr_reader_{suffix}"
    database = make_url(url).database
    admin_sql(
        url,
        f"CREATE ROLE {writer} LOGIN PASSWORD '{PASSWORD}'",
        f"CREATE ROLE {reader} LOGIN PASSWORD '{PASSWORD}'",
        f'GRANT CONNECT ON DATABASE "{database}" TO {writer}, {reader}',
        f"GRANT USAGE ON SCHEMA public TO {writer}, {reader}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {writer}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {writer}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {reader}",
    )
    as_role = {
        name: make_url(url).set(username=name).render_as_string(hide_password=False)
        for name in (writer, reader)
    }
    return url, as_role[writer], as_role[reader]


@pytest.mark.parametrize(
    "address",
    [
        f"postgresql://okr:{PASSWORD}@db.example/okr",
        f"postgresql://okr@db.example/okr?password={PASSWORD}",  # libpq reads it there too
        f"postgresql://okr@db.example/okr?sslmode=require&password={PASSWORD}",
        f"postgresql://okr@db.example/okr?sslmode=verify-full&sslpassword={PASSWORD}",
    ],
)
def test_a_password_in_the_address_is_refused(address):
    with pytest.raises(StoreError) as refused:
        StoreAddress.parse(address)
    assert refused.value.message_id == "store.password_in_address"
    for language in ("en", "zh_CN"):
        said = refused.value.message(language)
        assert PASSWORD not in said
        assert "postgresql://okr@db.example/okr" in said  # the address, without it


def test_forgetting_a_password_the_keyring_does_not_hold_is_no_error(memory_keyring):
    from okrdesk.store.connect import forget_password, remember_password

    address = StoreAddress.parse("postgresql://okr@db.example/okr")
    forget_password(address)
    remember_password(address, PASSWORD)
    forget_password(address)
    assert memory_keyring.kept == {}


def test_without_a_password_the_store_refuses_and_nothing_is_queued(
    roles, tmp_path, monkeypatch, memory_keyring, capsys
):
    _admin, writer, _reader = roles
    monkeypatch.delenv("PGPASSWORD", raising=False)
    plan = department_plan(tmp_path / "nopass.okrdesk", unit="Legal", title="Legal OKRs")
    assert cli.main(["publish", str(plan), "--store", writer, "--lang", "en"]) == 2
    assert "refused the connection" in capsys.readouterr().err
    with PlanFile.open(plan, read_only=True) as opened, opened.reader() as session:
        assert session.execute(text("SELECT count(*) FROM publish_queue")).scalar() == 0


def test_the_password_from_pgpassword_is_used_and_written_nowhere(
    roles, tmp_path, monkeypatch, memory_keyring, capsys, caplog
):
    _admin, writer, _reader = roles
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)
    plan = department_plan(tmp_path / "env.okrdesk", unit="People", title="People OKRs")
    # A queued publish to an address that is down keeps that address, never a password.
    down = make_url(writer).set(port=1).render_as_string(hide_password=False)
    assert cli.main(["publish", str(plan), "--store", down, "--lang", "en"]) == 0
    assert cli.main(["publish", str(plan), "--store", writer, "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert "Published to" in out
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    for name in (plan, plan.with_name(plan.name + "-wal")):
        if name.exists():
            assert PASSWORD.encode() not in name.read_bytes()
    assert PASSWORD not in out + err
    assert caplog.records and PASSWORD not in caplog.text
    assert "published plan" in caplog.text


def test_the_password_from_the_keyring_is_used(
    roles, tmp_path, monkeypatch, memory_keyring, capsys
):
    _admin, writer, _reader = roles
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt: PASSWORD)
    assert cli.main(["store", "login", writer, "--lang", "en"]) == 0
    assert "keyring" in capsys.readouterr().out
    name = StoreAddress.parse(writer).keyring_name
    assert memory_keyring.kept == {(KEYRING_SERVICE, name): PASSWORD}
    plan = department_plan(tmp_path / "keyring.okrdesk", unit="Facilities", title="Facilities")
    assert cli.main(["publish", str(plan), "--store", writer, "--lang", "en"]) == 0
    assert PASSWORD.encode() not in plan.read_bytes()


def test_tls_passes_through_to_the_server(roles, monkeypatch, memory_keyring):
    _admin, writer, _reader = roles
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    address = StoreAddress.parse(writer + "?sslmode=require")
    assert "sslmode=require" in address.shown
    engine = store_engine(address)
    try:
        with engine.connect() as connection:
            ssl = connection.execute(
                text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            ).scalar()
    finally:
        engine.dispose()
    assert ssl is True


def test_a_read_only_role_reads_the_views_and_pulls_but_cannot_publish(
    roles, tmp_path, monkeypatch, memory_keyring, capsys
):
    _admin, writer, reader = roles
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    company = department_plan(tmp_path / "ops.okrdesk", unit="Operations", title="Ops OKRs")
    assert cli.main(["publish", str(company), "--store", writer]) == 0
    capsys.readouterr()
    assert cli.main(["store", "board", reader, "--cycle", "2027-Q1", "--json"], clock=clock) == 0
    board = json.loads(capsys.readouterr().out)
    assert "Operations" in {row["name"] for row in board["units"]}
    assert cli.main(["store", "tree", reader, "--cycle", "2027-Q1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["cycle"] == "2027-Q1"
    with PlanFile.open(company) as opened:
        pulled = pull(PlanEditor(opened, clock), StoreAddress.parse(reader))
    assert pulled.check_ins == 0
    other = department_plan(tmp_path / "other.okrdesk", unit="Audit", title="Audit OKRs")
    assert cli.main(["publish", str(other), "--store", reader, "--lang", "en"]) == 2
    said = capsys.readouterr().err
    assert "does not let this role change it" in said and PASSWORD not in said
