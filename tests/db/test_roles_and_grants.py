"""Least privilege (revision 0005), pinned search_path, and the admin token.

The web app connects as tagpage_reader. These tests log in as that role on a fresh migrated
database and prove what it can and cannot do.
"""
from __future__ import annotations

import hmac
import importlib
import secrets

import psycopg
import pytest
from psycopg import errors, sql

from python_admin import db as admin_db
from db.roles import READ_ENTRY_POINTS, READER_ROLE, READER_TABLES, reader_url
from reliability_support import private_redis

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def reader(db_url: str) -> psycopg.Connection:
    """An autocommit connection to the test database as the reader role."""
    return psycopg.connect(reader_url(db_url), autocommit=True)


def public_tables(conn: psycopg.Connection) -> list[tuple[str, str]]:
    """(table, first column) of every table and partition in schema public."""
    return conn.execute(
        """
        select c.relname, a.attname
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum = 1
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        order by 1
        """
    ).fetchall()


def our_functions(conn: psycopg.Connection) -> list[tuple[str, str, list[str] | None, bool]]:
    """(signature, name, proconfig, security definer) of every non-extension function in public."""
    return conn.execute(
        """
        select p.oid::regprocedure::text, p.proname, p.proconfig, p.prosecdef
        from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public'
          and not exists (select 1 from pg_depend d
                          where d.objid = p.oid and d.deptype = 'e')
        order by 1
        """
    ).fetchall()


def test_reader_role_is_a_plain_login(postgresql: psycopg.Connection) -> None:
    row = postgresql.execute(
        "select rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolreplication "
        "from pg_roles where rolname = %s",
        (READER_ROLE,),
    ).fetchone()
    assert row == (True, False, False, False, False, False)
    members = postgresql.execute(
        "select count(*) from pg_auth_members m join pg_roles r on r.oid = m.member "
        "where r.rolname = %s",
        (READER_ROLE,),
    ).fetchone()[0]
    assert members == 0, "the reader must not inherit any other role's rights"


@pytest.mark.parametrize("verb", ["select", "insert", "update", "delete", "truncate"])
def test_reader_cannot_touch_any_table(postgresql: psycopg.Connection, db_url: str, verb: str) -> None:
    tables = public_tables(postgresql)
    assert any(name == "content_items_all" for name, _ in tables)
    with reader(db_url) as conn:
        for table, column in tables:
            if verb == "select" and table in READER_TABLES:
                conn.execute(sql.SQL("select 1 from {} limit 1").format(sql.Identifier(table)))
                continue
            statement = {
                "select": sql.SQL("select 1 from {} limit 1"),
                "insert": sql.SQL("insert into {} default values"),
                "update": sql.SQL("update {t} set {c} = {c}"),
                "delete": sql.SQL("delete from {}"),
                "truncate": sql.SQL("truncate {}"),
            }[verb]
            query = statement.format(sql.Identifier(table)) if verb != "update" else \
                statement.format(t=sql.Identifier(table), c=sql.Identifier(column))
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(query)


def test_reader_cannot_read_other_schemas_or_catalog_secrets(postgresql: psycopg.Connection,
                                                             db_url: str) -> None:
    postgresql.execute("create schema secret_stuff")
    postgresql.execute("create table secret_stuff.keys (k text)")
    postgresql.execute("insert into secret_stuff.keys values ('hunter2')")
    postgresql.commit()
    with reader(db_url) as conn:
        for query in (
            "select * from secret_stuff.keys",
            "select rolpassword from pg_authid",
            "select * from pg_shadow",
            "select pg_read_file('/etc/passwd')",
            "select * from pg_ls_dir('.')",
            "create table public.owned (x int)",
            "set role postgres",
            "copy (select 1) to program 'true'",
        ):
            with pytest.raises((errors.InsufficientPrivilege, errors.InvalidSchemaName)):
                conn.execute(query)
        # No CREATE on public: nothing can shadow our objects on a SECURITY DEFINER search_path.
        assert conn.execute("select has_schema_privilege('public', 'create')").fetchone()[0] is False


def test_reader_may_execute_only_the_read_entry_points(postgresql: psycopg.Connection) -> None:
    functions = our_functions(postgresql)
    rows = postgresql.execute(
        """
        select p.proname, has_function_privilege(%s, p.oid, 'execute')
        from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public'
          and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
        """,
        (READER_ROLE,),
    ).fetchall()
    assert len(rows) == len(functions)
    wrongly_granted = sorted(name for name, ok in rows if ok and name not in READ_ENTRY_POINTS)
    assert wrongly_granted == []
    present = {name for name, _ in rows}
    missing_grant = sorted(name for name, ok in rows if name in READ_ENTRY_POINTS and not ok)
    assert missing_grant == []
    for required in ("unified_content_page", "unified_content_plan", "popular_tags"):
        assert required in present, f"{required} is missing"


def test_public_cannot_execute_our_functions(postgresql: psycopg.Connection) -> None:
    rows = postgresql.execute(
        """
        select f.signature
        from tagpage_installed_function f
        where to_regprocedure(f.signature) is not null
          and exists (select 1
                      from pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                      where p.oid = to_regprocedure(f.signature)
                        and a.grantee = 0 and a.privilege_type = 'EXECUTE')
        """
    ).fetchall()
    assert rows == []


def test_entry_points_run_as_the_read_only_owner(postgresql: psycopg.Connection) -> None:
    rows = postgresql.execute(
        """
        select p.proname, pg_get_userbyid(p.proowner), p.prosecdef
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.proname = any(%s)
        """,
        (list(READ_ENTRY_POINTS),),
    ).fetchall()
    assert rows, "no read entry point exists"
    assert all(owner == "tagpage_query" and definer for _, owner, definer in rows), rows
    # ... and that owner can only read: no write privilege on any table of ours.
    writable = postgresql.execute(
        """
        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
          and has_table_privilege('tagpage_query', c.oid, 'insert,update,delete,truncate')
        """
    ).fetchall()
    assert writable == []


def test_every_function_pins_search_path(postgresql: psycopg.Connection) -> None:
    """Every function resolves names independently of the caller's search_path: it pins one, or
    it has a SQL-standard body (RETURN / BEGIN ATOMIC), whose names were bound when it was
    created; those stay unpinned on purpose, since a SET clause would stop them being inlined."""
    functions = our_functions(postgresql)
    standard_body = {sig for (sig,) in postgresql.execute(
        "select oid::regprocedure::text from pg_proc where prosqlbody is not null").fetchall()}
    unpinned = [
        signature for signature, _, config, _ in functions
        if not any(setting.startswith("search_path=") for setting in (config or []))
        and signature not in standard_body
    ]
    assert unpinned == [], f"functions without `set search_path`: {unpinned}"
    for signature, _, config, definer in functions:
        if definer:
            path = next(s for s in config if s.startswith("search_path="))
            assert "pg_temp" in path, f"{signature}: pg_temp must be listed last, not implicit first"


def test_reader_cannot_refresh_stats(postgresql: psycopg.Connection, db_url: str) -> None:
    exists = postgresql.execute(
        "select to_regproc('public.refresh_tag_cardinality_stats') is not null").fetchone()[0]
    assert exists, "refresh_tag_cardinality_stats() is missing"
    with reader(db_url) as conn, pytest.raises(errors.InsufficientPrivilege):
        conn.execute("select refresh_tag_cardinality_stats()")


def test_reader_can_page_through_the_engine(postgresql: psycopg.Connection, db_url: str) -> None:
    exists = postgresql.execute(
        "select to_regproc('public.unified_content_page') is not null").fetchone()[0]
    assert exists, "unified_content_page() is missing"
    user_id, tag_id = postgresql.execute(
        "with u as (insert into users (username) values ('sec') returning id), "
        "t as (insert into tags (name) values ('sec-tag') returning id) "
        "select u.id, t.id from u, t"
    ).fetchone()
    postgresql.execute(
        "insert into content_items_all (id, source_type, title, creator_id, created_at, updated_at) "
        "values (1, 'items', 'a', %s, now(), now()), (1, 'auto', 'b', %s, now(), now())",
        (user_id, user_id),
    )
    postgresql.execute(
        "insert into content_tags values (1, 'items', %s), (1, 'auto', %s)", (tag_id, tag_id))
    postgresql.commit()
    with reader(db_url) as conn:
        rows = conn.execute("select id, source_type from unified_content_page(tags => %s)",
                            ([tag_id],)).fetchall()
        assert sorted(rows) == [(1, "auto"), (1, "items")]
        plan = conn.execute("select unified_content_plan(tags => %s)", ([tag_id],)).fetchone()[0]
        assert "strategy" in plan
        for fn in ("popular_tags", "search_tags"):
            if postgresql.execute("select to_regproc(%s) is not null", (fn,)).fetchone()[0]:
                call = "select * from popular_tags(10)" if fn == "popular_tags" else \
                    "select * from search_tags('sec')"
                conn.execute(call).fetchall()
        names = conn.execute("select * from item_tag_names(%s, %s)",
                             ([1, 1], ["items", "auto"])).fetchall()
        assert sorted(names) == [(1, "auto", ["sec-tag"]), (1, "items", ["sec-tag"])]


def test_downgrade_removes_this_databases_grants_and_upgrade_restores_them(db_url: str) -> None:
    admin_db.downgrade(db_url, "0004")
    with psycopg.connect(db_url, autocommit=True) as conn:
        # Other databases of the cluster (the test template at least) still use the role.
        assert conn.execute("select count(*) from pg_roles where rolname = %s",
                            (READER_ROLE,)).fetchone()[0] == 1
        left = conn.execute(
            "select count(*) from pg_shdepend d join pg_roles r on r.oid = d.refobjid "
            "where r.rolname in ('tagpage_reader', 'tagpage_query') "
            "and d.dbid = (select oid from pg_database where datname = current_database())"
        ).fetchone()[0]
        assert left == 0, "downgrade must leave nothing in this database that refers to the roles"
        assert conn.execute("select has_schema_privilege(%s, 'public', 'usage')",
                            (READER_ROLE,)).fetchone()[0] is True  # PUBLIC's default, not ours
    with reader(db_url) as conn:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("select 1 from content_items_all")
    admin_db.migrate(db_url)
    with psycopg.connect(db_url, autocommit=True) as conn:
        assert conn.execute(
            "select count(*) from pg_shdepend d join pg_roles r on r.oid = d.refobjid "
            "where r.rolname = 'tagpage_query' "
            "and d.dbid = (select oid from pg_database where datname = current_database())"
        ).fetchone()[0] > 0


# ---------------------------------------------------------------------------- admin token

def _create_app(monkeypatch: pytest.MonkeyPatch, db_url: str, token: str | None,
                redis_url: str = "off"):
    import web.app as app_module
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("REDIS_URL", redis_url)
    if token is None:
        monkeypatch.delenv("TAGPAGE_ADMIN_TOKEN", raising=False)
    else:
        monkeypatch.setenv("TAGPAGE_ADMIN_TOKEN", token)
    return app_module.create_app()


ADMIN_PATH = "/api/v1/admin/cache/clear"


def test_admin_routes_absent_without_token(monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
    app = _create_app(monkeypatch, db_url, None)
    app.extensions["tagpage"].close()
    assert not any("/admin" in rule.rule for rule in app.url_map.iter_rules())
    client = app.test_client()
    for header in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer x"}):
        assert client.post(ADMIN_PATH, headers=header).status_code == 404


def test_admin_token_required_and_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch,
                                                            db_url: str) -> None:
    token = secrets.token_urlsafe(24)
    with private_redis() as redis:
        app = _create_app(monkeypatch, db_url, token, redis.url)
        try:
            _check_admin_token(monkeypatch, app, token)
        finally:
            app.extensions["tagpage"].close()


def _check_admin_token(monkeypatch: pytest.MonkeyPatch, app, token: str) -> None:
    calls: list[tuple] = []
    real = hmac.compare_digest

    def recording(a, b):  # the real comparison, observed
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", recording)
    monkeypatch.setattr(secrets, "compare_digest", recording)
    for name in ("web.api", "web.app", "web.admin", "web.auth"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "compare_digest"):
            monkeypatch.setattr(module, "compare_digest", recording)

    client = app.test_client()
    for header in ({}, {"Authorization": token}, {"Authorization": f"Bearer {token}x"},
                   {"Authorization": f"Bearer {token[:-1]}"}, {"Authorization": "Basic abc"}):
        response = client.post(ADMIN_PATH, headers=header)
        assert response.status_code == 401, header
        assert token not in response.get_data(as_text=True)
    response = client.post(ADMIN_PATH, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert any(token in (a if isinstance(a, str) else a.decode(), b if isinstance(b, str) else b.decode())
               for a, b in calls), "the admin token must be checked with hmac.compare_digest"


def test_web_app_connects_as_reader(monkeypatch: pytest.MonkeyPatch, db_url: str,
                                    postgresql: psycopg.Connection) -> None:
    """Requests run as tagpage_reader: the pool's sessions log in as it."""
    app = _create_app(monkeypatch, db_url, None)
    try:
        client = app.test_client()
        assert client.get("/api/v1/content/unified").status_code == 200
        users = {row[0] for row in postgresql.execute(
            "select usename from pg_stat_activity "
            "where datname = current_database() and application_name = 'tagpage-web'").fetchall()}
        assert users == {READER_ROLE}, users
    finally:
        app.extensions["tagpage"].close()


def test_roles_live_exactly_as_long_as_some_database_uses_them() -> None:
    """On a private cluster: two databases migrate at the same time (the role creation races),
    downgrading one keeps the roles for the other, downgrading the last drops them."""
    import subprocess
    import sys

    from psycopg.conninfo import make_conninfo
    from reliability_support import private_postgres

    with private_postgres() as server:
        urls = [make_conninfo(server, dbname=name) for name in ("rel_a", "rel_b")]
        for url in urls:
            admin_db.ensure_database(url)
        # Separate processes: alembic's `op` is process-global, so threads would share it.
        procs = [subprocess.Popen([sys.executable, "-c", "import sys; from python_admin import db; "
                                   "db.migrate(sys.argv[1])", url],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                 for url in urls]
        outputs = [proc.communicate(timeout=300)[0] for proc in procs]
        assert [proc.returncode for proc in procs] == [0, 0], outputs

        def roles() -> set[str]:
            with psycopg.connect(server) as conn:
                return {r[0] for r in conn.execute(
                    "select rolname from pg_roles where rolname like 'tagpage\\_%'").fetchall()}

        assert roles() == {"tagpage_reader", "tagpage_query"}
        with psycopg.connect(reader_url(urls[1])) as conn:
            conn.execute("select * from unified_content_page()").fetchall()
        admin_db.downgrade(urls[0], "0004")
        assert roles() == {"tagpage_reader", "tagpage_query"}, "rel_b still needs them"
        with psycopg.connect(reader_url(urls[1])) as conn:
            conn.execute("select * from unified_content_page()").fetchall()
        admin_db.downgrade(urls[1], "0004")
        assert roles() == set()
        admin_db.migrate(urls[0])
        assert roles() == {"tagpage_reader", "tagpage_query"}


def test_a_writer_with_only_dml_on_content_tags_keeps_statistics_current(
        postgresql: psycopg.Connection, db_url: str) -> None:
    """The statistics triggers on content_tags run as their owner (SECURITY DEFINER): a writer
    granted only DML on the content tables can insert, delete and truncate tag links, and the
    delta log still records each change."""
    import os

    writer = f"tagpage_test_writer_{os.getpid()}"
    postgresql.execute(sql.SQL("create role {} login").format(sql.Identifier(writer)))
    postgresql.execute(sql.SQL("grant select, insert, update, delete, truncate on content_tags, "
                               "content_items_all, content_items, content_items_auto, tags, users "
                               "to {}").format(sql.Identifier(writer)))
    postgresql.execute(sql.SQL("grant usage on sequence content_items_all_id_seq to {}").format(
        sql.Identifier(writer)))
    postgresql.commit()
    try:
        has_deltas = postgresql.execute(
            "select to_regclass('public.tag_cardinality_deltas') is not null").fetchone()[0]
        with psycopg.connect(make_writer_url(db_url, writer), autocommit=True) as conn:
            user_id = conn.execute("insert into users (username) values ('w') returning id").fetchone()[0]
            tag_id = conn.execute("insert into tags (name) values ('w-tag') returning id").fetchone()[0]
            item = conn.execute(
                "insert into content_items_all (source_type, title, creator_id) values ('items', 'w', %s) "
                "returning id", (user_id,)).fetchone()[0]
            conn.execute("insert into content_tags values (%s, 'items', %s)", (item, tag_id))
            conn.execute("delete from content_tags where content_id = %s", (item,))
            conn.execute("insert into content_tags values (%s, 'items', %s)", (item, tag_id))
            conn.execute("truncate content_tags")
            with pytest.raises(errors.InsufficientPrivilege):  # and still no direct access
                conn.execute("select 1 from tag_cardinality_stats")
        if has_deltas:
            # The inserts and delete were logged; TRUNCATE then cleared the log (exact zero).
            left = postgresql.execute("select count(*) from tag_cardinality_deltas").fetchone()[0]
            assert left == 0
    finally:
        postgresql.rollback()
        postgresql.execute(sql.SQL("drop owned by {}").format(sql.Identifier(writer)))
        postgresql.execute(sql.SQL("drop role {}").format(sql.Identifier(writer)))
        postgresql.commit()


def make_writer_url(db_url: str, user: str) -> str:
    from psycopg.conninfo import make_conninfo

    return make_conninfo(db_url, user=user)
