"""Throughput of this checkout's code beside another checkout's, on the same articles, in one run.

Each measurement is a fresh subprocess of this same Python (so the same venv and the same
pinned packages) with PYTHONPATH set to one checkout's ``src``: it loads the resources and
codes one article as warm-up outside the timing, then codes every article of the JSONL file
with ``Pipeline(Settings(show_withheld=True)).code_many`` (withheld events are counted too,
so both versions do all their work) and reports wall time, CPU time, events and peak RSS.
Current (A) and baseline (B) alternate A, B, A, B... so drift on a shared machine (another
job starting, the page cache warming) hits both alike; the table gives each round and the
medians, with the current/baseline ratios. Subprocesses are pinned to one BLAS/OpenMP thread each.

    .venv/bin/python scripts/bench_compare.py ARTICLES.jsonl --baseline-src ../other/src [--rounds 5]
    .venv/bin/python scripts/bench_compare.py ARTICLES.jsonl --baseline-src DIR --profile 10

``--profile N`` then runs the current code once more under cProfile and prints the N
functions with the most cumulative time inside the timed section.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE_SRC = Path(__file__).resolve().parent.parent / "src"
# One thread each: the machine is shared and both versions must get the same share of it.
_ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@dataclass(frozen=True, slots=True)
class Run:
    label: str
    articles: int
    skipped: int
    events: int
    wall_s: float
    cpu_s: float
    warmup_s: float
    peak_rss_mb: float

    @property
    def rate(self) -> float:
        return self.articles / self.wall_s

    @property
    def cpu_rate(self) -> float:
        return self.articles / self.cpu_s


# ---- the measured side: runs inside the subprocess, imports whichever tacitus PYTHONPATH gives


def _worker(src: Path, path: Path, limit: int | None, profile_top: int) -> None:
    import resource
    import time

    started = time.perf_counter()
    import tacitus
    from tacitus.errors import InputError
    from tacitus.ingest.jsonl import jsonl_articles
    from tacitus.pipeline import Pipeline
    from tacitus.settings import Settings

    loaded_from = Path(tacitus.__file__).resolve().parent.parent
    if loaded_from != src:  # an editable install or a stray path would measure the wrong code
        sys.exit(f"bench_compare: imported tacitus from {loaded_from}, not {src}")
    # Lines the reader refuses (an empty text, say) are left out, by both versions alike.
    read = list(jsonl_articles(path.read_text(encoding="utf-8"), str(path), {}))
    articles = [a for a in read if not isinstance(a, InputError)]
    skipped = len(read) - len(articles)
    articles = articles[:limit] if limit else articles
    if not articles:
        sys.exit(f"bench_compare: {path}: no articles")
    pipeline = Pipeline(Settings(show_withheld=True))
    pipeline.code(articles[0])  # warm-up: resources load, the parser and lazy caches start
    warmup = time.perf_counter() - started

    profiler = None
    if profile_top:
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    events = sum(len(evs) for evs in pipeline.code_many(articles))
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    if profiler is not None:
        import pstats
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(profile_top)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"articles": len(articles), "skipped": skipped, "events": events, "wall_s": wall, "cpu_s": cpu,
                      "warmup_s": warmup, "peak_rss_mb": peak}))


# ---- the driving side


def _measure(label: str, src: Path, path: Path, limit: int | None, profile_top: int = 0) -> Run:
    env = {**os.environ, **_ONE_THREAD, "PYTHONPATH": str(src)}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(src), str(path),
           "--limit", str(limit or 0), "--profile", str(profile_top)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if profile_top:
        print(done.stderr, end="")
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        sys.exit(f"bench_compare: the {label} run ({src}) failed:\n{tail}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return Run(label=label, **figures)


def _src(text: str) -> Path:
    src = Path(text).resolve()
    if not (src / "tacitus" / "pipeline.py").is_file():
        raise argparse.ArgumentTypeError(f"{text}: not a src folder holding tacitus/pipeline.py")
    return src


def _articles(text: str) -> Path:
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{text}: no such file")
    return path.resolve()


def _table(runs: list[Run]) -> str:
    rows = [f"{'round':>5} {'code':8} {'articles/s':>10} {'cpu art/s':>9} {'wall s':>7} "
            f"{'cpu s':>7} {'events':>6} {'peak MB':>7} {'warm-up s':>9}"]
    for i, r in enumerate(runs):
        rows.append(f"{i // 2 + 1:>5} {r.label:8} {r.rate:10.2f} {r.cpu_rate:9.2f} {r.wall_s:7.2f} "
                    f"{r.cpu_s:7.2f} {r.events:6d} {r.peak_rss_mb:7.0f} {r.warmup_s:9.2f}")
    a = [r for r in runs if r.label == "current"]
    b = [r for r in runs if r.label == "baseline"]

    def med(rs: list[Run], key) -> float:
        return statistics.median(key(r) for r in rs)

    rows.append("median")
    for name, rs in (("current", a), ("baseline", b)):
        rows.append(f"{'':>5} {name:8} {med(rs, lambda r: r.rate):10.2f} {med(rs, lambda r: r.cpu_rate):9.2f} "
                    f"{med(rs, lambda r: r.wall_s):7.2f} {med(rs, lambda r: r.cpu_s):7.2f} "
                    f"{med(rs, lambda r: r.events):6.0f} {med(rs, lambda r: r.peak_rss_mb):7.0f} "
                    f"{med(rs, lambda r: r.warmup_s):9.2f}")
    rows.append(f"current/baseline: articles/s x{med(a, lambda r: r.rate) / med(b, lambda r: r.rate):.3f}, "
                f"cpu articles/s x{med(a, lambda r: r.cpu_rate) / med(b, lambda r: r.cpu_rate):.3f}, "
                f"peak RSS x{med(a, lambda r: r.peak_rss_mb) / med(b, lambda r: r.peak_rss_mb):.3f}")
    return "\n".join(rows)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        w = argparse.ArgumentParser()
        w.add_argument("--worker", type=Path)
        w.add_argument("articles", type=Path)
        w.add_argument("--limit", type=int, default=0)
        w.add_argument("--profile", type=int, default=0)
        args = w.parse_args()
        _worker(args.worker, args.articles, args.limit or None, args.profile)
        return
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("articles", type=_articles, help="a JSONL file of articles (one JSON object a line)")
    p.add_argument("--baseline-src", type=_src, required=True, help="the src folder of another checkout")
    p.add_argument("--current-src", type=_src, default=HERE_SRC, help="default: this checkout's src")
    p.add_argument("--rounds", type=int, default=5, help="rounds of current then baseline (default 5)")
    p.add_argument("--limit", type=int, default=0, help="code only the first N articles")
    p.add_argument("--profile", type=int, default=0, metavar="N",
                   help="then profile one run of the current code and print its top N functions")
    args = p.parse_args()
    if args.rounds < 1:
        p.error("--rounds must be at least 1")
    print(f"articles  {args.articles}\ncurrent   {args.current_src}\nbaseline  {args.baseline_src}\n"
          f"python    {sys.executable}", flush=True)
    runs: list[Run] = []
    for n in range(args.rounds):
        for label, src in (("current", args.current_src), ("baseline", args.baseline_src)):
            runs.append(_measure(label, src, args.articles, args.limit))
            r = runs[-1]
            print(f"  round {n + 1} {label:8} {r.rate:6.2f} articles/s ({r.wall_s:.1f} s)", flush=True)
    print(f"{runs[0].articles} articles coded per run ({runs[0].skipped} lines the reader refuses left out)")
    print(_table(runs))
    if args.profile:
        print(f"\nprofile of one current run (top {args.profile} by cumulative time, timed section only):")
        _measure("current", args.current_src, args.articles, args.limit, args.profile)


if __name__ == "__main__":
    main()
