"""Boolean tag queries: the bitmap strategy lists from a seed; cheaper bitmaps; a lighter page end.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01

The bitmap strategy (plpgsql/strategies/bitmap.sql) walks the keyset index index-only, testing
each entry's bit before fetching its row by primary key (tagpage_sql_bitmap_walk), and can take
its list's candidates from a seed's
posting lists (a tag query's cheapest positive conjunct, or the rarest tag of an all-tags filter)
with one get_bit each, instead of two_phase_single's probe per tag or reading every bit of the
bitmaps; the tag-query planner prices that list (tagpage_plan_bitmap_cost takes the seed's
size). Zero bitmaps are allocated zeroed instead of parsed from text (tagpage_bits_zero), so an
empty write log costs ~0.2 ms instead of ~2 ms per source, and the tag expression on bitmaps
builds its all-zeros and all-ones constants only when it uses them. unified_content_page's output
statement has no Sort for a 'next' page.

Functions come from plpgsql/, listed with their hashes in db/manifests/0012.json; the bodies
revisions 0009, 0010 and 0011 shipped are kept under db/frozen/0009/, db/frozen/0010/ and
db/frozen/0011/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, run_sql, uninstall

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

CHANGED_0010 = ("count_core.sql", "planner.sql", "planner_query.sql", "strategies/bitmap.sql",
                "unified_content_page.sql")
CHANGED_0011 = ("count_bitmaps.sql",)
CHANGED_0009 = ("strategies/common.sql",)
# Re-created entry points lose SECURITY DEFINER: granted again (db/grants.py).
ENTRY_POINTS = ENTRY_POINTS_BY_REVISION[revision]
# Signatures that change (a parameter added), which CREATE OR REPLACE cannot do: the new ones
# would be overloads beside them.
DROP_CHANGED = """
drop function if exists tagpage_plan_bitmap_cost(float8, integer, float8, float8);
drop function if exists tagpage_bitmap_lists(bigint, bigint, integer);
drop function if exists tagpage_bitmap_candidates(tagpage_request, text, bigint, bit varying);
drop function if exists tagpage_sql_bitmap_match(tagpage_shape);
"""
DROP_NEW = """
drop function if exists tagpage_plan_bitmap_cost(float8, integer, float8, float8, float8);
drop function if exists tagpage_bitmap_lists(bigint, bigint, integer, float8);
drop function if exists tagpage_bitmap_candidates(tagpage_request, text, bigint, bit varying, uuid[]);
drop function if exists tagpage_sql_bitmap_match(tagpage_shape, text);
"""


def upgrade() -> None:
    run_sql(DROP_CHANGED)
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS)


def downgrade() -> None:
    uninstall(revision)
    run_sql(DROP_NEW)
    reinstall("0011", CHANGED_0011)
    reinstall("0010", CHANGED_0010)
    reinstall("0009", CHANGED_0009)
    # The dropped helpers are 0010's again; their grants with them, and the entry points'.
    grant_new_functions("0010", ENTRY_POINTS_BY_REVISION["0010"])
