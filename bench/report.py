"""Figures, tables, JSON and plots of a benchmark run."""
from __future__ import annotations

import json
import math
import os
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Sequence

import psycopg

from db.settings import REPO_ROOT

RESULTS_DIR = REPO_ROOT / "bench" / "results"
PG_SETTINGS = ("server_version", "shared_buffers", "effective_cache_size", "work_mem",
               "maintenance_work_mem", "random_page_cost", "seq_page_cost", "jit",
               "max_parallel_workers_per_gather", "max_parallel_workers", "default_statistics_target",
               "effective_io_concurrency", "huge_pages", "synchronous_commit", "plan_cache_mode")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation, NaN for no values."""
    data = sorted(values)
    if not data:
        return math.nan
    position = (len(data) - 1) * q / 100.0
    low = math.floor(position)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (position - low)


def summarize(samples: Sequence[float]) -> dict[str, Any]:
    """n, p50, p95, max and mean of milliseconds."""
    return {"n": len(samples), "p50": percentile(samples, 50), "p95": percentile(samples, 95),
            "max": max(samples) if samples else math.nan,
            "mean": sum(samples) / len(samples) if samples else math.nan}


def fmt_ms(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def fmt_ratio(value: float | None) -> str:
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return "-"
    return f"{value:,.0f}x" if value >= 100 else f"{value:.1f}x"


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A plain-text table, right-aligned numbers (also valid Markdown)."""
    body = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in body)) if body else len(str(h))
              for i, h in enumerate(headers)]
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                 for i, (c, w) in enumerate(zip(cells, widths))) + " |"
    sep = "|" + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":"
                         for i, w in enumerate(widths)) + "|"
    return "\n".join([line([str(h) for h in headers]), sep, *(line(r) for r in body)])


def machine_info() -> dict[str, Any]:
    """What the numbers were measured on."""
    info: dict[str, Any] = {"platform": platform.platform(), "python": platform.python_version(),
                            "cpus": os.cpu_count(), "hostname": platform.node()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["mem_total_kb"] = int(line.split()[1])
                break
        info["loadavg"] = os.getloadavg()
    except OSError:
        pass
    try:
        info["git_commit"] = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO_ROOT,
                                            capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        info["git_commit"] = None
    return info


def postgres_info(conn: psycopg.Connection) -> dict[str, Any]:
    """Server version and the settings that move these numbers."""
    rows = conn.execute(
        "select name, setting || coalesce(' ' || unit, '') from pg_settings where name = any(%s)",
        (list(PG_SETTINGS),)).fetchall()
    return {"version": conn.execute("select version()").fetchone()[0], "settings": dict(rows)}


def write_json(result: dict[str, Any], out_dir: Path, stem: str) -> Path:
    """bench/results/<stem>-<UTC timestamp>.json (never overwrites an earlier run)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = out_dir / f"{stem}-{stamp}.json"
    path.write_text(json.dumps(result, indent=1, default=_json_default) + "\n", encoding="utf-8")
    return path


def _json_default(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    return str(value)


def _plot_upstream(ax: Any, requests: list[dict[str, Any]]) -> None:
    """Each workload request at (tagpage ms, upstream ms): above the diagonal tagpage is faster."""
    points = [r for r in requests if r.get("upstream_ms") is not None and r.get("sql_ms")]
    for timed_out, marker, label in ((False, "o", "request"), (True, "^", "upstream timed out (>=)")):
        chosen = [r for r in points if bool(r.get("upstream_timed_out")) == timed_out]
        if chosen:
            ax.scatter([r["sql_ms"] for r in chosen], [r["upstream_ms"] for r in chosen], s=14,
                       marker=marker, alpha=0.8, label=f"{label} (n={len(chosen)})")
    if points:
        low = min(min(r["sql_ms"], r["upstream_ms"]) for r in points) * 0.8
        high = max(max(r["sql_ms"], r["upstream_ms"]) for r in points) * 1.2
        ax.plot([low, high], [low, high], color="black", linewidth=0.8, label="upstream = tagpage")
        ax.plot([low, high], [2 * low, 2 * high], color="green", linestyle="--", linewidth=0.8,
                label="upstream = 2x tagpage")
        ax.plot([low, high], [0.8 * low, 0.8 * high], color="red", linestyle="--", linewidth=0.8,
                label="upstream = 0.8x tagpage")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("tagpage SQL, ms (log)")
    ax.set_ylabel("upstream SQL, ms (log)")
    ax.set_title("Upstream vs tagpage per workload request")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(loc="upper left", fontsize=8)


def plot(result: dict[str, Any], path: Path) -> Path:
    """Latency CDF per path over the workload, upstream vs tagpage per request, and the
    planner-regret scatter, in one PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    requests = result.get("workload", {}).get("requests", [])
    plain = [r for r in requests if not r["request"].get("boolean")]
    boolean = [r for r in requests if r["request"].get("boolean")]
    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(19, 5.6))
    for chosen, key, label in ((plain, "sql_ms", "tagpage SQL"),
                               (plain, "http_bypass_ms", "tagpage HTTP (cache bypass)"),
                               (plain, "http_cached_ms", "tagpage HTTP (cached)"),
                               (plain, "upstream_ms", "upstream SQL (timeouts at the timeout)"),
                               (plain, "legacy_ms", "legacy SQL"),
                               (boolean, "sql_ms", "tagpage SQL, boolean queries"),
                               (boolean, "upstream_ms", "upstream SQL, boolean queries")):
        values = sorted(r[key] for r in chosen if r.get(key) is not None)
        if values:
            ys = [(i + 1) / len(values) for i in range(len(values))]
            left.step(values, ys, where="post", label=f"{label} (n={len(values)})")
    left.set_xscale("log")
    left.set_xlabel("latency per request, ms (log)")
    left.set_ylabel("fraction of workload requests")
    left.set_title("Mixed workload: latency CDF per path")
    left.axvline(25, color="grey", linestyle=":", linewidth=1)
    left.grid(True, which="both", alpha=0.3)
    left.legend(loc="lower right", fontsize=8)
    _plot_upstream(middle, requests)

    points = [r for r in requests if r.get("regret") is not None]
    strategies = sorted({r.get("strategy") or "?" for r in points})
    cmap = plt.get_cmap("tab10")
    for i, name in enumerate(strategies):
        xs = [r["fastest_ms"] for r in points if (r.get("strategy") or "?") == name]
        ys = [r["planner_ms"] for r in points if (r.get("strategy") or "?") == name]
        right.scatter(xs, ys, s=14, color=cmap(i % 10), label=name, alpha=0.8)
    if points:
        low = min(min(r["fastest_ms"], r["planner_ms"]) for r in points) * 0.8
        high = max(max(r["fastest_ms"], r["planner_ms"]) for r in points) * 1.2
        right.plot([low, high], [low, high], color="black", linewidth=0.8, label="planner = fastest")
        right.plot([low, high], [1.5 * low, 1.5 * high], color="red", linestyle="--", linewidth=0.8,
                   label="1.5x target")
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("fastest forced strategy, ms (log)")
    right.set_ylabel("planner's choice, ms (log)")
    right.set_title("Planner regret (colour = strategy the planner chose)")
    right.grid(True, which="both", alpha=0.3)
    if points:  # a run without regret (--no-regret) leaves this panel empty
        right.legend(loc="upper left", fontsize=8)
    meta = result.get("meta", {})
    fig.suptitle(f"tagpage bench: profile {meta.get('profile')} scale {meta.get('scale')} "
                 f"seed {meta.get('seed')}")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
