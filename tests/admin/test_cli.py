"""The admin CLI through click's CliRunner against real PostgreSQL databases."""
from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from python_admin.cli import main
from db.settings import DEFAULT_CONFIG_PATH
from conftest import url_of

SECTION = "performance.query_planner_tag_prejoin_for_content_queries"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):
    """run(url, *args) -> click Result; main() writes DATABASE_URL, monkeypatch restores it."""
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/tagpage_unset")
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()

    def run(url: str, *args: str):
        return runner.invoke(main, ["--database-url", url, *args], catch_exceptions=False)

    return run


def _small_data(conn: psycopg.Connection) -> None:
    """Two tags on a few rows of each source, analysed (redundant_indexes needs pg_stats)."""
    conn.execute("insert into users (id, username) values ('00000000-0000-0000-0000-0000000000d1', 'cli_owner')")
    conn.execute("insert into tags (id, name) values ('00000000-0000-0000-0000-00000000d001', 'cli_a'), "
                 "('00000000-0000-0000-0000-00000000d002', 'cli_b')")
    conn.execute("insert into content_items_all (id, source_type, title, creator_id) "
                 "select g, s, s || g, '00000000-0000-0000-0000-0000000000d1' "
                 "from generate_series(1, 100) g cross join (values ('items'), ('auto')) v (s)")
    conn.execute("insert into content_tags select i.id, i.source_type, t.id from content_items_all i "
                 "cross join tags t where t.name = 'cli_a' or i.id % 4 = 0")
    conn.commit()
    conn.execute("analyze content_tags")
    conn.commit()


def _planner_config(conn: psycopg.Connection) -> dict:
    return dict(conn.execute("select key, value from planner_config").fetchall())


def _write_config(tmp_path: Path, mutate) -> Path:
    config = json.loads(DEFAULT_CONFIG_PATH.read_text())
    mutate(config["performance"]["query_planner_tag_prejoin_for_content_queries"])
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config))
    return path


# ----- config ---------------------------------------------------------------------------------
def test_config_load_writes_flattened_knobs(postgresql, db_url, cli, tmp_path):
    path = _write_config(tmp_path, lambda s: (s.update(max_tags=12), s["stats"].update(freshness_seconds=99)))
    result = cli(db_url, "config", "load", str(path))
    assert result.exit_code == 0, result.output
    knobs = _planner_config(postgresql)
    assert knobs["max_tags"] == 12
    assert knobs["stats.freshness_seconds"] == 99
    assert knobs["telemetry.sample_rate"] == 0.0
    assert knobs["enable_any_union"] is True


def test_config_load_default_file(postgresql, db_url, cli):
    postgresql.execute("update planner_config set value = '7' where key = 'small_k_threshold'")
    postgresql.commit()
    result = cli(db_url, "config", "load")
    assert result.exit_code == 0, result.output
    assert _planner_config(postgresql)["small_k_threshold"] == 3


@pytest.mark.parametrize("mutate, key, words", [
    (lambda s: s.update(bogus_knob=1), f"{SECTION}.bogus_knob", "unknown key"),
    (lambda s: s["stats"].update(bogus=1), f"{SECTION}.stats.bogus", "unknown key"),
    (lambda s: s.update(max_tags="50"), f"{SECTION}.max_tags", "expected integer"),
    (lambda s: s.update(max_tags=True), f"{SECTION}.max_tags", "expected integer"),
    (lambda s: s.update(enable_self_join=1), f"{SECTION}.enable_self_join", "expected boolean"),
    (lambda s: s["telemetry"].update(sample_rate=1.5), f"{SECTION}.telemetry.sample_rate", "<= 1"),
    (lambda s: s.update(stats=5), f"{SECTION}.stats", "expected an object"),
])
def test_config_load_errors_name_the_key(postgresql, db_url, cli, tmp_path, mutate, key, words):
    before = _planner_config(postgresql)
    result = cli(db_url, "config", "load", str(_write_config(tmp_path, mutate)))
    assert result.exit_code == 1
    assert any(key in line and words in line for line in result.stderr.splitlines()), result.stderr
    assert _planner_config(postgresql) == before, "a rejected file must not change anything"


def test_config_load_missing_file_is_usage_error(db_url, cli, tmp_path):
    assert cli(db_url, "config", "load", str(tmp_path / "nope.json")).exit_code == 2


def test_config_load_invalid_json(db_url, cli, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    result = cli(db_url, "config", "load", str(path))
    assert result.exit_code == 1 and "not valid JSON" in result.stderr


def test_config_show(postgresql, db_url, cli):
    postgresql.execute("insert into planner_config (key, value) values ('leftover_knob', '1')")
    postgresql.commit()
    result = cli(db_url, "config", "show")
    assert result.exit_code == 0
    lines = {line.split()[0]: line.split() for line in result.output.splitlines()[2:]}
    assert lines["stats.fallback_default_count"][1] == "1000"
    assert lines["leftover_knob"][-1] == "no", "keys the file schema does not know are marked"


# ----- stats --------------------------------------------------------------------------------
def test_stats_refresh_and_show(postgresql, db_url, cli):
    _small_data(postgresql)
    never = cli(db_url, "stats", "show")
    assert never.exit_code == 1 and "NEVER REFRESHED" in never.output

    result = cli(db_url, "stats", "refresh")
    assert result.exit_code == 0, result.output
    assert "4 rows written in" in result.output  # 2 tags x 2 sources
    counts = postgresql.execute(
        "select t.name, s.content_source, s.cardinality from tag_cardinality_stats s "
        "join tags t on t.id = s.tag_id order by 1, 2").fetchall()
    assert counts == [("cli_a", "auto", 100), ("cli_a", "items", 100), ("cli_b", "auto", 25), ("cli_b", "items", 25)]

    shown = cli(db_url, "stats", "show", "--limit", "1")
    assert shown.exit_code == 0, shown.output
    assert "fresh" in shown.output and "items 100" in shown.output
    table = shown.output.splitlines()[-1].split()
    assert table[:4] == ["cli_a", "200", "100", "100"]


def test_stats_refresh_incremental(postgresql, db_url, cli):
    _small_data(postgresql)
    assert cli(db_url, "stats", "refresh").exit_code == 0
    postgresql.execute("delete from content_tags where tag_id = '00000000-0000-0000-0000-00000000d002' "
                       "and content_source = 'auto'")
    postgresql.commit()
    result = cli(db_url, "stats", "refresh", "--incremental")
    assert result.exit_code == 0 and "1 rows written" in result.output
    assert postgresql.execute(
        "select cardinality from tag_cardinality_stats where tag_id = '00000000-0000-0000-0000-00000000d002' "
        "and content_source = 'auto'").fetchone()[0] == 0


def test_stats_show_stale_exits_1(postgresql, db_url, cli):
    _small_data(postgresql)
    assert cli(db_url, "stats", "refresh").exit_code == 0
    postgresql.execute("update content_source_stats set updated_at = now() - interval '1 day'")
    postgresql.commit()
    result = cli(db_url, "stats", "show")
    assert result.exit_code == 1 and "STALE" in result.output


def test_stats_schedule(postgresql, db_url, cli):
    available = postgresql.execute(
        "select exists (select 1 from pg_available_extensions where name = 'pg_cron')").fetchone()[0]
    result = cli(db_url, "stats", "schedule")
    if available:  # pragma: no cover - this server has no pg_cron
        assert result.exit_code == 0 and "pg_cron job" in result.output
    else:
        assert result.exit_code == 1
        assert "pg_cron" in result.stderr and "systemd" in result.stderr


def test_unmigrated_database_fails_cleanly(cli):
    result = cli("postgresql://postgres@127.0.0.1:5432/postgres", "stats", "refresh")
    assert result.exit_code == 1 and "tagpage migrate" in result.stderr


# ----- indexes ------------------------------------------------------------------------------
def _index_names(conn: psycopg.Connection) -> set[str]:
    return {r[0] for r in conn.execute("select indexname from pg_indexes where schemaname = 'public'")}


def test_indexes_report(postgresql, db_url, cli):
    result = cli(db_url, "indexes", "report")
    assert result.exit_code == 0
    assert "content_tags_tag_source_content_idx" in result.output
    header = result.output.splitlines()[0].split()
    assert header[:4] == ["table", "index", "columns", "size"]


def test_indexes_cleanup_nothing_to_do(postgresql, db_url, cli):
    _small_data(postgresql)
    result = cli(db_url, "indexes", "cleanup", "--apply")
    assert result.exit_code == 0 and "no redundant indexes" in result.output


def test_indexes_cleanup_apply_drops_exactly_the_old_index(postgresql, db_url, cli):
    _small_data(postgresql)
    postgresql.execute("create index idx_content_tags_tag_content on content_tags (tag_id, content_id)")
    postgresql.commit()
    before = _index_names(postgresql)

    dry = cli(db_url, "indexes", "cleanup")
    assert dry.exit_code == 0
    assert "idx_content_tags_tag_content" in dry.output and "--apply" in dry.output
    assert _index_names(postgresql) == before, "without --apply nothing is dropped"
    assert "no redundant indexes" in cli(db_url, "indexes", "cleanup", "--strict").output

    applied = cli(db_url, "indexes", "cleanup", "--apply")
    assert applied.exit_code == 0, applied.output
    assert "DROP INDEX CONCURRENTLY public.idx_content_tags_tag_content" in applied.output
    assert before - _index_names(postgresql) == {"idx_content_tags_tag_content"}
    assert _index_names(postgresql) == before - {"idx_content_tags_tag_content"}


# ----- explain ------------------------------------------------------------------------------
def test_explain_prints_decision_and_strategy_plan(genonaut_db, cli):
    url = url_of(genonaut_db)
    result = cli(url, "explain", "--tag-name", "anime", "--tag-name", "portrait", "--page-size", "10")
    assert result.exit_code == 0, result.output + result.stderr
    decision = json.loads(next(l for l in result.output.splitlines() if l.startswith("decision: "))[10:])
    assert f"strategy: {decision['strategy']}" in result.output
    assert "unified_content_page: 10 rows" in result.output
    total = next(l for l in result.output.splitlines() if l.startswith("total: "))
    assert total.endswith("(exact, method bitmap)"), total  # the filter's count (revision 0008)
    assert "actual time=" in result.output and "Buffers:" in result.output
    assert "content_" in result.output  # the plan reads content tables
    # where the time goes: each stage of the call, then the whole call, in milliseconds
    timings = result.output.split("where the time goes", 1)[1].splitlines()[1:]
    stages = {line.rsplit(None, 2)[0].strip(): float(line.rsplit(None, 2)[1]) for line in timings if "ms" in line}
    assert list(stages)[:2] == ["build request", "plan"] and "whole call" in stages, stages
    assert any(name.startswith("fetch rows (") for name in stages), stages
    assert all(ms >= 0 for ms in stages.values())
    assert stages["whole call"] >= stages["plan"]


def test_explain_forced_strategy_via_tag_ids(genonaut_db, cli):
    url = url_of(genonaut_db)
    tag_id = genonaut_db.execute("select id::text from tags where name = 'anime'").fetchone()[0]
    result = cli(url, "explain", "--tag", tag_id, "--sort", "quality_score_desc", "--match", "any")
    assert result.exit_code == 0, result.output + result.stderr
    assert "strategy:" in result.output and "actual time=" in result.output


def test_explain_takes_a_tag_query(genonaut_db, cli):
    url = url_of(genonaut_db)
    result = cli(url, "explain", "--query", "(cat or dog) -anime", "--page-size", "5", "--timing-calls", "3")
    assert result.exit_code == 0, result.output + result.stderr
    decision = json.loads(next(l for l in result.output.splitlines() if l.startswith("decision: "))[10:])
    ids = dict(genonaut_db.execute("select name, id::text from tags where name in ('cat', 'dog', 'anime')").fetchall())
    assert sorted(decision["tags"]) == sorted(ids.values())
    assert decision["expr"]["op"] == "and"  # the normalised tree: -anime and (cat or dog)
    want = genonaut_db.execute("select total from unified_content_count(tag_query => '(cat or dog) -anime')").fetchone()[0]
    total = next(l for l in result.output.splitlines() if l.startswith("total: "))
    assert total.startswith(f"total: {want} ") or total.startswith(f"total: about {want},"), total
    assert "fetch rows (" in result.output  # stage timings ran with the query too
    bad = cli(url, "explain", "--query", "cat (dog")
    assert bad.exit_code == 1 and 'unmatched "(" at 5' in bad.stderr
    unknown = cli(url, "explain", "--query", "cat no_such_tag_name")
    assert unknown.exit_code == 1 and "no_such_tag_name" in unknown.stderr


def test_explain_errors(genonaut_db, cli):
    url = url_of(genonaut_db)
    assert cli(url, "explain", "--tag", "not-a-uuid").exit_code == 2
    assert cli(url, "explain", "--sort", "sideways").exit_code == 2
    unknown = cli(url, "explain", "--tag-name", "no_such_tag_name")
    assert unknown.exit_code == 1 and "no_such_tag_name" in unknown.stderr
    missing = cli(url, "explain", "--tag", "00000000-0000-0000-0000-00000000dead")
    assert missing.exit_code == 1


# ----- refresh under load -------------------------------------------------------------------
def test_refresh_is_atomic_for_readers(genonaut_db):
    """Readers see the old statistics or the new ones, never a mix (per table or across tables)."""
    url = url_of(genonaut_db)
    genonaut_db.execute("select refresh_tag_cardinality_stats()")
    new_sum = genonaut_db.execute("select sum(cardinality) from tag_cardinality_stats").fetchone()[0]
    genonaut_db.execute("update tag_cardinality_stats set cardinality = 0")
    genonaut_db.execute("update tag_total_stats set cardinality = 0")
    genonaut_db.commit()
    seen: list[tuple] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                while not stop.is_set():
                    seen.append(conn.execute(
                        "select (select sum(cardinality) from tag_cardinality_stats), "
                        "(select sum(cardinality) from tag_total_stats)").fetchone())
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(0.2)
    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute("select refresh_tag_cardinality_stats()").fetchone()[0] > 0
    time.sleep(0.2)
    stop.set()
    for t in threads:
        t.join()
    assert not errors
    assert {row for row in seen} <= {(0, 0), (new_sum, new_sum)}
    assert (0, 0) in seen and (new_sum, new_sum) in seen


def test_refresh_while_queries_and_writes_run(genonaut_db, cli):
    """Pages, facets and tag writes keep working while refreshes run; counts end exact."""
    url = url_of(genonaut_db)
    tags = [r[0] for r in genonaut_db.execute("select id from tags order by name limit 4")]
    errors: list[BaseException] = []
    calls = {"page": 0, "popular": 0, "write": 0}
    stop = threading.Event()

    def pages() -> None:
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                i = 0
                while not stop.is_set():
                    conn.execute("select * from unified_content_page(%s::uuid[])", ([tags[i % 4]],)).fetchall()
                    conn.execute("select * from popular_tags(10)").fetchall()
                    calls["page"] += 1
                    calls["popular"] += 1
                    i += 1
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    def writes() -> None:
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                ids = [r[0] for r in conn.execute(
                    "select id from content_items_all where source_type = 'auto' order by id limit 40")]
                i = 0
                while not stop.is_set():
                    content_id = ids[i % len(ids)]
                    conn.execute("delete from content_tags where content_id = %s and content_source = 'auto' "
                                 "and tag_id = %s", (content_id, tags[3]))
                    conn.execute("insert into content_tags values (%s, 'auto', %s) on conflict do nothing",
                                 (content_id, tags[3]))
                    if i % 3 == 0:
                        conn.execute("delete from content_tags where content_id = %s and content_source = 'auto' "
                                     "and tag_id = %s", (content_id, tags[3]))
                    calls["write"] += 1
                    i += 1
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=pages), threading.Thread(target=pages), threading.Thread(target=writes)]
    for t in threads:
        t.start()
    try:
        for i in range(3):
            args = ("stats", "refresh", "--incremental") if i == 1 else ("stats", "refresh")
            result = cli(url, *args)
            assert result.exit_code == 0, result.output + result.stderr
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors, errors
    assert min(calls.values()) > 0, calls
    # whatever interleaving happened, a fold now makes the counts exact
    genonaut_db.execute("select apply_tag_cardinality_deltas()")
    mismatches = genonaut_db.execute(
        "select count(*) from tag_cardinality_stats s where s.cardinality <> "
        "(select count(*) from content_tags c where c.tag_id = s.tag_id and c.content_source = s.content_source)"
    ).fetchone()[0]
    assert mismatches == 0
