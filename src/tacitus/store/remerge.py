"""Re-merging the incidents one write touches, in a neighbourhood bounded in time.

The incident of an event depends only on the events within ``REACH_DAYS`` of it
(tacitus.merge), so a write never re-merges more than the days around what it changed:

* *anchors*: the events written (or corrected, rejected, separated, joined), every
  event sharing an incident with one of them, and the events a reviewer joined to them;
* *zone*: the days within one day of an anchor: the incidents holding an event of
  these days may change (a corrected event's old neighbours are anchors too);
* *window*: the days within ``REACH_DAYS`` of the zone's anchors: the events there that
  the rule links, directly or through others, to the anchors are read and merged.

Only the merged incidents holding an event of the zone (or an anchor) are written, with
every old incident they replace; the cost per write is the number of reports in a week
around it at that place, never the size of the store.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from tacitus.merge import NEAR_KM, REACH_DAYS, Incident, link, merge
from tacitus.store.rows import INCIDENT_COLUMNS, event_from_row, incident_to_row
from tacitus.types import Event



def remerge(conn, seeds: Iterable[str], known: Mapping[str, Event] = {},
            before: Iterable[Event] = ()) -> None:
    """Re-merge the incidents around ``seeds`` (inside the caller's transaction).
    ``known`` are events just written (saves reading them back); ``before`` are events
    as they were before a correction: the reports they were linked to are seeds too."""
    # Each event read is decoded once: a busy day's events are each other's candidates.
    cache: dict[str, Event | None] = dict(known)

    def decoded(row: Mapping[str, Any]) -> Event:
        event = cache.get(row["event_id_cnty"])
        if event is None:
            event = cache[row["event_id_cnty"]] = event_from_row(row)
        return event

    def get(event_id: str) -> Event | None:
        if event_id not in cache:
            rows = conn.execute("SELECT * FROM events WHERE event_id_cnty = ?", (event_id,))
            cache[event_id] = decoded(rows[0]) if rows else None
        return cache[event_id]

    seeds = set(seeds) | {other.event_id_cnty for old in before if old.event_date is not None
                          for other in _candidates(conn, old, decoded) if link(old, other)}
    anchors = _closure(conn, seeds, get)
    days = {e.event_date for e in map(get, anchors) if e is not None and e.event_date is not None}
    zone = {_shift(d, k) for d in days for k in range(-1, 2)}
    window = {_shift(d, k) for d in days for k in range(-REACH_DAYS, REACH_DAYS + 1)}
    gathered = _gather(conn, anchors, window, get, decoded)
    ids = sorted(gathered)
    rejected = set(_column(conn, "SELECT event_id AS v FROM rejected_events WHERE event_id IN ({})", ids))
    live = {i: e for i, e in gathered.items() if i not in rejected}
    apart, joined = overrides(conn, sorted(live))
    fresh = merge(live.values(), apart=apart, joined=joined)
    incident_of = {event_id: inc for inc in fresh for event_id in inc.event_ids}

    # The new incidents to write: those holding a zone event or an anchor, then those
    # holding a member of an old incident they replace, until nothing is left orphaned.
    chosen = {inc.incident_id: inc for inc in fresh
              if anchors.intersection(inc.event_ids)
              or any(live[i].event_date in zone for i in inc.event_ids)}
    replaced: set[str] = set()
    while True:
        members = {i for inc in chosen.values() for i in inc.event_ids} | anchors
        old = set(_column(conn, "SELECT DISTINCT incident_id AS v FROM incident_events WHERE event_id IN ({})",
                          sorted(members))) - replaced
        if not old:
            break
        replaced |= old
        orphans = _column(conn, "SELECT event_id AS v FROM incident_events WHERE incident_id IN ({})", sorted(old))
        for event_id in orphans:
            inc = incident_of.get(event_id)
            if inc is not None:
                chosen.setdefault(inc.incident_id, inc)
    for chunk in _chunks(sorted(replaced)):
        conn.execute(f"DELETE FROM incident_events WHERE incident_id IN ({_marks(chunk)})", chunk)
        conn.execute(f"DELETE FROM incidents WHERE event_id_cnty IN ({_marks(chunk)})", chunk)
    write_incidents(conn, (chosen[k] for k in sorted(chosen)))


def write_incidents(conn, incidents: Iterable[Incident]) -> None:
    insert = f"INSERT INTO incidents ({', '.join(INCIDENT_COLUMNS)}) VALUES ({_marks(INCIDENT_COLUMNS)})"
    for inc in incidents:
        values = incident_to_row(inc)
        conn.execute(insert, [values[c] for c in INCIDENT_COLUMNS])
        for event_id in inc.event_ids:
            conn.execute("INSERT INTO incident_events (event_id, incident_id) VALUES (?, ?)",
                         (event_id, inc.incident_id))


def _closure(conn, seeds: Iterable[str], get) -> set[str]:
    """The seeds, the events sharing an incident with them and those a reviewer joined
    to them, repeatedly (an incident is bounded; joins are few)."""
    found: set[str] = set()
    todo = sorted(set(seeds))
    while todo:
        event_id = todo.pop()
        if event_id in found or get(event_id) is None:
            continue
        found.add(event_id)
        todo.extend(r for r in _bound(conn, event_id) if r not in found)
    return found


def _bound(conn, event_id: str) -> list[str]:
    """Events in this event's incident, and those a reviewer joined to it."""
    return [r["ref"] for r in conn.execute(
        "SELECT event_id AS ref FROM incident_events WHERE incident_id IN "
        "(SELECT incident_id FROM incident_events WHERE event_id = ?) "
        "UNION SELECT value AS ref FROM corrections WHERE action = 'join' AND event_id = ? "
        "UNION SELECT event_id AS ref FROM corrections WHERE action = 'join' AND value = ?",
        (event_id, event_id, event_id))]


def _gather(conn, anchors: set[str], window: set[dt.date], get, decoded) -> dict[str, Event]:
    """The anchors and every event inside the window linked to them, directly or through
    others, with the events bound to each (its incident's, a reviewer's joins)."""
    found: dict[str, Event] = {}
    todo = sorted(anchors)
    while todo:
        event_id = todo.pop()
        if event_id in found:
            continue
        event = get(event_id)
        if event is None:
            continue
        found[event_id] = event
        todo.extend(r for r in _bound(conn, event_id) if r not in found)
        if event.event_date is None or event.event_date not in window:
            continue
        for other in _candidates(conn, event, decoded):
            if other.event_id_cnty not in found and other.event_date in window and link(event, other):
                todo.append(other.event_id_cnty)
    return found


def _candidates(conn, event: Event, decoded: Callable[[Mapping[str, Any]], Event]) -> Iterator[Event]:
    """Events the rule could link to this one: same country, a day either way, and the
    same place or inside a box a little larger than the link's distance (each row made an
    Event by ``decoded``)."""
    day = event.event_date
    assert day is not None  # _gather asks only for dated events
    lat, lon = event.latitude or 0.0, event.longitude or 0.0
    dlat = NEAR_KM / 110.0 * 1.05
    dlon = min(180.0, dlat / max(math.cos(math.radians(lat)), 0.01))
    rows = conn.execute(
        "SELECT * FROM events WHERE country = ? AND event_date BETWEEN ? AND ? AND event_id_cnty <> ? "
        "AND (geonameid = ? OR (latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?))",
        (event.country, _shift(day, -1).isoformat(), _shift(day, 1).isoformat(),
         event.event_id_cnty, event.geonameid, lat - dlat, lat + dlat, lon - dlon, lon + dlon))
    return (decoded(row) for row in rows)


# A reviewer's separations and joins naming these events: by the separated or joining
# event (index corrections_event), or by the joined one (the partial index
# corrections_value; a separation names no other event). One OR over both columns
# would read the whole audit trail on SQLite for every article stored.
_OVERRIDES = ("SELECT correction_id, event_id, action, value FROM corrections "
              "WHERE event_id IN ({0}) AND action IN ('separate', 'join') "
              "UNION SELECT correction_id, event_id, action, value FROM corrections "
              "WHERE value IN ({0}) AND action = 'join'")


def overrides(conn, event_ids: list[str]) -> tuple[set[str], list[tuple[str, str]]]:
    """Reviewers' separations and joins touching these events, replayed in order: a
    separation cancels the joins made before it; a later join holds again."""
    rows: dict[int, Mapping[str, Any]] = {}
    for chunk in _chunks(event_ids):
        for r in conn.execute(_OVERRIDES.format(_marks(chunk)), [*chunk, *chunk]):
            rows[r["correction_id"]] = r
    apart: set[str] = set()
    joined: list[tuple[str, str]] = []
    for _, r in sorted(rows.items()):
        if r["action"] == "separate":
            apart.add(r["event_id"])
            joined = [pair for pair in joined if r["event_id"] not in pair]
        else:
            joined.append((r["event_id"], r["value"]))
    return apart, joined


def _column(conn, sql: str, values: Sequence[str]) -> list[str]:
    """One column of a query whose ``{}`` is an IN list of ``values``, run in chunks."""
    out: list[str] = []
    for chunk in _chunks(values):
        out += [r["v"] for r in conn.execute(sql.format(_marks(chunk)), chunk)]
    return out


def _shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held at the calendar's ends (year 1 and 9999)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def _chunks(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]
