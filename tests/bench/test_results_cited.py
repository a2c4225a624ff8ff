"""bench/results keeps only the runs the documentation cites: a run nobody reads is noise (and
megabytes) in every clone."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_committed_result_is_cited_in_docs() -> None:
    docs = "\n".join(p.read_text() for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])
    uncited = [p.name for p in sorted((ROOT / "bench" / "results").iterdir())
               if p.is_file() and p.name.rsplit(".", 1)[0] not in docs]
    assert not uncited, f"bench/results holds runs no document cites: {uncited}"
