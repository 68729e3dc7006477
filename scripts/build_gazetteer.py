"""Build the offline gazetteer index (normally built on first use; this forces it).

    python scripts/build_gazetteer.py              # into the cache folder
    python scripts/build_gazetteer.py out.sqlite   # somewhere else
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from tacitus.places.gazetteer import gazetteer_path
from tacitus.places.gazetteer.build import build


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else gazetteer_path()
    t = time.perf_counter()
    build(path)
    print(f"{path}  {path.stat().st_size / 1e6:.1f} MB  built in {time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
