"""The words of place finding that are data: names that are no places (data/place_stopwords.txt
and the demonyms), country adjectives and ethnic group names, each read once."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from tacitus.places.gazetteer.normalise import fold


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """data/place_stopwords.txt plus the demonyms in data/demonyms.tsv, if present."""
    words: set[str] = set()
    data = resources.files("tacitus").joinpath("data")
    src = data.joinpath("place_stopwords.txt")
    if src.is_file():
        for line in src.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                words.add(fold(line))
    dem = data.joinpath("demonyms.tsv")
    if dem.is_file():
        lines = dem.read_text(encoding="utf-8").splitlines()
        head = lines[0].split("\t") if lines else []
        if "adjectives" in head:
            col = head.index("adjectives")
            ncol = head.index("country") if "country" in head else None
            for line in lines[1:]:
                cells = line.split("\t")
                if len(cells) > col:
                    # "Myanmar" is its own adjective; the country name stays a place
                    country = fold(cells[ncol]) if ncol is not None and len(cells) > ncol else ""
                    words.update(fold(a.strip()) for a in cells[col].split("|")
                                 if a.strip() and fold(a.strip()) != country)
    return frozenset(words)


@lru_cache(maxsize=1)
def demonym_adjectives() -> dict[str, str]:
    """fold(adjective) -> ISO alpha-2, from data/demonyms.tsv ("Iraqi" -> "IQ")."""
    out: dict[str, str] = {}
    dem = resources.files("tacitus").joinpath("data", "demonyms.tsv")
    lines = dem.read_text(encoding="utf-8").splitlines() if dem.is_file() else []
    head = lines[0].split("\t") if lines else []
    if "adjectives" not in head or "country_code" not in head:
        return out
    col, ccol = head.index("adjectives"), head.index("country_code")
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > max(col, ccol):
            for a in cells[col].split("|"):
                if a.strip():
                    out.setdefault(fold(a.strip()), cells[ccol].strip())
    return out


@lru_cache(maxsize=1)
def ethnic_names() -> frozenset[str]:
    """Group names from data/ethnic_groups.tsv, if present ("Maasai", "Turkana").

    Several are also county or district names, so they are noise only when no
    location preposition comes before them ("Turkana raiders" vs "in Turkana").
    """
    res = resources.files("tacitus").joinpath("data", "ethnic_groups.tsv")
    if not res.is_file():
        return frozenset()
    lines = res.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t") if lines else []
    cols = [head.index(c) for c in ("group", "aliases") if c in head]
    out: set[str] = set()
    for line in lines[1:]:
        cells = line.split("\t")
        for c in cols:
            if c < len(cells):
                out.update(fold(a.strip()) for a in cells[c].split("|") if a.strip())
    return frozenset(out)
