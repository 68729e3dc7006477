"""Code every evaluation input once and write all the events to one JSONL, with its digest.

    .venv/bin/python scripts/code_fixtures.py [-o events.jsonl] [--fixtures ../shared/fixtures]

A refactor of the extraction core must leave this file byte-identical (compare the
printed sha256 before and after); a deliberate fix changes it and is listed with its
figure. Inputs: every gold file (`*.gold.json`) under the fixtures folder and tests/gold,
every JSONL batch of articles under the fixtures folder, and every ACLED CSV there (each
note coded as an article published the day after its event, as `tacitus evaluate` does).
Events are written with withheld ones included, so a change to what is withheld shows.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from tacitus.evaluate.acled import read_rows, row_article
from tacitus.evaluate.gold import GOLD_SUFFIX, gold_files, load_gold
from tacitus.export import event_row
from tacitus.ingest.read import read_articles
from tacitus.pipeline import Pipeline
from tacitus.settings import Settings
from tacitus.types import Article

ROOT = Path(__file__).resolve().parents[1]


def inputs(fixtures: Path) -> Iterator[tuple[str, Article]]:
    """(origin, article) for every input, in a fixed order."""
    folders = sorted({p.parent for p in fixtures.rglob("*" + GOLD_SUFFIX)}) if fixtures.is_dir() else []
    for folder in [*folders, ROOT / "tests" / "gold"]:
        for path in gold_files(folder):
            yield f"gold:{path.name}", load_gold(path).article
    if not fixtures.is_dir():
        return
    for path in sorted(fixtures.rglob("*.jsonl")):
        for article in read_articles([str(path)], on_error="skip"):
            yield f"jsonl:{path.name}", article
    for path in sorted(fixtures.rglob("*.csv")):
        for row in read_rows(path):
            if not isinstance(row, Exception):
                yield f"acled:{path.name}", row_article(row)


# How an event was explained (rule names, the resolver's words) is not what was coded:
# left out, so renaming a rule leaves the digest as it was.
EXPLANATIONS = ("trace", "place_reason")


def _coded(row: dict) -> dict:
    return {c: v for c, v in row.items() if c not in EXPLANATIONS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=Path("fixture-events.jsonl"))
    parser.add_argument("--fixtures", type=Path, default=ROOT.parent / "shared" / "fixtures")
    args = parser.parse_args(argv)
    pipeline = Pipeline(settings=Settings(show_withheld=True))
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    digest = hashlib.sha256()
    items = list(inputs(args.fixtures))
    with args.output.open("w", encoding="utf-8") as out:
        for (origin, article), events in zip(items, pipeline.code_many(a for _, a in items)):
            articles[origin.split(":")[0]] += 1
            for event in events:
                row = {"origin": origin, **_coded(event_row(event)), "withheld": event.withheld}
                line = json.dumps(row, ensure_ascii=False, sort_keys=True, default=str) + "\n"
                out.write(line)
                digest.update(line.encode("utf-8"))
                counts[origin.split(":")[0]] += 1
    seconds = time.perf_counter() - started
    for kind in sorted(articles):
        print(f"{kind:6} {articles[kind]:6} articles {counts[kind]:6} events")
    print(f"{args.output}: sha256 {digest.hexdigest()} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
