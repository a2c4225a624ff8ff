"""The planner's Python twin (python_admin/planner.py) against the PL/pgSQL planner (tagpage_plan).

The twin's source file is installed verbatim as a plpython3u function, its inputs are gathered in
SQL from the same tables the planner reads (planner_inputs.INPUTS_SQL), and each grid chunk is
compared inside PostgreSQL in one query: the whole plan (strategy, estimates, eligibility, walk
budget, reason, ...) must be equal as jsonb, errors included (SQLSTATE and message).
The grid: K 0..10, the rarest tag's count from 0 to beyond the partitions, densities 0.0001..0.9,
both match modes, each source subset, page sizes 1/25/500, missing statistics, several knob
settings and every forced strategy. Mutated twins prove the grid notices a wrong decision.
"""
from __future__ import annotations

import json
import random
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from python_admin import config_loader, planner, planner_inputs
from python_admin.settings import load_config, planner_section

TWIN_SOURCE = Path(planner.__file__).read_text(encoding="utf-8")

N_ITEMS, N_AUTO = 65000, 1100000          # the gallery's partitions (SPEC 7, scale 1)
RAREST = [0, 1, 50, 99, 100, 999, 1000, 5000, 49999, 50000, 50001, 199999, 200000, 200001,
          900000, 5000000]                # 5M is beyond both partitions: capped
DENSITIES = [0.0001, 0.001, 0.01, 0.05, 0.1, 0.3, 0.5, 0.74, 0.9]
MATCHES = ["all", "any"]
SCOPES = [("all", None), (None, "all"), ("all", "all")]   # items only, auto only, both
PAGES = [1, 25, 500]

# Knob settings, one grid chunk each (planner_config rows replaced by these; None = no row).
KNOB_CHUNKS: dict[str, dict[str, Any]] = {
    "defaults": {},
    "no_sort_first": {"enable_sort_first": False},
    "no_seeded": {"enable_self_join": False, "enable_two_phase_single": False},
    "all_disabled": {f"enable_{s}": False for s in planner.STRATEGIES if s != "no_tags"},
    "wide_thresholds": {"small_k_threshold": 10, "group_having_rarest_ceiling": 10000000,
                        "two_phase_min_k_for_dual_seed": 2, "two_phase_dual_seed_floor": 0},
    "tight_caps": {"seed_candidate_cap": 1000, "group_having_rarest_ceiling": 100,
                   "small_k_threshold": 1, "enable_two_phase_dual": "off"},
    "fallback_zero": {"stats.fallback_default_count": 0, "enable_any_union": False,
                      "enable_group_having": False},
    "fallback_odd": {"stats.fallback_default_count": 123457, "two_phase_dual_seed_floor": 10},
    "no_config_rows": {"*": None},
}
FORCED = [s for s in planner.STRATEGIES] + ["no_such_strategy"]


def twin_function_sql(source: str = TWIN_SOURCE, name: str = "tagpage_plan_twin") -> sql.Composed:
    """CREATE FUNCTION <name>(p_inputs jsonb): the twin's file plus the two-line call."""
    body = source + "\nimport json\nreturn json.dumps(decide(json.loads(p_inputs)))\n"
    return sql.SQL("create or replace function {}(p_inputs jsonb) returns jsonb language plpython3u "
                   "as {}").format(sql.Identifier(name), sql.Literal(body))


# tagpage_plan with its 22023 errors as values, so one query can compare errors too.
TRY_PLAN_SQL = """
create or replace function twin_test_try_plan(p_tags uuid[], p_items_scope text, p_auto_scope text,
                                              p_tag_match text, p_page_size integer)
    returns jsonb
    language plpgsql
as $$
begin
    return tagpage_plan(p_tags, p_items_scope, p_auto_scope, p_tag_match, p_page_size);
exception when sqlstate '22023' then
    return jsonb_build_object('error', sqlstate, 'message', sqlerrm);
end;
$$
"""

# One chunk: every selected grid row planned by both; the rows whose plans differ, and a tally.
COMPARE_SQL = """
with planned as (
    select g.id, g.tags, g.items_scope, g.auto_scope, g.tag_match, g.page_size,
           twin_test_try_plan(g.tags, g.items_scope, g.auto_scope, g.tag_match, g.page_size) as sql_plan,
           {twin}(tagpage_plan_twin_inputs(g.tags, g.items_scope, g.auto_scope, g.tag_match,
                                           g.page_size)) as twin_plan
      from twin_grid g
     where g.id %% %(every)s = 0
), tally as (
    select coalesce(sql_plan->>'strategy', 'error') as strategy, count(*) as n
      from planned group by 1
)
select (select count(*) from planned),
       (select count(*) from planned where sql_plan is distinct from twin_plan),
       (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'k', cardinality(tags), 'match', tag_match,
                                                     'items', items_scope, 'auto', auto_scope,
                                                     'page', page_size, 'sql', sql_plan,
                                                     'twin', twin_plan) order by id), '[]')
          from planned where sql_plan is distinct from twin_plan),
       (select coalesce(jsonb_object_agg(strategy, n), '{{}}') from tally)
"""


def _grid_rows(tag_ids: dict[str, uuid.UUID]) -> list[tuple[list[str], str | None, str | None, str, int]]:
    """(tags, items_scope, auto_scope, tag_match, page_size) for every grid point, deterministic."""
    rows: list[tuple[list[str], str | None, str | None, str, int]] = []
    i = 0
    for k in range(1, 11):
        for rarest in RAREST + ["nostats", "items_only"]:
            for density in DENSITIES:
                tags = [str(tag_ids[f"r{rarest}"])] + [str(tag_ids[f"d{density}_{j}"]) for j in range(k - 1)]
                scope = SCOPES[(i // 2) % 3]
                rows.append((tags, scope[0], scope[1], MATCHES[i % 2], PAGES[(i // 6) % 3]))
                i += 1
    rng = random.Random(3)
    every_tag = [str(v) for v in tag_ids.values()]
    for _ in range(120):   # mixed densities, any K, in random tag order
        k = rng.randint(2, 10)
        scope = rng.choice(SCOPES)
        rows.append((rng.sample(every_tag, k), scope[0], scope[1], rng.choice(MATCHES), rng.choice(PAGES)))
    for scope in SCOPES:   # no tags; a duplicate tag (tagpage_plan counts it twice)
        for page in PAGES:
            rows.append(([], scope[0], scope[1], "all", page))
        rows.append(([str(tag_ids["d0.5_0"])] * 2, scope[0], scope[1], "all", 25))
    return rows


def _setup_grid(conn: psycopg.Connection) -> dict[str, uuid.UUID]:
    """Tags with statistics rows of known cardinality, partition sizes, the grid table."""
    tag_ids: dict[str, uuid.UUID] = {}
    stats: list[tuple[uuid.UUID, str, int]] = []
    for rarest in RAREST:
        tag_ids[f"r{rarest}"] = uuid.uuid4()
        items = rarest // 17
        stats += [(tag_ids[f"r{rarest}"], "items", items), (tag_ids[f"r{rarest}"], "auto", rarest - items)]
    tag_ids["rnostats"] = uuid.uuid4()                      # fallback_default_count in both
    tag_ids["ritems_only"] = uuid.uuid4()                   # fallback in auto only
    stats.append((tag_ids["ritems_only"], "items", 40))
    for density in DENSITIES:
        for j in range(9):
            tag_ids[f"d{density}_{j}"] = uuid.uuid4()
            # a little spread per copy, so ties on cardinality are rare but uuid order still matters
            stats += [(tag_ids[f"d{density}_{j}"], "items", round(density * N_ITEMS) + j % 2),
                      (tag_ids[f"d{density}_{j}"], "auto", round(density * N_AUTO))]
    with conn.cursor() as cur:
        cur.executemany("insert into tags (id, name) values (%s, %s)",
                        [(v, f"twin:{k}") for k, v in tag_ids.items()])
        cur.executemany("insert into tag_cardinality_stats (tag_id, content_source, cardinality) "
                        "values (%s, %s, %s)", stats)
        cur.execute("insert into content_source_stats (content_source, total_rows) values "
                    "('items', %s), ('auto', %s) on conflict (content_source) do update "
                    "set total_rows = excluded.total_rows", (N_ITEMS, N_AUTO))
        cur.execute("create table twin_grid (id serial primary key, tags uuid[], items_scope text, "
                    "auto_scope text, tag_match text, page_size integer)")
        cur.executemany("insert into twin_grid (tags, items_scope, auto_scope, tag_match, page_size) "
                        "values (%s::uuid[], %s, %s, %s, %s)", _grid_rows(tag_ids))
    return tag_ids


def _set_knobs(conn: psycopg.Connection, defaults: dict[str, Any], overrides: dict[str, Any]) -> None:
    conn.execute("delete from planner_config")
    if overrides.get("*", 1) is None:
        return
    for key, value in {**defaults, **overrides}.items():
        conn.execute("insert into planner_config (key, value) values (%s, %s::jsonb)", (key, json.dumps(value)))


def _compare(conn: psycopg.Connection, every: int = 1, twin: str = "tagpage_plan_twin") -> dict[str, Any]:
    query = COMPARE_SQL.format(twin=twin)
    n, n_diff, diffs, strategies = conn.execute(query, {"every": every}).fetchone()
    return {"n": n, "n_diff": n_diff, "diffs": diffs, "strategies": strategies}


def _describe(diffs: list[dict[str, Any]], limit: int = 3) -> str:
    lines = []
    for d in diffs[:limit]:
        sql_plan, twin_plan = d["sql"] or {}, d["twin"] or {}
        keys = sorted(k for k in set(sql_plan) | set(twin_plan) if sql_plan.get(k) != twin_plan.get(k))
        lines.append(f"row {d['id']} (k={d['k']} {d['match']} items={d['items']} auto={d['auto']} "
                     f"page={d['page']}): " + "; ".join(f"{k}: sql={sql_plan.get(k)!r} twin={twin_plan.get(k)!r}"
                                                        for k in keys))
    return "\n".join(lines)


@pytest.fixture
def twin_db(postgresql: psycopg.Connection) -> psycopg.Connection:
    """A migrated DB with the twin installed as plpython3u, the inputs function and the grid."""
    postgresql.autocommit = True
    postgresql.execute(twin_function_sql())
    postgresql.execute(planner_inputs.inputs_function_sql())
    postgresql.execute(TRY_PLAN_SQL)
    _setup_grid(postgresql)
    return postgresql


def _default_knobs() -> dict[str, Any]:
    return config_loader.flatten(planner_section(load_config()))


# -- inside PostgreSQL: the grid -------------------------------------------------------------------

def test_twin_matches_sql_planner_on_grid_for_each_knob_setting(twin_db: psycopg.Connection) -> None:
    defaults = _default_knobs()
    seen: set[str] = set()
    failures = []
    for chunk, overrides in KNOB_CHUNKS.items():
        _set_knobs(twin_db, defaults, overrides)
        result = _compare(twin_db, every=1 if chunk == "defaults" else 3)
        assert result["n"] > 400, chunk
        seen.update(result["strategies"])
        if result["n_diff"]:
            failures.append(f"[{chunk}] {result['n_diff']} of {result['n']} plans differ:\n"
                            + _describe(result["diffs"]))
    assert not failures, "\n".join(failures)
    # the grid reaches every strategy, so agreement is not agreement on sort_first alone
    assert set(planner.STRATEGIES) <= seen, seen


def test_twin_matches_sql_planner_with_partition_rows_changed(twin_db: psycopg.Connection) -> None:
    _set_knobs(twin_db, _default_knobs(), {})
    # Bigger partitions (densities shift), one empty partition, and no statistics at all (the
    # catalog/count(*) path: the test tables are empty, N = 0).
    for rows in ({"items": 10**9, "auto": 3}, {"items": 0, "auto": N_AUTO}, None):
        twin_db.execute("delete from content_source_stats")
        if rows:
            for source, total in rows.items():
                twin_db.execute("insert into content_source_stats (content_source, total_rows) "
                                "values (%s, %s)", (source, total))
        result = _compare(twin_db, every=4)
        assert result["n_diff"] == 0, f"{rows}: {result['n_diff']} of {result['n']} differ:\n" \
                                      + _describe(result["diffs"])


def test_twin_matches_sql_planner_for_every_forced_strategy(twin_db: psycopg.Connection) -> None:
    _set_knobs(twin_db, _default_knobs(), {})
    for forced in FORCED:
        twin_db.execute("select set_config('tagpage.force_strategy', %s, false)", (forced,))
        result = _compare(twin_db, every=7)
        assert result["n_diff"] == 0, f"forced {forced}: {result['n_diff']} of {result['n']} differ:\n" \
                                      + _describe(result["diffs"])
        # forcing is followed (or refused with 22023) on both sides
        expected = {"error"} if forced == "no_such_strategy" else {forced, "error"}
        assert set(result["strategies"]) <= expected, (forced, result["strategies"])
    twin_db.execute("select set_config('tagpage.force_strategy', '', false)")


@pytest.mark.parametrize("mutation", [
    # a tie-break order change: self_join and two_phase_single always cost the same
    ('"sort_first", "self_join", "two_phase_single",', '"sort_first", "two_phase_single", "self_join",'),
    # the walk needs page_size + 1 matches (the extra one tells there is a next page)
    ("decimal.Decimal(page_size + 1)), walk_matches", "decimal.Decimal(page_size)), walk_matches"),
    # an eligibility rule off by one
    ("c[0] > cap:", "c[0] >= cap:"),
    # float arithmetic where numeric divides
    ("prod_i = _div(_mul(prod_i, c_i[i]), n_items)",
     "prod_i = decimal.Decimal(float(prod_i) * float(c_i[i]) / float(n_items))"),
])
def test_grid_catches_a_mutated_twin(twin_db: psycopg.Connection, mutation: tuple[str, str]) -> None:
    old, new = mutation
    assert TWIN_SOURCE.count(old) == 1, f"mutation anchor not found once: {old}"
    twin_db.execute(twin_function_sql(TWIN_SOURCE.replace(old, new), name="twin_test_mutant"))
    knobs = {"seed_candidate_cap": 50000} if "cap" in old else {}
    _set_knobs(twin_db, _default_knobs(), knobs)
    assert _compare(twin_db, every=2, twin="twin_test_mutant")["n_diff"] > 0


def test_numeric_division_matches_postgresql(postgresql: psycopg.Connection) -> None:
    """_div reproduces numeric_div's result scale and rounding (the estimates depend on it)."""
    rng = random.Random(11)
    pairs = [("1", "3"), ("2", "3"), ("10", "4"), ("0", "7"), ("9999", "10000"), ("10000", "9999"),
             ("1", "1100000"), ("0.5", "3"), ("2.0", "3"), ("5", "2.0"), ("123456789012", "7"),
             ("0.00000000000000000000001", "3"), ("7", "0.00001234"), ("1.00000000000000000005", "1")]
    for _ in range(300):
        a = Decimal(rng.randint(0, 10**rng.randint(1, 14))).scaleb(-rng.randint(0, 25))
        b = Decimal(rng.randint(1, 10**rng.randint(1, 14))).scaleb(-rng.randint(0, 25))
        pairs.append((format(a, "f"), format(b, "f")))
    got = postgresql.execute(
        "select array_agg((a::numeric / b::numeric)::text order by i) "
        "from unnest(%s::text[], %s::text[]) with ordinality as p(a, b, i)",
        ([a for a, _ in pairs], [b for _, b in pairs])).fetchone()[0]
    twin = [planner._text(planner._div(planner._num(a), planner._num(b))) for a, b in pairs]
    wrong = [(pairs[i], got[i], twin[i]) for i in range(len(pairs)) if got[i] != twin[i]]
    assert not wrong, wrong[:5]


# -- the gather helpers against the SQL planner, from Python ----------------------------------------

def test_gather_inputs_and_request_inputs_reproduce_the_sql_plan(postgresql: psycopg.Connection) -> None:
    conn = postgresql
    conn.autocommit = True
    conn.execute("insert into content_source_stats (content_source, total_rows) values "
                 "('items', %s), ('auto', %s)", (N_ITEMS, N_AUTO))
    common, rare, nostats = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    for tag, name in ((common, "common"), (rare, "rare"), (nostats, "nostats")):
        conn.execute("insert into tags (id, name) values (%s, %s)", (tag, name))
    conn.execute("insert into tag_cardinality_stats (tag_id, content_source, cardinality) values "
                 "(%s, 'items', 48100), (%s, 'auto', 814000), (%s, 'items', 3), (%s, 'auto', 47)",
                 (common, common, rare, rare))
    for tags in ([common], [rare], [common, rare], [common, nostats, rare], []):
        for scopes in (("all", "all"), ("user", None), (None, "public")):
            inputs = planner_inputs.gather_inputs(conn, tags, scopes[0], scopes[1], "all", 25)
            sql_plan = conn.execute("select tagpage_plan(%s::uuid[], %s, %s, 'all', 25)",
                                    (tags, *scopes)).fetchone()[0]
            assert planner.decide(inputs) == sql_plan, (tags, scopes)
    user = uuid.uuid4()
    for kwargs in ({"tags": [common]}, {"tags": [rare, common, rare], "tag_match": "any", "page_size": 500},
                   {"tags": [common, rare], "user_id": user, "source_types": ["user-auto"]}):
        inputs = planner_inputs.request_inputs(conn, **kwargs)
        sql_plan = conn.execute("select unified_content_plan(tags => %s::uuid[], page_size => %s, "
                                "user_id => %s, source_types => %s, tag_match => %s)",
                                (kwargs["tags"], kwargs.get("page_size", 25), kwargs.get("user_id"),
                                 kwargs.get("source_types"), kwargs.get("tag_match", "all"))).fetchone()[0]
        assert planner.decide(inputs) == sql_plan, kwargs


# -- pure Python ------------------------------------------------------------------------------------

def _gallery_inputs(tags: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    inputs = {"knobs": _default_knobs(), "forced": None, "tags": tags, "sources": ["items", "auto"],
              "source_rows": {"items": N_ITEMS, "auto": N_AUTO}, "tag_match": "all", "page_size": 25}
    inputs.update(extra)
    return inputs


TAG_FIRST = {"self_join", "two_phase_single", "two_phase_dual", "group_having", "any_union"}


def test_canonical_request_is_sort_first() -> None:
    # the gallery's most common tag (74 % of both partitions), all four sources, 25 newest
    plan = planner.decide(_gallery_inputs([{"id": str(uuid.uuid4()), "items": 48100, "auto": 814000}]))
    assert plan["strategy"] == "sort_first", plan
    assert plan["estimates"]["sort_first"] < min(v for k, v in plan["estimates"].items() if k != "sort_first")
    assert plan["walk_budget"] is None and plan["rarest_count"] == 862100


@pytest.mark.parametrize("items, auto", [(3, 47), (99, 0), (0, 99), (40, None)])
def test_tag_on_fewer_than_100_items_is_tag_first(items: int, auto: int | None) -> None:
    # (40, None): no statistics row for auto -> fallback_default_count (1000) there
    plan = planner.decide(_gallery_inputs([{"id": str(uuid.uuid4()), "items": items, "auto": auto}]))
    assert plan["strategy"] in TAG_FIRST, plan
    plan_with_common = planner.decide(_gallery_inputs(
        [{"id": str(uuid.uuid4()), "items": 48100, "auto": 814000},
         {"id": str(uuid.uuid4()), "items": items, "auto": auto}]))
    assert plan_with_common["strategy"] in TAG_FIRST, plan_with_common


def test_module_runs_when_execd_as_a_function_body() -> None:
    """What PL/Python does with the source: indent every line by a tab, wrap it in a function."""
    body = TWIN_SOURCE + "\nimport json\nreturn json.dumps(decide(json.loads(p_inputs)))\n"
    wrapped = "def twin_procedure(p_inputs):\n\t" + body.replace("\n", "\n\t")
    scope: dict[str, Any] = {}
    exec(compile(wrapped, "<plpython>", "exec"), scope)
    inputs = _gallery_inputs([{"id": str(uuid.uuid4()), "items": 3, "auto": 47}])
    assert json.loads(scope["twin_procedure"](json.dumps(inputs))) == planner.decide(inputs)


def test_forced_and_error_cases() -> None:
    tag = {"id": str(uuid.uuid4()), "items": 3, "auto": 47}
    assert planner.decide(_gallery_inputs([tag], forced="group_having"))["strategy"] == "group_having"
    assert planner.decide(_gallery_inputs([tag], forced="bogus"))["error"] == "22023"
    assert planner.decide(_gallery_inputs([], forced="sort_first"))["error"] == "22023"
    assert planner.decide(_gallery_inputs([tag, tag], forced="any_union"))["error"] == "22023"
    assert planner.decide(_gallery_inputs([]))["strategy"] == "no_tags"


def test_explain_choice_is_one_line() -> None:
    # a 5 % and a 10 % tag: dense enough for a walk, a seeded plan is eligible -> walk budget
    plan = planner.decide(_gallery_inputs([{"id": str(uuid.uuid4()), "items": 3250, "auto": 55000},
                                           {"id": str(uuid.uuid4()), "items": 6500, "auto": 110000}]))
    text = planner.explain_choice(plan)
    assert "\n" not in text and text.startswith(plan["strategy"])
    assert "walk budget" in text and str(plan["walk_budget"]) in text
    assert planner.explain_choice({"error": "22023", "message": "x"}) == "error 22023: x"
    assert planner.explain_choice(planner.decide(_gallery_inputs([]))).startswith("no_tags")


def test_twin_explains_plans_on_zipf_demo(zipf_db: psycopg.Connection) -> None:
    """Real statistics (a long-tailed demo): request_inputs + decide == unified_content_plan."""
    conn = zipf_db
    tags = [r[0] for r in conn.execute(
        "select s.tag_id from tag_cardinality_stats s group by s.tag_id "
        "order by sum(s.cardinality) desc, s.tag_id").fetchall()]
    assert len(tags) >= 50
    rng = random.Random(5)
    user = conn.execute("select id from users order by username limit 1").fetchone()[0]
    chosen = set()
    for i in range(60):
        picks = [tags[0]] if i == 0 else rng.sample(tags[:10] + tags[-40:], rng.randint(1, 6))
        kwargs = {"tags": picks, "page_size": rng.choice(PAGES), "user_id": rng.choice([None, user]),
                  "source_types": rng.choice([None, ["community-regular"], ["user-auto", "community-auto"]]),
                  "tag_match": rng.choice(MATCHES)}
        sql_plan = conn.execute("select unified_content_plan(tags => %(tags)s::uuid[], page_size => %(page_size)s,"
                                " user_id => %(user_id)s, source_types => %(source_types)s,"
                                " tag_match => %(tag_match)s)", kwargs).fetchone()[0]
        twin_plan = planner.decide(planner_inputs.request_inputs(conn, **kwargs))
        assert twin_plan == sql_plan, (kwargs, planner.explain_choice(sql_plan), planner.explain_choice(twin_plan))
        chosen.add(sql_plan["strategy"])
    assert {"sort_first"} < chosen, chosen   # the demo's requests reach tag-first plans too
