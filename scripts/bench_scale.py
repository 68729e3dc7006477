"""Scale-out benchmark on real news: articles/s and peak memory of `tacitus ingest` in one
process, with `--workers 1` and with `--workers 2`, side by side in one run; then the cost
of storing and merging 1k / 10k / 100k articles into SQLite (and PostgreSQL with --pg).

SOURCE is a JSONL of real articles (e.g. the 199 VOA texts); it is read, never copied into
the repository. From it the script builds a corpus of --size articles (default 100,000) in
a temporary folder (records without text left out): copy k of article i gets the id
``<id>~k``, a publication date 3·k days later (so its events fall on other days) and a last
line ``Archive reference k-i.`` (so its text, hence its hash, differs; the line names no event).

    .venv/bin/python scripts/bench_scale.py SOURCE.jsonl [--size 100000] [--slice 3000]
        [--ingest-sizes 1000,10000,100000] [--repeats 5]
        [--linear 1000,10000,100000] [--pg postgresql://…] [--skip-throughput] [--skip-sqlite]
        [--baseline-src ../other/src]

Throughput: each mode runs in a fresh child process on (a) SOURCE coded three times over
(the corpus' first 3·len(SOURCE) lines) and (b) --slice articles from the middle of the
corpus; start-up (loading resources, starting the cluster) is timed apart and not counted.
Columns: wall-clock articles/s and the speed-up over one process; CPU seconds of the whole
process tree (writer, scheduler, nannies, workers) and articles per CPU-second of it; and
`workers`, articles per CPU-second of the coding processes alone (the per-core speed, which
other jobs on a shared machine do not distort, unlike the wall-clock figures; the load
average printed beside each row says how busy the machine was). After the bar, the CPU
milliseconds per article spent off the workers (in one process: storing and merging), and
their parts: `add` (Store.add), `reduce` (the closing incident merge), `main` (the rest of
the writer's thread: reading results, the progress bar), `threads` (the writer process's
other threads: the scheduler of a LocalCluster and the client's traffic) and `nannies`.
With --repeats N the modes run N rounds on (a), one mode after the other in each round, and
the script prints every run, each mode's median run and the 2-worker speed-up of each round:
on a shared machine one run of a few seconds per mode can be off by a fifth.
With --baseline-src each mode (and each linear-cost row) also runs on another checkout's
code (PYTHONPATH), right after this code's run, in rows marked (base): before and after,
side by side in one run.
With --ingest-sizes the three modes, after (a), ingest the corpus' first n articles for each n
(the whole corpus for n ≥ --size), coding included, and the script prints the cost per
article across the sizes.
Linear cost: SOURCE is coded once; copies of its (article, events) with new ids, each copy
dated a whole source span later (so the events per country and day stay those of the source,
as in a backfill of more years), are stored with incident merging, as `ingest` does in one
process (each article re-merged as it is stored) and as `ingest --workers` does (stored
pending, merged at the end by the (country, week) reduce), with the cleaned text handed
over and a partition's articles (PARTITION) in one transaction, as ingest's writer does;
time per article at each size.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import inspect
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Sequence

MB = 1024  # ru_maxrss is in KiB on Linux
REPEATS, REPEAT_UP_TO = 3, 10_000  # the linear-cost sizes up to this are timed thrice, best kept
MODES = ["1 process", "--workers 1", "--workers 2"]  # the throughput modes (--modes)
PARTITION = 32  # articles stored per transaction in the linear-cost table: a 256 kB partition of VOA texts


def build_corpus(source: Path, size: int, out: Path) -> int:
    records = [r for line in source.read_text(encoding="utf-8").splitlines() if line.strip()
               if (r := json.loads(line)).get("text", "").strip()]  # a few archive records are empty
    with out.open("w", encoding="utf-8") as f:
        for n in range(size):
            k, i = divmod(n, len(records))
            f.write(json.dumps(_copy(records[i], k, i)) + "\n")
    return len(records)


def _copy(record: dict, k: int, i: int) -> dict:
    published = dt.date.fromisoformat(str(record.get("published") or "2020-01-01")[:10])
    return {**record, "id": f"{record.get('id') or i}~{k}",
            "published": (published + dt.timedelta(days=3 * k)).isoformat(),
            "text": f"{record['text']}\n\nArchive reference {k}-{i}."}


def _lines(corpus: Path, first: int, count: int, out: Path) -> Path:
    with corpus.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n >= first + count:
                break
            if n >= first:
                dst.write(line)
    return out


# --- one mode, in a child process ----------------------------------------------------------

def child(mode: str, path: str, db: str) -> dict:
    import tacitus
    from tacitus.scale.run import IngestJob, run_ingest

    meter = _WriterMeter()
    servers = _postgres_processes(db) if db.startswith("postgresql:") else []  # their CPU counts too
    started = time.perf_counter()
    if mode == "1 process":
        from tacitus.resources import Resources

        res = Resources.load()
        ready, cpu0, own0, main0 = time.perf_counter(), _tree_cpu(servers), _own_cpu(), time.thread_time()
        tally = run_ingest(IngestJob((path,), db), resources=res)
        done, cpu1, own1, main1 = time.perf_counter(), _tree_cpu(servers), _own_cpu(), time.thread_time()
        workers_mb: list[float] = []
        workers_cpu = cpu1 - cpu0
    else:
        from distributed import Client

        from tacitus.scale.worker import ResourcesPlugin

        n = int(mode.split()[-1])
        with _local_cluster(n) as cluster, Client(cluster) as client:
            client.register_plugin(ResourcesPlugin())
            w0 = sum(client.run(_own_cpu).values())
            ready, cpu0, own0, main0 = time.perf_counter(), _tree_cpu(servers), _own_cpu(), time.thread_time()
            tally = run_ingest(IngestJob((path,), db, scheduler=cluster.scheduler_address))
            done, cpu1, own1, main1 = time.perf_counter(), _tree_cpu(servers), _own_cpu(), time.thread_time()
            w1 = sum(client.run(_own_cpu).values())
            workers_mb = sorted(client.run(_peak_mb).values())
            workers_cpu = w1 - w0
    return {"mode": mode, "articles": tally.stored, "events": tally.events, "incidents": tally.incidents,
            "failed": tally.failed, "startup_s": ready - started, "seconds": done - ready,
            "cpu_s": cpu1 - cpu0, "workers_cpu_s": workers_cpu, "writer_mb": _peak_mb(), "workers_mb": workers_mb,
            "add_s": meter.add_s, "reduce_s": meter.reduce_s, "main_s": main1 - main0, "own_s": own1 - own0,
            "code": str(Path(tacitus.__file__).resolve().parent.parent)}


def _local_cluster(n: int):
    """The cluster ``ingest --workers n`` starts (as an older checkout started it, with --baseline-src)."""
    try:
        from tacitus.scale.cluster import local_cluster
    except ImportError:
        import logging

        from distributed import LocalCluster

        return LocalCluster(n_workers=n, threads_per_worker=1, processes=True, silence_logs=logging.ERROR,
                            dashboard_address=":0")
    return local_cluster(n)


class _WriterMeter:
    """CPU seconds (of the calling thread) in ``Store.add`` and in the closing reduce, in
    every mode alike: the writer's share, apart from the coding and the cluster's traffic."""

    def __init__(self) -> None:
        import tacitus.scale.run as run
        from tacitus.store.base import Store

        self.add_s = self.reduce_s = 0.0
        add, reduce = Store.add, run.merge_pending

        def timed_add(store, *args, **kwargs):
            t = time.thread_time()
            try:
                return add(store, *args, **kwargs)
            finally:
                self.add_s += time.thread_time() - t

        def timed_reduce(*args, **kwargs):
            t = time.thread_time()
            try:
                return reduce(*args, **kwargs)
            finally:
                self.reduce_s += time.thread_time() - t

        Store.add, run.merge_pending = timed_add, timed_reduce


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / MB


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _tree_cpu(servers: Sequence = ()) -> float:
    """CPU seconds of this process and all its descendants (writer, scheduler, nannies,
    workers), and of the PostgreSQL ``servers`` it writes to."""
    import psutil

    total = _cpu_of(servers)
    for proc in [psutil.Process(), *psutil.Process().children(recursive=True)]:
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass  # ended meanwhile
    return total


def run_modes(label: str, path: Path, folder: Path, baseline: Path | None, url: str | None = None,
              repeats: int = 1) -> dict[str, dict]:
    """Each mode (and its baseline) in a fresh child process, ``repeats`` rounds of all the
    modes in turn; with several rounds, every run's row, then each mode's median run and
    the speed-up of 2 workers over 1 in each round (rounds, not separate blocks per mode:
    a slow spell of the machine then weighs on every mode alike)."""
    print(f"\n== {label}: {path.name}" + (f", {repeats} rounds of the modes" if repeats > 1 else ""))
    _header()
    base: dict[str, float] = {}
    runs: dict[str, list[dict]] = {}
    for round_ in range(repeats):
        for mode in MODES:
            for code, src in (("", None), (" (base)", baseline)) if baseline else (("", None),):
                r = _run_child(mode, path, folder / f"{label}-{round_}-{mode}{code}.db", src, url)
                name = mode + code + (f" #{round_ + 1}" if repeats > 1 else "")
                _row(name, r, base.setdefault(code, _rate(r)))
                runs.setdefault(mode + code, []).append(r)
    results = {mode: _median_run(rs) for mode, rs in runs.items()}
    if repeats > 1:
        print(f"-- the median run of each mode ({repeats} runs)")
        _header()
        median_base: dict[str, float] = {}
        for mode, r in results.items():
            code = " (base)" if mode.endswith(" (base)") else ""
            _row(mode, r, median_base.setdefault(code, _rate(r)))
        for code in ("", " (base)") if baseline else ("",):
            one, two = runs.get("--workers 1" + code), runs.get("--workers 2" + code)
            if one and two:
                ratios = sorted(_rate(b) / _rate(a) for a, b in zip(one, two))
                print(f"--workers 2 / --workers 1{code}, each round: " + " ".join(f"{x:.2f}" for x in ratios)
                      + f"; median {_median(ratios):.3f}; medians' ratio "
                      f"{_rate(results['--workers 2' + code]) / _rate(results['--workers 1' + code]):.3f}")
    return results


def _header() -> None:
    print(f"{'mode':19s} {'stored':>6s} {'failed':>6s} {'events':>6s} {'incid.':>6s} {'wall s':>7s} {'art/s':>6s} "
          f"{'speed-up':>8s} {'CPU s':>6s} {'art/CPU-s':>9s} {'workers':>8s} | {'off-wkr':>7s} {'add':>5s} "
          f"{'reduce':>6s} {'main':>5s} {'threads':>7s} {'nannies':>7s} | {'start-up':>8s}  peak MB (writer; workers)")


def _run_child(mode: str, path: Path, db: Path, src: Path | None, url: str | None) -> dict:
    """One mode in a fresh child process (``src``: another checkout's code), its database
    removed after (PostgreSQL: emptied before)."""
    db = db.with_name(db.name.replace(" ", "").replace("-", ""))
    if url:
        _reset_postgres(url)
    env = {**os.environ, "PYTHONPATH": str(src)} if src else None
    out = subprocess.run([sys.executable, __file__, "--child", mode, str(path), url or str(db)],
                         capture_output=True, text=True, check=True, env=env)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    if src and Path(r["code"]) != src.resolve():
        sys.exit(f"bench_scale: the baseline run imported tacitus from {r['code']}, not {src}")
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return r


def _rate(r: dict) -> float:
    return r["articles"] / r["seconds"]


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _median_run(runs: list[dict]) -> dict:
    """The run of median speed (the lower middle one of an even number)."""
    return sorted(runs, key=_rate)[(len(runs) - 1) // 2]


def ingest_sizes(corpus: Path, size: int, sizes: list[int], folder: Path, baseline: Path | None,
                 url: str | None = None) -> None:
    """Whole ingests (coding, storing, incident merging) of the corpus' first n articles for
    each n, in the three modes; then wall and CPU milliseconds per article across the sizes."""
    table: dict[int, dict[str, dict]] = {}
    for n in sizes:
        path = corpus if n >= size else _lines(corpus, 0, n, folder / f"first{n}.jsonl")
        table[n] = run_modes(f"corpus, first {min(n, size):,} articles", path, folder, baseline, url)
    print("\n== ingest cost per article across sizes: wall ms (CPU ms of the whole process tree)")
    for mode in table[sizes[0]]:
        cells = [table[n][mode] for n in sizes]
        walls = [1000 * r["seconds"] / r["articles"] for r in cells]
        print(f"{mode:19s} " + "  ".join(f"{w:6.2f} ({1000 * r['cpu_s'] / r['articles']:5.2f})"
                                         for w, r in zip(walls, cells))
              + f"   largest / smallest {max(walls) / min(walls):.2f}", flush=True)


def _row(mode: str, r: dict, base_rate: float) -> None:
    """One mode's figures. After the bar, milliseconds of CPU per article stored: off the
    workers (the whole tree but the workers: writer, scheduler, nannies; in one process, the
    storing and merging), then its parts: in Store.add, in the closing reduce, the rest of
    the writer's main thread (reading results, the progress bar), the writer process's other
    threads (the scheduler and the client's traffic) and the nannies."""
    n = r["articles"]
    rate = n / r["seconds"]
    ms = lambda s: f"{1000 * s / n:.2f}" if n else "-"  # noqa: E731
    one = not r["workers_mb"]
    off = r["add_s"] + r["reduce_s"] if one else r["cpu_s"] - r["workers_cpu_s"]
    main = "-" if one else ms(r["main_s"] - r["add_s"] - r["reduce_s"])
    threads = "-" if one else ms(r["own_s"] - r["main_s"])
    nannies = "-" if one else ms(r["cpu_s"] - r["own_s"] - r["workers_cpu_s"])
    peaks = f"{r['writer_mb']:.0f}" + ("; " + ", ".join(f"{m:.0f}" for m in r["workers_mb"]) if r["workers_mb"] else "")
    print(f"{mode:19s} {n:6d} {r['failed']:6d} {r['events']:6d} {r['incidents']:6d} "
          f"{r['seconds']:7.1f} {rate:6.1f} {rate / base_rate:7.2f}x {r['cpu_s']:6.1f} "
          f"{n / r['cpu_s']:9.1f} {n / r['workers_cpu_s']:8.1f} | {ms(off):>7s} {ms(r['add_s']):>5s} "
          f"{ms(r['reduce_s']):>6s} {main:>5s} {threads:>7s} {nannies:>7s} | {r['startup_s']:7.1f}s  "
          f"{peaks}   (load {os.getloadavg()[0]:.1f})", flush=True)


# --- linear cost of storing and merging ---------------------------------------------------

WAYS = ("one process (merge each)", "--workers (pending + reduce)")


def linear(source: Path, sizes: list[int], urls: list[str], folder: Path, baseline: Path | None) -> None:
    """The table: each row (database, way) in a fresh child process, which codes the source
    once (not timed) and stores the copies; with ``baseline`` each row also on that code."""
    print("\n== store + incident merge, per article: ms per article, wall clock (CPU of this "
          f"process and of the database server), best of {REPEATS} runs up to {REPEAT_UP_TO:,} articles")
    print(f"{'database':10s} {'way':35s} " + " ".join(f"{n:>20,d}" for n in sizes) + "  largest/smallest")
    for url in urls:
        for way in range(len(WAYS)):
            for code, src in (("", None), (" (base)", baseline)) if baseline else (("", None),):
                env = {**os.environ, "PYTHONPATH": str(src)} if src else None
                out = subprocess.run([sys.executable, __file__, "--linear-row", str(source), url, str(way),
                                      ",".join(map(str, sizes)), str(folder)],
                                     capture_output=True, text=True, check=True, env=env)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                walls = [wall / n for n, (wall, _) in zip(sizes, r["runs"])]
                cells = [f"{1000 * wall / n:6.2f} ({1000 * cpu / n:5.2f} CPU)"
                         for n, (wall, cpu) in zip(sizes, r["runs"])]
                name = "PostgreSQL" if url != "sqlite" else "SQLite"
                print(f"{name:10s} {WAYS[way] + code:35s} " + " ".join(f"{c:>20s}" for c in cells)
                      + f"  {max(walls) / min(walls):.2f}   (load {os.getloadavg()[0]:.1f}; "
                      f"{r['articles']} source articles, {r['events']} events)", flush=True)


def linear_row(source: str, url: str, way: int, sizes: list[int], folder: Path) -> dict:
    """(wall, CPU) seconds of storing each size of copies one way, the best of the repeats."""
    from tacitus.ingest import read_articles
    from tacitus.pipeline import Pipeline

    articles = list(read_articles([source], on_error="skip"))  # 3 VOA records have no text
    pipe = Pipeline()
    coded = [(a, x.events, x.article) for a in articles for x in [pipe.explain(a)]]  # x.article: as cleaned
    runs = []
    for n in sizes:
        target = url if url != "sqlite" else str(folder / f"linear-{n}.db")
        tries = []
        for _ in range(REPEATS if n <= REPEAT_UP_TO else 1):
            tries.append(_store_copies(coded, n, target, reduce=way == 1))
            if url == "sqlite":
                for suffix in ("", "-wal", "-shm"):
                    Path(target + suffix).unlink(missing_ok=True)
        runs.append(min(tries))
    return {"runs": runs, "articles": len(coded), "events": sum(len(e) for _, e, _ in coded)}


def _stride(coded) -> dt.timedelta:
    """How far apart the copies are dated: the span of the source's dates and a month, so each
    copy has a period of its own and the events per country and day stay as in the source
    (a backfill of more years, not more reports of the same days)."""
    days = [e.event_date for _, events, _ in coded for e in events if e.event_date is not None]
    return (max(days) - min(days)) + dt.timedelta(days=30)


def _store_copies(coded, n: int, url: str, *, reduce: bool) -> tuple[float, float]:
    """Seconds of wall clock and of CPU (this process, and the PostgreSQL server's)."""
    from tacitus.scale.reduce import merge_pending
    from tacitus.store import open_store

    if url.startswith("postgres"):
        _reset_postgres(url)
    stride = _stride(coded)
    server = _postgres_processes(url) if url.startswith("postgres") else []
    with open_store(url) as store:
        started, cpu = time.perf_counter(), _own_cpu() + _cpu_of(server)
        for first in range(0, n, PARTITION):
            # A partition's articles in one transaction, as ingest stores them (where it does:
            # an older checkout, with --baseline-src, commits each article).
            with getattr(store, "batch", lambda _: nullcontext())("bench"):
                for m in range(first, min(n, first + PARTITION)):
                    k, i = divmod(m, len(coded))
                    article, events, cleaned = coded[i]
                    shift = stride * k
                    tail = f"\n\nArchive reference {k}-{i}."
                    copy = replace(article, id=f"{article.id}~{k}", text=article.text + tail,
                                   published=article.published and article.published + shift)
                    store.add(copy, [replace(e, event_id_cnty=f"{e.event_id_cnty}~{k}", article_id=copy.id,
                                             event_date=e.event_date and e.event_date + shift) for e in events],
                              merge=not reduce, **_cleaned(cleaned, copy, tail))
        if reduce:
            merge_pending(store)
        return time.perf_counter() - started, _own_cpu() + _cpu_of(server) - cpu


def _cleaned(cleaned, copy, tail: str) -> dict:
    """The cleaned text handed to ``Store.add`` with a copy, as the ingest writer gets it
    from the coding (the source's cleaned text and the copy's last line); none to a
    checkout whose store cleans each article itself (--baseline-src)."""
    return {"cleaned": replace(cleaned, id=copy.id, text=cleaned.text + tail)} if _takes_cleaned() else {}


@functools.cache
def _takes_cleaned() -> bool:
    from tacitus.store.base import Store

    return "cleaned" in inspect.signature(Store.add).parameters


def _postgres_processes(url: str) -> list:
    """The server of ``url`` (found by its port) and its backends."""
    import psutil

    port = url.rsplit(":", 1)[1].split("/")[0]
    for proc in psutil.process_iter(["name", "cmdline"]):
        cmd = proc.info["cmdline"] or []
        if proc.info["name"] == "postgres" and "-p" in cmd and cmd[cmd.index("-p") + 1] == port:
            return [proc]
    return []


def _cpu_of(servers: Sequence) -> float:
    import psutil

    total = 0.0
    for server in servers:
        for proc in [server, *server.children(recursive=True)]:
            try:
                t = proc.cpu_times()
                total += t.user + t.system
            except psutil.Error:
                pass
    return total


def _reset_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(*sys.argv[2:5])))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--linear-row":
        source, url, way, sizes, folder = sys.argv[2:7]
        print(json.dumps(linear_row(source, url, int(way), [int(n) for n in sizes.split(",")], Path(folder))))
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path, help="JSONL of real articles (read only)")
    ap.add_argument("--size", type=int, default=100_000, help="articles in the built corpus")
    ap.add_argument("--slice", type=int, default=3000, help="corpus articles coded by each mode")
    ap.add_argument("--linear", default="1000,10000,100000", help="sizes for the linear-cost table")
    ap.add_argument("--ingest-sizes", help="e.g. 1000,10000,100000: instead of the VOA x3 and slice rows, whole "
                    "ingests of the corpus' first n articles in each mode, and their cost per article across sizes")
    ap.add_argument("--pg", help="an empty PostgreSQL database for the linear-cost table (its tables are dropped)")
    ap.add_argument("--ingest-db", help="with --ingest-sizes: an empty PostgreSQL database to ingest into instead "
                    "of SQLite files (its tables are dropped before each mode; the server's CPU is counted)")
    ap.add_argument("--modes", default="1 process,--workers 1,--workers 2", help="throughput modes, comma-separated")
    ap.add_argument("--repeats", type=int, default=1, help="rounds of the modes on SOURCE x3 (each run's row, then "
                    "each mode's median run and the 2-worker speed-up of every round)")
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--skip-linear", action="store_true")
    ap.add_argument("--skip-sqlite", action="store_true", help="linear-cost table: PostgreSQL (--pg) only")
    ap.add_argument("--baseline-src", type=Path, help="another checkout's src folder: each throughput mode and "
                    "linear-cost row runs with it too, right after this code, rows marked (base)")
    args = ap.parse_args()
    MODES[:] = args.modes.split(",")
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at the start")
    with tempfile.TemporaryDirectory(prefix="tacitus-bench-") as tmp:
        folder = Path(tmp)
        if not args.skip_throughput:
            corpus = folder / "corpus.jsonl"
            t = time.perf_counter()
            n_source = build_corpus(args.source, args.size, corpus)
            print(f"corpus: {args.size:,} articles from {n_source} ({corpus.stat().st_size / 1e6:.0f} MB) "
                  f"built in {time.perf_counter() - t:.1f} s")
            if args.ingest_sizes:
                run_modes("source x3", _lines(corpus, 0, 3 * n_source, folder / "source3.jsonl"), folder,
                          args.baseline_src, args.ingest_db, args.repeats)
                ingest_sizes(corpus, args.size, [int(n) for n in args.ingest_sizes.split(",")], folder,
                             args.baseline_src, args.ingest_db)
            else:
                run_modes("source x3", _lines(corpus, 0, 3 * n_source, folder / "source3.jsonl"), folder,
                          args.baseline_src, repeats=args.repeats)
                middle = args.size // 2
                run_modes(f"corpus {middle:,}-{middle + args.slice:,}",
                          _lines(corpus, middle, args.slice, folder / "slice.jsonl"), folder, args.baseline_src)
        if not args.skip_linear:
            sizes = [int(s) for s in args.linear.split(",")]
            databases = ([] if args.skip_sqlite else ["sqlite"]) + ([args.pg] if args.pg else [])
            linear(args.source, sizes, databases, folder, args.baseline_src)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
