"""no_tags and sort_first read the per-partition keyset indexes in order; the bitmap walk reads them index-only.

The statement each strategy runs (tagpage_strategy_sql, the very text unified_content_page
EXECUTEs, or precompiles) is prepared with the request as its one parameter and EXPLAINed on demo
data, as a plan made for the values and as the generic plan the precompiled functions use: every content
partition must be read by an index scan on an index whose order is the display order (the keyset
index of the sort, or the creator index for a user-only scope), two partitions must be merged by a
Merge Append, and no Sort / Incremental Sort may appear anywhere, since a Sort would read the
whole filtered result before the first row comes out. unified_content_page runs these two
strategies with enable_sort off (on tiny partitions PostgreSQL would rather Seq Scan and Sort), so
the EXPLAIN does the same; test_enable_sort_is_restored checks the function leaves it as it was.
"""
from __future__ import annotations

import itertools
import re
from typing import Any, Iterator

import psycopg
import pytest

SORTS = ("created_at_desc", "created_at_asc", "quality_score_desc")
# (items scope, auto scope) and the (source words, with a user?) that produce them
SCOPES = (("all", "all"), ("public", "public"), ("user", "community"), ("community", None),
          (None, "user"), ("user", "user"))
SOURCE_WORDS = {
    ("all", "all"): (None, True),
    ("public", "public"): (None, False),
    ("user", "community"): (["user-regular", "community-auto"], True),
    ("community", None): (["community-regular"], True),
    (None, "user"): (["user-auto"], True),
    ("user", "user"): (["user-regular", "user-auto"], True),
    ("all", None): (["user-regular", "community-regular"], True),
}
CONTENT_TABLES = {"content_items", "content_items_auto"}


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _index_columns(conn: psycopg.Connection, index: str) -> str:
    return conn.execute(
        "select pg_get_indexdef(%s::regclass)", (index,)).fetchone()[0].split("(", 1)[1]


def _request(conn: psycopg.Connection, scopes: tuple[str | None, str | None], sort: str, descending: bool,
             cursor: tuple | None, tags: list[str], tag_match: str) -> str:
    """The text of a tagpage_request as tagpage_request_build makes it for these scopes, sort,
    scan direction and cursor position (a prev cursor when the scan runs against the sort)."""
    words, with_user = SOURCE_WORDS[scopes]
    direction = "next" if descending == (sort != "created_at_asc") else "prev"
    encoded = None
    if cursor is not None:
        encoded = conn.execute("select tagpage_cursor_encode(%s, %s, %s::real, %s::timestamptz, %s::bigint, %s)",
                               (sort, direction, *cursor)).fetchone()[0]
    assert encoded or direction == "next", "a prev scan needs a cursor"
    return conn.execute(
        "select tagpage_request_build(%s::uuid[], %s, 25, %s::uuid, %s::text[], %s, %s)::text",
        (tags or None, encoded, _a_user(conn) if with_user else None, words, tag_match, sort)).fetchone()[0]


def _explain(conn: psycopg.Connection, strategy: str, scopes: tuple[str | None, str | None],
             sort: str, descending: bool, cursor: tuple | None, tags: list[str],
             tag_match: str = "all", sql: str | None = None, precompiled: bool = False,
             shape_match: str | None = None) -> dict[str, Any]:
    """EXPLAIN of a strategy's statement for a request, bound as unified_content_page binds it:
    planned with the request's values (the dynamic path) or, precompiled, as a generic plan of
    the shape the precompiled walks run for it (or of shape_match's, tagpage_static_shape)."""
    request = _request(conn, scopes, sort, descending, cursor, tags, tag_match)
    if sql is None:
        # precompiled: the shape the precompiled walks hold for the request ('one' for one tag,
        # 'any_past_slots' past the probe slots, else the slots), the request named $1 for PREPARE
        shape = ("tagpage_shape_of(%s::tagpage_request, %s)" if not precompiled else
                 "(select row(p.strategy, p.items_kind, p.auto_kind, p.sort, p.descending, p.tag_match, "
                 "p.k, p.slots, '$1', false, null)::tagpage_shape "
                 "from tagpage_shape_of(%s::tagpage_request, %s) s, "
                 "tagpage_static_shape(s.strategy, s.items_kind, s.auto_kind, s.sort, s.descending, "
                 "coalesce(%s, case when s.strategy <> 'sort_first' then s.tag_match "
                 "when s.k = 1 then 'one' "
                 "when s.tag_match = 'any' and s.k > tagpage_static_slots() then 'any_past_slots' "
                 "else s.tag_match end), false) p)")
        args = (request, strategy) if not precompiled else (request, strategy, shape_match)
        sql = conn.execute(f"select tagpage_strategy_sql({shape})", args).fetchone()[0]
    if conn.execute("select 1 from pg_prepared_statements where name = 'engine_explain'").fetchone():
        conn.execute("deallocate engine_explain")
    conn.execute(f"prepare engine_explain (tagpage_request) as {sql}")
    if strategy:  # a hand-written statement (strategy "") keeps the caller's settings
        conn.execute("set enable_sort = %s" % ("off" if strategy in ("no_tags", "sort_first") else "on"))
    conn.execute("set plan_cache_mode = %s" % ("force_generic_plan" if precompiled else "force_custom_plan"))
    # EXPLAIN EXECUTE is a utility statement: values are bound client-side, as literals.
    plan = psycopg.ClientCursor(conn).execute(
        "explain (format json) execute engine_explain (%s::tagpage_request)", (request,)).fetchone()[0]
    # enable_sort off left on the connection would price every later sort at disable_cost, and
    # past jit_above_cost each such statement (the next request's build) compiles for ~80 ms
    conn.execute("reset plan_cache_mode")
    conn.execute("reset enable_sort")
    return plan[0]["Plan"]


def _a_user(conn: psycopg.Connection) -> str:
    return conn.execute(
        "select creator_id from content_items_all group by 1 order by count(*) desc limit 1").fetchone()[0]


def _middle_row(conn: psycopg.Connection) -> tuple:
    """A cursor position in the middle of the data, so the keyset predicate is in play."""
    return conn.execute(
        "select quality_score, created_at, id, source_type from content_items_all "
        "order by created_at, id, source_type offset (select count(*) / 2 from content_items_all) limit 1"
    ).fetchone()


def _check_plan(conn: psycopg.Connection, plan: dict[str, Any], scopes, sort: str) -> list[str]:
    problems = []
    nodes = list(_nodes(plan))
    types = [n["Node Type"] for n in nodes]
    for bad in ("Sort", "Incremental Sort"):
        if bad in types:
            problems.append(f"{bad} node in the plan")
    if all(scopes) and "Merge Append" not in types:
        problems.append("two partitions without a Merge Append")
    key = "quality_score DESC, created_at DESC" if sort == "quality_score_desc" else "created_at DESC"
    scanned = set()
    for node in nodes:
        if node.get("Relation Name") not in CONTENT_TABLES:
            continue
        scanned.add(node["Relation Name"])
        if node["Node Type"] != "Index Scan":
            problems.append(f"{node['Relation Name']} read by {node['Node Type']}")
            continue
        columns = _index_columns(conn, node["Index Name"])
        if not (columns.startswith(key) or columns.startswith(f"creator_id, {key}")):
            problems.append(f"{node['Relation Name']} read through {node['Index Name']} ({columns})")
    wanted = {t for t, scope in zip(("content_items", "content_items_auto"), scopes) if scope}
    if scanned != wanted:
        problems.append(f"partitions read {sorted(scanned)}, expected {sorted(wanted)}")
    return problems


@pytest.mark.parametrize("precompiled", [False, True], ids=["planned_per_call", "precompiled"])
@pytest.mark.parametrize("strategy", ["no_tags", "sort_first"])
def test_keyset_strategies_walk_the_indexes_in_order(genonaut_db: psycopg.Connection, strategy: str,
                                                     precompiled: bool) -> None:
    conn = genonaut_db
    conn.execute("analyze")
    common = conn.execute(
        "select tag_id::text from content_tags group by 1 order by count(*) desc limit 2").fetchall()
    tags = [] if strategy == "no_tags" else [t for (t,) in common]
    middle = _middle_row(conn)
    failures = []
    checked = 0
    for scopes, sort, prev, with_cursor in itertools.product(SCOPES, SORTS, (False, True), (False, True)):
        if prev and not with_cursor:
            continue  # only a prev_cursor scans against the sort
        descending = (sort != "created_at_asc") != prev
        # (1, "all", "all"): one tag in the slots' shape, which the precompiled rows functions
        # still run for it (the page walk has the one-tag shape)
        cases = [(0, "all", None)] if strategy == "no_tags" else \
            [(1, "all", None), (2, "all", None), (2, "any", None)] + ([(1, "all", "all")] if precompiled else [])
        for k, match, shape_match in cases:
            plan = _explain(conn, strategy, scopes, sort, descending, middle if with_cursor else None, tags[:k],
                            match, precompiled=precompiled, shape_match=shape_match)
            checked += 1
            for problem in _check_plan(conn, plan, scopes, sort):
                failures.append(f"scopes={scopes} sort={sort} prev={prev} cursor={with_cursor} k={k} "
                                f"{match}: {problem}")
    assert checked >= 27
    assert not failures, f"{len(failures)} plans not walking the keyset indexes:\n" + "\n".join(failures)


def _tags_past_the_slots(conn: psycopg.Connection, n: int) -> list[str]:
    """The n most common tags, more than a precompiled statement's probe slots (statistics fresh)."""
    conn.execute("analyze")
    tags = [t for (t,) in conn.execute(
        "select tag_id::text from content_tags group by 1 order by count(*) desc limit %s", (n,)).fetchall()]
    assert len(tags) > conn.execute("select tagpage_static_slots()").fetchone()[0]
    return tags


@pytest.mark.parametrize("strategy", ["sort_first", "two_phase_single"])
def test_precompiled_all_probes_further_tags_one_descent_each(genonaut_db: psycopg.Connection,
                                                              strategy: str) -> None:
    """Past the probe slots a precompiled 'all' statement takes the request's further tags in one
    probe: a scan of the tags, each looked up by its own descent of a content_tags index (the
    row's id and tag in the condition), under NOT, so the scan stops at the first tag the row
    lacks. Pulled up into a join, it would read every posting of every candidate row."""
    conn = genonaut_db
    tags = _tags_past_the_slots(conn, 6)
    plan = _explain(conn, strategy, ("all", "all"), "created_at_desc", True, None, tags, precompiled=True)
    scans = [n for n in _nodes(plan) if n["Node Type"] == "Function Scan" and n.get("Function Name") == "unnest"]
    assert scans, "no scan of the further tags in the precompiled statement"
    for scan in scans:
        assert "NOT (SubPlan" in scan.get("Filter", ""), scan.get("Filter")
        probes = [n for n in _nodes(scan) if n.get("Relation Name") == "content_tags"]
        assert probes and all(n["Node Type"] in ("Index Scan", "Index Only Scan") for n in probes), probes
        for probe in probes:
            cond = probe.get("Index Cond", "")
            assert re.search(r"tag_id = pr(_\d+)?\.tag_id", cond) and "content_id" in cond, cond


def test_precompiled_one_tag_starts_one_probe_per_partition(genonaut_db: psycopg.Connection) -> None:
    """A one-tag request's precompiled walk holds that tag's probe only: every subplan is started
    at each call, used or not, so the slots' guarded probes and the further tags' scan would be
    started for nothing."""
    strategy = "sort_first"
    conn = genonaut_db
    conn.execute("analyze")
    tag = conn.execute("select tag_id::text from content_tags group by 1 order by count(*) desc limit 1").fetchone()[0]
    for scopes in (("all", "all"), ("all", None), ("user", "community"), (None, "user")):
        plan = _explain(conn, strategy, scopes, "created_at_desc", True, None, [tag], precompiled=True)
        nodes = list(_nodes(plan))
        probes = [n for n in nodes if n.get("Relation Name") == "content_tags"
                  and "content_id" in n.get("Index Cond", "")]
        partitions = sum(1 for kind in scopes if kind is not None)
        assert len(probes) == partitions, (scopes, probes)
        assert not [n for n in nodes if n.get("Function Name") == "unnest"], scopes
    # and that statement is the one the page function and the entry point's walks run
    for holder in ("unified_content_page", "tagpage_static_page_sort_first"):
        (held,) = conn.execute(
            "select strpos(p.prosrc, tagpage_strategy_sql(tagpage_static_shape(%s, 'general', 'general', "
            "'created_at_desc', true, 'one', false))) > 0 "
            "and strpos(p.prosrc, 'if p_req.expr is null and p_req.k = 1 then') > 0 "
            "from pg_proc p where p.proname = %s", (strategy, holder)).fetchone()
        assert held, f"{holder} does not hold the one-tag statement"


def test_precompiled_any_past_the_slots_descends_per_tag(genonaut_db: psycopg.Connection) -> None:
    """Past the probe slots a precompiled 'any' walk reads the tags backwards (densest first)
    through one scan of their subscripts, each tag looked up by its own descent (the row's id
    and the tag in the index condition), unless the plan asks for the one filtered descent."""
    conn = genonaut_db
    tags = _tags_past_the_slots(conn, 5)
    plan = _explain(conn, "sort_first", ("all", "all"), "created_at_desc", True, None, tags, "any",
                    precompiled=True)
    scans = [n for n in _nodes(plan) if n["Node Type"] == "Function Scan"
             and n.get("Function Name") == "generate_subscripts"]
    assert len(scans) == 2, "one scan of the tags' subscripts per partition"
    # the few tags' statement does not carry the scan: its subplans are started at every call
    few = _explain(conn, "sort_first", ("all", "all"), "created_at_desc", True, None, tags[:2], "any",
                   precompiled=True)
    assert not [n for n in _nodes(few) if n.get("Function Name") == "generate_subscripts"]
    for scan in scans:
        probes = [n for n in _nodes(scan) if n.get("Relation Name") == "content_tags"]
        assert probes and all(n["Node Type"] in ("Index Scan", "Index Only Scan") for n in probes), probes
        for probe in probes:
            cond = probe.get("Index Cond", "")
            assert re.search(r"tag_id = \(\$1\)\.tags\[pr(_\d+)?\.i\]", cond) and "content_id" in cond, cond


def test_check_catches_a_sorted_plan(genonaut_db: psycopg.Connection) -> None:
    """The check is not vacuous: a tag-first strategy sorts its matches, and is reported."""
    conn = genonaut_db
    tag = conn.execute("select tag_id::text from content_tags group by 1 order by count(*) desc limit 1").fetchone()[0]
    plan = _explain(conn, "group_having", ("all", "all"), "created_at_desc", True, None, [tag])
    problems = _check_plan(conn, plan, ("all", "all"), "created_at_desc")
    assert any("Sort node" in p for p in problems), problems


def test_enable_sort_is_restored(genonaut_db: psycopg.Connection) -> None:
    """The pin is local to the call: the session's enable_sort is unchanged afterwards."""
    conn = genonaut_db
    tag = conn.execute("select tag_id from content_tags group by 1 order by count(*) desc limit 1").fetchone()[0]
    for value in ("on", "off"):
        conn.execute(f"set enable_sort = {value}")
        for tags in (None, [tag]):
            rows = conn.execute("select strategy from unified_content_page(tags => %s, page_size => 5)",
                                (tags,)).fetchall()
            assert rows and rows[0][0] in ("no_tags", "sort_first")
            assert conn.execute("show enable_sort").fetchone()[0] == value


def test_work_mem_is_restored(genonaut_db: psycopg.Connection) -> None:
    """Tag-first strategies get max_work_mem_mb for their statement only."""
    conn = genonaut_db
    tag = conn.execute("select tag_id from content_tags group by 1 order by count(*) desc limit 1").fetchone()[0]
    conn.execute("set work_mem = '1MB'")
    conn.execute("set tagpage.force_strategy = 'group_having'")
    rows = conn.execute("select strategy from unified_content_page(tags => %s)", ([tag],)).fetchall()
    assert rows and rows[0][0] == "group_having"
    assert conn.execute("show work_mem").fetchone()[0] == "1MB"


TAG_FIRST = {  # strategy -> (tag_match, k values it serves)
    "self_join": ("all", (1, 3)),
    "group_having": ("all", (1, 3)),
    "two_phase_single": ("all", (1, 3, 5)),
    "two_phase_dual": ("all", (2, 3)),
    "any_union": ("any", (1, 3)),
}


def _deep_row(conn: psycopg.Connection, sort: str, descending: bool) -> tuple:
    """A cursor 90 % deep in the scan order: the keyset comparison then looks very selective,
    which is what tempted PostgreSQL into walking the sort index outside the match set."""
    key = "quality_score, created_at" if sort == "quality_score_desc" else "created_at"
    direction = "desc" if descending else "asc"
    order = ", ".join(f"{c} {direction}" for c in [*key.split(", "), "id", "source_type"])
    return conn.execute(
        f"select quality_score, created_at, id, source_type from content_items_all order by {order} "
        "offset (select count(*) * 9 / 10 from content_items_all) limit 1").fetchone()


def _check_tag_first(plan: dict[str, Any]) -> list[str]:
    """The match set drives: content rows only as the inner side of a nested loop, fetched by
    primary key with the match's id as the index condition; never a CTE rescanned per row."""
    problems = []

    def walk(node: dict[str, Any], inner_of_loop: bool) -> None:
        if node["Node Type"] == "Nested Loop" and node.get("Join Filter"):
            problems.append(f"Join Filter {node['Join Filter']}")
        if node["Node Type"] == "CTE Scan" and inner_of_loop:
            problems.append("CTE rescanned as the inner side of a nested loop")
        if node.get("Relation Name") in CONTENT_TABLES:
            cond = node.get("Index Cond", "")
            if node["Node Type"] != "Index Scan" or "content_id" not in cond:
                problems.append(f"{node['Relation Name']} read by {node['Node Type']} "
                                f"{node.get('Index Name', '')} ({cond or 'no index condition'})")
            elif not inner_of_loop:
                problems.append(f"{node['Relation Name']} read outside a nested loop's inner side")
        for child in node.get("Plans", []):
            is_inner = (node["Node Type"] == "Nested Loop" and child.get("Parent Relationship") == "Inner")
            walk(child, inner_of_loop or is_inner)

    walk(plan, False)
    return problems


@pytest.mark.parametrize("strategy,precompiled", [(s, False) for s in sorted(TAG_FIRST)]
                         + [("two_phase_single", True), ("any_union", True)])
def test_tag_first_strategies_drive_from_the_match_set(genonaut_db: psycopg.Connection, strategy: str,
                                                       precompiled: bool) -> None:
    conn = genonaut_db
    conn.execute("analyze")
    tag_match, ks = TAG_FIRST[strategy]
    # Tags from the middle of the cardinality range, rarest first (as the planner passes them).
    middle = [t for (t,) in conn.execute(
        "select tag_id::text from content_tags group by 1 order by count(*), 1").fetchall()]
    tags = middle[len(middle) // 2: len(middle) // 2 + max(ks)]
    # The demo's regular partition is a page or two: a per-match Seq Scan of it is cheaper than an
    # index probe there, which says nothing about real sizes, so only the shape is judged here.
    conn.execute("set enable_seqscan = off")
    failures, checked = [], 0
    scopes_checked = list(SCOPES)
    for scopes, sort, prev, k in itertools.product(scopes_checked, SORTS, (False, True), ks):
        descending = (sort != "created_at_asc") != prev
        plan = _explain(conn, strategy, scopes, sort, descending, _deep_row(conn, sort, descending),
                        tags[:k], tag_match, precompiled=precompiled)
        checked += 1
        for problem in _check_tag_first(plan):
            failures.append(f"scopes={scopes} sort={sort} prev={prev} k={k}: {problem}")
    assert checked == len(scopes_checked) * len(SORTS) * 2 * len(ks)
    assert not failures, f"{len(failures)} tag-first plans not driven by the match set:\n" + "\n".join(failures)


def test_tag_first_check_catches_an_outer_index_walk(genonaut_db: psycopg.Connection) -> None:
    """The check is not vacuous: the plain join this engine used to write, planned with only a
    nested loop allowed and an expensive CTE, walks the sort index outside and is reported."""
    conn = genonaut_db
    tag = conn.execute("select tag_id::text from content_tags group by 1 order by count(*) desc limit 1").fetchone()[0]
    sql = ("with m as materialized (select t.content_id, t.content_source from content_tags t "
           "where t.tag_id = any(($1).tags) and t.content_source = any(($1).sources)) "
           "select c.id from m join content_items_all c on c.id = m.content_id and c.source_type = 'items' "
           "where c.source_type = any(array['items']) and m.content_source = 'items' "
           "and (c.created_at, c.id, c.source_type) < (($1).cur_created_at, ($1).cur_id, ($1).cur_source) "
           "order by c.created_at desc, c.id desc, c.source_type desc limit ($1).fetch_rows")
    for setting in ("enable_hashjoin", "enable_mergejoin", "enable_sort", "enable_material"):
        conn.execute(f"set {setting} = off")
    deep = _deep_row(conn, "created_at_desc", True)
    plan = _explain(conn, "", ("all", None), "created_at_desc", True, deep, [tag], sql=sql)
    conn.execute("reset all")
    problems = _check_tag_first(plan)
    assert problems, plan


def test_the_tests_know_every_strategy_the_engine_offers(genonaut_db: psycopg.Connection) -> None:
    # The oracle tests force each name in oracle.STRATEGIES; a strategy the engine adds without
    # being listed there would never be checked against the brute force.
    from oracle import STRATEGIES
    offered = {name for (name,) in genonaut_db.execute("select unnest(tagpage_strategies())").fetchall()}
    assert offered == set(STRATEGIES)


def _explain_bitmap_walk(conn: psycopg.Connection, scopes: tuple[str | None, str | None], sort: str,
                         descending: bool, cursor: tuple | None, tags: list[str],
                         tag_match: str) -> dict[str, Any]:
    """EXPLAIN of the bitmap strategy's walk, bound as tagpage_run_bitmap binds it: the request
    and the filter's bitmaps (tagpage_bitmap_inputs), planned for their values."""
    request = _request(conn, scopes, sort, descending, cursor, tags, tag_match)
    sql = conn.execute("select tagpage_strategy_bitmap(tagpage_shape_of(%s::tagpage_request, 'bitmap'), false)",
                       (request,)).fetchone()[0]
    if conn.execute("select 1 from pg_prepared_statements where name = 'bitmap_explain'").fetchone():
        conn.execute("deallocate bitmap_explain")
    conn.execute(f"prepare bitmap_explain (tagpage_request, bigint[], bit varying[], bit varying[]) as {sql}")
    conn.execute("set enable_sort = off")
    inputs = conn.execute("select widths, matches::text[], dirty::text[] from tagpage_bitmap_inputs(%s::tagpage_request)",
                          (request,)).fetchone()
    plan = psycopg.ClientCursor(conn).execute(
        "explain (format json) execute bitmap_explain (%s::tagpage_request, %s::bigint[], "
        "%s::bit varying[], %s::bit varying[])", (request, *inputs)).fetchone()[0]
    conn.execute("reset enable_sort")
    return plan[0]["Plan"]


def test_bitmap_walk_reads_the_indexes_only(genonaut_db: psycopg.Connection) -> None:
    """The bitmap walk tests each index entry's bit before its row is read: every partition is
    walked by an Index Only Scan of its keyset index (or creator index for a user-only scope),
    in display order, no Sort anywhere, two partitions merged by a Merge Append. (How the rows
    that pass are fetched by id is PostgreSQL's choice: on the tiny test partitions a Seq Scan.)"""
    conn = genonaut_db
    conn.execute("analyze")  # the demo load vacuumed: the visibility map lets the walk skip the heap
    assert conn.execute("select count(*) from count_bitmap_source").fetchone()[0] == 2
    tags = [t for (t,) in conn.execute(
        "select tag_id::text from content_tags group by 1 order by count(*) desc limit 2").fetchall()]
    middle = _middle_row(conn)
    failures = []
    for scopes, sort, prev in itertools.product(SCOPES, SORTS, (False, True)):
        descending = (sort != "created_at_asc") != prev
        plan = _explain_bitmap_walk(conn, scopes, sort, descending, middle if prev else None, tags, "all")
        nodes = list(_nodes(plan))
        types = [n["Node Type"] for n in nodes]
        problems = [f"{bad} node in the plan" for bad in ("Sort", "Incremental Sort") if bad in types]
        if all(scopes) and "Merge Append" not in types:
            problems.append("two partitions without a Merge Append")
        key = "quality_score DESC, created_at DESC" if sort == "quality_score_desc" else "created_at DESC"
        walked = set()
        for node in nodes:
            if node.get("Relation Name") not in CONTENT_TABLES or node["Node Type"] != "Index Only Scan":
                continue  # the rows that pass are fetched by id: any plan of that lookup will do
            columns = _index_columns(conn, node["Index Name"])
            if columns.startswith(key) or columns.startswith(f"creator_id, {key}"):
                walked.add(node["Relation Name"])
            else:
                problems.append(f"{node['Relation Name']} walked through {node['Index Name']} ({columns})")
        wanted = {t for t, scope in zip(("content_items", "content_items_auto"), scopes) if scope}
        if walked != wanted:
            problems.append(f"walked index-only {sorted(walked)}, expected {sorted(wanted)}")
        failures += [f"scopes={scopes} sort={sort} prev={prev}: {p}" for p in problems]
    assert not failures, "\n".join(failures)
