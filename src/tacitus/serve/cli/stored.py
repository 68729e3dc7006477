"""`tacitus export` and `events`: read stored events or incidents, with the same filters."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from tacitus.serve.cli.common import db_option, incident_table, summary_table
from tacitus.serve.cli_support import iso_date, store_errors
from tacitus.serve.export_options import Dated, acled_options, layout_for


_date = iso_date


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



_LEVEL = click.option("--level", type=click.Choice(["event", "incident"]), default="event", show_default=True,
                      help="Events as each article reported them, or incidents: one per real event.")


def _filters(limit=None, **given):
    from tacitus.store import EventFilter

    return EventFilter(limit=limit, **given)


@click.command("export")
@db_option
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
    with store_errors(), open_store(db, create=False, write=False) as store, \
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


@click.command()
@db_option
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

    with store_errors(), open_store(db, create=False, write=False) as store:
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
