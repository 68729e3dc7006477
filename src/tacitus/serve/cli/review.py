"""`tacitus review`: correct stored events and incidents, and see why they merged."""
from __future__ import annotations

import click

from tacitus.serve.cli.common import db_option, incident_table
from tacitus.serve.cli_support import StoreProblem, follow_ups, store_errors
from tacitus.serve.cli_support import event_id as stored_id


@click.group()
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
@db_option
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

    with store_errors(), open_store(db, create=False) as store:
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

        with store_errors(), open_store(db, create=False) as store:
            event_id = stored_id(store, event_id)
            _show(getattr(store, name)(event_id, who=who, note=note))
            if show_incident:
                click.echo(f"incident: {store.incident_of(event_id)}")

    action.__doc__ = doc
    for decorate in (_NOTE, _WHO, click.argument("event_id"), db_option, review.command(name)):
        action = decorate(action)


_single_event_action("reject", "Hide an event from reads, exports and incidents (undo with `restore`).", False)
_single_event_action("restore", "Show a rejected event again.", True)
_single_event_action("separate", "Take an event out of its incident; it stays apart when new reports arrive.", True)


@review.command("join")
@db_option
@click.argument("event_a")
@click.argument("event_b")
@_WHO
@_NOTE
def review_join(db, event_a, event_b, who, note):
    """Merge the incidents of two events, whatever the merge rule says."""
    from tacitus.store import open_store

    with store_errors(), open_store(db, create=False) as store:
        event_a, event_b = stored_id(store, event_a), stored_id(store, event_b)
        _show(store.join(event_a, event_b, who=who, note=note))
        click.echo(f"incident: {store.incident_of(event_a)}")


@review.command("history")
@db_option
@click.option("--event", "event_id", help="Only the actions on this event.")
def review_history(db, event_id):
    """The review actions, oldest first."""
    from tacitus.store import open_store

    with store_errors(), open_store(db, create=False, write=False) as store:
        for correction in store.corrections(event_id and stored_id(store, event_id)):
            _show(correction)


@review.command("incident")
@db_option
@click.argument("event_or_incident_id")
def review_incident(db, event_or_incident_id):
    """Show an incident (by its id or one of its events' ids) and why it was merged."""
    from tacitus.store import open_store

    with store_errors(), open_store(db, create=False, write=False) as store:
        event_or_incident_id = stored_id(store, event_or_incident_id)
        incident = store.incident(event_or_incident_id) or store.incident(
            store.incident_of(event_or_incident_id) or "")
        if incident is None:
            raise StoreProblem(f"{event_or_incident_id}: no such incident or event")
        click.echo(incident_table([incident]))
        click.echo(f"\nevents: {', '.join(incident.event_ids)}")
        click.echo(f"articles: {', '.join(incident.article_ids)}")
        for line in incident.explanation:
            click.echo(f"  {line}")
