"""gunicorn settings of `tagpage serve` (`gunicorn -c python:web.gunicorn_config ...`).

prometheus_client's multiprocess mode, so that /metrics adds up every worker: each worker writes
its values to files in PROMETHEUS_MULTIPROC_DIR. The directory must be set before
prometheus_client is first imported (it picks its value store at import), hence at the top of
this module, which the master loads before forking workers. A directory given in the
environment is emptied at start (values of an earlier run would be added to this one's);
otherwise a fresh one is made and removed at exit. A worker's live gauges go when it exits.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

_ENV = "PROMETHEUS_MULTIPROC_DIR"
_made_here = not os.environ.get(_ENV)
if _made_here:
    os.environ[_ENV] = tempfile.mkdtemp(prefix="tagpage-metrics-")
else:
    Path(os.environ[_ENV]).mkdir(parents=True, exist_ok=True)
    for stale in Path(os.environ[_ENV]).glob("*.db"):
        stale.unlink()

from prometheus_client import multiprocess  # noqa: E402  (after the environment is set)


def child_exit(server, worker) -> None:
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server) -> None:
    if _made_here:
        shutil.rmtree(os.environ[_ENV], ignore_errors=True)
