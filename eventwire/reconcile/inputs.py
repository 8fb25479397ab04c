"""Reading a coded output folder: the coded articles and, per article, its resolved actors."""
from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

from eventwire.reconcile.features import DocInput
from eventwire.sinks.jsonl import ARTICLES_FILE, EVENTS_FILE, iter_jsonl

_EPOCH = _dt.date(1970, 1, 1)


def day_number(published: Optional[str]) -> Optional[int]:
    """Days since 1970-01-01 of an ISO date (its first ten characters), or None."""
    if not published:
        return None
    try:
        return (_dt.date.fromisoformat(str(published)[:10]) - _EPOCH).days
    except ValueError:
        return None


def actor_codes(event: dict[str, Any]) -> list[str]:
    """The canonical codes of an event's source and target actors (country or IGO code, else
    the canonical name); unresolved spans are left out."""
    out = []
    for a in (event.get("source") or []) + (event.get("target") or []):
        code = a.get("country") or (a.get("name") if a.get("entry") else None)
        if code:
            out.append(str(code))
    return out


def actors_by_doc(out_dir: Path) -> dict[str, list[str]]:
    """doc_id -> the actor codes of its events (sorted, with repeats)."""
    found: dict[str, list[str]] = defaultdict(list)
    path = out_dir / EVENTS_FILE
    if path.exists():
        for ev in iter_jsonl(path):
            found[ev["doc_id"]].extend(actor_codes(ev))
    return {k: sorted(v) for k, v in found.items()}


def _doc(rec: dict[str, Any], actors: dict[str, list[str]]) -> DocInput:
    return DocInput(doc_id=rec["doc_id"], text=rec.get("text") or "", title=rec.get("title"),
                    outlet=rec.get("outlet"), published=rec.get("published"),
                    actors=actors.get(rec["doc_id"], []), day=day_number(rec.get("published")))


def iter_docs(out_dir: Path, actors: Optional[dict[str, list[str]]] = None) -> Iterator[DocInput]:
    """The coded articles of ``out_dir/articles.jsonl`` as :class:`DocInput` (skipped ones left out)."""
    actors = actors if actors is not None else {}
    path = out_dir / ARTICLES_FILE
    if not path.exists():
        return
    for rec in iter_jsonl(path):
        if rec.get("status") != "coded":
            continue
        yield _doc(rec, actors)
