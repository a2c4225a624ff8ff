"""Terminal output shared by the CLI commands: aligned, optionally coloured tables and sizes."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Sequence

import click

# A column: (header, key into each row dict, optional style function value -> click.style kwargs).
Styler = Callable[[Any], dict]
Column = tuple[str, str] | tuple[str, str, Styler]


def human_bytes(size: int | None) -> str:
    """1536 -> '1.5 kB' (powers of 1024, like pg_size_pretty)."""
    if size is None:
        return "-"
    value = float(size)
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if abs(value) < 1024 or unit == "TB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TB"


def cell(value: Any) -> str:
    """How a value reads in a table cell: NULL as '-', booleans as yes/no."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _numeric(values: Iterable[Any]) -> bool:
    present = [v for v in values if v is not None]
    return bool(present) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present)


def render_table(rows: Sequence[dict], columns: Sequence[Column]) -> list[str]:
    """Lines of an aligned table (numbers right-aligned); styles apply after padding."""
    headers = [c[0] for c in columns]
    texts = [[cell(row.get(c[1])) for c in columns] for row in rows]
    widths = [max([len(h)] + [len(t[i]) for t in texts]) for i, h in enumerate(headers)]
    right = [_numeric(row.get(c[1]) for row in rows) for c in columns]
    lines = ["  ".join(click.style(h.ljust(w), bold=True) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row, text in zip(rows, texts):
        parts = []
        for i, column in enumerate(columns):
            padded = text[i].rjust(widths[i]) if right[i] else text[i].ljust(widths[i])
            style = column[2](row.get(column[1])) if len(column) > 2 else {}
            parts.append(click.style(padded, **style) if style else padded)
        lines.append("  ".join(parts).rstrip())
    return lines


def print_table(rows: Sequence[dict], columns: Sequence[Column], *, empty: str = "(no rows)") -> None:
    """Echo a table, or `empty` when there are no rows."""
    if not rows:
        click.echo(empty)
        return
    for line in render_table(rows, columns):
        click.echo(line)


def warn_if(predicate: Callable[[Any], bool], color: str = "yellow") -> Styler:
    """A column style: colour the cell when predicate(value) holds."""
    return lambda value: {"fg": color} if value is not None and predicate(value) else {}


def fail(message: str, code: int = 1) -> None:
    """Print an error to stderr and exit with `code` (1 = failure; 2 = usage, as click uses)."""
    click.secho(f"error: {message}", fg="red", err=True)
    raise SystemExit(code)
