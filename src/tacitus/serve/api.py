"""The HTTP API and the web page: ``create_app(db_url, review_token)``.

Reads are open to anyone who can reach the server. Review actions (correct a field,
reject an event, split or merge incidents) need ``Authorization: Bearer <token>``
with the token the server was started with; a server started without one is
read-only (403). Every answer is described in /openapi.json; unknown ids are 404,
bad parameters 422, and a database that fails is 503, never a 500.
"""
from __future__ import annotations

import datetime as dt
import logging
import hmac
import itertools
from contextlib import asynccontextmanager
from dataclasses import replace
from importlib import metadata, resources
from typing import Annotated, Any, Callable, Iterator, Literal, TextIO

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from tacitus.export import DEFAULT_LAYOUT, Layout, event_row, write_csv, write_geojson
from tacitus.serve import acled_api, models
from tacitus.serve.evidence import decisions, place_reason
from tacitus.serve.stores import StorePool
from tacitus.serve.streaming import streamed
from tacitus.store import EventFilter, Store, StoreError, StoreUnavailable, open_store, parse_bbox
from tacitus.types import Event

MAX_PAGE = 1000

Id = Annotated[str, Path(min_length=1, max_length=200)]
ArticleId = Annotated[str, Path(min_length=1, max_length=2000, description="An article id (may be a URL).")]
_Text = Annotated[str | None, Query(max_length=200)]


def event_filter(
    date_from: Annotated[dt.date | None, Query(description="Events on or after this date.")] = None,
    date_to: Annotated[dt.date | None, Query(description="Events on or before this date.")] = None,
    country: _Text = None,
    admin1: _Text = None,
    event_type: _Text = None,
    sub_event_type: _Text = None,
    actor: Annotated[str | None, Query(max_length=200, description="Text within actor1 or actor2.")] = None,
    q: Annotated[str | None, Query(max_length=500, description="Full-text query over notes and articles.")] = None,
    bbox: Annotated[str | None, Query(max_length=200, description="Only events inside WEST,SOUTH,EAST,NORTH "
                                      "(degrees), e.g. 40,-2,42,1.")] = None,
    since: Annotated[int | None, Query(ge=0, le=2**62, description="Only what changed after this change number "
                                       "(a page's `cursor`): new reports and review actions.")] = None,
) -> EventFilter:
    """The same filters as ``tacitus export`` (whole values for the names, any case)."""
    try:
        box = parse_bbox(bbox)
    except ValueError as exc:
        raise _bad_param(("query", "bbox"), str(exc), bbox) from None
    return EventFilter(date_from=date_from, date_to=date_to, country=country, admin1=admin1,
                       event_type=event_type, sub_event_type=sub_event_type, actor=actor, text=q, bbox=box,
                       since=since)


Filters = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Rows skipped (pagination).")]


class CsvResponse(StreamingResponse):
    media_type = "text/csv"


class GeoJsonResponse(StreamingResponse):
    media_type = "application/geo+json"


def _bad_param(where: tuple[str, ...], message: str, value: Any) -> RequestValidationError:
    """A refusal by the store, in the shape of FastAPI's own 422 answers."""
    return RequestValidationError([{"type": "value_error", "loc": where, "msg": message, "input": value}])


def _read(run: Callable[[], Any], filters: EventFilter) -> Any:
    """Run a read; a text query the database refuses is the caller's mistake (422)."""
    try:
        return run()
    except StoreUnavailable:
        raise  # busy or failing: 503, whatever the query
    except StoreError as exc:
        if filters.text is not None:
            raise _bad_param(("query", "q"), str(exc), filters.text) from None
        raise


def _pool(request: Request) -> StorePool:
    return request.app.state.stores


Pool = Annotated[StorePool, Depends(_pool)]
_bearer = HTTPBearer(auto_error=False, description="The review token the server was started with.")


def reviewer_problem(token: str | None, given: str) -> HTTPException | None:
    """Why a write is refused (403 read-only server, 401 missing or wrong token), or
    None for the server's review token (compared in constant time)."""
    if not token:
        return HTTPException(403, "this server is read-only: start it with --review-token to allow review")
    if not hmac.compare_digest(given.encode("utf-8", "replace"), token.encode()):
        return HTTPException(401, "a review needs the header 'Authorization: Bearer <review token>'",
                             headers={"WWW-Authenticate": "Bearer"})
    return None


def require_reviewer(request: Request,
                     credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """Allow a write only with the server's review token."""
    problem = reviewer_problem(request.app.state.review_token, credentials.credentials if credentials else "")
    if problem is not None:
        raise problem


async def _reviewer_first(request: Request, call_next) -> Response:
    """The token is checked before the body is read: without it, a malformed body is a
    401 (or 403), never a 422 that tells a stranger what the API expects."""
    if request.method == "POST" and request.url.path.startswith("/api/"):
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        problem = reviewer_problem(request.app.state.review_token,
                                   given.strip() if scheme.lower() == "bearer" else "")
        if problem is not None:
            return JSONResponse({"detail": problem.detail}, status_code=problem.status_code,
                                headers=problem.headers)
    return await call_next(request)


_ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": models.Problem, "description": "No such id"}}
_WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **_ERRORS,
    400: {"model": models.Problem, "description": "The body is not JSON"},
    401: {"model": models.Problem, "description": "Missing or wrong review token"},
    403: {"model": models.Problem, "description": "The server is read-only (started without a token)"},
}

router = APIRouter()


def _answer(model: type[BaseModel], data: dict[str, Any]) -> Response:
    """The answer checked against its documented model, then serialised by pydantic in
    one pass: FastAPI's generic encoder took most of a page's time."""
    # exclude_unset: the population columns appear only when they were asked for.
    return Response(model.model_validate(data).model_dump_json(exclude_unset=True), media_type="application/json")


@router.get("/api/events", response_model=models.EventPage, tags=["events"])
def list_events(request: Request, pool: Pool, filters: Filters, limit: Limit = 100, offset: Offset = 0,
                columns: acled_api.Columns = "tacitus") -> Response:
    """Events as each article reported them, ordered by date then id, one page at a time."""
    store = pool.store()
    page = replace(filters, limit=limit, offset=offset)
    cursor = store.change_cursor()  # read first: a change made meanwhile is in the next answer too
    layout = acled_api.layout(request, columns)
    items = _read(lambda: acled_api.rows(layout, store.events(page)), filters)
    return _answer(models.EventPage, {"total": _read(lambda: store.count(filters), filters), "items": items,
                                      "cursor": cursor})


@router.get("/api/events/{event_id}", response_model=models.EventDetail, responses=_ERRORS, tags=["events"])
def get_event(event_id: Id, pool: Pool) -> Response:
    """One event (rejected ones too), with its incident and the review actions on it."""
    return _answer(models.EventDetail, _event_detail(pool.store(), event_id))


@router.get("/api/incidents", response_model=models.IncidentPage, tags=["incidents"])
def list_incidents(request: Request, pool: Pool, filters: Filters, limit: Limit = 100, offset: Offset = 0,
                   columns: acled_api.Columns = "tacitus") -> Response:
    """Incidents (one per real event, merged across articles), one page at a time.

    To follow the store, pass the answer's `cursor` as `since` next time: only incidents
    that gained a report or a review action after it come back."""
    store = pool.store()
    page = replace(filters, limit=limit, offset=offset)
    cursor = store.change_cursor()  # read first: a change made meanwhile is in the next answer too
    layout = acled_api.layout(request, columns)
    items = _read(lambda: [_incident(i, layout) for i in store.incidents(page)], filters)
    return _answer(models.IncidentPage, {"total": _read(lambda: store.count_incidents(filters), filters),
                                         "items": items, "cursor": cursor})


@router.get("/api/incidents/{incident_id}", response_model=models.IncidentOut, responses=_ERRORS,
            tags=["incidents"])
def get_incident(incident_id: Id, pool: Pool) -> Response:
    incident = pool.store().incident(incident_id)
    if incident is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return _answer(models.IncidentOut, _incident(incident))


@router.get("/api/articles/{article_id:path}", response_model=models.ArticleView, responses=_ERRORS,
            tags=["articles"])
def get_article(article_id: ArticleId, pool: Pool) -> Response:
    """The article's cleaned text, and for each event coded from it: the evidence spans
    of every field (offsets into that text), why the place was chosen and the rules that
    made, dated, placed, typed and merged it, and why its incident merges several
    reports. All of it as stored when it was coded: nothing is cleaned or placed again.
    An article stored before the cleaned text was kept comes with its text as ingested
    and ``text_as_coded`` false: the spans' offsets do not index that text."""
    store = pool.store()
    article = store.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    as_coded = store.coded_article(article)
    shown = as_coded or article
    events = list(store.events(EventFilter(article_id=article_id, include_rejected=True)))
    return _answer(models.ArticleView, {
        "id": article.id, "title": shown.title, "url": article.url, "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "text": shown.text, "text_as_coded": as_coded is not None,
        "events": [_coded_event(store, e) for e in events]})


def _coded_event(store: Store, event: Event) -> dict[str, Any]:
    """The event with what was decided when it was coded, as stored: nothing is worked out again."""
    incident_id = store.incident_of(event.event_id_cnty)
    incident = store.incident(incident_id) if incident_id else None
    corrected = {c.field for c in store.corrections(event.event_id_cnty)
                 if c.action == "set" and c.event_id == event.event_id_cnty}
    return {"event": event_row(event), "rejected": store.is_rejected(event.event_id_cnty),
            "incident_id": incident_id, "place_reason": place_reason(event, corrected),
            "decisions": decisions(event),
            "incident_explanation": list(incident.explanation) if incident else []}


def _export(pool: StorePool, filters: EventFilter, level: str,
            write: Callable[[Iterator[Event], TextIO, Layout], int], layout: Layout = DEFAULT_LAYOUT,
            include_undated: bool = True) -> Iterator[str]:
    """Stream the export from a store of its own, opened in the writer's thread. The
    first chunk is read before the answer starts, so a query the database refuses is
    still a 422, not a broken download."""
    url = pool.url

    def produce(out: TextIO) -> None:
        with open_store(url, create=False, write=False) as store:
            rows = store.events(filters) if level == "event" else (i.event for i in store.incidents(filters))
            write((e for e in rows if include_undated or e.event_date is not None), out, layout)
    chunks = streamed(produce)
    first = _read(lambda: next(chunks, ""), filters)
    return itertools.chain([first], chunks)


Level = Annotated[Literal["event", "incident"], Query(description="Events as reported, or incidents.")]


@router.get("/events.csv", response_class=CsvResponse, tags=["exports"],
            responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"}})
def export_csv(request: Request, pool: Pool, filters: Filters, level: Level = "event",
               columns: acled_api.Columns = "tacitus", hxl: acled_api.Hxl = False,
               include_undated: acled_api.IncludeUndated = False) -> CsvResponse:
    """Every matching event with a date as CSV, in export column order (streamed)."""
    layout = acled_api.layout(request, columns, hxl)
    return CsvResponse(_export(pool, filters, level, write_csv, layout, include_undated),
                       headers={"Content-Disposition": 'attachment; filename="events.csv"'})


@router.get("/events.geojson", response_class=GeoJsonResponse, tags=["exports"],
            responses={200: {"content": {"application/geo+json": {"schema": {"type": "object"}}},
                             "description": "A GeoJSON FeatureCollection"}})
def export_geojson(pool: Pool, filters: Filters, level: Level = "event") -> GeoJsonResponse:
    """Every matching event with coordinates as a GeoJSON FeatureCollection (streamed)."""
    return GeoJsonResponse(_export(pool, filters, level, write_geojson))


@router.post("/api/events/{event_id}/corrections", response_model=models.EventReviewed,
             responses=_WRITE_ERRORS, tags=["review"], dependencies=[Depends(require_reviewer)])
def correct_event(event_id: Id, body: models.CorrectionIn, pool: Pool) -> dict[str, Any]:
    """Set one field to the reviewer's value; stored as a correction (who, when, the old
    value) and shown in every read and export from then on."""
    store = _require_event(pool.store(write=True), event_id)
    try:
        correction = store.correct(event_id, body.field, body.value, who=body.who, note=body.note)
    except StoreUnavailable:
        raise
    except StoreError as exc:
        raise _bad_param(("body", "value"), str(exc), body.value) from None
    return {"correction": correction.as_dict(), "event": _event_detail(store, event_id)}


@router.post("/api/events/{event_id}/reject", response_model=models.EventReviewed,
             responses=_WRITE_ERRORS, tags=["review"], dependencies=[Depends(require_reviewer)])
def reject_event(event_id: Id, body: models.ReviewIn, pool: Pool) -> dict[str, Any]:
    """Hide the event from lists, incidents and exports (it stays readable by id)."""
    store = _require_event(pool.store(write=True), event_id)
    correction = _review(lambda: store.reject(event_id, who=body.who, note=body.note))
    return {"correction": correction.as_dict(), "event": _event_detail(store, event_id)}


@router.post("/api/incidents/split", response_model=models.IncidentReviewed,
             responses=_WRITE_ERRORS, tags=["review"], dependencies=[Depends(require_reviewer)])
def split_incident(body: models.SplitIn, pool: Pool) -> dict[str, Any]:
    """Take an event out of its incident and keep it out of automatic merges."""
    store = _require_event(pool.store(write=True), body.event_id)
    correction = _review(lambda: store.separate(body.event_id, who=body.who, note=body.note))
    return {"correction": correction.as_dict(), "incident_id": store.incident_of(body.event_id)}


@router.post("/api/incidents/merge", response_model=models.IncidentReviewed,
             responses=_WRITE_ERRORS, tags=["review"], dependencies=[Depends(require_reviewer)])
def merge_incidents(body: models.MergeIn, pool: Pool) -> dict[str, Any]:
    """Merge the incidents of two events, whatever the merge rule says."""
    store = _require_event(_require_event(pool.store(write=True), body.event_id), body.other_event_id)
    correction = _review(lambda: store.join(body.event_id, body.other_event_id, who=body.who, note=body.note))
    return {"correction": correction.as_dict(), "incident_id": store.incident_of(body.event_id)}


def create_app(db_url: str, review_token: str | None) -> FastAPI:
    """The API and the page over the store at ``db_url`` (a SQLite path or a
    postgresql:// URL, which must exist). Raises StoreError when it cannot be opened."""
    with open_store(db_url, create=False, write=bool(review_token)):
        pass  # fail now, with the store's own message, rather than on the first request
    stores = StorePool(db_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        stores.close()

    # No /docs or /redoc: their pages load scripts from a CDN, and nothing here may.
    app = FastAPI(title="Tacitus", version=metadata.version("tacitus"), lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Conflict events coded from news, with the words behind every field.")
    app.state.stores = stores
    app.state.review_token = review_token or None
    app.state.populations = acled_api.Populations()
    app.include_router(router)
    app.add_exception_handler(StoreError, _store_failed)
    app.middleware("http")(_reviewer_first)
    static = resources.files("tacitus.serve").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(str(static.joinpath("index.html")), media_type="text/html")

    return app


async def _store_failed(request: Request, exc: Exception) -> JSONResponse:
    # The details (paths, SQL errors) go to the server's log, not to the client.
    logging.getLogger("tacitus.serve").error("%s %s: %s", request.method, request.url.path, exc)
    return JSONResponse({"detail": "the database failed; see the server's log"}, status_code=503)


def _incident(incident, layout: Layout = DEFAULT_LAYOUT) -> dict[str, Any]:
    return {"incident_id": incident.incident_id, "event": layout.row(incident.event),
            "event_ids": list(incident.event_ids), "article_ids": list(incident.article_ids),
            "explanation": list(incident.explanation)}


def _event_detail(store: Store, event_id: str) -> dict[str, Any]:
    event = store.event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return {"event": event_row(event), "incident_id": store.incident_of(event_id),
            "rejected": store.is_rejected(event_id),
            "corrections": [c.as_dict() for c in store.corrections(event_id)]}


def _require_event(store: Store, event_id: str) -> Store:
    if store.event(event_id) is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return store


def _review(action: Callable[[], Any]) -> Any:
    try:
        return action()
    except StoreUnavailable:
        raise
    except StoreError as exc:
        raise _bad_param(("body",), str(exc), None) from None
