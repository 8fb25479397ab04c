"""The service's queries over the ``events``, ``articles`` and ``actors`` tables.

Every query is parameterised: request values only ever travel as bound parameters.  The
SQL text is assembled from fixed fragments of this module, column names read from the
database's own layout and a count of ``?`` placeholders; sort orders are chosen from the
whitelists :data:`EVENT_ORDERS` and :data:`ACTOR_ORDERS`.

Events are paged with an opaque cursor (keyset pagination: stable whatever is inserted
in between, and as fast on the last page as on the first) or with an offset.
"""
from __future__ import annotations

import base64
import binascii
import datetime as _dt
import json
from dataclasses import dataclass, field
from typing import Any, Optional

from .db import Database, NotReconciled

#: ``order`` values of ``GET /events``: file order (that of ``events.jsonl``), or by event date
EVENT_ORDERS: dict[str, str] = {
    "file": "e.rowid",
    "date": "coalesce(e.event_date, '') ASC, e.rowid",
    "-date": "coalesce(e.event_date, '') DESC, e.rowid",
}

#: ``order`` values of ``GET /actors``
ACTOR_ORDERS: dict[str, str] = {
    "-events": "n_events DESC, country NULLS LAST, name NULLS LAST",
    "-mentions": "n_mentions DESC, country NULLS LAST, name NULLS LAST",
    "name": "name NULLS LAST, country NULLS LAST",
    "country": "country NULLS LAST, name NULLS LAST",
}

#: the article fields an event's provenance carries
ARTICLE_FIELDS: tuple[str, ...] = ("doc_id", "title", "outlet", "published", "url", "story_id", "duplicate_of")


class BadRequest(ValueError):
    """A request the database can answer only with a 4xx (its message says why)."""


def _q(name: str) -> str:
    """A quoted SQL identifier (names come from the database's own layout)."""
    return '"' + name.replace('"', '""') + '"'


def _placeholders(values: list) -> str:
    return ", ".join("?" for _ in values)


# --------------------------------------------------------------------------- cursors

def encode_cursor(order: str, key: list) -> str:
    """An opaque cursor for the row after ``key`` in ``order``."""
    raw = json.dumps({"o": order, "k": key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, order: str) -> list:
    """The key of a cursor made by :func:`encode_cursor` for ``order``.

    Raises:
        BadRequest: the cursor is malformed or belongs to another order.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        key = data["k"]
        ok = (isinstance(data, dict) and isinstance(key, list) and key and isinstance(key[-1], int)
              and not isinstance(key[-1], bool) and 0 <= key[-1] < 2**63
              and all(isinstance(k, str) for k in key[:-1]))
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
        ok = False
    if not ok:
        raise BadRequest("invalid cursor: pass the next_cursor value of a previous page unchanged")
    if data.get("o") != order:
        raise BadRequest(f"this cursor was made for order={data.get('o')!r}, not order={order!r}")
    expected = 1 if order == "file" else 2
    if len(key) != expected:
        raise BadRequest("invalid cursor: pass the next_cursor value of a previous page unchanged")
    return key


# --------------------------------------------------------------------------- events

@dataclass
class EventFilter:
    """The filters of ``GET /events`` (every list: any of its values matches)."""

    event_type: list[str] = field(default_factory=list)
    source_country: list[str] = field(default_factory=list)
    target_country: list[str] = field(default_factory=list)
    actor: Optional[str] = None
    date_from: Optional[_dt.date] = None
    date_to: Optional[_dt.date] = None
    story_id: Optional[str] = None
    outlet: list[str] = field(default_factory=list)
    min_outlets: Optional[int] = None
    negated: Optional[bool] = None
    modality: list[str] = field(default_factory=list)
    doc_id: list[str] = field(default_factory=list)


def event_where(db: Database, f: EventFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``events e`` (ANDed) and their parameters, in order.

    Dates: an event dated only to a month or a year (``2016-11``, ``2016``) matches when
    its period overlaps ``[date_from, date_to]``.

    Raises:
        NotReconciled: ``story_id`` or ``min_outlets`` on a folder without story tables.
    """
    where: list[str] = []
    params: list[Any] = []
    if f.event_type:
        where.append(f"e.event_type IN ({_placeholders(f.event_type)})")
        params += f.event_type
    for role, codes in (("source", f.source_country), ("target", f.target_country)):
        if codes:
            where.append("EXISTS (SELECT 1 FROM actors a WHERE a.event_id = e.id AND a.role = ? "
                         f"AND upper(a.country) IN ({_placeholders(codes)}))")
            params += [role, *(c.upper() for c in codes)]
    if f.actor:
        where.append("EXISTS (SELECT 1 FROM actors a WHERE a.event_id = e.id AND a.role IN ('source', 'target') "
                     "AND (strpos(lower(coalesce(a.text, '')), ?) > 0 OR strpos(lower(coalesce(a.name, '')), ?) > 0 "
                     "OR upper(coalesce(a.country, '')) = ?))")
        needle = f.actor.lower()
        params += [needle, needle, f.actor.upper()]
    if f.date_from is not None:
        where.append("e.event_date >= substr(?, 1, length(e.event_date))")
        params.append(f.date_from.isoformat())
    if f.date_to is not None:
        where.append("e.event_date <= substr(?, 1, length(e.event_date))")
        params.append(f.date_to.isoformat())
    if f.outlet:
        where.append(f"lower(e.publisher) IN ({_placeholders(f.outlet)})")
        params += [o.lower() for o in f.outlet]
    if f.negated is not None:
        where.append("e.negated = ?")
        params.append(f.negated)
    if f.modality:
        where.append(f"e.modality IN ({_placeholders(f.modality)})")
        params += f.modality
    if f.doc_id:
        where.append(f"e.doc_id IN ({_placeholders(f.doc_id)})")
        params += f.doc_id
    if f.story_id is not None:
        if not db.has("articles", "story_id"):
            raise NotReconciled("the story_id filter")
        where.append("e.doc_id IN (SELECT doc_id FROM articles WHERE story_id = ?)")
        params.append(f.story_id)
    if f.min_outlets is not None:
        db.require_stories("the min_outlets filter")
        where.append("e.id IN (SELECT r.event_id FROM story_event_reports r JOIN story_events s "
                     f"ON s.id = r.story_event_id WHERE s.{_q(db.outlets_column or 'n_outlets')} >= ?)")
        params.append(f.min_outlets)
    return where, params


def _select_events(db: Database) -> str:
    """Each event as one JSON text built by DuckDB (``_json``: the keys of ``events.jsonl``, in
    its order), with its row number and sort date: serialising in DuckDB is several times
    faster than fetching nested structs into Python and encoding them again."""
    pairs = ", ".join("'" + c.replace("'", "''") + f"', e.{_q(c)}" for c in db.event_columns)
    return f"SELECT e.rowid AS _row, coalesce(e.event_date, '') AS _d, json_object({pairs}) AS _json FROM events e"


def list_events(db: Database, f: EventFilter, *, order: str = "file", limit: int = 100, offset: int = 0,
                cursor: Optional[str] = None) -> dict[str, Any]:
    """One page of events matching ``f``.

    Returns:
        dict: ``{"items_json": [one JSON text per event, as in events.jsonl], "total": int,
        "limit", "offset", "next_cursor": str | None}``.

    Raises:
        BadRequest: a bad cursor, or a cursor together with an offset.
        NotReconciled: a story filter on a folder without story tables.
    """
    if order not in EVENT_ORDERS:
        raise BadRequest(f"order must be one of {sorted(EVENT_ORDERS)}")
    if cursor is not None and offset:
        raise BadRequest("pass either cursor or offset, not both")
    where, params = event_where(db, f)
    total = db.scalar("SELECT count(*) FROM events e" + (" WHERE " + " AND ".join(where) if where else ""), params)
    page_where, page_params = list(where), list(params)
    if cursor is not None:
        key = decode_cursor(cursor, order)
        if order == "file":
            page_where.append("e.rowid > ?")
            page_params.append(key[0])
        else:
            cmp = ">" if order == "date" else "<"
            page_where.append(f"(coalesce(e.event_date, '') {cmp} ? OR (coalesce(e.event_date, '') = ? AND e.rowid > ?))")
            page_params += [key[0], key[0], key[1]]
    sql = _select_events(db)
    if page_where:
        sql += " WHERE " + " AND ".join(page_where)
    sql += f" ORDER BY {EVENT_ORDERS[order]} LIMIT ? OFFSET ?"
    rows = db.fetch(sql, [*page_params, limit + 1, offset])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = encode_cursor(order, [last["_row"]] if order == "file" else [last["_d"], last["_row"]])
    return {"items_json": [r["_json"] for r in rows], "total": total, "limit": limit, "offset": offset,
            "next_cursor": next_cursor}


def get_event(db: Database, event_id: str) -> Optional[dict[str, Any]]:
    """One event with its provenance (sentence, offsets, trigger, rule, article), or None."""
    rows = db.fetch(_select_events(db) + " WHERE e.id = ? ORDER BY e.rowid LIMIT 1", [event_id])
    if not rows:
        return None
    event = json.loads(rows[0]["_json"])
    fields = [c for c in ARTICLE_FIELDS if db.has("articles", c)]
    arts = db.fetch(f"SELECT {', '.join(_q(c) for c in fields)} FROM articles WHERE doc_id = ? LIMIT 1",
                    [event["doc_id"]])
    article = arts[0] if arts else None
    provenance = {k: event.get(k) for k in ("doc_id", "sentence_index", "sentence", "char_start", "char_end",
                                            "trigger", "trigger_start", "trigger_end", "rules", "confidence",
                                            "attribution", "time_text")}
    story_events: list[str] = []
    if db.reconciled:
        story_events = [r["story_event_id"] for r in db.fetch(
            "SELECT DISTINCT story_event_id FROM story_event_reports WHERE event_id = ? ORDER BY 1", [event_id])]
    return {"event": event, "provenance": provenance, "article": article, "story_event_ids": story_events}


# --------------------------------------------------------------------------- actors

def list_actors(db: Database, *, q: Optional[str] = None, country: Optional[list[str]] = None,
                role: Optional[str] = None, order: str = "-events", limit: int = 100,
                offset: int = 0) -> dict[str, Any]:
    """Canonical actors (country code + name) with how often they act, as a page.

    Returns:
        dict: ``{"items": [{country, name, sectors, n_events, n_mentions, n_source, n_target,
        n_attribution}], "total", "limit", "offset"}``.
    """
    if order not in ACTOR_ORDERS:
        raise BadRequest(f"order must be one of {sorted(ACTOR_ORDERS)}")
    where: list[str] = []
    params: list[Any] = []
    if q:
        where.append("(strpos(lower(coalesce(text, '')), ?) > 0 OR strpos(lower(coalesce(name, '')), ?) > 0)")
        params += [q.lower(), q.lower()]
    if country:
        where.append(f"upper(country) IN ({_placeholders(country)})")
        params += [c.upper() for c in country]
    if role:
        where.append("role = ?")
        params.append(role)
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    grouped = f"""
        SELECT country, name,
               coalesce(list_sort(list_distinct(list(sector) FILTER (WHERE sector IS NOT NULL))), []) AS sectors,
               count(DISTINCT event_id) AS n_events, count(*) AS n_mentions,
               count(*) FILTER (WHERE role = 'source') AS n_source,
               count(*) FILTER (WHERE role = 'target') AS n_target,
               count(*) FILTER (WHERE role = 'attribution') AS n_attribution
        FROM actors{cond} GROUP BY country, name"""
    total = db.scalar(f"SELECT count(*) FROM ({grouped})", params)
    items = db.fetch(f"{grouped} ORDER BY {ACTOR_ORDERS[order]} LIMIT ? OFFSET ?", [*params, limit, offset])
    return {"items": items, "total": total, "limit": limit, "offset": offset}


# --------------------------------------------------------------------------- stats

def _counts(db: Database, sql: str) -> dict[str, int]:
    return {str(r["k"]): r["n"] for r in db.fetch(sql)}


def stats(db: Database) -> dict[str, Any]:
    """Overview of the folder: documents by status and skip reason, events by type and
    modality, date ranges, outlets, actors and (when reconciled) stories."""
    articles = {
        "total": db.scalar("SELECT count(*) FROM articles"),
        "by_status": _counts(db, "SELECT coalesce(status, '') AS k, count(*) AS n FROM articles GROUP BY 1 ORDER BY 1"),
        "skipped_by_reason": _counts(db, "SELECT coalesce(reason, '') AS k, count(*) AS n FROM articles "
                                         "WHERE status = 'skipped' GROUP BY 1 ORDER BY 1"),
        "published_from": db.scalar("SELECT min(published) FROM articles"),
        "published_to": db.scalar("SELECT max(published) FROM articles"),
        "outlets": _counts(db, "SELECT outlet AS k, count(*) AS n FROM articles WHERE outlet IS NOT NULL "
                               "GROUP BY 1 ORDER BY 2 DESC, 1"),
    }
    events = {
        "total": db.scalar("SELECT count(*) FROM events"),
        "by_type": _counts(db, "SELECT event_type AS k, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC, 1"),
        "by_modality": _counts(db, "SELECT coalesce(modality, '') AS k, count(*) AS n FROM events "
                                   "GROUP BY 1 ORDER BY 2 DESC, 1"),
        "negated": db.scalar("SELECT count(*) FROM events WHERE negated"),
        "event_date_from": db.scalar("SELECT min(event_date) FROM events"),
        "event_date_to": db.scalar("SELECT max(event_date) FROM events"),
    }
    actors = {
        "mentions": db.scalar("SELECT count(*) FROM actors"),
        "countries": db.scalar("SELECT count(DISTINCT country) FROM actors"),
        "canonical": db.scalar("SELECT count(*) FROM (SELECT DISTINCT country, name FROM actors)"),
    }
    out: dict[str, Any] = {"articles": articles, "events": events, "actors": actors,
                           "reconciled": db.reconciled, "stories": None}
    if db.reconciled:
        out["stories"] = {"total": db.scalar("SELECT count(*) FROM stories"),
                          "story_events": db.scalar("SELECT count(*) FROM story_events")}
    return out
