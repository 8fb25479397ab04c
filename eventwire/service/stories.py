"""The service's queries over the story tables of ``eventwire reconcile``.

Tables (issue 11): ``stories`` (``story_id, title, first_published, last_published,
doc_ids, outlets, n_articles, n_outlets, actors, event_types``), ``story_events`` (``id,
story_id, event_type, mode, source, target, event_date, date_precision, modality,
n_reports, n_outlets, n_independent, first_reported, corroboration, conflicts``) and
``story_event_reports`` (one row per report: ``story_event_id, event_id, doc_id, outlet,
published, sentence, negated, modality, attribution, confidence``), plus ``story_id`` on
``articles``.  Rows are returned with every column the tables have, so columns added
later flow through; a ``conflicts`` column stored as JSON text is decoded.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from .db import Database
from .queries import ARTICLE_FIELDS, BadRequest

#: ``order`` values of ``GET /stories``
STORY_ORDERS: dict[str, str] = {
    "first_published": "first_published NULLS LAST, story_id",
    "-first_published": "first_published DESC NULLS LAST, story_id",
    "-n_outlets": "n_outlets DESC, story_id",
    "-n_articles": "n_articles DESC, story_id",
    "story_id": "story_id",
}


def _decoded(value: Any) -> Any:
    """A JSON-text column value as data (lists and structs pass through)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def list_stories(db: Database, *, q: Optional[str] = None, outlet: Optional[str] = None,
                 min_outlets: Optional[int] = None, order: str = "first_published", limit: int = 100,
                 offset: int = 0) -> dict[str, Any]:
    """One page of stories.

    Args:
        q (str): text the story title contains (case-insensitive).
        outlet (str): an outlet that covered the story.
        min_outlets (int): at least this many outlets.

    Raises:
        NotReconciled: the folder has no story tables.
        BadRequest: an order outside :data:`STORY_ORDERS`.
    """
    db.require_stories()
    if order not in STORY_ORDERS:
        raise BadRequest(f"order must be one of {sorted(STORY_ORDERS)}")
    where: list[str] = []
    params: list[Any] = []
    if q:
        where.append("strpos(lower(coalesce(title, '')), ?) > 0")
        params.append(q.lower())
    if outlet:
        if db.is_list("stories", "outlets"):
            where.append("EXISTS (SELECT 1 FROM unnest(outlets) AS t(o) WHERE lower(o) = ?)")
        else:
            where.append("strpos(lower(CAST(outlets AS VARCHAR)), ?) > 0")
        params.append(outlet.lower())
    if min_outlets is not None:
        where.append("n_outlets >= ?")
        params.append(min_outlets)
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    total = db.scalar(f"SELECT count(*) FROM stories{cond}", params)
    items = db.fetch(f"SELECT * FROM stories{cond} ORDER BY {STORY_ORDERS[order]} LIMIT ? OFFSET ?",
                     [*params, limit, offset])
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def get_story(db: Database, story_id: str) -> Optional[dict[str, Any]]:
    """A story with its articles, story events (each with its reports) and conflicts, or None.

    Raises:
        NotReconciled: the folder has no story tables.
    """
    db.require_stories()
    rows = db.fetch("SELECT * FROM stories WHERE story_id = ? LIMIT 1", [story_id])
    if not rows:
        return None
    fields = [c for c in ARTICLE_FIELDS if db.has("articles", c)]
    articles = db.fetch(f"SELECT {', '.join(fields)} FROM articles WHERE story_id = ? "
                        "ORDER BY published NULLS LAST, doc_id", [story_id]) if db.has("articles", "story_id") else []
    order = "event_date NULLS LAST, id" if db.has("story_events", "event_date") else "id"
    events = db.fetch(f"SELECT * FROM story_events WHERE story_id = ? ORDER BY {order}", [story_id])
    reports = db.fetch(
        "SELECT r.* FROM story_event_reports r JOIN story_events s ON s.id = r.story_event_id "
        "WHERE s.story_id = ? ORDER BY r.story_event_id, r.published NULLS LAST, r.doc_id, r.event_id",
        [story_id]) if db.has("story_event_reports", "published") else db.fetch(
        "SELECT r.* FROM story_event_reports r JOIN story_events s ON s.id = r.story_event_id "
        "WHERE s.story_id = ? ORDER BY r.story_event_id, r.event_id", [story_id])
    by_event: dict[str, list[dict[str, Any]]] = {}
    for r in reports:
        by_event.setdefault(r["story_event_id"], []).append(r)
    conflicts: list[dict[str, Any]] = []
    for ev in events:
        if "reports" not in ev or not ev["reports"]:
            ev["reports"] = by_event.get(ev["id"], [])
        ev["conflicts"] = _decoded(ev.get("conflicts")) or []
        for c in ev["conflicts"]:
            conflicts.append({"story_event_id": ev["id"], **c} if isinstance(c, dict) else
                             {"story_event_id": ev["id"], "detail": c})
    return {"story": rows[0], "articles": articles, "story_events": events, "conflicts": conflicts}
