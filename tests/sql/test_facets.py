"""popular_tags() and search_tags() are served by their indexes on a zipf-sized vocabulary (~20K tags)."""
from __future__ import annotations

import psycopg
import pytest


def _inner_plans(conn: psycopg.Connection, query: str, params: tuple) -> str:
    """Plans of the statements a PL/pgSQL function runs, captured with auto_explain."""
    messages: list[str] = []
    conn.add_notice_handler(lambda d: messages.append(d.message_primary or ""))
    conn.execute("load 'auto_explain'")
    for setting, value in (("auto_explain.log_min_duration", "0"), ("auto_explain.log_nested_statements", "on"),
                           ("client_min_messages", "log")):
        conn.execute("select set_config(%s, %s, false)", (setting, value))
    rows = conn.execute(query, params).fetchall()
    conn.execute("set client_min_messages = notice")
    assert rows, "the facet returned nothing; the demo data should have tags"
    return "\n".join(messages)


@pytest.mark.parametrize("source, index", [
    (None, "tag_total_stats_cardinality_idx"),
    ("auto", "tag_cardinality_stats_source_cardinality_idx"),
])
def test_popular_tags_walks_the_cardinality_index(zipf_db, source, index):
    zipf_db.execute("analyze tag_total_stats")
    zipf_db.execute("analyze tag_cardinality_stats")
    plans = _inner_plans(zipf_db, "select * from popular_tags(20, %s)", (source,))
    assert index in plans, plans
    assert "Sort Key" not in plans, "top-N must come from the index order, not a sort"


def test_popular_tags_matches_a_direct_ranking(zipf_db):
    got = zipf_db.execute("select id, cardinality from popular_tags(50, null, 3)").fetchall()
    expected = zipf_db.execute(
        "select tag_id, count(*) from content_tags group by tag_id having count(*) >= 3 "
        "order by count(*) desc, tag_id limit 50").fetchall()
    assert got == expected


def test_search_tags_uses_the_name_index(zipf_db):
    zipf_db.execute("analyze tags")
    prefix = zipf_db.execute("select left(name, 3) from tags order by name limit 1 offset 500").fetchone()[0]
    plans = _inner_plans(zipf_db, "select * from search_tags(%s)", (prefix,))
    assert "tags_name_pattern_idx" in plans, plans
