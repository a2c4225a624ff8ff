"""Gather, from the database, exactly the numbers tagpage_plan reads, for the Python twin.

The twin (python_admin/planner.py) is pure; this module is its only window on the database, so
the bench can explain a choice offline (`explain_choice(decide(gather_inputs(...)))`) and the tests
can build the same inputs inside PostgreSQL: INPUTS_SQL is one SELECT whose parameters are named
%(tags)s ... %(page_size)s, run through psycopg here and turned into a SQL function body by
inputs_function_sql() in the tests.
"""
from __future__ import annotations

from typing import Any, Sequence

# Same sources as tagpage_plan: planner_config as one flat object, the session's forced strategy,
# the raw statistics rows of each tag (NULL = no row; the fallback is applied by the twin, as by
# the SQL), and tagpage_source_rows() only for the partitions the request reads.
INPUTS_SQL = """
select jsonb_build_object(
    'knobs', (select coalesce(jsonb_object_agg(c.key, c.value), '{}') from planner_config c),
    'forced', nullif(current_setting('tagpage.force_strategy', true), ''),
    'tags', coalesce((
        select jsonb_agg(jsonb_build_object(
                   'id', t.tag,
                   'items', (select s.cardinality from tag_cardinality_stats s
                              where s.tag_id = t.tag and s.content_source = 'items'),
                   'auto', (select s.cardinality from tag_cardinality_stats s
                             where s.tag_id = t.tag and s.content_source = 'auto'))
                   order by t.ord)
          from unnest(%(tags)s::uuid[]) with ordinality as t(tag, ord)), '[]'::jsonb),
    'sources', to_jsonb(array_remove(array[
        case when %(items_scope)s::text is not null then 'items' end,
        case when %(auto_scope)s::text is not null then 'auto' end], null)),
    'source_rows', jsonb_build_object(
        'items', case when %(items_scope)s::text is not null then tagpage_source_rows('items') end,
        'auto', case when %(auto_scope)s::text is not null then tagpage_source_rows('auto') end),
    'tag_match', %(tag_match)s::text,
    'page_size', %(page_size)s::integer)
"""

_PARAMETERS = ("tags", "items_scope", "auto_scope", "tag_match", "page_size")


def gather_inputs(conn: Any, tags: Sequence[Any] | None, items_scope: str | None,
                  auto_scope: str | None, tag_match: str, page_size: int) -> dict[str, Any]:
    """decide()'s inputs for a normalized request (tagpage_plan's arguments), read from `conn`."""
    params = {"tags": list(tags or []), "items_scope": items_scope, "auto_scope": auto_scope,
              "tag_match": tag_match, "page_size": page_size}
    return conn.execute(INPUTS_SQL, params).fetchone()[0]


def request_inputs(conn: Any, tags: Sequence[Any] | None = None, page_size: int = 25,
                   user_id: Any = None, source_types: Sequence[str] | None = None,
                   tag_match: str = "all", sort: str = "created_at_desc") -> dict[str, Any]:
    """decide()'s inputs for a unified_content_page request, normalized by the SQL's own validator."""
    # tagpage_request_normalize dedups tags and maps source words to per-partition scopes, as
    # unified_content_plan does before it calls the planner.
    norm_tags, items_scope, auto_scope = conn.execute(
        "select * from tagpage_request_normalize(%s::uuid[], %s, %s::uuid, %s::text[], %s, %s)",
        (list(tags) if tags is not None else None, page_size, user_id,
         list(source_types) if source_types is not None else None, tag_match, sort)).fetchone()
    return gather_inputs(conn, norm_tags, items_scope, auto_scope, tag_match, page_size)


def inputs_function_sql(name: str = "tagpage_plan_twin_inputs") -> str:
    """CREATE FUNCTION text of INPUTS_SQL as a SQL function with tagpage_plan's arguments."""
    body = INPUTS_SQL % {p: "p_" + p for p in _PARAMETERS}
    return (f"create or replace function {name}(p_tags uuid[], p_items_scope text, p_auto_scope text,"
            f" p_tag_match text, p_page_size integer) returns jsonb stable language sql"
            f" set search_path = public, pg_temp as $inputs$ {body} $inputs$")
