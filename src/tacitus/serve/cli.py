"""The `tacitus` command: a thin layer over the library.

Every command catches Tacitus' own errors and prints one line naming the input; no
traceback reaches the user. Exit codes: 0 all good, 1 some input failed, 2 usage or
resource error, 130 interrupted.
"""
from __future__ import annotations

import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import click

from tacitus.errors import InputError, TacitusError
from tacitus.serve.cli_support import StoreProblem as _StoreProblem, store_errors as _store_errors
from tacitus.serve.cli_support import event_id as stored_id
from tacitus.serve.cli_support import follow_ups, iso_date, published_date, require_free_port
from tacitus.serve.export_options import Dated, acled_options, layout_for
from tacitus.types import Article, Event


_date = iso_date


class _Progress:
    """Progress on stderr: a live line on a terminal, nothing when piped."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.articles = self.events = self.failed = 0
        self.started = time.perf_counter()

    def tick(self, events: int = 0, failed: bool = False) -> None:
        self.articles += 1
        self.events += events
        self.failed += failed
        if self.enabled:
            rate = self.articles / max(time.perf_counter() - self.started, 1e-9)
            sys.stderr.write(f"\r{self.articles} articles, {self.events} events, "
                             f"{self.failed} failed ({rate:.1f} articles/s)")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _fail(item: InputError | str) -> None:
    from tacitus.errors import printable

    click.echo(f"tacitus: {printable(str(item))}", err=True)


def coded(items: Iterable[Article | InputError], pipeline, progress: _Progress) -> Iterator[tuple[Article, tuple[Event, ...]]]:
    """Code each article (tacitus.coding.code_all); a failure is reported and skipped."""
    from tacitus.coding import code_all

    for result in code_all(items, pipeline):
        if result.events is None:
            _fail(result.problem)
            progress.tick(failed=True)
            continue
        progress.tick(len(result.events))
        article = result.item
        assert isinstance(article, Article)  # only an Article is coded: an InputError has no events
        if article.published is None and any(e.event_date is None for e in result.events):
            where = article.origin or article.id
            click.echo(f"tacitus: {where}: no publication date and none in the text: its events are "
                       f"undated (give --published YYYY-MM-DD)", err=True)
        yield article, result.events


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tacitus")
def cli() -> None:
    """Tacitus: conflict news in, auditable ACLED-style event data out."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson"]), default="jsonl",
              show_default=True, help="Output format.")
@click.option("--published", callback=published_date, help="Publication date (YYYY-MM-DD) for text input.")
@click.option("--outlet", help="Outlet name for text input (overrides the page's).")
@click.option("--url", help="URL of the article (overrides the page's).")
@click.option("--show-withheld", is_flag=True,
              help="Also print the events withheld (background, no place, undated, low confidence, ...), "
                   "each with its reason in `withheld`.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Confidence below which events are withheld.")
@click.option("--explain", is_flag=True,
              help="Print, instead of the data, each event with the rules that made, dated, placed, "
                   "typed and withheld it, and each sentence kept out with its rule.")
@acled_options
def extract(paths, fmt, published, outlet, url, show_withheld, min_confidence, explain, columns, hxl,
            include_undated):
    """Code articles into events, printed on stdout.

    PATHS are files, folders or - (stdin): plain text, HTML, RSS/Atom or JSONL,
    detected from content.

    \b
        tacitus extract report.txt --published 2024-05-02 --outlet "Radio Dalsan"
        tacitus extract feed.xml --format csv > events.csv
    """
    from tacitus.export import write
    from tacitus.ingest import Overrides, read_inputs
    from tacitus.pipeline import Pipeline
    from tacitus.settings import Settings

    if explain:
        _explain(paths, Overrides(published=published, outlet=outlet, url=url),
                 Pipeline(Settings(min_confidence=min_confidence, show_withheld=True)))
        return
    pipeline = Pipeline(Settings(min_confidence=min_confidence, show_withheld=show_withheld))
    progress = _Progress(enabled=True)
    layout = layout_for(fmt, columns, hxl)
    items = read_inputs(paths, Overrides(published=published, outlet=outlet, url=url))
    events = Dated((e for _, evs in coded(items, pipeline, progress) for e in evs), include_undated or fmt != "csv")
    try:
        write(events, sys.stdout, fmt, layout)
    finally:
        progress.close()
    events.report()
    if progress.failed:
        sys.exit(1)


def _explain(paths, overrides, pipeline) -> None:
    from tacitus.ingest import read_inputs
    from tacitus.serve.explain import render

    failed = False
    for item in read_inputs(paths, overrides):
        if isinstance(item, InputError):
            _fail(item)
            failed = True
            continue
        click.echo(render(pipeline.explain(item)))
    if failed:
        sys.exit(1)


@cli.command()
@click.option("--db", default="tacitus-demo.db", show_default=True,
              help="Store the coded samples here (SQLite file or postgresql:// URL).")
@click.option("--serve", "then_serve", is_flag=True, help="Then serve the page over them (until Ctrl+C).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port for --serve (on 127.0.0.1).")
def demo(db, then_serve, port):
    """Code the bundled sample articles, store them, and print their incidents.

    The samples go into a SQLite file (re-running skips what is stored), then the
    incidents, the events of all articles merged one per real event, are printed.
    With --serve, the web page and API then serve them, read-only.

    \b
        tacitus demo
        tacitus demo --serve --port 8080
        tacitus export --db tacitus-demo.db --level incident --format csv
    """
    from tacitus.pipeline import Pipeline
    from tacitus.samples import sample_articles
    from tacitus.coding import store_coded
    from tacitus.store import EventFilter, open_store

    if then_serve:  # before coding anything: a busy port is known at once
        require_free_port("127.0.0.1", port, f"make demo PORT={port + 1} (or --port {port + 1})")
    started = time.perf_counter()
    progress = _Progress(enabled=True)
    with _store_errors(), open_store(db) as store:
        try:
            stored, _, failed, _ = report_outcomes(store_coded(sample_articles(), Pipeline(), store), progress)
        finally:
            progress.close()
        incidents = list(store.incidents())
        n_articles, n_events = store.article_count(), store.count(EventFilter())
    click.echo(incident_table(incidents))
    merged = sum(1 for i in incidents if len(i.event_ids) > 1)
    click.echo(f"\n{n_articles} sample articles in {db} ({stored} coded now), {n_events} events, "
               f"{len(incidents)} incidents ({merged} merged from several reports), "
               f"{failed} failed, {time.perf_counter() - started:.1f} s")
    if failed:
        sys.exit(1)
    if then_serve:
        _serve(db, "127.0.0.1", port, None)


def incident_table(incidents) -> str:
    """Incidents as the summary table, with how many reports each merges."""
    table = summary_table([i.event for i in incidents]).splitlines()
    if not table:
        return ""
    counts = ["reports", "-------"] + [str(len(i.event_ids)) for i in incidents]
    return "\n".join(f"{line}  {count}" for line, count in zip(table, counts))


def summary_table(events: list[Event]) -> str:
    """A fixed-width table an analyst can read in a terminal."""
    head = ("date", "sub-event type", "actor 1", "actor 2", "location", "country", "dead")
    rows = [(str(e.event_date or "?"), e.sub_event_type, e.actor1, e.actor2 or "-",
             e.location or "?", e.country or "?",
             "?" if e.fatalities_best is None else str(e.fatalities)) for e in events]
    widths = [min(34, max(len(h), *(len(r[i]) for r in rows))) if rows else len(h) for i, h in enumerate(head)]
    line = lambda cells: "  ".join(c[:w].ljust(w) for c, w in zip(cells, widths))  # noqa: E731
    return "\n".join([line(head), line(tuple("-" * w for w in widths)), *(line(r) for r in rows)])


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--limit", type=click.IntRange(1), help="Only the first N rows of an ACLED file.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON instead of tables.")
@click.option("--floors", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON file of minimum figures; exit 1 when any figure falls below its floor.")
def evaluate(paths, limit, as_json, floors):
    """Score extraction against gold files (*.gold.json) or ACLED CSVs with notes.

    Every figure is printed beside the most-frequent-answer baseline.

    \b
        tacitus evaluate tests/gold
        tacitus evaluate ../shared/fixtures/acled/afghanistan-2020-03.csv --limit 200
    """
    from tacitus.evaluate import evaluate_paths
    from tacitus.pipeline import Pipeline
    from tacitus.scale.progress import Bar, ticking
    from tacitus.settings import Settings

    # The scorers see withheld events too: gold scoring drops them, ACLED scoring reads
    # each note's fields from them and counts only the kept ones as events.
    pipeline = Pipeline(Settings(show_withheld=True))
    with Bar("evaluating") as bar:
        reports = evaluate_paths(list(paths), lambda arts: ticking(pipeline.code_many(arts), bar, len), limit=limit)
    figures = {str(p): r.as_dict() for p, r in zip(paths, reports)}
    if as_json:
        click.echo(json.dumps(figures, indent=1))
    else:
        for path, report in zip(paths, reports):
            click.echo(f"== {path}")
            click.echo(report.render())
    if floors is not None:
        below = check_floors(figures, json.loads(floors.read_text(encoding="utf-8")))
        for line in below:
            click.echo(f"tacitus: below floor: {line}", err=True)
        if below:
            sys.exit(1)


def check_floors(figures: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]) -> list[str]:
    """Figures under their pinned floors, matched by the file name of each evaluated path."""
    by_name = {Path(p).name: f for p, f in figures.items()}
    below = []
    for name, minimums in floors.items():
        got = by_name.get(name)
        if got is None:
            continue
        for key, floor in minimums.items():
            if got.get(key, 0.0) + 1e-9 < floor:
                below.append(f"{name} {key} = {got.get(key, 0.0):.3f} < {floor:.3f}")
    return below


@cli.command()
@click.argument("text")
@click.option("--dateline", default="", help="The article's dateline place, if any.")
def geocode(text, dateline):
    """Show the places found in TEXT, their candidates and why one won.

    \b
        tacitus geocode "Gunmen attacked a bus near Mandera town"
    """
    from tacitus.places.gazetteer import Gazetteer
    from tacitus.places.resolving import geocode as run_geocode

    gaz = Gazetteer.open()
    for rp in run_geocode(text, gaz, dateline=dateline):
        p = rp.place
        click.echo(f"{rp.mention.span.text!r} -> {p.name} ({p.admin1}, {p.country}) "
                   f"geonameid={p.geonameid} lat={p.latitude:.4f} lon={p.longitude:.4f} "
                   f"precision={rp.geo_precision}")
        click.echo(f"    why: {rp.reason}")
        others = [c for c in rp.mention.candidates if c.geonameid != p.geonameid][:5]
        for c in others:
            click.echo(f"    also: {c.name} ({c.admin1}, {c.country}) pop={c.population}")


def _bbox(ctx, param, value: str | None) -> tuple[float, float, float, float] | None:
    from tacitus.store import parse_bbox

    try:
        return parse_bbox(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r}: {exc}") from None


def _filter_options(fn):
    """The event filters shared by `export` and `events`."""
    options = [
        click.option("--date-from", callback=_date, help="Events on or after this date (YYYY-MM-DD)."),
        click.option("--date-to", callback=_date, help="Events on or before this date (YYYY-MM-DD)."),
        click.option("--country", help="Country name, e.g. Kenya (any case)."),
        click.option("--admin1", help="First-level admin unit, e.g. Garissa (any case)."),
        click.option("--event-type", help="ACLED event type, e.g. Battles (any case)."),
        click.option("--sub-event-type", help="ACLED sub-event type, e.g. Armed clash (any case)."),
        click.option("--actor", help="Text found in actor1 or actor2."),
        click.option("--bbox", callback=_bbox, help="Only events inside WEST,SOUTH,EAST,NORTH (degrees)."),
        click.option("--query", "text", help="Full-text query over notes and article text "
                     "(SQLite FTS5 syntax; web-search syntax on PostgreSQL)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


_DB = click.option("--db", required=True, help="SQLite database file, or a postgresql://user@host/db URL.")
_LEVEL = click.option("--level", type=click.Choice(["event", "incident"]), default="event", show_default=True,
                      help="Events as each article reported them, or incidents: one per real event.")


def _filters(limit=None, **given):
    from tacitus.store import EventFilter

    return EventFilter(limit=limit, **given)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_DB
@click.option("--published", callback=published_date, help="Publication date (YYYY-MM-DD) for text input.")
@click.option("--outlet", help="Outlet name for text input (overrides the page's).")
@click.option("--url", help="URL of the article (overrides the page's).")
@click.option("--workers", type=click.IntRange(1), help="Code on a new local Dask cluster of N processes.")
@click.option("--scheduler", help="Code on a running Dask cluster (tcp://HOST:PORT of its scheduler).")
def ingest(paths, db, published, outlet, url, workers, scheduler):
    """Code articles and store them, with their events, in SQLite or PostgreSQL.

    Each article is stored in its own transaction (all its events, and the incidents
    they join, or nothing). Articles already stored (same id or same text) are
    skipped, so re-running is harmless. The database is created on first use.

    \b
        tacitus ingest news/ feed.xml --db events.db
        tacitus ingest report.txt --db events.db --published 2024-03-12 --outlet "Radio X"
        tacitus ingest news/ --db postgresql://tacitus@localhost/events
        tacitus ingest 'archive/*.jsonl' --db events.db --workers 2
        tacitus ingest archive/ --db events.db --scheduler tcp://10.0.0.5:8786

    With --workers or --scheduler, JSONL and Parquet inputs are read by the workers in
    partitions, coded there, stored here, and merged into incidents at the end.
    """
    from tacitus.coding import store_coded
    from tacitus.ingest import Overrides, read_inputs
    from tacitus.pipeline import Pipeline
    from tacitus.store import open_store

    overrides = Overrides(published=published, outlet=outlet, url=url)
    if workers is not None or scheduler is not None:
        _ingest_on_cluster(paths, db, overrides, workers, scheduler)
        return
    progress = _Progress(enabled=True)
    with _store_errors(), open_store(db) as store:
        items = read_inputs(paths, overrides)
        try:
            tally = report_outcomes(store_coded(items, Pipeline(), store), progress)
        finally:
            progress.close()
        _merge_left_pending(store)
    stored, skipped, failed, events_stored = tally
    click.echo(f"{stored} articles stored, {skipped} skipped (already stored), {failed} failed, "
               f"{events_stored} events stored in {db}")
    if failed:
        sys.exit(1)


def _ingest_on_cluster(paths, db: str, overrides, workers: int | None, scheduler: str | None) -> None:
    """``ingest --workers/--scheduler``: code on a Dask cluster (tacitus.scale.run)."""
    from tacitus.scale.run import IngestJob, run_ingest

    if workers is not None and scheduler is not None:
        raise click.UsageError("give --workers (a new local cluster) or --scheduler (a running one), not both")
    if "-" in paths:
        raise click.UsageError("stdin (-) cannot be read by workers: give files")
    with _store_errors():
        tally = run_ingest(IngestJob(tuple(paths), db, overrides, workers=workers or 0, scheduler=scheduler))
    click.echo(tally.summary())
    if tally.failed:
        sys.exit(1)


def _merge_left_pending(store) -> None:
    """Events a killed ``--workers`` run left pending are merged by the next ingest."""
    from tacitus.scale.reduce import merge_pending

    report = merge_pending(store)
    if report.pending:
        click.echo(f"tacitus: merged {report.pending} pending events over {report.buckets} country-weeks", err=True)


def report_outcomes(outcomes, progress: _Progress) -> tuple[int, int, int, int]:
    """Tick progress and report failures of tacitus.coding.store_coded; returns
    (stored, skipped, failed, events stored)."""
    counts = {"stored": 0, "skipped": 0, "failed": 0}
    events = 0
    for outcome in outcomes:
        counts[outcome.status] += 1
        if outcome.status == "failed":
            _fail(outcome.problem)
        if outcome.status != "skipped":
            progress.tick(outcome.events, failed=outcome.status == "failed")
        events += outcome.events
    return counts["stored"], counts["skipped"], counts["failed"], events


@cli.command("export")
@_DB
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "parquet"]), default="jsonl",
              show_default=True, help="Output format (parquet needs --output).")
@_LEVEL
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of stdout (written whole or not at all).")
@_filter_options
@acled_options
def export_events(db, fmt, level, output, columns, hxl, include_undated, **given):
    """Export stored events or incidents (oldest first), streamed from the database.

    ACLED's columns come first, in ACLED's order, then Tacitus' own. At the incident
    level each row is one real event: the sources of all its reports, the most
    conservative death toll, and the spread of the reported tolls in low/high.

    \b
        tacitus export --db events.db --format csv > events.csv
        tacitus export --db events.db --level incident --country Kenya --date-from 2024-01-01
        tacitus export --db events.db --format parquet -o events.parquet --query "bus"
        tacitus export --db events.db --format csv --columns acled-full --hxl > acled.csv
    """
    from tacitus.export import write, write_to_file
    from tacitus.scale.progress import Bar, ticking
    from tacitus.store import open_store

    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet writes a binary file: give --output FILE")
    layout = layout_for(fmt, columns, hxl)
    with _store_errors(), open_store(db, create=False, write=False) as store, \
            Bar(f"exporting {level}s", unit=f"{level}s", counts=()) as bar:
        filters = _filters(**given)
        if bar.enabled:
            bar.set(total=store.count(filters) if level == "event" else store.count_incidents(filters))
        stored = store.events(filters) if level == "event" else (i.event for i in store.incidents(filters))
        rows = Dated(ticking(stored, bar), include_undated or fmt != "csv")
        if output is None:
            write(rows, sys.stdout, fmt, layout)
        else:
            n = write_to_file(rows, output, fmt, layout)
            bar.note(f"{n} {level}s written to {output}")
    rows.report()


@cli.command()
@_DB
@_filter_options
@_LEVEL
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True,
              help="Show at most N rows.")
def events(db, level, limit, **given):
    """Show stored events (or incidents) as a table, oldest first.

    \b
        tacitus events --db events.db --country Somalia --limit 20
        tacitus events --db events.db --level incident --actor "Al Shabaab" --query "roadside"
    """
    from tacitus.store import open_store

    with _store_errors(), open_store(db, create=False, write=False) as store:
        filters = _filters(limit=limit, **given)
        if level == "event":
            shown, total = list(store.events(filters)), store.count(filters)
            table = summary_table(shown)
        else:
            incidents = list(store.incidents(filters))
            shown, total = incidents, store.count_incidents(filters)
            table = incident_table(incidents)
    click.echo(table)
    click.echo(f"\n{len(shown)} of {total} {level}s" + (" (raise --limit to see more)" if total > len(shown) else ""))


@cli.command()
@_DB
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--review-token", envvar="TACITUS_REVIEW_TOKEN", show_envvar=True,
              help="Token that reviewers send to correct, reject, split or merge; without it the server is read-only.")
def serve(db, host, port, review_token):
    """Serve the web page (map, timeline, table, evidence, review) and the HTTP API.

    The API's description is at /openapi.json. Reads are open; review actions need
    the header 'Authorization: Bearer TOKEN'.

    \b
        tacitus serve --db tacitus-demo.db
        TACITUS_REVIEW_TOKEN=s3cret tacitus serve --db events.db --port 8080
    """
    _serve(db, host, port, review_token)


def _serve(db: str, host: str, port: int, review_token: str | None) -> None:
    import uvicorn

    from tacitus.serve.api import create_app

    with _store_errors():
        app = create_app(db, review_token)
    mode = "review enabled" if review_token else "read-only"
    click.echo(f"Tacitus: serving {db} at http://{host}:{port}/ ({mode}); Ctrl+C stops", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.group()
def review() -> None:
    """Correct stored events and incidents; every action is kept with who made it.

    \b
        tacitus review correct --db events.db KEN-919447D3E8 fatalities 3 --who amina
        tacitus review separate --db events.db KEN-4C1E0B7A52 --who amina --note "another attack"
        tacitus review history --db events.db
    """


_WHO = click.option("--who", required=True, help="The reviewer's name, stored with the action.")
_NOTE = click.option("--note", default="", help="Why (stored with the action).")


def _show(correction) -> None:
    c = correction
    what = {"set": f"{c.field}: {c.old_value!r} -> {c.value!r}", "join": f"joined with {c.value}"}.get(c.action, c.action)
    click.echo(f"#{c.correction_id} {c.at} {c.who}: {c.event_id} {what}" + (f" ({c.note})" if c.note else ""))


@review.command("correct")
@_DB
@click.argument("event_id")
@click.argument("field")
@click.argument("value")
@_WHO
@_NOTE
@click.option("--with-actors", is_flag=True,
              help="With a type correction: also set the actors and inter codes ACLED's rules call for.")
def review_correct(db, event_id, field, value, who, note, with_actors):
    """Set FIELD of an event to VALUE (fields: event_type, sub_event_type, actor1, actor2,
    inter1, inter2, event_date, fatalities, location, latitude, longitude, admin1).
    IDs are as `tacitus events` and exports show them, in any case.

    \b
        tacitus review correct --db events.db KEN-919447D3E8 fatalities 3 --who amina
        tacitus review correct --db events.db KEN-919447D3E8 sub_event_type "Peaceful protest" --who amina --with-actors
    """
    from tacitus.store import open_store

    with _store_errors(), open_store(db, create=False) as store:
        event_id = stored_id(store, event_id)
        _show(store.correct(event_id, field, value, who=who, note=note))
        if field in ("event_type", "sub_event_type"):
            for line in follow_ups(store, event_id, db, who, with_actors):
                click.echo(line)
        click.echo(f"incident: {store.incident_of(event_id)}")


def _single_event_action(name: str, doc: str, show_incident: bool) -> None:
    """Register `review NAME EVENT_ID --who … [--note …]` calling the store's method NAME."""

    def action(db, event_id, who, note):
        from tacitus.store import open_store

        with _store_errors(), open_store(db, create=False) as store:
            event_id = stored_id(store, event_id)
            _show(getattr(store, name)(event_id, who=who, note=note))
            if show_incident:
                click.echo(f"incident: {store.incident_of(event_id)}")

    action.__doc__ = doc
    for decorate in (_NOTE, _WHO, click.argument("event_id"), _DB, review.command(name)):
        action = decorate(action)


_single_event_action("reject", "Hide an event from reads, exports and incidents (undo with `restore`).", False)
_single_event_action("restore", "Show a rejected event again.", True)
_single_event_action("separate", "Take an event out of its incident; it stays apart when new reports arrive.", True)


@review.command("join")
@_DB
@click.argument("event_a")
@click.argument("event_b")
@_WHO
@_NOTE
def review_join(db, event_a, event_b, who, note):
    """Merge the incidents of two events, whatever the merge rule says."""
    from tacitus.store import open_store

    with _store_errors(), open_store(db, create=False) as store:
        event_a, event_b = stored_id(store, event_a), stored_id(store, event_b)
        _show(store.join(event_a, event_b, who=who, note=note))
        click.echo(f"incident: {store.incident_of(event_a)}")


@review.command("history")
@_DB
@click.option("--event", "event_id", help="Only the actions on this event.")
def review_history(db, event_id):
    """The review actions, oldest first."""
    from tacitus.store import open_store

    with _store_errors(), open_store(db, create=False, write=False) as store:
        for correction in store.corrections(event_id and stored_id(store, event_id)):
            _show(correction)


@review.command("incident")
@_DB
@click.argument("event_or_incident_id")
def review_incident(db, event_or_incident_id):
    """Show an incident (by its id or one of its events' ids) and why it was merged."""
    from tacitus.store import open_store

    with _store_errors(), open_store(db, create=False, write=False) as store:
        event_or_incident_id = stored_id(store, event_or_incident_id)
        incident = store.incident(event_or_incident_id) or store.incident(
            store.incident_of(event_or_incident_id) or "")
        if incident is None:
            raise _StoreProblem(f"{event_or_incident_id}: no such incident or event")
        click.echo(incident_table([incident]))
        click.echo(f"\nevents: {', '.join(incident.event_ids)}")
        click.echo(f"articles: {', '.join(incident.article_ids)}")
        for line in incident.explanation:
            click.echo(f"  {line}")


# `watch` and `feeds` live with the watcher (tacitus.watch.commands).
from tacitus.watch.commands import feeds as _feeds, watch as _watch  # noqa: E402

cli.add_command(_watch)
cli.add_command(_feeds)

def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("tacitus: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except TacitusError as exc:
        click.echo(f"tacitus: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("tacitus: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
