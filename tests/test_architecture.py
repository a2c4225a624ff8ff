"""Imports run one way (docs/architecture.md): db <- web <- python_admin, and the benchmark harness
(bench/) stands apart: it may import the others, nothing imports it.

Read from the source with `ast` (imports inside functions included), so a change that points an
arrow the wrong way fails here, with the file, the line and the rule it breaks.
"""
from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("db", "web", "python_admin", "bench")
# What each package may import among ours (itself always). Nothing may import bench.
MAY_IMPORT = {"db": {"db"}, "web": {"db", "web"}, "python_admin": {"db", "web", "python_admin"},
              "bench": {"db", "web", "python_admin", "bench"}}


def imports(source: str) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every absolute import in a module's source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [alias.name for alias in node.names]
            found.append((node.lineno, node.module, names))
            # `from python_admin import stats` imports the module python_admin.stats
            found += [(node.lineno, f"{node.module}.{n}", []) for n in names]
    return found


def problems_of(module: str, source: str) -> list[str]:
    """Every rule the module `module` (dotted name) breaks."""
    package = module.split(".")[0]
    out = []
    for line, target, names in imports(source):
        top = target.split(".")[0]
        if top == "tests":
            out.append(f"{module}:{line} imports the tests ({target})")
        if top in PACKAGES and top not in MAY_IMPORT[package]:
            out.append(f"{module}:{line} imports {target}: {package} may import only "
                       f"{', '.join(sorted(MAY_IMPORT[package]))}")
        if top in PACKAGES and top != package:
            private = [n for n in names if n.startswith("_")]
            if private:
                out.append(f"{module}:{line} imports {top}'s private name(s) {', '.join(private)}")
    return out


def modules() -> dict[str, str]:
    found = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            dotted = ".".join(path.relative_to(REPO).with_suffix("").parts)
            found[dotted.removesuffix(".__init__")] = path.read_text(encoding="utf-8")
    return found


def test_imports_run_one_way() -> None:
    every = modules()
    assert len(every) > 30 and "web.app" in every and "db.settings" in every and "bench.run" in every
    problems = [p for module, source in every.items() for p in problems_of(module, source)]
    assert not problems, "\n".join(problems)


def test_the_check_catches_each_wrong_arrow() -> None:
    assert problems_of("web.api", "from python_admin.cli import main\n")
    assert problems_of("db.knobs", "import web.cache\n")
    assert problems_of("web.app", "def f():\n    from python_admin import stats\n")
    assert problems_of("python_admin.cli", "from bench import run\n")
    assert problems_of("python_admin.cli", "from web.app import _private\n")
    assert problems_of("web.service", "import tests.oracle\n")
    assert not problems_of("bench.run", "from python_admin import demo\nfrom web.app import create_app\n")
    assert not problems_of("python_admin.cli", "from web.app import create_app\n")
    assert not problems_of("web.app", "from db.settings import database_url\n")
