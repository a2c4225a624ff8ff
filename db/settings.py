"""Where tagpage finds its servers and its configuration file."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from psycopg.conninfo import conninfo_to_dict

from db.knobs import DEFAULT_CONFIG_PATH, PLANNER_SECTION

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/tagpage"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def database_url() -> str:
    """DATABASE_URL when set, else the local server's `tagpage` database."""
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def redis_url() -> str:
    """REDIS_URL when set, else the local Redis."""
    return os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL


def load_config(path: str | Path | None = None) -> dict[str, Any]:
    """Read the JSON configuration file (config/base.json by default)."""
    config_path = Path(path) if path else Path(os.environ.get("TAGPAGE_CONFIG", DEFAULT_CONFIG_PATH))
    with config_path.open(encoding="utf-8") as handle:
        return json.load(handle)


def planner_section(config: dict[str, Any]) -> dict[str, Any]:
    """The planner knobs inside a loaded configuration."""
    section: Any = config
    for key in PLANNER_SECTION:
        section = section[key]
    return section

def sqlalchemy_url(url: str) -> str:
    """The same conninfo spelled for SQLAlchemy's psycopg 3 dialect (alembic needs it)."""
    params = conninfo_to_dict(url)
    user = params.get("user", "postgres")
    password = f":{params['password']}" if params.get("password") else ""
    host = params.get("host", "127.0.0.1")
    port = params.get("port", "5432")
    dbname = params.get("dbname", "postgres")
    if host.startswith("/"):
        return f"postgresql+psycopg://{user}{password}@/{dbname}?host={host}&port={port}"
    return f"postgresql+psycopg://{user}{password}@{host}:{port}/{dbname}"
