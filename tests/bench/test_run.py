"""CI smoke of the benchmark: it must run end to end at a tiny scale, not meet targets.

Real PostgreSQL, real gunicorn, real Redis; few repetitions so it stays well under a minute.
"""
from __future__ import annotations

import hashlib
import json
import math
import time
from pathlib import Path

import psycopg
import pytest

from bench import run as bench
from conftest import url_of
from oracle import STRATEGIES

SMALL = dict(requests=6, boolean_requests=3, reps=2, legacy_reps=1, workload_reps=1, warmup=1,
             http_totals_sample=2, http_totals_reps=1, quiet=True, log=lambda msg: None)
GALLERY = {"canonical", "any_two_tags", "detailed_repeat", "no_tags", "page_1", "page_400"}
BOOLEAN_GALLERY = {"bool_top_minus_rare", "bool_mid_or_mid_top", "bool_minus_top", "bool_tilde_rare_mid"}


def test_bench_runs_end_to_end(genonaut_db: psycopg.Connection, tmp_path: Path) -> None:
    started = time.perf_counter()
    options = bench.Options(profile="genonaut", scale=0.002, seed=7, http="server", plot=True,
                            out_dir=tmp_path, **SMALL)
    result = bench.run(url_of(genonaut_db), options)
    elapsed = time.perf_counter() - started
    assert elapsed < 60, f"bench smoke took {elapsed:.0f}s"

    written = json.loads(Path(result["meta"]["json_path"]).read_text())
    assert written["meta"]["profile"] == "genonaut" and written["meta"]["seed"] == 7
    assert written["meta"]["postgres"]["settings"]["shared_buffers"]
    assert written["meta"]["machine"]["cpus"] >= 1
    assert Path(result["meta"]["plot_path"]).stat().st_size > 10_000

    canonical = written["canonical"]
    assert set(canonical) == GALLERY | BOOLEAN_GALLERY
    http_query = written["meta"]["http_tag_query"]  # the endpoint takes q: boolean requests too
    check_boolean_gallery(written, http_query)
    for name, entry in canonical.items():
        if name in BOOLEAN_GALLERY:
            continue
        assert set(entry["paths"]) == {"legacy", "upstream", "sql", "http_bypass", "http_cached"}, name
        assert all(p["n"] >= 1 and p["p50"] > 0 for p in entry["paths"].values()), name
        # tagpage returns the legacy query's page (up to the order of exact ties)
        assert entry["vs_legacy"] in ("same rows", "same keys"), (name, entry["vs_legacy"])
        # ... and exactly upstream's page, timed call next to call with it (the same number)
        assert entry["vs_upstream"] == "same rows", (name, entry["vs_upstream"])
        up, sql_fig = entry["paths"]["upstream"], entry["paths"]["sql"]
        assert not up["timed_out"] and len(up["samples"]) == sql_fig["n"], name
        assert entry["upstream_over"]["sql"] == pytest.approx(up["p50"] / sql_fig["p50"]), name
        # every timed cached call is a Redis hit (a miss would time PostgreSQL, not the cache)
        states = entry["paths"]["http_cached"]["cache_states"]
        assert set(states) == {"hit"} and states["hit"] == entry["paths"]["http_cached"]["n"], name
    assert canonical["detailed_repeat"]["paths"]["sql"]["n"] == bench.DETAILED_REPEAT_RUNS
    assert canonical["page_400"]["request"]["cursor"] or canonical["page_400"]["request"]["depth"] == 0

    everything = written["workload"]["requests"]
    assert len(everything) == SMALL["requests"] + SMALL["boolean_requests"]
    requests = [r for r in everything if not r["request"]["boolean"]]
    assert [r["name"] for r in requests] == [f"w{i:03d}" for i in range(SMALL["requests"])]
    statuses = {v["status"] for r in requests for v in r["forced"].values()}
    assert "ok" in statuses and "not_applicable" in statuses  # tagged requests refuse no_tags
    assert all(r["regret"] is not None and r["regret"] > 0 for r in everything)
    assert all(r["strategy"] in STRATEGIES for r in everything)
    for r in everything:  # upstream next to tagpage on every workload request, rows compared
        assert r["vs_upstream"] == "same rows" and not r["upstream_timed_out"], r["name"]
        assert len(r["upstream_samples"]) == len(r["sql_samples"]) == SMALL["workload_reps"]
        # regret times the planner's call apart from the one paired with upstream, like the
        # forced calls it is compared with
        assert len(r["planner_samples"]) == SMALL["workload_reps"]
        assert r["regret"] == pytest.approx(r["planner_ms"] / r["fastest_ms"])
        assert r["upstream_over_sql"] == pytest.approx(r["upstream_ms"] / r["sql_ms"])
    check_boolean_workload(written, http_query)
    check_counts(written, http_query)
    upstream = written["workload"]["upstream"]
    ratios = [r["upstream_over_sql"] for r in requests]
    assert upstream["n"] == len(requests) and upstream["checked"] == len(requests)
    assert upstream["geomean"] == pytest.approx(math.exp(sum(map(math.log, ratios)) / len(ratios)))
    assert upstream["min"] == min(ratios) and upstream["worst"]["ratio"] == min(ratios)
    assert upstream["timeouts"] == 0 and upstream["mismatches"] == [] and written["upstream_mismatches"] == {}
    assert written["meta"]["upstream_timeout_ms"] == 2000  # the default up to scale 0.1
    regret = written["workload"]["regret"]
    assert regret["n"] == len(requests) and len(regret["worst"]) == len(requests)
    assert {t["target"].split(" (")[0] for t in written["targets"]} >= {
        "canonical SQL p50", "workload SQL p95", "planner regret p95", "canonical cached HTTP p50",
        "upstream / SQL, every gallery request", "workload upstream / SQL geomean",
        "workload upstream / SQL worst", "boolean-query SQL p95", "boolean-query SQL max",
        "planner regret p95, boolean queries", "count p95", "count max", "related tags p95",
        "HTTP page + total - page alone"}
    assert all(t["met"] is not None for t in written["targets"])  # every target was measured
    text = bench.render(result)
    assert "Targets" in text and "Worst ten by regret" in text
    assert "Boolean tag queries: 3 requests" in text and "Planner regret on boolean queries" in text
    assert "Result counts and related tags over the workload (9 requests, 3 boolean" in text
    assert "every count agreed with the COUNT(*) on the 9 compared" in text
    assert "HTTP page with its total against the page alone" in text
    assert "no tag queries; q: -" in text  # the gallery's -top, legacy n/a
    assert "boolean queries: sample geomean" in text
    assert "Upstream vs tagpage SQL, gallery requests" in text and "upstream SQL" in text
    worst = upstream["worst"]["name"]
    assert f"upstream / tagpage: workload geomean {bench.report.fmt_ratio(upstream['geomean'])}" in text
    assert f"(request {worst}: " in text and "upstream returned tagpage's rows on every" in text


def check_boolean_gallery(written: dict, http_query: bool) -> None:
    """The four boolean gallery requests: upstream beside tagpage, the same rows, legacy n/a."""
    canonical = written["canonical"]
    top = canonical["canonical"]["request"]["tags"][0]
    names = {e["request"]["tag_query"] for n, e in canonical.items() if n in BOOLEAN_GALLERY}
    assert len(names) == 4 and canonical["bool_minus_top"]["request"]["tag_query"].startswith("-")
    assert canonical["bool_tilde_rare_mid"]["request"]["tag_query"].count("~") == 3
    assert canonical["bool_mid_or_mid_top"]["request"]["tag_query"].startswith("(")
    for name in BOOLEAN_GALLERY:
        entry = canonical[name]
        assert entry["request"]["boolean"] and entry["request"]["tags"] == [], name
        expected = {"upstream", "sql"} | ({"http_bypass", "http_cached"} if http_query else set())
        assert set(entry["paths"]) == expected, name
        assert entry["vs_legacy"] == bench.NO_LEGACY and entry["legacy_over"] == {}, name
        assert entry["vs_upstream"] == "same rows", (name, entry["vs_upstream"])
        assert entry["paths"]["sql"]["rows"] > 0 and entry["paths"]["sql"]["p50"] > 0, name
        assert len(entry["paths"]["upstream"]["samples"]) == entry["paths"]["sql"]["n"], name
    assert top  # the most common tag, which -top and top -rare are written with


def check_boolean_workload(written: dict, http_query: bool) -> None:
    """The boolean sample: timed on tagpage and upstream (HTTP only when it takes q), regret
    over the strategies that can serve a tag query, figures apart from the mixed workload's."""
    boolean = [r for r in written["workload"]["requests"] if r["request"]["boolean"]]
    assert [r["name"] for r in boolean] == ["b000", "b001", "b002"]
    for r in boolean:
        assert r["request"]["tag_query"] and "legacy_ms" not in r, r["name"]
        assert ("http_bypass_ms" in r) == http_query, r["name"]
        forced = r["forced"]
        assert forced["sort_first"]["status"] in ("ok", "slow", "timeout"), r["name"]
        assert forced["bitmap"]["status"] in ("ok", "slow", "timeout"), r["name"]
        assert all(forced[s]["status"] == "not_applicable" for s in forced
                   if s not in ("sort_first", "two_phase_single", "bitmap")), (r["name"], forced)
    summary = written["workload"]["boolean"]
    assert summary["n"] == 3 and summary["legacy"] == bench.NO_LEGACY
    assert summary["summary"]["paths"]["sql"]["n"] == 3 and "legacy" not in summary["summary"]["paths"]
    assert summary["upstream"]["n"] == 3 and summary["upstream"]["mismatches"] == []
    assert summary["regret"]["n"] == 3
    # the mixed workload's own figures leave the boolean sample out
    assert written["workload"]["summary"]["paths"]["sql"]["n"] == SMALL["requests"]
    assert written["workload"]["upstream"]["n"] == SMALL["requests"]


def check_counts(written: dict, http_query: bool) -> None:
    """Counts and related tags on every workload request, each count equal to the COUNT(*)."""
    counts = written["counts"]
    rows = counts["rows"]
    assert len(rows) == SMALL["requests"] + SMALL["boolean_requests"]
    assert sum(r["boolean"] for r in rows) == 3 and counts["boolean"]["requests"] == 3
    assert all(r["agrees"] and r["count_ms"] > 0 and r["related_ms"] > 0 for r in rows), rows
    assert counts["summary"]["compared"] == len(rows) and counts["summary"]["disagreements"] == 0
    totals = written["http_totals"]
    gallery = 4 + (4 if http_query else 0)
    assert totals["summary"]["requests"] == gallery + SMALL["http_totals_sample"]
    assert [r["name"] for r in totals["rows"][:4]] == ["canonical", "any_two_tags", "no_tags", "page_400"]
    assert all(r["total_count"] >= 0 and r["page_ms"] > 0 for r in totals["rows"])


def test_upstream_timeout_is_reported_as_a_bound(genonaut_db: psycopg.Connection,
                                                 tmp_path: Path) -> None:
    """A 1 ms statement_timeout: the K=10 requests' plain plans take tens of ms here, so some
    upstream calls are cut; each is reported as >= 1 ms and counts so in the ratios."""
    options = bench.Options(profile="genonaut", scale=0.002, seed=7, http="off", regret=False,
                            workload_legacy=False, upstream_timeout_ms=1, out_dir=tmp_path,
                            **{**SMALL, "requests": 4})
    result = bench.run(url_of(genonaut_db), options)
    assert result["meta"]["upstream_timeout_ms"] == 1
    entries = list(result["canonical"].values()) + result["workload"]["requests"]
    cut = [e for e in entries if e.get("upstream_timed_out")]
    assert cut, "no upstream call hit a 1 ms timeout"
    text = bench.render(result)
    assert ">= 1.00" in text  # the upstream time of a cut request
    for e in entries:
        sql_ms = e["sql_ms"] if "sql_ms" in e else e["paths"]["sql"]["p50"]
        ratio = e["upstream_over_sql"] if "upstream_over_sql" in e else e["upstream_over"]["sql"]
        if e.get("upstream_timed_out"):
            assert f">= {bench.report.fmt_ratio(ratio)}" in text
            # compared when an earlier timed call came back, else not at all
            assert e["vs_upstream"] in ("not compared: upstream timed out", "same rows"), e
            assert ratio == pytest.approx(1.0 / sql_ms)  # the timeout stands for its time
            if "upstream_ms" in e:
                assert e["upstream_ms"] == 1.0
            else:
                assert e["paths"]["upstream"]["p50"] == 1.0 and e["paths"]["upstream"]["timed_out"]
        else:
            assert e["vs_upstream"] == "same rows" and ratio > 0
    for up, summary, boolean in ((result["workload"]["upstream"], result["workload"]["summary"], False),
                                 (result["workload"]["boolean"]["upstream"],
                                  result["workload"]["boolean"]["summary"], True)):
        assert up["timeouts"] == sum(1 for r in result["workload"]["requests"]
                                     if r["upstream_timed_out"] and r["request"]["boolean"] == boolean)
        assert summary["paths"]["upstream"]["timeouts"] == up["timeouts"]


def test_upstream_mismatch_is_loud_and_recorded(genonaut_db: psycopg.Connection, tmp_path: Path) -> None:
    logged: list[str] = []
    options = bench.Options(http="off", out_dir=tmp_path, **{**SMALL, "log": logged.append})
    runner = bench.Runner(url_of(genonaut_db), options)
    try:
        pools = bench.wl.tag_pools(runner.conn)
        request = bench.wl.canonical_requests(pools, bench.wl.active_users(runner.conn)[0])["canonical"]
        rows, upstream_rows = runner.sql(request), runner.upstream(request)
        runner._check_upstream(request, rows, upstream_rows)
        assert runner.upstream_mismatches == {} and not logged
        swapped = [upstream_rows[1], upstream_rows[0], *upstream_rows[2:]]
        runner._check_upstream(request, rows, swapped)
    finally:
        runner.close()
    verdict = runner.upstream_mismatches["canonical"]
    assert verdict.startswith("DIFFERENT") and "first difference at row 1" in verdict
    assert any("UPSTREAM AND TAGPAGE DISAGREE on canonical" in line for line in logged)
    assert runner.upstream_tracks["canonical"].check == verdict
    headline = bench.upstream_headline({"canonical": {}, "workload": {},
                                        "upstream_mismatches": runner.upstream_mismatches})
    assert "!!! UPSTREAM RETURNED OTHER ROWS THAN TAGPAGE on 1 request(s): canonical" in headline


def test_ladder_reports_each_scale(genonaut_db: psycopg.Connection, tmp_path: Path) -> None:
    url = url_of(genonaut_db)
    options = bench.Options(profile="genonaut", seed=7, http="off", regret=False,
                            workload_legacy=False, out_dir=tmp_path, **{**SMALL, "requests": 3})
    result = bench.ladder("unused", [0.001, 0.002], options, reuse=True, prepare=lambda scale: url)
    assert list(result["runs"]) == ["0.001", "0.002"]
    text = bench.render_ladder(result)
    assert "scale 0.001" in text and "scale 0.002" in text and "workload p95" in text
    assert "upstream / SQL" in text and "upstream SQL" in text  # the third path at every scale
    assert "boolean p95" in text and "count p95" in text and "related tags p95" in text
    assert Path(result["meta"]["json_path"]).exists()


def test_database_name_is_the_bench_own() -> None:
    assert bench.database_name("genonaut", 0.1) == "tagpage_bench_genonaut_0_1"
    assert bench.database_name("zipf", 1.0) == "tagpage_bench_zipf_1"


def test_unmigrated_database_is_refused(postgresql: psycopg.Connection, tmp_path: Path) -> None:
    # a migrated database without demo data: the bench says so instead of timing nothing
    with pytest.raises(bench.BenchError):
        bench.run(url_of(postgresql), bench.Options(http="off", out_dir=tmp_path, **SMALL))


def small_pools() -> "bench.wl.TagPools":
    """Twelve tags in all three classes, named like the grammar needs (some must be quoted)."""
    from bench import workload as wl

    counts = {f"t{i}": n for i, n in enumerate([90_000, 50_000, 20_000, 5_000, 1_000, 100, 50, 10,
                                                 80_000, 30_000, 150, 5])}
    pools = wl.TagPools(total_rows=100_000, counts=counts)
    for tag in pools.by_rank():
        density = counts[tag] / 100_000
        (pools.common if density >= wl.COMMON_DENSITY else
         pools.rare if density <= wl.RARE_DENSITY else pools.medium).append(tag)
    pools.names = {t: (f"tag {t}" if int(t[1:]) % 3 == 0 else t) for t in counts}
    pools.spellings = {name.lower(): (t,) for t, name in pools.names.items()}
    return pools


def test_workload_is_seeded_and_covers_the_mix() -> None:
    from bench import workload as wl

    pools = small_pools()
    users = ["u1", "u2"]
    first = wl.generate(pools, users, 300, seed=5)
    # The stream of a seed is what every earlier run measured: it must not move.
    fingerprint = hashlib.sha256(repr([(r.name, r.tags, r.user_id, r.source_types, r.tag_match,
                                        r.sort, r.depth) for r in first]).encode()).hexdigest()[:16]
    assert fingerprint == "06bf0452e32c6dc8"
    assert not any(r.boolean or r.tag_query for r in first)
    assert first == wl.generate(pools, users, 300, seed=5)      # same seed, same requests
    assert first != wl.generate(pools, users, 300, seed=6)
    assert {len(set(r.tags)) for r in first} == set(range(1, 11))
    assert {r.tag_match for r in first} == {"all", "any"}
    assert {r.sort for r in first} == set(wl.SORTS)
    assert {c for r in first for c in r.tag_classes} >= {"common", "medium", "rare"}
    deep = [r for r in first if r.depth]
    assert 0.2 < len(deep) / len(first) < 0.4 and {r.depth for r in deep} <= set(wl.DEEP_DEPTHS)
    assert any(r.source_types is None for r in first) and any(r.source_types for r in first)
    assert any(r.user_id is None for r in first) and any(r.user_id for r in first)


def test_boolean_sample_is_seeded_and_covers_the_grammar() -> None:
    from bench import tag_tree
    from bench import workload as wl

    pools = small_pools()
    sample = wl.generate_boolean(pools, ["u1", "u2"], 60, seed=5)
    assert sample == wl.generate_boolean(pools, ["u1", "u2"], 60, seed=5)
    assert sample != wl.generate_boolean(pools, ["u1", "u2"], 60, seed=6)
    assert [r.name for r in sample] == [f"b{i:03d}" for i in range(60)]
    assert all(r.boolean and r.tag_query == tag_tree.text(r.tree) for r in sample)
    texts = " ".join(r.tag_query for r in sample)
    for spelling in (" and ", " or ", " | ", "not ", "-", "~", "(", '"tag t0"'):
        assert spelling in texts, spelling
    kinds = {type(n).__name__ for r in sample for n in _nodes(r.tree)}
    assert kinds == {"Tag", "Not", "And", "Or"}
    assert any(r.tags for r in sample) and any(not r.tags for r in sample)
    assert {r.sort for r in sample} == set(wl.SORTS) and any(r.depth for r in sample)
    assert {c for r in sample for c in r.tag_classes} >= {"common", "medium", "rare"}
    gallery = wl.boolean_gallery_requests(pools, "u1")
    assert {n: r.tag_query for n, r in gallery.items()} == {
        "bool_top_minus_rare": '"tag t0" -t10', "bool_mid_or_mid_top": '("tag t3" or t4) "tag t0"',
        "bool_minus_top": '-"tag t0"', "bool_tilde_rare_mid": '~t10 ~t5 ~"tag t6" "tag t3"'}


def _nodes(node):
    yield node
    for child in getattr(node, "args", ()) or ((node.arg,) if hasattr(node, "arg") else ()):
        yield from _nodes(child)


def test_targets_tighten_at_scale_one() -> None:
    def result(scale: float, legacy: float, sql: float) -> dict:
        fig = lambda v: {"p50": v}  # noqa: E731
        return {"meta": {"scale": scale}, "canonical": {"canonical": {
            "paths": {"legacy": fig(legacy), "sql": fig(sql)}, "legacy_over": {"sql": legacy / sql}}}}

    at_01 = {t["target"]: t for t in bench.evaluate_targets(result(0.1, 600.0, 2.0))}
    at_1 = {t["target"]: t for t in bench.evaluate_targets(result(1, 600.0, 2.0))}
    assert at_01["canonical legacy / SQL"]["met"] is True    # 300x >= 50x
    assert at_1["canonical legacy / SQL"]["met"] is False    # 300x < 500x
    assert at_1["canonical SQL p50"]["met"] is True
    assert at_1["workload SQL p95"]["met"] is None           # no workload: not measured
