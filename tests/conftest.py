"""Test databases: the migrated schema is built once into a template, every test gets a copy.

pytest-postgresql's `postgresql_noproc` points at the server DATABASE_URL names (the Makefile
makes sure one answers). Its template is migrated once per session; the `postgresql` fixture
clones it per test. Demo-data templates are chained on top (depends_on) and built once too.
pgTAP files run through pytest-pgtap on a fresh copy each; a failed connection is an error.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Iterator

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from pytest_postgresql import factories
from pytest_pgtap.pgtap import Runner

# Helpers shared by the test modules (oracles, data sets, servers) live in tests/support.
sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))

from python_admin import db  # noqa: E402
from db.settings import database_url

_SERVER = conninfo_to_dict(database_url())
_HOST = _SERVER.get("host", "127.0.0.1")
_PORT = int(_SERVER.get("port", 5432))
_USER = _SERVER.get("user", "postgres")
_PASSWORD = _SERVER.get("password")

# Tiny demo scales: big enough for every strategy to have work, small enough to load in seconds.
DEMO_SCALES = {"genonaut": 0.002, "zipf": 0.002}
DEMO_SEED = 7


def project_command(name: str) -> str:
    """The path of a console script this project installs (e.g. `tagpage`), next to the running
    interpreter: the one of the environment under test, never whatever PATH happens to hold."""
    path = Path(sys.executable).with_name(name)
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: install the project into this interpreter's "
                                "environment (`make install`)")
    return str(path)


def _without_project_commands(path_value: str) -> tuple[str, list[str]]:
    """PATH minus every directory holding a `tagpage`, and the directories removed.

    A test that starts a bare `tagpage` would otherwise pass on a machine where one was installed
    by hand (globally, or an activated venv) and fail on a fresh one. Taking them all off PATH
    makes such a test fail everywhere, at once.
    """
    kept, removed = [], []
    for entry in path_value.split(os.pathsep):
        if entry and os.access(os.path.join(entry, "tagpage"), os.X_OK):
            removed.append(entry)
        else:
            kept.append(entry)
    return os.pathsep.join(kept), removed


os.environ["PATH"], _REMOVED_FROM_PATH = _without_project_commands(os.environ.get("PATH", ""))


def pytest_report_header(config: pytest.Config) -> str:
    removed = ", ".join(_REMOVED_FROM_PATH) or "none"
    return f"tagpage: directories holding a `tagpage` taken off PATH: {removed}"


def conninfo(dbname: str) -> str:
    """Conninfo of database `dbname` on the test server."""
    return make_conninfo(host=_HOST, port=_PORT, user=_USER, password=_PASSWORD, dbname=dbname)


def build_schema(host: str, port: int, user: str, dbname: str, password: str | None, **_: Any) -> None:
    """pytest-postgresql loader: migrate the template database to head, plus test extensions."""
    url = make_conninfo(host=host, port=port, user=user, password=password, dbname=dbname)
    db.migrate(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("create extension if not exists pgtap")
        conn.execute("create extension if not exists plpython3u")


def _demo_loader(profile: str):
    def load(host: str, port: int, user: str, dbname: str, password: str | None, **_: Any) -> None:
        from python_admin import demo

        url = make_conninfo(host=host, port=port, user=user, password=password, dbname=dbname)
        demo.load(url, profile=profile, scale=DEMO_SCALES[profile], seed=DEMO_SEED)

    return load


postgresql_schema_noproc = factories.postgresql_noproc(
    host=_HOST, port=_PORT, user=_USER, password=_PASSWORD, dbname=f"tagpage_test_{os.getpid()}",
    load=[build_schema],
)


@pytest.fixture(scope="session")
def postgresql_schema(request: pytest.FixtureRequest) -> Any:
    """The migrated template's server, failing at once when PostgreSQL does not answer.

    pytest-postgresql would retry for 60 s before failing; probe first so a wrong DATABASE_URL
    fails the run (every test errors with the same message) without the wait.
    """
    try:
        psycopg.connect(conninfo("postgres"), connect_timeout=5).close()
    except psycopg.OperationalError as exc:
        pytest.fail(f"PostgreSQL at {_HOST}:{_PORT} does not answer ({exc}); start one with "
                    "`make services` or point DATABASE_URL at one", pytrace=False)
    return request.getfixturevalue("postgresql_schema_noproc")


postgresql = factories.postgresql("postgresql_schema")

postgresql_genonaut_proc = factories.postgresql_noproc(
    dbname=f"tagpage_test_genonaut_{os.getpid()}", load=[_demo_loader("genonaut")],
    depends_on="postgresql_schema",
)
genonaut_db = factories.postgresql("postgresql_genonaut_proc")

postgresql_zipf_proc = factories.postgresql_noproc(
    dbname=f"tagpage_test_zipf_{os.getpid()}", load=[_demo_loader("zipf")],
    depends_on="postgresql_schema",
)
zipf_db = factories.postgresql("postgresql_zipf_proc")


def url_of(conn: psycopg.Connection) -> str:
    """Conninfo of the database a fixture connection points at."""
    return conninfo(conn.info.dbname)


@pytest.fixture
def db_url(postgresql: psycopg.Connection) -> str:
    """Conninfo of a fresh, migrated, empty database."""
    return url_of(postgresql)


@pytest.fixture
def pgtap_connection(postgresql: psycopg.Connection) -> Iterator[psycopg.Connection]:
    """pytest-pgtap's connection, overridden: a fresh migrated copy, and never a silent skip.

    The plugin's own fixture yields None (and the pgTAP file is skipped) when it cannot connect;
    here a connection failure raises, so the run fails instead.
    """
    yield postgresql


@pytest.fixture
def _pgtap_runner(pgtap_connection: psycopg.Connection) -> Runner:
    return Runner(pgtap_connection)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A skipped test is a test that did not run: fail the run unless skips are allowed.

    pytest-pgtap, importorskip and environment probes all skip quietly; in CI that would hide a
    missing install step, so any skip turns the exit status non-zero (TAGPAGE_ALLOW_SKIPS=1 to
    permit them on a developer machine lacking, say, redis-server).
    """
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and not os.environ.get("TAGPAGE_ALLOW_SKIPS") and session.exitstatus == 0:
        reporter.write_line(f"{skipped} test(s) skipped: failing the run (set TAGPAGE_ALLOW_SKIPS=1 to allow)", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
