"""Where the time goes when real articles are coded: seconds per stage and the functions
that cost most (cProfile), on a JSONL of articles read at run time (never copied here).

    .venv/bin/python scripts/profile_articles.py SOURCE.jsonl [--limit N] [--top 30]

Times are CPU seconds of this process (time.process_time), so a busy shared machine
does not inflate them. The stages are timed as ``pipeline.code_batch`` runs them (batches of BATCH_SIZE articles,
event sentences of a batch parsed together); resources are loaded before timing starts.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict
from pathlib import Path

from tacitus.analyse import parse
from tacitus.assemble import event_sentences
from tacitus.clean import clean
from tacitus.ingest import read_articles
from tacitus.mention import read_mentions
from tacitus.pipeline import BATCH_SIZE, _explained, article_context, code_batch
from tacitus.places.resolving import geocode
from tacitus.resources import Resources
from tacitus.settings import Settings


def stage_times(articles, res) -> dict[str, float]:
    """CPU seconds per stage, the stages called as ``pipeline.explain_batch`` calls them."""
    stages: dict[str, float] = defaultdict(float)
    for b in range(0, len(articles), BATCH_SIZE):
        prepared = []
        for a in articles[b:b + BATCH_SIZE]:
            t0 = time.process_time()
            c = clean(a)
            if not c.text.strip():
                continue
            t1 = time.process_time()
            context = article_context(c, res)
            places = geocode(c.text, res.gazetteer, dateline=c.dateline, home=context.home_country or None)
            t2 = time.process_time()
            facts = read_mentions(c, res, context, places)
            t3 = time.process_time()
            wanted = event_sentences(facts)
            stages["clean"] += t1 - t0
            stages["places (find + geocode)"] += t2 - t1
            stages["mention (actors, times, casualties, cues)"] += t3 - t2
            stages["event_sentences"] += time.process_time() - t3
            prepared.append((c, context, facts, wanted))
        t4 = time.process_time()
        parsed = iter(parse(res.nlp, [f[i].sentence for _, _, f, w in prepared for i in w]))
        stages["parse (event sentences only)"] += time.process_time() - t4
        for c, context, facts, wanted in prepared:
            t5 = time.process_time()
            _explained(c, context, facts, {i: next(parsed) for i in wanted}, res, Settings(show_withheld=True))
            stages["assemble + resolve + screen"] += time.process_time() - t5
    return stages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--top", type=int, default=30, help="functions listed")
    args = ap.parse_args()
    res = Resources.load()
    articles = list(read_articles([str(args.source)], on_error="skip"))
    articles = articles[:args.limit] if args.limit else articles
    code_batch(articles[:4], res)  # warm caches, as a long run has them warm
    stages = stage_times(articles, res)
    total = sum(stages.values())
    print(f"{len(articles)} articles, {total:.1f} s: {len(articles) / total:.1f} articles per CPU-second")
    for name, secs in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {name:52s} {secs:7.2f} s {100 * secs / total:5.1f}%")
    profiler = cProfile.Profile()
    profiler.enable()
    for b in range(0, len(articles), BATCH_SIZE):
        code_batch(articles[b:b + BATCH_SIZE], res, Settings(show_withheld=True))
    profiler.disable()
    print(f"\nfunctions by own time (cProfile, top {args.top}):")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
