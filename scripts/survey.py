"""Survey articles that have no gold: how many events are coded, and how many of them are
the kind a careful coder never codes (dated more than 30 days before publication, after
it, or placed at no place below a country), with the withheld candidates by rule.

    .venv/bin/python scripts/survey.py articles.jsonl [more inputs…] [--skip-gold]

`--skip-gold` leaves out every article whose id has a `<id>.gold.json` beside its input
(those are scored by `tacitus evaluate` instead). The figures are computed from the coded
fields themselves, so the same script measures an older version of the coder too.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from tacitus.ingest.read import read_articles
from tacitus.pipeline import Pipeline
from tacitus.settings import Settings
from tacitus.types import Article, Event

# The screen's own limit, when the coder measured has one (an older coder may not).
try:
    from tacitus.screen import BACKGROUND_DAYS
except ImportError:
    BACKGROUND_DAYS = 30


def gold_ids(paths: list[str]) -> set[str]:
    ids: set[str] = set()
    for p in map(Path, paths):
        folder = p if p.is_dir() else p.parent
        ids.update(g.name[: -len(".gold.json")] for g in folder.glob("*.gold.json"))
    return ids


def doubtful(e: Event, article: Article) -> str:
    """Why a coded event is not news by ACLED's rule, or ""."""
    if e.geonameid is None or not e.location or e.location == e.country:
        return "country or no place"
    if e.event_date is not None and article.published is not None:
        age = (article.published - e.event_date).days
        if age > BACKGROUND_DAYS:
            return "older than 30 days"
        if age < 0:
            return "after publication"
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--skip-gold", action="store_true")
    args = parser.parse_args(argv)
    skip = gold_ids(args.paths) if args.skip_gold else set()
    articles = [a for a in read_articles(args.paths, on_error="skip") if a.id not in skip]
    pipeline = Pipeline(settings=Settings(show_withheld=True))
    started = time.perf_counter()
    coded, bad, withheld = 0, Counter(), Counter()
    empty = 0
    for article, events in zip(articles, pipeline.code_many(articles)):
        kept = [e for e in events if not getattr(e, "withheld", "")]
        empty += not kept
        coded += len(kept)
        bad.update(why for e in kept if (why := doubtful(e, article)))
        withheld.update(e.withheld.split(":")[0] for e in events if getattr(e, "withheld", ""))
    seconds = time.perf_counter() - started
    n = len(articles)
    print(f"articles {n}, coded events {coded} ({coded / max(n, 1):.2f} per article), "
          f"articles with none {empty}, {seconds:.1f} s")
    for why in ("older than 30 days", "after publication", "country or no place"):
        print(f"  coded {why:22} {bad[why]:5}  {bad[why] / max(coded, 1):6.1%}")
    for rule, count in withheld.most_common():
        print(f"  withheld {rule:20} {count:5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
