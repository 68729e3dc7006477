"""Benchmark the gazetteer: build, open, memory, lookups/s, find_places articles/s.

    python scripts/bench_gazetteer.py            # uses (or builds) the cached index
    python scripts/bench_gazetteer.py --build    # also times a fresh build in a temp folder
"""
from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from tacitus.places.finding import find_places
from tacitus.places.gazetteer import Gazetteer
from tacitus.places.gazetteer.build import build
from tacitus.places.resolving import geocode

_NAMES = ("Kabul", "Deir ez-Zor", "al-Bukamal", "Mogadishu", "Kharkiv", "Maiduguri", "Mosul",
          "Malindi", "Lashio", "Culiacan", "Aleppo", "Idlib", "Kandahar", "Borno", "Nairobi")
_FILLER = ("the", "fighters", "said", "on", "Monday", "that", "clashes", "continued", "in",
           "and", "around", "after", "an", "attack", "Police", "reported", "two", "civilians",
           "were", "killed", "near", "town", "of", "Taliban", "forces", "Ahmed", "Hassan",
           "told", "reporters", "while", "shelling", "hit", "houses", "village")


def _rss_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_article(rng: random.Random, words: int = 600) -> str:
    out = []
    for i in range(words):
        w = rng.choice(_NAMES) if rng.random() < 0.04 else rng.choice(_FILLER)
        if i % 20 == 0:
            w = w.capitalize() if w.islower() else w
        out.append(w + ("." if i % 20 == 19 else ""))
    return " ".join(out)


def main(argv: list[str]) -> int:
    if "--build" in argv:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            build(Path(tmp) / "g.sqlite")
            print(f"build:            {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    gaz = Gazetteer.open()
    print(f"open:             {time.perf_counter() - t:.3f} s  ({gaz.path})")
    print(f"resident memory:  {_rss_mb():.0f} MB after open")
    rng = random.Random(7)
    names = [rng.choice(_NAMES + ("Nowhereville", "Tripoli", "Hamidiya")) for _ in range(20000)]
    t = time.perf_counter()
    for n in names:
        gaz.lookup(n)
    print(f"lookup:           {len(names) / (time.perf_counter() - t):,.0f} lookups/s")
    arts = [synthetic_article(rng) for _ in range(200)]
    t = time.perf_counter()
    for a in arts:
        find_places(a, gaz)
    dt = time.perf_counter() - t
    print(f"find_places:      {len(arts) / dt:,.0f} articles/s (600 words; {dt / len(arts) * 1e3:.2f} ms each)")
    t = time.perf_counter()
    for a in arts:
        geocode(a, gaz)
    dt = time.perf_counter() - t
    print(f"geocode:          {len(arts) / dt:,.0f} articles/s ({dt / len(arts) * 1e3:.2f} ms each)")
    print(f"resident memory:  {_rss_mb():.0f} MB at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
