"""Apply versioned SQL from revisions without alembic's bind-parameter parsing.

PL/pgSQL bodies live in plpgsql/. A revision that installs them names its files and their
SHA-256 in db/manifests/<revision>.json. When a later revision changes a body, the old body is
frozen under db/frozen/<revision>/ so that the old revision keeps installing exactly what it
shipped: reading a file whose hash differs from the manifest is an error, never a silent upgrade.

    python -m db.sqlfiles freeze <revision> [file ...]   # (re)write a revision's manifest
    python -m db.sqlfiles check                          # verify every manifest resolves
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PLPGSQL_DIR = REPO_ROOT / "plpgsql"
MANIFEST_DIR = Path(__file__).resolve().parent / "manifests"
FROZEN_DIR = Path(__file__).resolve().parent / "frozen"
INSTALLED_TABLE = "tagpage_installed_function"


class SqlSourceMismatch(RuntimeError):
    """A revision's SQL file no longer has the content the revision shipped."""


def run_sql(sql_text: str) -> None:
    """Execute raw SQL on alembic's connection, inside its transaction.

    The text goes to psycopg's own cursor with no parameters at all, so `:name` and `%` inside
    function bodies reach PostgreSQL untouched (op.execute treats `:name` as a bind parameter,
    and SQLAlchemy's exec_driver_sql still makes psycopg parse `%`).
    """
    with _raw_cursor() as cur:
        cur.execute(sql_text)


def _raw_cursor():
    from alembic import op

    return op.get_bind().connection.dbapi_connection.cursor()


def _query(sql_text: str, params: tuple = ()) -> list[tuple]:
    with _raw_cursor() as cur:
        cur.execute(sql_text, params)
        return cur.fetchall() if cur.description else []


def execute(sql_text: str, params: tuple = ()) -> None:
    """Run one statement with bound parameters on alembic's connection (inside a migration)."""
    _query(sql_text, params)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def manifest(revision: str) -> list[tuple[str, str]]:
    """The (file, sha256) pairs a revision installs, in order."""
    data = json.loads((MANIFEST_DIR / f"{revision}.json").read_text(encoding="utf-8"))
    return [(entry["file"], entry["sha256"]) for entry in data["files"]]


def source_path(revision: str, name: str) -> Path:
    """Where the body a revision shipped lives: its frozen copy if any, else plpgsql/."""
    frozen = FROZEN_DIR / revision / name
    return frozen if frozen.exists() else PLPGSQL_DIR / name


def read_source(revision: str, name: str, expected_sha256: str) -> str:
    """The text of `name` as `revision` shipped it; raise if it has changed since."""
    path = source_path(revision, name)
    text = path.read_text(encoding="utf-8")
    if _sha256(text) != expected_sha256:
        raise SqlSourceMismatch(
            f"{path.relative_to(REPO_ROOT)} differs from what revision {revision} shipped. "
            f"Freeze the old body under db/frozen/{revision}/ and add a new revision, or, while "
            f"{revision} is unreleased, run `python -m db.sqlfiles freeze {revision}`."
        )
    return text


def _public_functions() -> set[str]:
    rows = _query(
        "select p.oid::regprocedure::text from pg_proc p "
        "join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' "
        "and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')"
    )
    return {row[0] for row in rows}


def install(revision: str) -> None:
    """Run a revision's SQL files and record the functions they created, for its downgrade."""
    before = _public_functions()
    for name, sha in manifest(revision):
        run_sql(read_source(revision, name, sha))
    created = sorted(_public_functions() - before)
    for signature in created:
        _query(
            f"insert into {INSTALLED_TABLE} (revision, signature) values (%s, %s)",
            (revision, signature),
        )


def reinstall(revision: str, names: tuple[str, ...] | None = None) -> None:
    """Re-run an older revision's files (used by the downgrade of a revision that changed them).

    `names` limits it to the files that were changed: a file that also creates triggers or
    other objects without OR REPLACE cannot run twice.
    """
    for name, sha in manifest(revision):
        if names is None or name in names:
            run_sql(read_source(revision, name, sha))


def uninstall(revision: str) -> None:
    """Drop every function a revision's install created (and the triggers that use them)."""
    rows = _query(
        f"select signature from {INSTALLED_TABLE} where revision = %s order by signature desc",
        (revision,),
    )
    for (signature,) in rows:
        # signature is regprocedure output (catalog text, already quoted), never user input
        _query(f"drop function if exists {signature} cascade")
    _query(f"delete from {INSTALLED_TABLE} where revision = %s", (revision,))


def freeze(revision: str, names: list[str]) -> Path:
    """Write the manifest of `revision` from the current plpgsql/ files."""
    path = MANIFEST_DIR / f"{revision}.json"
    if not names:
        names = [name for name, _ in manifest(revision)]
    entries = [
        {"file": name, "sha256": _sha256(source_path(revision, name).read_text(encoding="utf-8"))}
        for name in names
    ]
    MANIFEST_DIR.mkdir(exist_ok=True)
    path.write_text(json.dumps({"files": entries}, indent=2) + "\n", encoding="utf-8")
    return path


def check_all() -> list[str]:
    """Every manifest's problems (empty when all resolve with matching hashes)."""
    problems = []
    for path in sorted(MANIFEST_DIR.glob("*.json")):
        revision = path.stem
        for name, sha in manifest(revision):
            try:
                read_source(revision, name, sha)
            except (SqlSourceMismatch, FileNotFoundError) as exc:
                problems.append(str(exc))
    return problems


def _main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "freeze":
        print(freeze(argv[1], argv[2:]))
        return 0
    if argv == ["check"]:
        problems = check_all()
        print("\n".join(problems) or "all SQL manifests match")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
