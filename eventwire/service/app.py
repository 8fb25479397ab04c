"""The FastAPI application behind ``eventwire serve``: :func:`create_app` and :func:`serve`.

Read-only over one output folder's ``eventwire.duckdb`` (see :mod:`.db`); ``POST /code``
codes posted articles with the library call and writes nothing.  Every route and model
is in the OpenAPI document (``/openapi.json``, browsable at ``/docs``).

Errors: a malformed body or a parameter of the wrong type or out of range is a 422 with
FastAPI's field-by-field ``detail``; a body over the limit a 413 (before it is read
whole, :mod:`.limits`); an unknown id a 404; a story endpoint or filter on a folder that
was not reconciled a 404 / 422 saying to run ``eventwire reconcile``.
"""
from __future__ import annotations

import csv
import io
import json
import threading
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from fastapi import Body, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from pydantic import StringConstraints

from .. import __version__
from ..report import ReportInputError, render_report
from .coding import code_articles, warm_up
from .db import NOT_RECONCILED, Database, NotReconciled
from .limits import BodyLimitMiddleware
from .queries import (
    ACTOR_ORDERS,
    EVENT_ORDERS,
    BadRequest,
    EventFilter,
    get_event,
    list_actors,
    list_events,
    stats,
)
from .schemas import (
    MAX_ARTICLES,
    ActorPage,
    ArticleIn,
    CodeResponse,
    Error,
    EventDetail,
    EventPage,
    EventType,
    Health,
    Modality,
    Stats,
    StoryDetail,
    StoryPage,
)
from .stories import STORY_ORDERS, get_story, list_stories

#: default request-body limit: room for a full POST /code batch of long articles
DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024
#: the longest offending input a 422 repeats back (in characters of its repr)
MAX_ECHO = 500
#: the page file ``GET /report`` serves when the folder has one
REPORT_FILE = "report.html"

Short = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Code = Annotated[str, StringConstraints(min_length=1, max_length=16)]

#: flat CSV columns of ``GET /events`` (actor lists joined with '; ')
CSV_COLUMNS: tuple[str, ...] = (
    "id", "doc_id", "event_type", "mode", "context", "source_country", "source_sector", "source", "target_country",
    "target_sector", "target", "event_date", "date_precision", "negated", "modality", "attribution", "sentence",
    "sentence_index", "char_start", "char_end", "trigger", "trigger_start", "trigger_end", "rules", "confidence",
    "place_name", "place_country", "lat", "lon", "time_text", "story_date", "publisher", "dead", "injured", "size",
)

ERRORS: dict[int | str, dict[str, Any]] = {422: {"model": Error, "description": "invalid parameters"}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Error, "description": "unknown id"}, **ERRORS}


def _csv(items: list[dict[str, Any]]) -> str:
    def cell(ev: dict[str, Any], col: str) -> Any:
        if col in ("source", "target"):
            return "; ".join(a.get("name") or a.get("text") or "" for a in ev.get(col) or [])
        if col in ("source_country", "source_sector", "target_country", "target_sector"):
            role, key = col.split("_")
            actors = ev.get(role) or []
            return actors[0].get(key) if actors else None
        if col in ("context", "rules"):
            return "; ".join(ev.get(col) or [])
        if col in ("place_name", "place_country", "lat", "lon"):
            place = ev.get("place") or {}
            return place.get({"place_name": "name", "place_country": "country"}.get(col, col))
        if col == "attribution":
            a = ev.get("attribution")
            return (a.get("name") or a.get("text")) if a else None
        value = ev.get(col)
        return str(value).lower() if isinstance(value, bool) else value

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for ev in items:
        writer.writerow(["" if (v := cell(ev, c)) is None else v for c in CSV_COLUMNS])
    return buf.getvalue()


def _validation_error(_: Request, exc: RequestValidationError) -> Response:
    """422 with FastAPI's field-by-field errors; a long offending input is not echoed back, and
    the body is ASCII-escaped JSON so that any string (a lone surrogate too) can be sent."""
    errors = []
    for err in exc.errors():
        err = dict(err)
        if len(repr(err.get("input"))) > MAX_ECHO:
            err["input"] = f"(omitted: {len(repr(err['input'])):,} characters)"
        errors.append(err)
    body = json.dumps({"detail": jsonable_encoder(errors)}, ensure_ascii=True, default=str)
    return Response(body, status_code=422, media_type="application/json")


def create_app(out_dir: str | Path, *, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES, warm: bool = False) -> FastAPI:
    """The service over one output folder.

    Args:
        out_dir (str | Path): an ``eventwire code`` output folder with ``eventwire.duckdb``.
        max_body_bytes (int): the largest request body accepted (413 beyond).
        warm (bool): load the coder's models in a background thread at start-up, so the
            first ``POST /code`` does not pay for it.

    RETURNS (FastAPI): the application (serve it with uvicorn, or test it with TestClient).

    Raises:
        NoDatabase: the folder has no ``eventwire.duckdb``.
    """
    db = Database(out_dir)
    report_cache: dict[str, Any] = {}
    report_lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        if warm:
            threading.Thread(target=warm_up, name="eventwire-warm-up", daemon=True).start()
        yield
        db.close()

    app = FastAPI(title="eventwire", version=__version__, lifespan=lifespan,
                  description="Coded PLOVER events of one eventwire output folder (read-only), and coding of "
                              "posted articles. Events are the records of events.jsonl.")
    app.state.db = db
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)

    @app.get("/", include_in_schema=False)
    def index() -> RedirectResponse:
        return RedirectResponse("/docs")

    @app.get("/health", response_model=Health, summary="Liveness and what is served")
    def health() -> dict[str, Any]:
        return {"status": "ok", "database": db.path.name, "events": db.scalar("SELECT count(*) FROM events"),
                "reconciled": db.reconciled, "report_renderer": True}

    @app.get("/events", response_model=EventPage, responses={**ERRORS, 200: {"content": {"text/csv": {}}}},
             summary="Events, filtered and paged (JSON, or CSV with Accept: text/csv)")
    def events(
        request: Request,
        event_type: Annotated[Optional[list[EventType]], Query(max_length=16, description="PLOVER event types")] = None,
        source_country: Annotated[Optional[list[Code]], Query(max_length=50, description="ISO3 / IGO code of a source actor")] = None,
        target_country: Annotated[Optional[list[Code]], Query(max_length=50, description="ISO3 / IGO code of a target actor")] = None,
        actor: Annotated[Optional[Short], Query(description="text in a source or target actor's words or name, or its code")] = None,
        date_from: Annotated[Optional[date], Query(description="event_date on or after (partial dates: overlap)")] = None,
        date_to: Annotated[Optional[date], Query(description="event_date on or before (partial dates: overlap)")] = None,
        story_id: Annotated[Optional[Short], Query(description="events of one story (reconciled folders)")] = None,
        outlet: Annotated[Optional[list[Short]], Query(max_length=50, description="publisher (case-insensitive)")] = None,
        min_outlets: Annotated[Optional[int], Query(ge=1, le=100_000, description="story event reported by at least "
                                                    "this many independent outlets (reconciled folders)")] = None,
        negated: Annotated[Optional[bool], Query()] = None,
        modality: Annotated[Optional[list[Modality]], Query(max_length=8)] = None,
        doc_id: Annotated[Optional[list[Short]], Query(max_length=100)] = None,
        order: Annotated[Literal[tuple(EVENT_ORDERS)], Query(description="file order or by event date")] = "file",  # type: ignore[valid-type]
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
        cursor: Annotated[Optional[str], Query(min_length=1, max_length=500, description="next_cursor of the previous page")] = None,
        format: Annotated[Optional[Literal["json", "csv"]], Query(description="overrides the Accept header")] = None,
    ) -> Response:
        if date_from is not None and date_to is not None and date_from > date_to:
            raise HTTPException(422, f"date_from ({date_from}) is after date_to ({date_to})")
        f = EventFilter(event_type=event_type or [], source_country=source_country or [],
                        target_country=target_country or [], actor=actor, date_from=date_from, date_to=date_to,
                        story_id=story_id, outlet=outlet or [], min_outlets=min_outlets, negated=negated,
                        modality=modality or [], doc_id=doc_id or [])
        try:
            page = list_events(db, f, order=order, limit=limit, offset=offset, cursor=cursor)
        except (BadRequest, NotReconciled) as exc:
            raise HTTPException(422, str(exc)) from exc
        as_csv = format == "csv" or (format is None and "text/csv" in request.headers.get("accept", ""))
        if as_csv:
            headers = {"X-Total-Count": str(page["total"])}
            if page["next_cursor"]:
                headers["X-Next-Cursor"] = page["next_cursor"]
            items = [json.loads(item) for item in page["items_json"]]
            return Response(_csv(items), media_type="text/csv; charset=utf-8", headers=headers)
        # the events are JSON texts made by DuckDB (the EventOut records): spliced, not re-encoded
        tail = json.dumps({k: page[k] for k in ("total", "limit", "offset", "next_cursor")})
        body = '{"items":[' + ",".join(page["items_json"]) + "]," + tail[1:]
        return Response(body, media_type="application/json")

    @app.get("/events/{event_id}", response_model=EventDetail, responses=NOT_FOUND,
             summary="One event with its provenance: sentence, offsets, trigger, rule, article")
    def event(event_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
        found = get_event(db, event_id)
        if found is None:
            raise HTTPException(404, f"no event with id {event_id!r}")
        return found

    @app.get("/stories", response_model=StoryPage, responses=NOT_FOUND, summary="Stories (reconciled folders)")
    def stories(
        q: Annotated[Optional[Short], Query(description="text in the story's title")] = None,
        outlet: Annotated[Optional[Short], Query(description="an outlet that covered the story")] = None,
        min_outlets: Annotated[Optional[int], Query(ge=1, le=100_000)] = None,
        order: Annotated[Literal[tuple(STORY_ORDERS)], Query()] = "first_published",  # type: ignore[valid-type]
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
    ) -> dict[str, Any]:
        try:
            return list_stories(db, q=q, outlet=outlet, min_outlets=min_outlets, order=order, limit=limit,
                                offset=offset)
        except NotReconciled as exc:
            raise HTTPException(404, NOT_RECONCILED) from exc

    @app.get("/stories/{story_id}", response_model=StoryDetail, responses=NOT_FOUND,
             summary="One story: its articles, story events with their reports, and conflicts")
    def story(story_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
        try:
            found = get_story(db, story_id)
        except NotReconciled as exc:
            raise HTTPException(404, NOT_RECONCILED) from exc
        if found is None:
            raise HTTPException(404, f"no story with id {story_id!r}")
        return found

    @app.get("/actors", response_model=ActorPage, responses=ERRORS, summary="Canonical actors and their counts")
    def actors(
        q: Annotated[Optional[Short], Query(description="text in the actor's words or name")] = None,
        country: Annotated[Optional[list[Code]], Query(max_length=50)] = None,
        role: Annotated[Optional[Literal["source", "target", "attribution"]], Query()] = None,
        order: Annotated[Literal[tuple(ACTOR_ORDERS)], Query()] = "-events",  # type: ignore[valid-type]
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
    ) -> dict[str, Any]:
        return list_actors(db, q=q, country=country, role=role, order=order, limit=limit, offset=offset)

    @app.get("/stats", response_model=Stats, summary="Counts: documents, events by type, outlets, dates, stories")
    def get_stats() -> dict[str, Any]:
        return stats(db)

    @app.get("/report", response_class=HTMLResponse, responses={404: {"model": Error}},
             summary="The folder's HTML report (report.html, or rendered on demand)")
    def report() -> Response:
        page = db.out_dir / REPORT_FILE
        if page.is_file():
            return FileResponse(page, media_type="text/html")
        with report_lock:  # render once per database file version
            key = f"{db.path.stat().st_mtime_ns}"
            if report_cache.get("key") != key:
                try:
                    report_cache.update(key=key, html=render_report(db.out_dir))
                except ReportInputError as exc:
                    raise HTTPException(404, f"no {REPORT_FILE} in the served folder and it cannot be rendered "
                                             f"({exc}); run eventwire report DIR") from exc
            html = report_cache["html"]
        return HTMLResponse(html)

    @app.post("/code", response_model=CodeResponse, responses={413: {"model": Error}, **ERRORS},
              summary=f"Code posted articles (at most {MAX_ARTICLES}; nothing is written)")
    async def code(
        articles: Annotated[list[ArticleIn], Body(max_length=MAX_ARTICLES,
                                                  description="articles: text or html plus metadata")],
    ) -> dict[str, Any]:
        items = []
        seen: set[str] = set()
        for n, a in enumerate(articles, 1):
            doc_id = a.id or f"text-{n}"
            if doc_id in seen:
                raise HTTPException(422, f"article ids must be unique: {doc_id!r} appears twice")
            seen.add(doc_id)
            items.append({"id": doc_id, "text": a.text, "html": a.html, "title": a.title,
                          "published": a.published, "outlet": a.outlet, "url": a.url})
        return await run_in_threadpool(code_articles, items)

    return app


def serve(out_dir: str | Path, *, host: str = "127.0.0.1", port: int = 8000,
          max_body_bytes: int = DEFAULT_MAX_BODY_BYTES, warm: bool = True, log_level: str = "info") -> None:
    """Serve ``out_dir`` with uvicorn until interrupted (what ``eventwire serve`` does)."""
    import uvicorn

    uvicorn.run(create_app(out_dir, max_body_bytes=max_body_bytes, warm=warm), host=host, port=port,
                log_level=log_level)
