"""Throughput benchmark: articles/s on one core, peak memory, and where the time goes.

Builds N articles of realistic length (400-900 words) by recombining the paragraphs of
the bundled sample articles (the project's own texts), then runs every stage on each.

    .venv/bin/python scripts/bench_pipeline.py [N]      # default N = 1000
"""
from __future__ import annotations

import random
import resource
import sys
import time
from collections import defaultdict

from tacitus.analyse import parse
from tacitus.assemble import assemble, event_sentences
from tacitus.clean import clean
from tacitus.errors import InputError
from tacitus.facts import SentenceIndex
from tacitus.ingest import article_from_text
from tacitus.pipeline import BATCH_SIZE, article_context, read_facts
from tacitus.places.choosing import article_country
from tacitus.resolve.consolidate import consolidate
from tacitus.resolve.events import resolve_draft
from tacitus.resources import Resources
from tacitus.samples import sample_articles


def make_articles(n: int, seed: int = 13):
    paragraphs = []
    for item in sample_articles():
        if isinstance(item, InputError):
            continue
        body = clean(item)
        paragraphs.extend(p for p in body.text.split("\n\n") if len(p.split()) > 12)
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        target = rng.randint(400, 900)
        chosen, words = [], 0
        while words < target:
            p = rng.choice(paragraphs)
            chosen.append(p)
            words += len(p.split())
        articles.append(article_from_text("\n\n".join(chosen), id=f"bench-{i}",
                                          published="2025-06-01", outlet="Bench Wire"))
    return articles


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    started = time.perf_counter()
    res = Resources.load()
    load_s = time.perf_counter() - started
    articles = make_articles(n)
    words = sum(len(a.text.split()) for a in articles)
    stages: dict[str, float] = defaultdict(float)
    events = 0
    t0 = time.perf_counter()
    # As Pipeline.code_many does it: a batch of articles is cleaned and read, the event
    # sentences of the whole batch are parsed together, then each article is assembled.
    for b in range(0, n, BATCH_SIZE):
        prepared = []
        for a in articles[b:b + BATCH_SIZE]:
            t = time.perf_counter()
            c = clean(a)
            t1 = time.perf_counter(); stages["clean"] += t1 - t
            context = article_context(c, res)
            facts = read_facts(c, res, context)
            stages["mention (+ geocode, actors)"] += time.perf_counter() - t1
            prepared.append((c, context, facts, event_sentences(facts)))
        t2 = time.perf_counter()
        parsed = iter(parse(res.nlp, [f[i].sentence for _, _, f, wanted in prepared for i in wanted]))
        t3 = time.perf_counter(); stages["parse (event sentences only)"] += t3 - t2
        for c, context, facts, wanted in prepared:
            t3 = time.perf_counter()
            docs = {i: next(parsed) for i in wanted}
            drafts = assemble(facts, docs, c.published)
            t4 = time.perf_counter(); stages["assemble"] += t4 - t3
            places = tuple(p for f in facts for p in f.places)
            country = article_country(c, places, [a for f in facts for a in f.actors], context.home_country)
            layout = SentenceIndex.of(f.sentence for f in facts)
            evs = [e for k, d in enumerate(drafts) for e in resolve_draft(d, c, places, res, k, country, layout)]
            events += len(consolidate(evs))
            stages["resolve"] += time.perf_counter() - t4
    total = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles            {n} ({words / n:.0f} words on average)")
    print(f"resources load      {load_s:.2f} s")
    print(f"throughput          {n / total:.1f} articles/s on one core ({words / total:,.0f} words/s)")
    print(f"events              {events}")
    print(f"peak memory (RSS)   {peak_mb:.0f} MB")
    print("time by stage:")
    for stage, secs in stages.items():
        print(f"  {stage:32s} {secs:7.2f} s  {100 * secs / total:5.1f}%")


if __name__ == "__main__":
    main()
