"""Least-privilege grants for functions a revision installs after the roles exist.

Revision 0005 created the two roles and granted what existed then. A later revision that adds
functions calls `grant_new_functions(revision, entry_points)` after `install(revision)`:

* its helper functions become executable by ``tagpage_query`` (the owner of the SECURITY
  DEFINER entry points, which calls them) and by nobody else;
* the functions named in `entry_points` become SECURITY DEFINER, owned by ``tagpage_query``,
  with a pinned search_path, and executable by ``tagpage_reader`` (the web app's login).

Re-created functions (CREATE OR REPLACE of an existing signature) keep their owner and grants
but lose SECURITY DEFINER and their SET clauses, so a revision that re-creates an entry point
names it in `entry_points` too; re-created helpers need nothing.
"""
from __future__ import annotations

from db.roles import QUERY_ROLE, READER_ROLE
from db.sqlfiles import run_sql

_GRANTS = r"""
do $grants$
declare
    v_fn regprocedure;
begin
    -- what: grants for the functions revision {revision} created; why: PUBLIC may execute a new
    -- function by default, and the entry points must run as the read-only query role
    for v_fn in
        select to_regprocedure(f.signature)
        from tagpage_installed_function f
        where f.revision = '{revision}'
          and to_regprocedure(f.signature) is not null
        union
        select p.oid::regprocedure
        from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public'
          and p.proname = any ({entry_points})
    loop
        execute format('revoke execute on function %s from public', v_fn);
        if (select p.proname from pg_proc p where p.oid = v_fn) = any ({entry_points}) then
            execute format('alter function %s owner to {query_role}', v_fn);
            execute format('alter function %s security definer', v_fn);
            execute format('alter function %s set search_path = public, pg_temp', v_fn);
            execute format('grant execute on function %s to {query_role}', v_fn);
            execute format('grant execute on function %s to {reader_role}', v_fn);
        else
            execute format('grant execute on function %s to {query_role}', v_fn);
        end if;
    end loop;
end
$grants$;
"""


def grant_new_functions(revision: str, entry_points: tuple[str, ...] = ()) -> None:
    """Grant the functions `revision` installed (see the module docstring)."""
    # Names are fixed identifiers from our revisions, never user input.
    names = "array[{}]::text[]".format(", ".join(f"'{name}'" for name in entry_points))
    run_sql(_GRANTS.format(revision=revision, entry_points=names, query_role=QUERY_ROLE,
                           reader_role=READER_ROLE))
