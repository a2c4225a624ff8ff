"""Boolean tag queries.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

Functions come from plpgsql/, listed with their hashes in db/manifests/0007.json; files changed
since an earlier revision shipped them keep that revision's body under db/frozen/<revision>/.
plpgsql/tag_query.sql parses, resolves and normalises a tag query and compiles it to SQL; the
index below serves its case-insensitive name lookup.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, run_sql, uninstall

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Functions of this revision the web app's role may call (SECURITY DEFINER, see db/grants.py).
ENTRY_POINTS = ENTRY_POINTS_BY_REVISION[revision]

UPGRADE = r"""
create index tags_name_lower_idx on tags (lower(name));
comment on index tags_name_lower_idx is 'Case-insensitive tag-name lookup: tagpage_tag_query_normalize resolves a query''s names with lower(name) = any(...).';
"""

DOWNGRADE = r"""
drop index if exists tags_name_lower_idx;
"""


def upgrade() -> None:
    run_sql(UPGRADE)
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS)


def downgrade() -> None:
    uninstall(revision)
    run_sql(DOWNGRADE)
