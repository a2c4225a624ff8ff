"""Validate the planner section of config/base.json and load it into planner_config.

The PL/pgSQL planner reads planner_config (key text, value jsonb) with nested keys flattened
by a dot ('stats.freshness_seconds'), the same keys revision 0001 seeds. Validation is strict
because a misspelt knob would otherwise be ignored silently and the planner would run on its
default: unknown keys and wrong types are errors that name the full key.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from db.knobs import PLANNER_SECTION, flatten
from db.settings import load_config

# Allowed knobs: type and smallest allowed value (MAX_VALUE caps a few: sample_rate at 1, the
# count exact_limit at the largest value unified_content_count accepts).
INT, BOOL, FLOAT = "integer", "boolean", "number"
SCHEMA: dict[str, tuple[str, float | None]] = {
    "small_k_threshold": (INT, 1),
    "group_having_rarest_ceiling": (INT, 0),
    "two_phase_min_k_for_dual_seed": (INT, 1),
    "two_phase_dual_seed_floor": (INT, 0),
    "seed_candidate_cap": (INT, 1),
    "max_work_mem_mb": (INT, 1),
    "max_tags": (INT, 1),
    "enable_sort_first": (BOOL, None),
    "enable_self_join": (BOOL, None),
    "enable_group_having": (BOOL, None),
    "enable_two_phase_single": (BOOL, None),
    "enable_two_phase_dual": (BOOL, None),
    "enable_any_union": (BOOL, None),
    "stats.fallback_default_count": (INT, 0),
    "stats.freshness_seconds": (INT, 1),
    "telemetry.sample_rate": (FLOAT, 0),
    "count_exact_limit": (INT, 1),
    "count_live_budget": (INT, 1),
    "plan_memo_slots": (INT, 0),
}
MAX_VALUE: dict[str, float] = {"telemetry.sample_rate": 1, "count_exact_limit": 1_000_000}
SECTION_PATH = ".".join(PLANNER_SECTION)


class ConfigError(ValueError):
    """The configuration cannot be loaded; `problems` lists each, naming its key."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _type_ok(kind: str, value: Any) -> bool:
    # bool is an int in Python; JSON true is never a count, and 3 is never a flag
    if kind == BOOL:
        return isinstance(value, bool)
    if kind == INT:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def validate(config: dict[str, Any]) -> dict[str, Any]:
    """The planner knobs of a whole configuration, flattened; raise ConfigError on any problem."""
    section: Any = config
    for depth, key in enumerate(PLANNER_SECTION):
        if not isinstance(section, dict) or key not in section:
            raise ConfigError([f"{'.'.join(PLANNER_SECTION[:depth + 1])}: missing section"])
        section = section[key]
    if not isinstance(section, dict):
        raise ConfigError([f"{SECTION_PATH}: expected an object"])

    problems: list[str] = []
    groups = {name.split(".")[0] for name in SCHEMA if "." in name}
    for key, value in section.items():
        if key in groups and not isinstance(value, dict):
            problems.append(f"{SECTION_PATH}.{key}: expected an object, got {type(value).__name__}")
    flat = flatten(section)
    for name, value in flat.items():
        full = f"{SECTION_PATH}.{name}"
        if name not in SCHEMA:
            problems.append(f"{full}: unknown key")
            continue
        kind, minimum = SCHEMA[name]
        if not _type_ok(kind, value):
            problems.append(f"{full}: expected {kind}, got {json.dumps(value)}")
        elif minimum is not None and value < minimum:
            problems.append(f"{full}: must be >= {minimum:g}, got {value}")
        elif name in MAX_VALUE and value > MAX_VALUE[name]:
            problems.append(f"{full}: must be <= {MAX_VALUE[name]}, got {value}")
    if problems:
        raise ConfigError(problems)
    return flat


def load_file(path: str | Path | None = None) -> dict[str, Any]:
    """Read and validate a configuration file (config/base.json by default)."""
    try:
        config = load_config(path)
    except json.JSONDecodeError as exc:
        raise ConfigError([f"{path or 'config'}: not valid JSON ({exc})"]) from exc
    return validate(config)


def write(conn: psycopg.Connection, knobs: dict[str, Any]) -> int:
    """Upsert the knobs into planner_config in one transaction; returns the keys written."""
    with conn.transaction():
        for key, value in knobs.items():
            conn.execute(
                "insert into planner_config (key, value, updated_at) values (%s, %s, now()) "
                "on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at",
                (key, Jsonb(value)),
            )
    return len(knobs)


def current(conn: psycopg.Connection) -> list[dict[str, Any]]:
    """What is in force: every planner_config row, with whether the file schema knows its key."""
    rows = conn.execute("select key, value, updated_at from planner_config order by key").fetchall()
    return [{"key": k, "value": json.dumps(v), "updated_at": u.strftime("%Y-%m-%d %H:%M:%S%z"),
             "known": k in SCHEMA} for k, v, u in rows]
