"""The public Python API: :func:`code` and the streaming :func:`iter_code`.

Both take texts, dicts, :class:`~eventwire.model.Article` objects and paths, in any mix,
and give one :class:`~eventwire.model.Result` per input unit, in input order (a path gives
one result per unit under it: a file, or a JSON Lines record).  A dict is read exactly as a
JSON Lines record is (:func:`eventwire.ingest.article_from_record`).  A document that fails
to code becomes a ``Skipped`` (``coding_error``) and the others go on, as in
:func:`eventwire.runner.run`.  This is what the service and the Spark job call.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Union

from .ingest import article_from_record, article_from_text
from .ingest.records import DocIds
from .model import Article, Result
from .pipeline import Config, code_records, get_pipeline, iter_results

#: one input item: a text, a path (file or folder), an article, or a record dict
Item = Union[str, os.PathLike, Article, dict]


def iter_code(items: Union[str, os.PathLike, Iterable[Item]], *, config: Config = Config(),
              batch_docs: int = 32) -> Iterator[Result]:
    """Stream one :class:`~eventwire.model.Result` per input unit, in input order.

    Args:
        items: a single text or path, or an iterable mixing texts (``str``: the article
            itself), paths (``os.PathLike``; folders are walked), :class:`Article` objects,
            and dicts with ``text`` or ``html`` and optional ``id``, ``title``,
            ``published``, ``outlet``, ``url`` (the JSON Lines record layout).
        config: what changes the coding.
        batch_docs: documents coded per parser batch (memory is bounded by it).

    Texts without an id are named ``text-N`` (N: the item's position, from 1); doc ids are
    made unique within the call (``id#2``).  Items are read lazily, so ``items`` may be an
    endless generator.
    """
    if isinstance(items, (str, os.PathLike)):
        items = [items]
    pipe = get_pipeline(config)
    ids = DocIds()
    pending: list = []
    paths: list[Path] = []
    for n, item in enumerate(items, 1):
        if isinstance(item, os.PathLike):
            if pending:
                yield from code_records(pipe, pending)
                pending = []
            paths.append(Path(item))
            continue
        if paths:
            yield from iter_results(paths, config=config, jobs=1)
            paths = []
        pending.append(_to_record(item, n, ids, config))
        if len(pending) >= batch_docs:
            yield from code_records(pipe, pending)
            pending = []
    if pending:
        yield from code_records(pipe, pending)
    if paths:
        yield from iter_results(paths, config=config, jobs=1)


def code(items: Union[str, os.PathLike, Iterable[Item]], *, config: Config = Config()) -> list[Result]:
    """Code texts, articles, records or files; one :class:`~eventwire.model.Result` per input unit.

    The list form of :func:`iter_code`::

        >>> from eventwire import code
        >>> [e.event_type for r in code("Russia offered to send aid to Syria.") for e in r.events]
        ['AGREE']
    """
    return list(iter_code(items, config=config))


def _to_record(item: Any, n: int, ids: DocIds, config: Config):
    """An input item as an :class:`Article` or a :class:`~eventwire.model.Skipped` (never raises)."""
    if isinstance(item, Article):
        return item
    if isinstance(item, dict):
        return article_from_record(item, f"text-{n}", ids=ids, max_chars=config.max_chars,
                                   boilerplate=config.boilerplate_files)
    return article_from_text(str(item), doc_id=ids.claim(f"text-{n}"), max_chars=config.max_chars,
                             boilerplate=config.boilerplate_files)


__all__ = ["Item", "code", "iter_code"]
