"""The legacy gallery query (the bench's baseline) returns the brute-force answer's rows.

Legacy sorts by the sort column alone (as the gallery did), so rows with equal keys may come in
another order than the engine's total order: compared are the totals and the page's sort-key sequence.
"""
from __future__ import annotations

import psycopg
import pytest

from bench import legacy
from bench import workload as wl
from oracle import Request as OracleRequest, oracle


def _key(sort: str):
    # quality_score is a real: compare at float4 precision (the oracle may read it as float8)
    return (lambda row: round(float(row.quality_score), 5)) if sort == "quality_score_desc" \
        else (lambda row: row.created_at)


def _legacy_key(row: tuple, sort: str):
    return round(float(row[5]), 5) if sort == "quality_score_desc" else row[6]


def test_legacy_pages_match_the_oracle(genonaut_db: psycopg.Connection) -> None:
    conn = genonaut_db
    conn.autocommit = True
    pools = wl.tag_pools(conn)
    users = wl.active_users(conn)
    requests = wl.generate(pools, users, 24, seed=3)
    # A few depths small enough that the tiny demo data has rows there.
    requests = [r if not r.depth else wl.Request(**{**r.__dict__, "depth": 25}) for r in requests]
    assert {r.tag_match for r in requests} == {"all", "any"}
    nonempty = 0
    for r in requests:
        page = legacy.fetch_page(conn, list(r.tags), r.user_id,
                                 list(r.source_types) if r.source_types else None,
                                 r.tag_match, r.sort, 25, r.depth)
        expected = oracle(conn, OracleRequest(r.tags, r.user_id, r.source_types, r.tag_match, r.sort))
        assert page.total == len(expected), r
        key = _key(r.sort)
        assert [_legacy_key(row, r.sort) for row in page.rows] == \
            [key(x) for x in expected[r.depth:r.depth + 25]], r
        nonempty += bool(page.rows)
    assert nonempty >= 12  # the comparison is not vacuous


def test_legacy_binds_values_and_checks_words() -> None:
    page_sql, params, count_sql, count_params = legacy.build(
        ["00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"],
        user_id="00000000-0000-0000-0000-0000000000aa", tag_match="all", limit=25, offset=9975)
    text = page_sql.as_string(None) if hasattr(page_sql, "as_string") else str(page_sql)
    assert "00000000-0000" not in text and "9975" not in text  # values are parameters
    assert text.count("UNION") == 3 and text.count("EXISTS") == 8
    assert params[-2:] == [25, 9975] and count_params == params[:-2]
    with pytest.raises(ValueError):
        legacy.build(["x"], source_types=["everything"])
    with pytest.raises(ValueError):
        legacy.build(["x"], tag_match="most")


def test_user_words_without_a_user_select_nothing(genonaut_db: psycopg.Connection) -> None:
    page = legacy.fetch_page(genonaut_db, None, None, ["user-regular", "user-auto"])
    assert page.rows == [] and page.total == 0
