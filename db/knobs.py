"""The planner's knob defaults, read from config/base.json: the one place they are defined.

The migration that creates planner_config seeds it from the file (and a later revision adds
any knob the table lacks), so neither SQL nor Python carries default values of its own;
`tagpage config load` validates the file and writes every knob again.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from db.sqlfiles import REPO_ROOT, execute

DEFAULT_CONFIG_PATH = REPO_ROOT / "config" / "base.json"
PLANNER_SECTION = ("performance", "query_planner_tag_prejoin_for_content_queries")


def flatten(section: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{'stats': {'freshness_seconds': 1}} -> {'stats.freshness_seconds': 1}."""
    flat: dict[str, Any] = {}
    for key, value in section.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def default_knobs(path: Path = DEFAULT_CONFIG_PATH) -> dict[str, Any]:
    """The planner section of the configuration file, flattened."""
    section: Any = json.loads(path.read_text(encoding="utf-8"))
    for key in PLANNER_SECTION:
        section = section[key]
    return flatten(section)


def load_default_knobs() -> None:
    """Insert every knob planner_config lacks, with its value from the file (inside a migration)."""
    for key, value in default_knobs().items():
        execute("insert into planner_config (key, value) values (%s, %s::jsonb) on conflict (key) do nothing",
                (key, json.dumps(value)))
