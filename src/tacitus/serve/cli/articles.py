"""`tacitus extract`, `ingest` and `geocode`: code articles, print or store their events."""
from __future__ import annotations

import sys

import click

from tacitus.errors import InputError
from tacitus.serve.cli.common import Progress, coded, db_option, fail, report_outcomes
from tacitus.serve.cli_support import published_date, store_errors
from tacitus.serve.export_options import Dated, acled_options, layout_for


@click.command()
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
    progress = Progress(enabled=True)
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
            fail(item)
            failed = True
            continue
        click.echo(render(pipeline.explain(item)))
    if failed:
        sys.exit(1)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
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
    partitions, coded there, stored here, and merged into incidents while they code and at the end.
    """
    from tacitus.coding import store_coded
    from tacitus.ingest import Overrides, read_inputs
    from tacitus.pipeline import Pipeline
    from tacitus.store import open_store

    overrides = Overrides(published=published, outlet=outlet, url=url)
    if workers is not None or scheduler is not None:
        _ingest_on_cluster(paths, db, overrides, workers, scheduler)
        return
    progress = Progress(enabled=True)
    with store_errors(), open_store(db) as store:
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
    with store_errors():
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


@click.command()
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
