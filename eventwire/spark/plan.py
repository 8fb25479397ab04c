"""The driver's share of reading: cut the inputs into small work items, reading no text.

Every input file is one task, except a UTF-8 JSON Lines file, which is cut into byte ranges of
whole lines (one task each) so that many workers read a large one at once.  The driver
only lists files and counts newlines; the workers read the content
(:func:`eventwire.spark.worker.task_units`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Sequence, Union

from eventwire.ingest.readers import JSONL_SUFFIXES, list_inputs, splittable_jsonl

#: smallest and largest byte range of a JSON Lines file given to one task
MIN_RANGE_BYTES = 64 * 1024
MAX_RANGE_BYTES = 64 * 1024 * 1024


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(8192)
    except OSError:
        return b""


def line_ranges(path: Path, target: int) -> list[tuple[int, int, int]]:
    """``(start, end, first_line)`` byte ranges of whole lines of about ``target`` bytes
    (none when the file has no line that is not blank)."""
    ranges = []
    start, pos, first, number = 0, 0, 1, 0
    content = False
    with open(path, "rb") as fh:
        for line in fh:
            number += 1
            pos += len(line)
            content = content or bool(line.strip())
            if pos - start >= target:
                ranges.append((start, pos, first))
                start, first = pos, number + 1
    if pos > start:
        ranges.append((start, pos, first))
    return ranges if content else []


def plan_tasks(paths: Sequence[Union[str, Path]], partitions: int,
               range_bytes: Optional[int] = None) -> list[dict[str, Any]]:
    """The work items for ``paths`` in reading order (see :data:`~eventwire.spark.schemas.TASK_ARROW_SCHEMA`).

    ``range_bytes``: the size of a JSON Lines byte range (default: the JSON Lines bytes
    spread over ``partitions`` tasks, between :data:`MIN_RANGE_BYTES` and :data:`MAX_RANGE_BYTES`).
    Raises :class:`FileNotFoundError` for a missing input.
    """
    entries = list_inputs(list(paths))
    jsonl = [(p, _size(p)) for p, _ in entries if p.suffix.lower() in JSONL_SUFFIXES]
    if range_bytes is None:
        total = sum(s for _, s in jsonl)
        range_bytes = min(MAX_RANGE_BYTES, max(MIN_RANGE_BYTES, -(-total // max(1, partitions))))
    tasks: list[dict[str, Any]] = []

    def add(path: Path, name: str, kind: str, start: int = 0, end: int = 0, first_line: int = 1) -> None:
        tasks.append({"seq": len(tasks), "path": str(path), "name": name, "kind": kind,
                      "start": start, "end": end, "first_line": first_line})

    for path, name in entries:
        # every UTF-8 JSON Lines file is read in ranges (one range when small), so that its ids
        # are made unique run-wide like the rest; an empty or odd one is read whole
        ranges = line_ranges(path, range_bytes) if path.suffix.lower() in JSONL_SUFFIXES and \
            splittable_jsonl(_head(path)) else []
        for start, end, first in ranges:
            add(path, name, "jsonl_range", start, end, first)
        if not ranges:
            add(path, name, "file")
    return tasks
