"""The `tacitus` command: a thin layer over the library.

Every command catches Tacitus' own errors and prints one line naming the input; no
traceback reaches the user. Exit codes: 0 all good, 1 some input failed, 2 usage or
resource error, 130 interrupted.

The commands live by family: ``articles`` (extract, ingest, geocode), ``stored`` (export,
events), ``review``, ``web`` (serve, demo), ``evaluating`` (evaluate), and what they
share in ``common``; ``watch`` and ``feeds`` live with the watcher (tacitus.watch.commands).
"""
from __future__ import annotations

import sys

import click

from tacitus.errors import TacitusError
from tacitus.serve.cli.articles import extract, geocode, ingest
from tacitus.serve.cli.evaluating import evaluate
from tacitus.serve.cli.review import review
from tacitus.serve.cli.stored import events, export_events
from tacitus.serve.cli.web import demo, serve
from tacitus.watch.commands import feeds, watch


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tacitus")
def cli() -> None:
    """Tacitus: conflict news in, auditable ACLED-style event data out."""


for command in (extract, ingest, geocode, export_events, events, review, serve, demo, evaluate, watch, feeds):
    cli.add_command(command)


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
