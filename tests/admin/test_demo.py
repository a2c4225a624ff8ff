"""Demo data: counts per scale, profile shapes, determinism, edge cases the engine must handle.

genonaut_db / zipf_db are copies of databases loaded once per session at conftest's DEMO_SCALES
and DEMO_SEED; the determinism and CLI tests load their own tiny data into a fresh database.
"""
from __future__ import annotations

import psycopg
import pytest
from click.testing import CliRunner

from python_admin import demo
from python_admin.cli import main
from conftest import DEMO_SCALES, DEMO_SEED, url_of


def scalar(conn: psycopg.Connection, query: str, params: tuple = ()):
    return conn.execute(query, params).fetchone()[0]


def checksums(url: str) -> tuple[str, str, str]:
    """md5 of every content row, every content_tags row and every tag, in a fixed order."""
    with psycopg.connect(url) as conn:
        return conn.execute("""
            select (select md5(string_agg(format('%s', c), ',' order by c.source_type, c.id))
                      from content_items_all c),
                   (select md5(string_agg(format('%s|%s|%s', content_id, content_source, tag_id), ','
                                          order by content_id, content_source, tag_id))
                      from content_tags),
                   (select md5(string_agg(format('%s|%s', id, name), ',' order by name)) from tags)
        """).fetchone()


def densities(conn: psycopg.Connection) -> dict[str, float]:
    """Share of all content rows carrying each tag (0 for tags on no rows)."""
    rows = conn.execute("""
        select t.name, count(ct.tag_id)::float8 / (select count(*) from content_items_all)
          from tags t left join content_tags ct on ct.tag_id = t.id
         group by t.name""").fetchall()
    return dict(rows)


@pytest.mark.parametrize("profile", ["genonaut", "zipf"])
def test_row_counts_follow_scale(profile: str, request: pytest.FixtureRequest) -> None:
    conn = request.getfixturevalue(f"{profile}_db")
    n_items, n_auto = demo.row_counts(profile, DEMO_SCALES[profile])
    assert (n_items, n_auto) == (round(65_000 * DEMO_SCALES[profile]), round(1_100_000 * DEMO_SCALES[profile]))
    assert scalar(conn, "select count(*) from content_items") == n_items
    assert scalar(conn, "select count(*) from content_items_auto") == n_auto
    assert scalar(conn, "select count(*) from users") == 5
    assert scalar(conn, "select count(*) from tags") == demo.PROFILES[profile].n_tags
    # Every 10th id of each partition has a sidecar row.
    assert scalar(conn, "select count(*) from content_items_more") == (n_items + 9) // 10
    assert scalar(conn, "select count(*) from content_items_auto_more") == (n_auto + 9) // 10


def test_genonaut_tags_per_item(genonaut_db: psycopg.Connection) -> None:
    avg, low, high, untagged = genonaut_db.execute("""
        select avg(n), min(n), max(n), (select count(*) from content_items_all c
                                         where not exists (select 1 from content_tags t
                                                            where t.content_id = c.id
                                                              and t.content_source = c.source_type))
          from (select count(*) as n from content_tags group by content_id, content_source) x
    """).fetchone()
    assert 72 <= avg <= 77, avg
    assert low >= 50 and high <= 101
    assert untagged == 0


def test_genonaut_every_tag_is_dense(genonaut_db: psycopg.Connection) -> None:
    share = densities(genonaut_db)
    assert len(share) == 101
    assert all(0.60 <= d <= 0.85 for d in share.values()), sorted(share.values())[:3]
    # Tags differ a little, and "anime" is the designated most common tag.
    assert max(share.values()) - min(share.values()) > 0.05
    assert share["anime"] >= 0.78


def test_zipf_long_tail(zipf_db: psycopg.Connection) -> None:
    share = densities(zipf_db)
    total = scalar(zipf_db, "select count(*) from content_items_all")
    counts = sorted((round(d * total) for d in share.values()), reverse=True)
    assert len(share) == 20_000
    assert 0.70 <= share["anime"] <= 0.78
    assert max(share, key=share.get) == "anime"
    # Zipf, s = 1: the rank-r tag sits near 0.74 / r.
    for rank, name in ((2, "portrait"), (3, "landscape"), (4, "fantasy")):
        assert 0.74 / rank * 0.8 <= share[name] <= 0.74 / rank * 1.2, (name, share[name])
    assert sum(1 for c in counts if 0 < c < 100) >= 1_000
    assert sum(1 for c in counts if c == 0) >= 100
    # The tail ranks deliberately carry nothing whatever the scale.
    tail_name = lambda rank: f"{demo.WORDS[rank % 101]}_{rank}"  # demo_sql.DEMO_TAGS naming
    assert share[tail_name(19_999)] == 0 and share[tail_name(20_000)] == 0
    assert share[tail_name(102)] > 0


def test_users_owner_and_private_rows(genonaut_db: psycopg.Connection) -> None:
    rows = genonaut_db.execute("""
        select u.username, c.source_type, count(*), count(*) filter (where c.is_private)
          from content_items_all c join users u on u.id = c.creator_id
         group by 1, 2""").fetchall()
    by_key = {(name, src): (n, private) for name, src, n, private in rows}
    for src in ("items", "auto"):
        owned, owned_private = by_key[("demo_owner", src)]
        assert 4 <= owned <= 60 and 1 <= owned_private < owned
    others_private = sum(p for (name, _), (_, p) in by_key.items() if name != "demo_owner")
    assert others_private >= 2
    assert {name for name, _ in by_key} == set(demo.USERNAMES)


def test_ids_collide_across_partitions(genonaut_db: psycopg.Connection) -> None:
    shared = scalar(genonaut_db, """
        select count(*) from content_items i join content_items_auto a using (id)""")
    assert shared == scalar(genonaut_db, "select count(*) from content_items")
    # content_tags keeps them apart by content_source.
    assert scalar(genonaut_db, """
        select count(*) from (select content_id from content_tags where content_id = 1
                               group by content_id having count(distinct content_source) = 2) x""") == 1


def test_sort_keys_have_ties(genonaut_db: psycopg.Connection) -> None:
    across = scalar(genonaut_db, """
        select count(*) from (select created_at from content_items_all group by created_at
                               having count(distinct source_type) = 2) x""")
    within = scalar(genonaut_db, """
        select count(*) from (select created_at from content_items_auto group by created_at
                               having count(*) > 1) x""")
    quality_levels, rows = genonaut_db.execute(
        "select count(distinct quality_score), count(*) from content_items_all").fetchone()
    assert across > 0 and within > 0
    assert quality_levels <= 101 < rows
    span = scalar(genonaut_db, "select max(created_at) - min(created_at) from content_items_all")
    assert 140 <= span.days <= 150


@pytest.mark.parametrize("profile", ["genonaut", "zipf"])
def test_statistics_filled(profile: str, request: pytest.FixtureRequest) -> None:
    conn = request.getfixturevalue(f"{profile}_db")
    wrong = scalar(conn, """
        select count(*) from tags t cross join (values ('items'), ('auto')) s(src)
          left join tag_cardinality_stats st on st.tag_id = t.id and st.content_source = s.src
         where coalesce(st.cardinality, 0) <> (select count(*) from content_tags ct
                                                where ct.tag_id = t.id and ct.content_source = s.src)""")
    assert wrong == 0
    assert scalar(conn, "select count(*) from tag_cardinality_stats where cardinality > 0") > 0
    totals = dict(conn.execute("select content_source, total_rows from content_source_stats").fetchall())
    assert totals == {"items": scalar(conn, "select count(*) from content_items"),
                      "auto": scalar(conn, "select count(*) from content_items_auto")}
    # Revision 0003's refresh (used when installed) also keeps per-tag totals and a delta log;
    # the load runs with triggers off, so nothing may be left pending there.
    if scalar(conn, "select to_regclass('tag_total_stats') is not null"):
        assert scalar(conn, """
            select count(*) from tags t left join tag_total_stats s on s.tag_id = t.id
             where coalesce(s.cardinality, 0) <> (select count(*) from content_tags c where c.tag_id = t.id)""") == 0
        assert scalar(conn, "select count(*) from tag_cardinality_deltas") == 0


def test_schema_intact_and_consistent(postgresql: psycopg.Connection, db_url: str) -> None:
    catalog = """
        select string_agg(coalesce(pg_get_indexdef(i.indexrelid), '') || '|'
                          || coalesce(obj_description(i.indexrelid, 'pg_class'), ''), E'\n'
                          order by 1)
          from pg_index i where i.indrelid = 'content_tags'::regclass"""
    constraints = """
        select string_agg(conname || ' ' || pg_get_constraintdef(oid), E'\n' order by conname)
          from pg_constraint where conrelid = 'content_tags'::regclass"""
    before = (scalar(postgresql, catalog), scalar(postgresql, constraints))
    postgresql.commit()
    demo.load(db_url, "genonaut", 0.001, seed=1)
    with psycopg.connect(db_url) as conn:
        assert (scalar(conn, catalog), scalar(conn, constraints)) == before
        # Loaded with FK triggers off, so prove there are no orphans and the sequence moved on.
        assert scalar(conn, """
            select count(*) from content_tags t where not exists (
                select 1 from content_items_all c where c.id = t.content_id and c.source_type = t.content_source)""") == 0
        assert scalar(conn, "select count(*) from content_tags t where not exists "
                            "(select 1 from tags g where g.id = t.tag_id)") == 0
        assert scalar(conn, "select nextval('content_items_all_id_seq')") > scalar(
            conn, "select max(id) from content_items_all")


def test_same_seed_same_data_other_seed_differs(db_url: str) -> None:
    demo.load(db_url, "genonaut", 0.001, seed=11)
    first = checksums(db_url)
    demo.load(db_url, "zipf", 0.001, seed=11)
    zipf_first = checksums(db_url)
    demo.load(db_url, "genonaut", 0.001, seed=11)
    assert checksums(db_url) == first
    demo.load(db_url, "zipf", 0.001, seed=11)
    assert checksums(db_url) == zipf_first
    demo.load(db_url, "genonaut", 0.001, seed=12)
    other = checksums(db_url)
    assert all(a != b for a, b in zip(first, other))


def test_reload_replaces_data_and_reports_progress(db_url: str) -> None:
    demo.load(db_url, "zipf", 0.002, seed=3)
    seen: list[tuple[str, int, int]] = []
    result = demo.load(db_url, "genonaut", 0.001, seed=3, progress=lambda *a: seen.append(a))
    assert [label for label, _, _ in seen] == demo.STEPS + ["done"]
    assert seen[-1][1:] == (len(demo.STEPS), len(demo.STEPS))
    with psycopg.connect(db_url) as conn:
        assert scalar(conn, "select count(*) from tags") == 101
        assert scalar(conn, "select count(*) from content_tags") == result["content_tags"]
        assert scalar(conn, "select count(*) from content_items_all") == result["items"] + result["auto"]
    assert set(result["steps"]) == set(demo.STEPS)


def test_rejects_bad_arguments(db_url: str) -> None:
    with pytest.raises(ValueError):
        demo.load(db_url, "nope", 0.001)
    with pytest.raises(ValueError):
        demo.load(db_url, "genonaut", 0)


def test_cli_demo_load(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The CLI exports --database-url to the environment; monkeypatch restores it afterwards.
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    result = CliRunner().invoke(main, ["--database-url", db_url, "demo", "load", "--profile",
                                       "zipf", "--scale", "0.001", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert "loaded zipf scale 0.001 seed 5" in result.output
    with psycopg.connect(db_url) as conn:
        assert scalar(conn, "select count(*) from tags") == 20_000
        assert scalar(conn, "select count(*) from content_items_auto") == 1_100
    bad = CliRunner().invoke(main, ["--database-url", db_url, "demo", "load", "--scale", "0"])
    assert bad.exit_code != 0


def test_fixture_seed_is_the_conftest_one(genonaut_db: psycopg.Connection) -> None:
    # The session fixture and a direct load with conftest's seed agree: fixtures are reproducible.
    url = url_of(genonaut_db)
    expected = checksums(url)
    genonaut_db.commit()
    demo.load(url, "genonaut", DEMO_SCALES["genonaut"], seed=DEMO_SEED)
    assert checksums(url) == expected
