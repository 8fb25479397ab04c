"""Reconciliation at scale on Spark: stories blocked by time window, actors and near-duplicate bands.

The clusterer of :mod:`eventwire.reconcile` is an online, single-process one.  On Spark it runs
unchanged, once per *block* of articles that can end up in the same story:

1. **Block keys** (``mapInArrow``, on the executors): each coded article emits keys that an
   article of the same story would share with it: ``actor|bucket`` for its
   :data:`TOP_ACTORS` most frequent actor codes and the time buckets ``day // window`` and
   the one before it (two dated articles at most ``window_days`` apart share a bucket key);
   ``actor|undated`` for an article without a date; ``-|bucket`` (time only) for an article
   without actors; ``name|word|bucket`` for its :data:`TOP_NAMES` most frequent proper
   names (capitalised words of the title and the first words of the text: outlets covering
   one story name the same people and places even when the coder resolves other actors);
   and ``band|i|hash`` MinHash band keys of its text (a near-duplicate with the same text
   shares one with high probability).  A key shared by more than :data:`MAX_KEY_ARTICLES`
   articles is dropped (block purging), so that hubs do not chain a corpus into one block.
2. **Blocks** are the connected components of the article-key graph: min-label propagation
   over DataFrame joins (labels are doc ids), at most :data:`MAX_ROUNDS` rounds; the number
   of labels changed per round is the only thing the driver reads.
3. **Per block** (``groupBy(block).applyInPandas``): the block's article and event records are
   written, in input order, to a temporary folder on the worker and
   :func:`eventwire.reconcile.reconcile` runs there; the rows of its ``stories.jsonl``,
   ``story_events.jsonl`` and ``articles.jsonl`` (``story_id``, ``duplicate_of``) come back as
   JSON and are parsed with the schemas of the reconciliation tables.

Story ids derive from a story's first member's doc id, so a block holding whole stories gives
the stories of a local run.  Where it cannot: the clusterer's document frequencies are those
of the block, not of the corpus; an article whose story shares none of its keys falls in
another block (and a purged hub key joins nothing); undated articles only meet undated
articles; a chain of blocks longer than :data:`MAX_ROUNDS` rounds stays cut (counted in
:attr:`ReconcileRunSummary.converged`); numeric-claim conflicts need ``claims.jsonl``, which
the Spark job does not write (quotes and claims are not extracted on Spark).  On a small corpus the blocks merge into one (demo, multi_outlet_96), and the
stories are those of ``eventwire code``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import pyarrow as pa
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from eventwire.reconcile import ReconcileSettings, reconcile
from eventwire.reconcile.duplicates import shingles, signature
from eventwire.reconcile.inputs import actor_codes, day_number
from eventwire.reconcile.tables import STORIES_FILE, STORIES_SCHEMA, STORY_EVENTS_FILE, STORY_EVENTS_SCHEMA

from .schemas import spark_schema

#: actor codes per article used as block keys (its most frequent ones; hubs of a corpus would
#: chain everything into one block if every actor counted)
TOP_ACTORS = 3
#: proper names per article used as block keys (its most frequent capitalised words of the
#: title, counted twice, and of the first :data:`NAME_WORDS` words of the text)
TOP_NAMES = 5
NAME_WORDS = 300
_NAME = re.compile(r"\b[A-Z][a-z]{2,}(?:[A-Z][a-z]+)?\b")
#: a key shared by more articles than this is dropped (block purging: a hub such as a
#: country in every story of a month would chain the corpus into one block, and tells
#: nothing about which story an article belongs to)
MAX_KEY_ARTICLES = 2000
#: MinHash bands x rows (16 x 8 of the 128 permutations: Jaccard 0.8 pairs share a band with
#: probability above 0.99)
BANDS, ROWS = 16, 8
#: label-propagation rounds at most (each halves nothing in the worst case; a chain of blocks
#: longer than this stays cut, and the cut is counted)
MAX_ROUNDS = 12

KEYS_ARROW_SCHEMA = pa.schema([("doc_id", pa.string()), ("key", pa.string())])
BLOCK_OUT_SCHEMA = "block string, kind string, json string"


@dataclass
class ReconcileRunSummary:
    """What :func:`reconcile_coded` did (counts only)."""

    blocks: int = 0
    largest_block: int = 0          # articles in the largest block
    rounds: int = 0                 # label-propagation rounds run
    converged: bool = True          # False: blocks of a component were left apart after MAX_ROUNDS
    purged_keys: int = 0            # keys shared by more than MAX_KEY_ARTICLES articles (dropped)
    stories: int = 0
    story_events: int = 0
    duplicates: int = 0
    conflicts: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def block_keys(article: dict, events: list[dict], window_days: int, min_words: int, num_perm: int,
               shingle: int, max_words: int) -> list[str]:
    """The block keys of one coded article (see the module docstring); sorted, distinct."""
    keys: set[str] = set()
    counts = Counter(a for e in events for a in actor_codes(e))
    top = [a for a, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_ACTORS]]
    day = day_number(article.get("published"))
    w = max(1, window_days)
    buckets = ["undated"] if day is None else [str(day // w), str(day // w - 1)]
    for a in top or ["-"]:
        keys.update(f"{a}|{b}" for b in buckets)
    for n in proper_names(article.get("title") or "", article.get("text") or ""):
        keys.update(f"name|{n}|{b}" for b in buckets)
    text = article.get("text") or ""
    sh = shingles(text, shingle, max_words)
    if len(text.split()) >= min_words and sh:
        hv = signature(sh, num_perm).hashvalues
        for i in range(min(BANDS, len(hv) // ROWS)):
            keys.add("band|%d|%s" % (i, "-".join(str(int(v)) for v in hv[i * ROWS:(i + 1) * ROWS])))
    return sorted(keys)


def proper_names(title: str, text: str, top: int = TOP_NAMES) -> list[str]:
    """The ``top`` most frequent capitalised words (not stop words) of a title and a text's
    first words, lower case; ties by the word."""
    counts: Counter[str] = Counter()
    for w in _NAME.findall(title):
        counts[w.lower()] += 2
    for w in _NAME.findall(" ".join(text.split()[:NAME_WORDS])):
        counts[w.lower()] += 1
    names = [(c, w) for w, c in counts.items() if w not in ENGLISH_STOP_WORDS]
    return [w for c, w in sorted(names, key=lambda cw: (-cw[0], cw[1]))[:top]]


def _keys_batches(batches: Iterator[pa.RecordBatch], settings: ReconcileSettings) -> Iterator[pa.RecordBatch]:
    d, s = settings.duplicates, settings.stories
    for batch in batches:
        docs, keys = [], []
        for art, evs in zip(batch.column("article").to_pylist(), batch.column("events").to_pylist()):
            if not art or art.get("status") != "coded":
                continue
            for k in block_keys(art, evs or [], s.window_days, d.min_words, d.num_perm, d.shingle, d.max_words):
                docs.append(art["doc_id"])
                keys.append(k)
        yield pa.RecordBatch.from_arrays([pa.array(docs, pa.string()), pa.array(keys, pa.string())],
                                         schema=KEYS_ARROW_SCHEMA)


def article_blocks(coded, settings: ReconcileSettings, summary: ReconcileRunSummary):
    """``(doc_id, block)`` of every coded article: connected components of the article-key graph
    by min-label propagation (a block's label is its smallest doc id)."""
    import functools

    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    edges = coded.mapInArrow(functools.partial(_keys_batches, settings=settings),
                             spark_schema(KEYS_ARROW_SCHEMA))
    degree = edges.groupBy("key").agg(F.count("*").alias("n"))
    edges = (edges.join(degree.where(F.col("n") <= MAX_KEY_ARTICLES), "key", "left_semi")
             .persist(StorageLevel.MEMORY_AND_DISK))
    summary.purged_keys = degree.where(F.col("n") > MAX_KEY_ARTICLES).count()
    # every coded article has a time key; one whose keys were all purged is a block of its own
    labels = (coded.where(F.col("article.status") == "coded").select(F.col("article.doc_id").alias("doc_id"))
              .withColumn("block", F.col("doc_id")))
    summary.converged = False
    for rnd in range(1, MAX_ROUNDS + 1):
        key_label = edges.join(labels, "doc_id").groupBy("key").agg(F.min("block").alias("kb"))
        new = (edges.join(key_label, "key").groupBy("doc_id").agg(F.min("kb").alias("nb"))
               .join(labels, "doc_id", "right")
               .select("doc_id", F.coalesce(F.least("nb", "block"), "block").alias("block"), F.col("block").alias("old")))
        new = new.localCheckpoint()
        changed = new.where(F.col("block") != F.col("old")).count()
        labels = new.select("doc_id", "block")
        summary.rounds = rnd
        if changed == 0:
            summary.converged = True
            break
    edges.unpersist()
    return labels


def _reconcile_block(pdf, settings: ReconcileSettings):
    """applyInPandas: reconcile one block's articles in a temporary folder; its output rows."""
    import pandas as pd

    from eventwire.sinks.jsonl import ARTICLES_FILE, EVENTS_FILE

    block = str(pdf["block"].iloc[0])
    pdf = pdf.sort_values("seq", kind="stable")
    tmp = tempfile.mkdtemp(prefix="eventwire-block-")
    rows: list[tuple[str, str, str]] = []
    try:
        with open(os.path.join(tmp, ARTICLES_FILE), "w", encoding="utf-8") as fa, \
                open(os.path.join(tmp, EVENTS_FILE), "w", encoding="utf-8") as fe:
            for art, evs in zip(pdf["article_json"], pdf["events_json"]):
                fa.write(art + "\n")
                for ev in json.loads(evs or "[]"):
                    fe.write(json.dumps(ev, ensure_ascii=False) + "\n")
        reconcile(tmp, settings)
        for kind, name in (("story", STORIES_FILE), ("story_event", STORY_EVENTS_FILE)):
            path = os.path.join(tmp, name)
            if os.path.exists(path):
                with open(path, encoding="utf-8") as fh:
                    rows.extend((block, kind, line.rstrip("\n")) for line in fh if line.strip())
        with open(os.path.join(tmp, ARTICLES_FILE), encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    rows.append((block, "article", json.dumps(
                        {"doc_id": rec["doc_id"], "story_id": rec.get("story_id"),
                         "duplicate_of": rec.get("duplicate_of")})))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return pd.DataFrame(rows, columns=["block", "kind", "json"])


def reconcile_coded(coded, settings: ReconcileSettings, summary: ReconcileRunSummary):
    """Reconcile coded rows (``seq``, ``article``, ``events``) block by block on the executors.

    Returns ``(stories_df, story_events_df, reports_df, links_df, block_out)``: DataFrames with the
    columns of the ``stories``, ``story_events`` and ``story_event_reports`` tables, and
    ``(doc_id, story_id, duplicate_of)`` per coded article, and the persisted per-block
    output they are read from (``unpersist()`` it when written).
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    settings = replace(settings, resume=False, tables=False, save_state=False)
    blocks = article_blocks(coded, settings, summary)
    rows = (coded.where(F.col("article.status") == "coded")
            .select("seq", F.col("article.doc_id").alias("doc_id"),
                    F.to_json("article").alias("article_json"), F.to_json("events").alias("events_json"))
            .join(blocks, "doc_id"))
    sizes = blocks.groupBy("block").count().agg(F.count("*").alias("n"), F.max("count").alias("m")).first()
    summary.blocks, summary.largest_block = int(sizes["n"] or 0), int(sizes["m"] or 0)
    def per_block(pdf):
        return _reconcile_block(pdf, settings)

    out = (rows.groupBy("block")
           .applyInPandas(per_block, BLOCK_OUT_SCHEMA)
           .persist(StorageLevel.MEMORY_AND_DISK))
    stories = (out.where(F.col("kind") == "story")
               .select(F.from_json("json", spark_schema(STORIES_SCHEMA)).alias("r")).select("r.*"))
    story_events = (out.where(F.col("kind") == "story_event")
                    .select(F.from_json("json", spark_schema(STORY_EVENTS_SCHEMA)).alias("r")).select("r.*"))
    links = (out.where(F.col("kind") == "article")
             .select(F.from_json("json", "doc_id string, story_id string, duplicate_of string").alias("r"))
             .select("r.*"))
    reports = (story_events.select(F.col("id").alias("story_event_id"), "story_id", "event_type",
                                   F.explode("reports").alias("r"))
               .select("story_event_id", "story_id", "event_type", "r.*"))
    counts = out.groupBy("kind").count().collect()   # three counts
    by_kind = {r["kind"]: int(r["count"]) for r in counts}
    summary.stories, summary.story_events = by_kind.get("story", 0), by_kind.get("story_event", 0)
    summary.duplicates = links.where(F.col("duplicate_of").isNotNull()).count()
    # each conflict once (it is listed on every story event it names; counted on the first)
    summary.conflicts = int(story_events.agg(F.sum(F.expr(
        "size(filter(conflicts, c -> c.story_event_ids[0] = id))"))).first()[0] or 0)
    return stories, story_events, reports, links, out
