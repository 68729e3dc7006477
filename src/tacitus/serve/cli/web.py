"""`tacitus serve` and `demo`: the web page and API, over a store or the bundled samples."""
from __future__ import annotations

import sys
import time

import click

from tacitus.serve.cli.common import Progress, db_option, incident_table, report_outcomes
from tacitus.serve.cli_support import require_free_port, store_errors


@click.command()
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
    progress = Progress(enabled=True)
    with store_errors(), open_store(db) as store:
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


@click.command()
@db_option
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

    with store_errors():
        app = create_app(db, review_token)
    mode = "review enabled" if review_token else "read-only"
    click.echo(f"Tacitus: serving {db} at http://{host}:{port}/ ({mode}); Ctrl+C stops", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
