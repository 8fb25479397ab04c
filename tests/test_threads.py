"""The public call ``eventwire.code`` used from many threads at once gives the same events as
serial use (issue 10: the coder kept per-sentence state on itself and in a module global, and
threaded codings of news articles differed).

Real multi-sentence news texts: ``news/multi_outlet_96.jsonl`` of the shared development data
(not in the repository). The folder is ``../shared/data`` next to the repository, or
``$EVENTWIRE_SHARED_DATA``; the tests skip with the path they looked at when it is absent.
"""
from __future__ import annotations

import json
import os
import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import eventwire
from eventwire.model import to_dict

SHARED = Path(os.environ.get("EVENTWIRE_SHARED_DATA") or Path(__file__).resolve().parents[1].parent / "shared" / "data")
NEWS = SHARED / "news" / "multi_outlet_96.jsonl"
needs_news = pytest.mark.skipif(not NEWS.exists(), reason=f"news articles not found at {NEWS} "
                                                         "(set EVENTWIRE_SHARED_DATA to the shared data folder)")


def _articles(limit: int | None = None) -> list[dict]:
    recs = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    keep = ("id", "title", "text", "published", "outlet", "url")
    return [{k: r.get(k) for k in keep} for r in recs[:limit]]


def _events(article: dict) -> list[dict]:
    return [to_dict(e) for r in eventwire.code([article]) for e in r.events]


def _compare_threaded_with_serial(articles: list[dict], repeats: int) -> None:
    serial = {a["id"]: _events(a) for a in articles}
    assert sum(len(v) for v in serial.values()) > 0, "the articles gave no events: nothing is compared"
    # every article several times, in a shuffled order, so that threads code different
    # articles at the same moment
    jobs = [a for a in articles for _ in range(repeats)]
    random.Random(0).shuffle(jobs)
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(_events, jobs))
    differ = [a["id"] for a, got in zip(jobs, threaded) if got != serial[a["id"]]]
    assert not differ, f"{len(differ)} of {len(jobs)} threaded codings differ from serial coding: {differ[:5]}"


@needs_news
def test_threads_code_like_serial_on_news_sample():
    """A dozen news articles, each coded three times from 8 threads."""
    _compare_threaded_with_serial(_articles(12), repeats=3)


@pytest.mark.slow
@needs_news
def test_threads_code_like_serial_on_all_news():
    """All 96 news articles, each coded three times from 8 threads."""
    _compare_threaded_with_serial(_articles(), repeats=3)
