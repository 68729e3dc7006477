"""The local Dask cluster ``ingest --workers N`` starts: N worker processes of one thread,
with Dask's background sampling turned down to what a batch job needs.

Each Dask process wakes on timers whether or not it has work: a worker's statistical
profiler samples the stack of its task thread every 10 ms (for the dashboard's Profile
page), every process checks its event loop every 20 ms and its CPU and memory every
500 ms, and each nanny reads its worker's memory every 100 ms (the nannies of a local
cluster run in the writer's process). On a two-core machine coding at full speed that is CPU taken from coding and
from the one writer (idle, the three processes of a 2-worker cluster spent 6% of a core
on it; 1% with these settings). And Dask starts its workers with glibc told to hand
freed memory back to the system above 64 kB (``MALLOC_TRIM_THRESHOLD_``): the parser's
arrays are then mapped and faulted in again and again, three times the page faults of
one process and 3-5% more CPU per article coded; here glibc keeps its own threshold.
Dask's scheduler also holds tasks back and hands a worker its next one only when it
finishes the last (``worker-saturation``): a few milliseconds idle per partition, which
the writer's bounded number of partitions in flight makes needless; here each worker
keeps its next partition queued.
(``scripts/bench_scale.py`` shows the CPU per article on and off the workers.) A
cluster given with ``--scheduler`` keeps the configuration its owner started it with.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Any, Iterator

QUIET: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,          # no stack sampling of the coding thread
    "distributed.admin.tick.interval": "500ms",           # event-loop health check (20 ms)
    "distributed.admin.system-monitor.interval": "2s",    # CPU/memory figures for the dashboard (500 ms)
    "distributed.scheduler.worker-saturation": "inf",     # queue tasks on the workers (see below)
    "distributed.worker.memory.monitor-interval": "1s",   # each nanny reads its worker's memory (100 ms)
}

SPAWN_ENVIRON = "distributed.nanny.pre-spawn-environ"  # set in a worker process before it starts
TRIM = "MALLOC_TRIM_THRESHOLD_"                         # left out of it: glibc's own threshold


@contextmanager
def local_cluster(workers: int) -> Iterator[Any]:
    """A ``LocalCluster`` of ``workers`` processes, one thread each, its dashboard on a
    free port; closed on exit."""
    import dask
    from distributed import LocalCluster

    environ = {k: v for k, v in dask.config.get(SPAWN_ENVIRON, {}).items() if k != TRIM}
    with dask.config.set({**QUIET, SPAWN_ENVIRON: environ}), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, silence_logs=logging.ERROR,
                         dashboard_address=":0") as cluster:
        yield cluster
