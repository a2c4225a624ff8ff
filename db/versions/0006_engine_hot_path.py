"""Engine hot path: the request as one composite value, precompiled statements, a lean wrapper.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

The request (tagpage_request), a strategy statement's shape (tagpage_shape) and the planner's
decision (tagpage_plan_choice) become composite types, so a strategy reads named fields of one
bound value instead of twelve positional parameters. The common request shapes run through
functions generated at install time (plpgsql/static_paths.sql) whose statements PL/pgSQL plans
once per session. Functions come from plpgsql/, listed with their hashes in
db/manifests/0006.json; the bodies revision 0002 shipped are kept under db/frozen/0002/.
The planner's knob defaults are read from config/base.json (the one place they are defined).
"""
from importlib import import_module

from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.knobs import load_default_knobs
from db.sqlfiles import install, reinstall, run_sql, uninstall

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Functions of this revision the web app's role may call (SECURITY DEFINER, see db/grants.py).
# Both exist since 0002; re-created here, they need their definer rights back.
ENTRY_POINTS = ENTRY_POINTS_BY_REVISION[revision]

# 0002's builders with the positional-parameter signatures this revision replaces. The scope
# fragment tagpage_sql_scope(scope, alias) stays: statements that bind the user as $2 (the
# counts' live-row checks) write their scope with it.
OBSOLETE_0002 = (
    "tagpage_plan(uuid[], text, text, text, integer)",
    "tagpage_strategy_sql(text, text, text, text, boolean, boolean, integer, text)",
    "tagpage_strategy_no_tags(text, text, text, boolean, boolean, integer, text)",
    "tagpage_strategy_sort_first(text, text, text, boolean, boolean, integer, text, boolean)",
    "tagpage_strategy_sort_first_walked(text, text, text, boolean, boolean)",
    "tagpage_strategy_self_join(text, text, text, boolean, boolean, integer, text)",
    "tagpage_strategy_group_having(text, text, text, boolean, boolean, integer, text)",
    "tagpage_strategy_two_phase_single(text, text, text, boolean, boolean, integer, text)",
    "tagpage_strategy_two_phase_dual(text, text, text, boolean, boolean, integer, text)",
    "tagpage_strategy_any_union(text, text, text, boolean, boolean, integer, text)",
    "tagpage_sql_keyset(text, boolean, text)",
    "tagpage_sql_tag_probe(text, text, integer, integer, text)",
    "tagpage_sql_branches(text, text, text, boolean, boolean, text, text, text)",
    "tagpage_sql_tag_first(text, text, text, text, boolean, boolean)",
    "tagpage_sql_cursor(text, text, text)",
)

UPGRADE = r"""
create type tagpage_request as (
    tags             uuid[],
    k                integer,
    tag_match        text,
    requested_match  text,
    user_id          uuid,
    sort             text,
    direction        text,
    descending       boolean,
    has_cursor       boolean,
    page_size        integer,
    fetch_rows       integer,
    cur_quality      real,
    cur_created_at   timestamptz,
    cur_id           bigint,
    cur_source       text,
    sources          text[],
    items_scope      text,
    auto_scope       text,
    items_kind       text,
    auto_kind        text,
    items_own        boolean,
    items_pub        boolean,
    items_excl       boolean,
    auto_own         boolean,
    auto_pub         boolean,
    auto_excl        boolean,
    budget           integer,
    expr             jsonb,
    seed_tags        uuid[]
);
comment on type tagpage_request is 'One validated request (tagpage_request_build): the single value every strategy statement reads.';
comment on column tagpage_request.tags is 'Distinct tag ids; the planner puts them rarest first.';
comment on column tagpage_request.k is 'Number of distinct tags.';
comment on column tagpage_request.tag_match is 'all or any as the strategies apply it (all when k <= 1).';
comment on column tagpage_request.requested_match is 'tag_match as the caller gave it.';
comment on column tagpage_request.user_id is 'The viewer: owner of the user-* rows, the only one who sees its private rows.';
comment on column tagpage_request.sort is 'created_at_desc, created_at_asc or quality_score_desc.';
comment on column tagpage_request.direction is 'next (no cursor, or a next_cursor) or prev (a prev_cursor).';
comment on column tagpage_request.descending is 'Scan direction of the keyset indexes for this sort and direction.';
comment on column tagpage_request.has_cursor is 'Whether the caller passed a cursor.';
comment on column tagpage_request.page_size is 'Rows per page, 1..500.';
comment on column tagpage_request.fetch_rows is 'Rows a strategy fetches: page_size + 1 (the extra row says whether more exist).';
comment on column tagpage_request.cur_quality is 'Keyset position: quality_score (quality_score_desc only).';
comment on column tagpage_request.cur_created_at is 'Keyset position: created_at (infinity or -infinity without a cursor).';
comment on column tagpage_request.cur_id is 'Keyset position: id.';
comment on column tagpage_request.cur_source is 'Keyset position: source_type.';
comment on column tagpage_request.sources is 'Partitions read (items, auto).';
comment on column tagpage_request.items_scope is 'Scope in the items partition: all, user, community, public or NULL (not read).';
comment on column tagpage_request.auto_scope is 'Scope in the auto partition, as items_scope.';
comment on column tagpage_request.items_kind is 'How the items partition is read: user (creator index), general (sort index) or NULL.';
comment on column tagpage_request.auto_kind is 'How the auto partition is read, as items_kind.';
comment on column tagpage_request.items_own is 'items: the viewer''s own rows (private included) belong to the scope.';
comment on column tagpage_request.items_pub is 'items: public rows belong to the scope.';
comment on column tagpage_request.items_excl is 'items: public rows of the viewer are left out (community scope).';
comment on column tagpage_request.auto_own is 'auto: as items_own.';
comment on column tagpage_request.auto_pub is 'auto: as items_pub.';
comment on column tagpage_request.auto_excl is 'auto: as items_excl.';
comment on column tagpage_request.budget is 'Rows a budgeted sort_first walk may read (set by the planner).';
comment on column tagpage_request.expr is 'The whole tag filter as a normalised boolean tree over tags (a tag query AND tags / tag_match); NULL: tags and tag_match alone.';
comment on column tagpage_request.seed_tags is 'Tags whose posting lists seed a tag-first strategy for expr (one positive conjunct, set by the planner).';

create type tagpage_shape as (
    strategy    text,
    items_kind  text,
    auto_kind   text,
    sort        text,
    descending  boolean,
    tag_match   text,
    k           integer,
    slots       integer,
    req         text,
    budgeted    boolean,
    expr        jsonb
);
comment on type tagpage_shape is 'What a strategy statement''s text depends on; everything else is a field of the bound tagpage_request.';
comment on column tagpage_shape.strategy is 'Strategy name (tagpage_strategies()).';
comment on column tagpage_shape.items_kind is 'tagpage_request.items_kind the statement is written for.';
comment on column tagpage_shape.auto_kind is 'tagpage_request.auto_kind the statement is written for.';
comment on column tagpage_shape.sort is 'Sort the statement orders by.';
comment on column tagpage_shape.descending is 'Scan direction.';
comment on column tagpage_shape.tag_match is 'all or any.';
comment on column tagpage_shape.k is 'Tags probed (dynamic statements: exactly k probes).';
comment on column tagpage_shape.slots is 'Precompiled statements: probes written, each skipped at run time beyond the request''s k; NULL for dynamic statements.';
comment on column tagpage_shape.req is 'How the statement names the request: $1 (EXECUTE ... USING) or p_req (precompiled function).';
comment on column tagpage_shape.budgeted is 'sort_first only: walk at most tagpage_request.budget rows.';
comment on column tagpage_shape.expr is 'tagpage_request.expr: its tree is written into the statement (its tags stay parameters).';

create type tagpage_plan_choice as (
    strategy     text,
    tags         uuid[],
    budget       integer,
    fallback     text,
    work_mem_mb  integer,
    detail       jsonb,
    seed_tags    uuid[]
);
comment on type tagpage_plan_choice is 'The planner''s decision (tagpage_plan).';
comment on column tagpage_plan_choice.strategy is 'Strategy to run.';
comment on column tagpage_plan_choice.tags is 'The request''s tags, rarest first.';
comment on column tagpage_plan_choice.budget is 'Walk budget in rows when sort_first may fall back, else NULL.';
comment on column tagpage_plan_choice.fallback is 'Tag-first strategy serving the request when the budgeted walk is cut.';
comment on column tagpage_plan_choice.work_mem_mb is 'work_mem the tag-first statement may use (max_work_mem_mb), NULL for walks.';
comment on column tagpage_plan_choice.seed_tags is 'Tags seeding a tag-first strategy for a boolean filter (tagpage_request.seed_tags).';
comment on column tagpage_plan_choice.detail is 'The estimates compared and the reason, when asked for (unified_content_plan), else NULL.';
"""

DROP_OBSOLETE = "\n".join(f"drop function if exists {signature};" for signature in OBSOLETE_0002)

DOWNGRADE = r"""
drop type if exists tagpage_plan_choice;
drop type if exists tagpage_shape;
drop type if exists tagpage_request;
"""


def _regrant_0005() -> None:
    """Revision 0005's grants, again: functions re-created below 0006 need them back."""
    run_sql(import_module("db.versions.0005_roles").UPGRADE)


def upgrade() -> None:
    load_default_knobs()
    run_sql(UPGRADE)
    run_sql(DROP_OBSOLETE)
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS)


def downgrade() -> None:
    uninstall(revision)
    # The types are dropped with the functions using them; 0002's bodies come back as shipped.
    run_sql(DOWNGRADE)
    reinstall("0002")
    _regrant_0005()
