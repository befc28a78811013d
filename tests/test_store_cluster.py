"""The store tests' PostgreSQL: a real server, TLS on, and passwords required of other roles."""

import uuid

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.pg_cluster import fresh_database


def _conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def test_the_server_answers_in_a_fresh_database_of_its_own(pg_server):
    url = fresh_database(pg_server)
    with psycopg.connect(_conninfo(url)) as connection:
        name = connection.execute("SELECT current_database()").fetchone()[0]
        tables = connection.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()[0]
    assert name == make_url(url).database and tables == 0


def test_a_role_other_than_the_superuser_must_give_its_password(pg_server):
    role = f"probe_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_conninfo(pg_server), autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'right-one'")
    url = make_url(_conninfo(pg_server)).set(username=role)
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(url.render_as_string(hide_password=False), connect_timeout=5).close()
    given = url.set(password="right-one").render_as_string(hide_password=False)
    with psycopg.connect(given + "?sslmode=require") as connection:
        ssl = connection.execute(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
        ).fetchone()[0]
    assert ssl is True
