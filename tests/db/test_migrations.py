"""Migrations round-trip honestly: data survives a downgrade to 0001 and back, every revision's
downgrade leaves exactly the schema its predecessor built, and base -> head works again."""
from __future__ import annotations

import psycopg

from db.settings import sqlalchemy_url
from python_admin import db

# Everything a revision can leave behind in the database, as comparable text. Extension members
# (pgcrypto, pgtap, plpython3u) are excluded: the test template installs those on purpose.
# Privileges compare by meaning: a NULL ACL and the explicit default one REVOKE leaves are equal,
# whatever the order of their items.
_ACL_TEXT = r"""
create or replace function pg_temp.acl_text(p_acl aclitem[], p_kind "char", p_owner oid)
returns text
language sql
immutable
as $$ select string_agg(a::text, ',' order by a::text)
        from unnest(coalesce(p_acl, acldefault(p_kind, p_owner))) a $$
"""

_SNAPSHOT_SQL = r"""
with ours as (
    select c.oid, c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relname not in ('alembic_version', 'alembic_version_pkc')
       and not exists (select 1 from pg_depend d where d.objid in (c.oid, c.reltype) and d.deptype = 'e')
)
select 'relation', relname || ':' || relkind::text || ':' || coalesce(obj_description(oid, 'pg_class'), '')
       || ':' || (select pg_temp.acl_text(relacl, 'r', relowner) from pg_class where oid = ours.oid)
  from ours
union all
select 'column', o.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
       || case when a.attnotnull then ' not null' else '' end
       || coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), '')
       || coalesce(' -- ' || col_description(o.oid, a.attnum), '')
  from ours o join pg_attribute a on a.attrelid = o.oid and a.attnum > 0 and not a.attisdropped
  left join pg_attrdef ad on ad.adrelid = o.oid and ad.adnum = a.attnum
 where o.relkind in ('r', 'p', 'v', 'm', 'f')
union all
select 'index', pg_get_indexdef(i.indexrelid) from pg_index i join ours o on o.oid = i.indexrelid
union all
select 'constraint', con.conrelid::regclass::text || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid)
  from pg_constraint con join ours o on o.oid = con.conrelid
union all
select 'view', o.relname || ' ' || pg_get_viewdef(o.oid) from ours o where o.relkind in ('v', 'm')
union all
select 'trigger', pg_get_triggerdef(t.oid) from pg_trigger t join ours o on o.oid = t.tgrelid
 where not t.tgisinternal
union all
select 'function', p.oid::regprocedure::text || ' ' || md5(pg_get_functiondef(p.oid))
       || ' ' || pg_temp.acl_text(p.proacl, 'f', p.proowner)
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
 where n.nspname = 'public' and p.prokind in ('f', 'p', 'w')
   and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
union all
select 'aggregate', p.oid::regprocedure::text
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
 where n.nspname = 'public' and p.prokind = 'a'
   and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
union all
select 'type', t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace
 where n.nspname = 'public' and t.typtype in ('e', 'c', 'd', 'r')
   and not exists (select 1 from pg_class c where c.reltype = t.oid)
   and not exists (select 1 from pg_depend d where d.objid = t.oid and d.deptype = 'e')
union all
select 'extension', extname from pg_extension
union all
select 'event trigger', evtname from pg_event_trigger
union all
select 'policy', pol.polrelid::regclass::text || ' ' || pol.polname from pg_policy pol
union all
select 'schema', nspname || ':' || pg_temp.acl_text(nspacl, 'n', nspowner) from pg_namespace
 where nspname not like 'pg\_%' and nspname <> 'information_schema'
"""


def snapshot(url: str) -> set[tuple[str, str]]:
    """The schema objects (and the function bookkeeping) of the database at `url`."""
    with psycopg.connect(url) as conn:
        conn.execute(_ACL_TEXT)
        rows = {tuple(row) for row in conn.execute(_SNAPSHOT_SQL)}
        exists = conn.execute("select to_regclass('public.tagpage_installed_function')").fetchone()[0]
        if exists:
            rows |= {("installed", f"{rev} {sig}") for rev, sig in
                     conn.execute("select revision, signature from tagpage_installed_function")}
    return rows


def current_revision(url: str) -> str | None:
    with psycopg.connect(url) as conn:
        if conn.execute("select to_regclass('public.alembic_version')").fetchone()[0] is None:
            return None
        row = conn.execute("select version_num from alembic_version").fetchone()
        return row[0] if row else None


def revisions() -> list[str]:
    """Revision ids from base to head."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(db.alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions("base", "heads")))]


def _seed_rows(url: str) -> None:
    """A few rows in every 0001 table, with colliding ids across the two sources."""
    with psycopg.connect(url) as conn:
        conn.execute("""
            insert into users (id, username) values
                ('00000000-0000-0000-0000-00000000a001', 'round_trip_alice');
            insert into tags (id, name) values
                ('00000000-0000-0000-0000-00000000b001', 'rt_cat'),
                ('00000000-0000-0000-0000-00000000b002', 'rt_dog');
            insert into content_items_all (id, source_type, title, creator_id, quality_score,
                                           is_private, created_at, updated_at)
            select g, s, 'rt ' || s || ' ' || g, '00000000-0000-0000-0000-00000000a001',
                   g / 10.0, g % 3 = 0, timestamptz '2026-01-01' + g * interval '1 hour',
                   timestamptz '2026-01-01' + g * interval '1 hour'
              from generate_series(1, 20) g cross join (values ('items'), ('auto')) v(s);
            insert into content_tags (content_id, content_source, tag_id)
            select id, source_type, '00000000-0000-0000-0000-00000000b001'::uuid from content_items_all
            union all
            select id, source_type, '00000000-0000-0000-0000-00000000b002'::uuid
              from content_items_all where id % 2 = 0;
            insert into content_items_more (source_id, metadata_more)
            select id, jsonb_build_object('n', id) from content_items;
            insert into content_items_auto_more (source_id, metadata_more)
            select id, jsonb_build_object('n', id) from content_items_auto;
            insert into tag_cardinality_stats (tag_id, content_source, cardinality)
            values ('00000000-0000-0000-0000-00000000b001', 'items', 20);
        """)


# A fingerprint of the rows in the 0001 tables, ordered by their keys.
_DATA_QUERIES = {
    "users": "select id, username from users order by id",
    "tags": "select id, name from tags order by id",
    "content_items_all": "select source_type, id, title, creator_id, quality_score, is_private, "
                         "created_at, tableoid::regclass::text from content_items_all order by 1, 2",
    "content_tags": "select content_source, content_id, tag_id from content_tags order by 1, 2, 3",
    "content_items_more": "select source_id, metadata_more from content_items_more order by 1",
    "content_items_auto_more": "select source_id, metadata_more from content_items_auto_more order by 1",
    "tag_cardinality_stats": "select tag_id, content_source, cardinality from tag_cardinality_stats order by 1, 2",
    "planner_config": "select key, value from planner_config order by key",
}


def data(url: str) -> dict[str, list[tuple]]:
    with psycopg.connect(url) as conn:
        return {name: conn.execute(query).fetchall() for name, query in _DATA_QUERIES.items()}


def test_revisions_form_one_chain_from_0001() -> None:
    revs = revisions()
    assert revs[0] == "0001"
    assert revs == sorted(revs), "revision ids are numbered in upgrade order"


def test_round_trip_to_0001_keeps_rows(db_url: str) -> None:
    head = revisions()[-1]
    assert current_revision(db_url) == head
    _seed_rows(db_url)
    before = data(db_url)
    assert len(before["content_items_all"]) == 40
    assert len(before["content_tags"]) == 60
    schema_at_head = snapshot(db_url)

    db.downgrade(db_url, "0001")
    assert current_revision(db_url) == "0001"
    assert data(db_url) == before

    db.migrate(db_url, "head")
    assert current_revision(db_url) == head
    assert data(db_url) == before
    assert snapshot(db_url) == schema_at_head


def test_each_downgrade_restores_its_predecessor(db_url: str) -> None:
    """Walking down from head, the schema at each revision equals the one a fresh upgrade builds.

    This is what keeps downgrades honest: a revision that leaves a function, trigger, grant or
    table behind (or reinstalls a newer body than its predecessor shipped) shows up here.
    """
    revs = revisions()
    schema_at_head = snapshot(db_url)

    walked_down: dict[str, set] = {}
    for rev in reversed(revs[:-1]):
        db.downgrade(db_url, rev)
        walked_down[rev] = snapshot(db_url)
    db.downgrade(db_url, "base")
    assert current_revision(db_url) is None
    leftovers = {row for row in snapshot(db_url) if row[0] not in ("extension", "schema")}
    assert leftovers == set(), "downgrade base leaves nothing of ours behind"

    for rev in revs[:-1]:
        db.migrate(db_url, rev)
        built_up = snapshot(db_url)
        assert walked_down[rev] - built_up == set(), f"downgrade to {rev} left these behind"
        assert built_up - walked_down[rev] == set(), f"downgrade to {rev} failed to restore these"

    db.migrate(db_url, "head")
    assert current_revision(db_url) == revs[-1]
    assert snapshot(db_url) == schema_at_head


def test_downgrade_base_then_upgrade_head_with_data(db_url: str) -> None:
    _seed_rows(db_url)
    schema_at_head = snapshot(db_url)
    db.downgrade(db_url, "base")
    with psycopg.connect(db_url) as conn:
        assert conn.execute("select to_regclass('public.content_items_all')").fetchone()[0] is None
    db.migrate(db_url, "head")
    assert snapshot(db_url) == schema_at_head
    # a fresh head database takes the same rows again (nothing stale blocks the keys)
    _seed_rows(db_url)
    assert len(data(db_url)["content_tags"]) == 60


def test_bodies_reach_postgresql_untouched(db_url: str) -> None:
    """`:name` and `%` in SQL run by a revision are not bind parameters (alembic's op.execute
    would treat `:name` as one)."""
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine, pool

    from db.sqlfiles import run_sql

    engine = create_engine(sqlalchemy_url(db_url), poolclass=pool.NullPool)
    body = "select ':name %s %(x)s 100%'::text"
    with engine.begin() as connection:
        with Operations.context(MigrationContext.configure(connection)):
            run_sql(f"create function rt_probe() returns text language sql as $body$ {body} $body$")
    with psycopg.connect(db_url) as conn:
        assert conn.execute("select rt_probe()").fetchone()[0] == ":name %s %(x)s 100%"


def test_migrate_command_creates_and_migrates_a_new_database(db_url: str) -> None:
    """`tagpage migrate` on a database that does not exist yet creates it and reaches head."""
    from click.testing import CliRunner
    from psycopg.conninfo import make_conninfo

    from python_admin.cli import main

    name = f"{psycopg.connect(db_url).info.dbname}_cli"
    url = make_conninfo(db_url, dbname=name)
    try:
        result = CliRunner().invoke(main, ["--database-url", url, "migrate"])
        assert result.exit_code == 0, result.output
        assert "created database" in result.output
        assert current_revision(url) == revisions()[-1]
        again = CliRunner().invoke(main, ["--database-url", url, "migrate"])
        assert again.exit_code == 0, again.output
        assert "created database" not in again.output
    finally:
        with psycopg.connect(db_url, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')
