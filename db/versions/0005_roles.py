"""Least-privilege roles: the web app reads through four functions and nothing else.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

Two cluster-wide roles:

* ``tagpage_reader`` (LOGIN, no password): what the web app connects as. It may only EXECUTE
  the read entry points (READ_ENTRY_POINTS). It has no SELECT on any table, so it cannot read a
  private row except through unified_content_page, which enforces the privacy rule.
* ``tagpage_query`` (NOLOGIN): owns the read entry points, which become SECURITY DEFINER with a
  pinned search_path. It holds SELECT on the tables they read (READ_TABLES) and EXECUTE on the
  engine's helper functions, and nothing else: a bug in dynamic SQL runs with read-only rights,
  never as the migrating superuser.

EXECUTE on every function of ours is revoked from PUBLIC, so refresh and admin functions are
callable only by their owner (the migrating user). Roles are shared by every database of the
cluster (test templates and their copies included), so upgrade creates them only when missing
and downgrade drops them only when no other database still holds grants to them (pg_shdepend).
Functions come from plpgsql/, listed with their hashes in db/manifests/0005.json (reader.sql: item_tag_names).
"""
from db.roles import ENTRY_POINTS_BY_REVISION, READER_TABLES
from db.sqlfiles import install, run_sql, uninstall

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


# What the web app may call. Missing ones (not built yet) are skipped; tests/db/test_roles_and_grants.py
# checks that the documented ones exist and are granted.
READ_ENTRY_POINTS = ENTRY_POINTS_BY_REVISION[revision]

# Revisions whose functions the entry points may call (engine, statistics). tagpage_query may
# execute them all: it cannot write, so a writing function fails inside it.
HELPER_REVISIONS = ("0002", "0003", "0005")


_ARRAY = "array[{}]::text[]"


def _text_array(names: tuple[str, ...]) -> str:
    """A SQL text[] literal of fixed identifiers defined in this file (never user input)."""
    return _ARRAY.format(", ".join(f"'{name}'" for name in names))


UPGRADE = r"""
-- Create the roles when missing. Parallel migrations of other databases may race us, so a
-- duplicate is not an error.
do $roles$
begin
    -- what: the two roles; why: roles are cluster-wide, another database may have made them
    if not exists (select 1 from pg_roles where rolname = 'tagpage_reader') then
        begin
            create role tagpage_reader login nosuperuser nocreatedb nocreaterole noinherit;
            comment on role tagpage_reader is 'tagpage web app: EXECUTE on the read entry points only (revision 0005).';
        exception when duplicate_object or unique_violation then null;
        end;
    end if;
    if not exists (select 1 from pg_roles where rolname = 'tagpage_query') then
        begin
            create role tagpage_query nologin nosuperuser nocreatedb nocreaterole noinherit;
            comment on role tagpage_query is 'tagpage: owns the SECURITY DEFINER read entry points; SELECT on the tables they read (revision 0005).';
        exception when duplicate_object or unique_violation then null;
        end;
    end if;
end
$roles$;
-- (Comments on roles are written only by the session that created them: concurrent updates
-- of one shared catalog row fail with "tuple concurrently updated".)

grant usage on schema public to tagpage_reader, tagpage_query;

do $grants$
declare
    v_fn regprocedure;
    v_table text;
begin
    -- what: no function of ours is callable by PUBLIC; why: refresh/admin functions must not be
    -- reachable by the reader, and new grants are explicit below
    for v_fn in
        select f.signature::regprocedure
        from tagpage_installed_function f
        where to_regprocedure(f.signature) is not null
    loop
        execute format('revoke execute on function %s from public', v_fn);
    end loop;

    -- tagpage_query reads everything (the entry points enforce privacy) and writes nothing
    execute 'grant select on all tables in schema public to tagpage_query';
    foreach v_table in array {reader_tables} loop
        if to_regclass(format('public.%I', v_table)) is not null then
            execute format('grant select on table public.%I to tagpage_reader', v_table);
        end if;
    end loop;

    -- the engine's helpers run inside the entry points, as tagpage_query; a SECURITY DEFINER
    -- function owned by someone else would lend its owner's rights, so those are left out
    for v_fn in
        select f.signature::regprocedure
        from tagpage_installed_function f
        join pg_proc p on p.oid = to_regprocedure(f.signature)
        where f.revision = any ({helper_revisions})
          and not p.prosecdef
    loop
        execute format('grant execute on function %s to tagpage_query', v_fn);
    end loop;

    -- the entry points: owned by tagpage_query, run as it, callable by the reader
    for v_fn in
        select p.oid::regprocedure
        from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public'
          and p.proname = any ({entry_points})
    loop
        execute format('revoke execute on function %s from public', v_fn);
        execute format('alter function %s owner to tagpage_query', v_fn);
        execute format('alter function %s security definer', v_fn);
        execute format('alter function %s set search_path = public, pg_temp', v_fn);
        execute format('grant execute on function %s to tagpage_query', v_fn);
        execute format('grant execute on function %s to tagpage_reader', v_fn);
    end loop;
end
$grants$;
""".format(
    reader_tables=_text_array(READER_TABLES),
    helper_revisions=_text_array(HELPER_REVISIONS),
    entry_points=_text_array(READ_ENTRY_POINTS),
)

DOWNGRADE = r"""
do $ungrant$
declare
    v_fn regprocedure;
begin
    -- what: undo upgrade in this database; why: revision 0004 had every function owned by the
    -- migrating user, SECURITY INVOKER and executable by PUBLIC (the CREATE FUNCTION defaults)
    for v_fn in
        select p.oid::regprocedure
        from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public'
          and pg_get_userbyid(p.proowner) = 'tagpage_query'
    loop
        execute format('alter function %s owner to %I', v_fn, current_user);
        execute format('alter function %s security invoker', v_fn);
    end loop;
    for v_fn in
        select f.signature::regprocedure
        from tagpage_installed_function f
        where to_regprocedure(f.signature) is not null
    loop
        execute format('grant execute on function %s to public', v_fn);
    end loop;
end
$ungrant$;

-- Every grant to the roles in this database (tables, functions, schema) goes with these.
do $revoke$
begin
    -- what: forget the roles here; why: a role with privileges anywhere cannot be dropped
    if exists (select 1 from pg_roles where rolname = 'tagpage_reader') then
        drop owned by tagpage_reader;
    end if;
    if exists (select 1 from pg_roles where rolname = 'tagpage_query') then
        drop owned by tagpage_query;
    end if;
end
$revoke$;

do $drop$
declare
    v_role text;
begin
    -- what: drop each role unless another database still uses it; why: roles are cluster-wide
    -- and the test templates' copies (and other deployments) share them
    foreach v_role in array array['tagpage_reader', 'tagpage_query'] loop
        if exists (select 1 from pg_roles where rolname = v_role)
           and not exists (
               select 1
               from pg_shdepend d
               join pg_roles r on r.oid = d.refobjid
               where r.rolname = v_role
                 and d.refclassid = 'pg_authid'::regclass
                 and d.dbid <> (select oid from pg_database where datname = current_database())
           ) then
            begin
                execute format('drop role %I', v_role);
            exception when dependent_objects_still_exist or undefined_object then
                null;  -- another database granted it something meanwhile: keep it
            end;
        end if;
    end loop;
end
$drop$;
"""


def upgrade() -> None:
    install(revision)
    run_sql(UPGRADE)


def downgrade() -> None:
    run_sql(DOWNGRADE)
    uninstall(revision)
