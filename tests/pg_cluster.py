"""A throwaway PostgreSQL cluster for the store's tests and benchmarks (standard library only).

``OKRDESK_TEST_PG_URL`` names a server to use instead (CI starts one with this same module:
``python3 tests/pg_cluster.py start DIR`` prints its URL, ``stop DIR`` stops it). Otherwise
a cluster is made in a temporary folder: initdb, then pg_ctl on 127.0.0.1 and a free port,
its socket in the folder, run as the ``postgres`` user when we are root (PostgreSQL refuses
to run as root). TLS is on with a self-signed certificate, so ``sslmode=require`` is tried
for real. The superuser ``postgres`` is trusted on loopback; every other role must give its
password (scram-sha-256), so a test of credentials proves the password was sent.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

URL_VARIABLE = "OKRDESK_TEST_PG_URL"
BIN_FOLDERS = tuple(Path(f"/usr/lib/postgresql/{v}/bin") for v in (17, 16, 15, 14, 13))
HBA = """\
local all all trust
host all postgres 127.0.0.1/32 trust
hostssl all all 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
"""
# A throwaway cluster needs no durability: the tests' speed is worth more.
FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"


class NoPostgresError(RuntimeError):
    """PostgreSQL's server programs are not installed here."""


def server_bin() -> Path:
    """The folder of initdb and pg_ctl (Debian's layout, else the PATH)."""
    for folder in BIN_FOLDERS:
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("initdb")
    if found is None:
        raise NoPostgresError("initdb not found: install PostgreSQL's server (Debian: postgresql)")
    return Path(found).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class Cluster:
    """A cluster living in ``folder`` (data, socket, log, certificate)."""

    folder: Path
    port: int

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def url(self) -> str:
        """The superuser's SQLAlchemy URL (no password: trusted on loopback)."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"


def _as_postgres(command: list[str]) -> list[str]:
    """The command run as the postgres user when we are root."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _hand_to_postgres(folder: Path) -> None:
    if os.geteuid() != 0:
        return
    user = pwd.getpwnam("postgres")
    for root, dirs, files in os.walk(folder):
        for name in [root, *(os.path.join(root, n) for n in dirs + files)]:
            os.chown(name, user.pw_uid, user.pw_gid)


def _certificate(data: Path) -> bool:
    """A self-signed certificate for the server; False where openssl is missing."""
    if shutil.which("openssl") is None:
        return False
    done = subprocess.run(
        [
            "openssl", "req", "-new", "-x509", "-days", "3", "-nodes", "-subj", "/CN=localhost",
            "-keyout", str(data / "server.key"), "-out", str(data / "server.crt"),
        ],
        capture_output=True,
    )  # fmt: skip
    if done.returncode != 0:
        return False
    (data / "server.key").chmod(0o600)
    return True


def start(folder: Path) -> Cluster:
    """initdb in the folder and start the server on a free loopback port; the folder must be
    empty or new. Raises NoPostgresError where the server programs are missing."""
    binaries = server_bin()
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    cluster = Cluster(folder, free_port())
    _hand_to_postgres(folder)
    subprocess.run(
        _as_postgres(
            [
                str(binaries / "initdb"), "-D", str(cluster.data), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
    )  # fmt: skip
    (cluster.data / "pg_hba.conf").write_text(HBA)
    ssl = _certificate(cluster.data)
    _hand_to_postgres(folder)
    options = f"-p {cluster.port} -k {folder} -c listen_addresses=127.0.0.1 {FAST}" + (
        " -c ssl=on" if ssl else ""
    )
    subprocess.run(
        _as_postgres(
            [
                str(binaries / "pg_ctl"), "-D", str(cluster.data), "-o", options,
                "-l", str(folder / "server.log"), "-w", "-t", "60", "start",
            ]
        ),
        check=True,
        capture_output=True,
    )  # fmt: skip
    (folder / "port").write_text(str(cluster.port))
    return cluster


def stop(folder: Path) -> None:
    """Stop the cluster in the folder (immediately: nothing in it is kept)."""
    data = folder / "data"
    if (data / "postmaster.pid").exists():
        subprocess.run(
            _as_postgres(
                [str(server_bin() / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
            ),
            capture_output=True,
        )


@contextlib.contextmanager
def running_cluster() -> Iterator[str]:
    """The URL of a server for the duration: the one CI names, else a throwaway cluster."""
    given = os.environ.get(URL_VARIABLE)
    if given:
        yield given
        return
    folder = Path(tempfile.mkdtemp(prefix="okrdesk-pg-"))
    try:
        yield start(folder).url
    finally:
        stop(folder)
        shutil.rmtree(folder, ignore_errors=True)


def fresh_database(admin_url: str, prefix: str = "okrdesk_test") -> str:
    """A new, empty database on the server; its URL (same user as admin_url)."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(admin_url)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    return url.set(database=name).render_as_string(hide_password=False)


def main(argv: list[str]) -> int:
    """``start DIR`` prints the superuser's URL; ``stop DIR`` stops the cluster."""
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print("usage: pg_cluster.py start|stop DIR", file=sys.stderr)
        return 2
    folder = Path(argv[1])
    if argv[0] == "start":
        print(start(folder).url)
    else:
        stop(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


try:
    import pytest
except ModuleNotFoundError:  # run as a script by .ci/run before the project's venv exists
    pass
else:

    @pytest.fixture(scope="session")
    def pg_server() -> Iterator[str]:
        """The superuser's URL of a PostgreSQL server for the whole test session.

        Without PostgreSQL installed the store's tests are skipped on a developer's machine,
        never in CI (CI=true), where they must run.
        """
        try:
            with running_cluster() as url:
                yield url
        except NoPostgresError as error:
            if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
                raise
            pytest.skip(str(error))

    @pytest.fixture(scope="session")
    def signed_demo_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
        """The signed demo plan the store's tests publish (written once; copy it to change
        it)."""
        from tests.demo_plans import copy_demo  # the same demo other tests copy

        path = tmp_path_factory.mktemp("store-demo") / "signed.okrdesk"
        copy_demo(path, "signed", "en")
        return path
