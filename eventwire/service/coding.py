"""``POST /code``: posted articles coded by the library call the CLI uses.

Nothing is written anywhere: the articles' results are returned and forgotten.  The call
runs in the server's threadpool (:func:`code_articles` is blocking).  A batch that fails
is retried one article at a time, so one bad article is reported as skipped
(``coding_error``) and never costs the others their events.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from ..api import code as library_code
from ..model import Article, to_dict

#: the keys of ``articles`` entries in the response (a subset of ``articles.jsonl``'s)
ARTICLE_OUT_KEYS: tuple[str, ...] = ("doc_id", "status", "reason", "message", "title", "outlet", "published", "url",
                                     "language", "truncated", "n_sentences", "n_events")


def _record(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_dict(value)
    return value


def _article_out(result: Any) -> dict[str, Any]:
    rec = result.record
    out: dict[str, Any] = dict.fromkeys(ARTICLE_OUT_KEYS)
    out.update(doc_id=rec.doc_id, language=rec.language, n_sentences=getattr(result, "n_sentences", 0) or 0,
               n_events=len(result.events))
    if isinstance(rec, Article):
        out.update(status="coded", title=rec.title, outlet=rec.outlet, published=rec.published, url=rec.url,
                   truncated=bool(rec.truncated))
    else:
        out.update(status="skipped", reason=rec.reason, message=rec.message)
    return out


def _skipped(item: dict[str, Any], exc: BaseException) -> dict[str, Any]:
    out: dict[str, Any] = dict.fromkeys(ARTICLE_OUT_KEYS)
    out.update(doc_id=item["id"], status="skipped", reason="coding_error", message=f"{type(exc).__name__}: {exc}",
               n_sentences=0, n_events=0)
    return out


def _code(items: list[dict[str, Any]]) -> list[Any]:
    # the coder is reentrant (per-sentence state in a context object; loaded resources shared
    # read-only), so concurrent requests code at the same time without a lock
    return list(library_code(items))


def code_articles(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Code posted articles (dicts with ``id`` set and ``text``/``html``, ``title``,
    ``published``, ``outlet``, ``url``).

    Returns:
        dict: ``{"articles": [...], "events": [...], "quotes": [...], "claims": [...]}``; one
        ``articles`` entry per item, in order, ``status`` 'coded' or 'skipped' (with a
        ``reason``).
    """
    out: dict[str, Any] = {"articles": [], "events": [], "quotes": [], "claims": []}
    try:
        results = [(item, r, None) for item, r in zip(items, _code(items))]
    except Exception:  # noqa: BLE001 - retry one by one: one bad article must not fail the rest
        results = []
        for item in items:
            try:
                results.append((item, _code([item])[0], None))
            except Exception as exc:  # noqa: BLE001
                results.append((item, None, exc))
    for item, result, exc in results:
        if result is None:
            out["articles"].append(_skipped(item, exc))
            continue
        out["articles"].append(_article_out(result))
        out["events"].extend(to_dict(e) for e in result.events)
        out["quotes"].extend(_record(q) for q in getattr(result, "quotes", None) or [])
        out["claims"].extend(_record(c) for c in getattr(result, "claims", None) or [])
    return out


def warm_up() -> None:
    """Load the coder's models (spaCy, lexicons, the type model) before the first request."""
    _code([{"id": "warm-up", "text": "Russia offered aid to Syria on Monday."}])
