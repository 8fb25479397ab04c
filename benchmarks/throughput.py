"""End-to-end throughput and peak memory of ``eventwire code`` against a plain spaCy baseline.

One run, one machine, in this order:

1. build a corpus: the multi-outlet news sample (``../shared/data/news/multi_outlet_96.jsonl``)
   replicated to ``--articles`` records with distinct ids, written outside the repository
   (``--workdir``, default a fresh ``/tmp/eventwire-bench-*`` folder);
2. the baseline (unless ``--skip-baseline``): spaCy parses every document with the same model
   (:data:`eventwire.nlp.MODEL_NAME`) reduced to tok2vec + tagger + parser, through ``nlp.pipe``,
   once with ``n_process=1`` and once with ``n_process=<cores>``; the faster is "the baseline";
3. ``eventwire code CORPUS --out DIR --jobs <cores> --quiet`` as a subprocess of the real CLI,
   timed from start to exit (files on disk to JSONL, Parquet and DuckDB written).

Each measured step runs in its own process tree; a sampler sums the RSS of the tree every 0.2 s
and keeps the peak.  See ``benchmarks/README.md`` for how to read the output.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator, Optional

import psutil

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "news" / "multi_outlet_96.jsonl"
EXPECTED_OUTPUTS = ("articles.jsonl", "events.jsonl", "articles.parquet", "events.parquet", "eventwire.duckdb")
SAMPLE_SECONDS = 0.2


# --------------------------------------------------------------------------- corpus

def load_source(path: Path) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if isinstance(rec.get("text"), str) and rec["text"].strip():
                    records.append(rec)
    if not records:
        raise SystemExit(f"no usable records in {path}")
    return records


def replicas(source: list[dict], n: int) -> Iterator[tuple[int, dict]]:
    """(index of the source record, replica) for n replicas; every replica gets a distinct id."""
    for i in range(n):
        k, rnd = i % len(source), i // len(source)
        rec = dict(source[k])
        rec["id"] = f"{rec.get('id') or k}-r{rnd:04d}"
        yield k, rec


def write_corpus(source: list[dict], n: int, workdir: Path, fmt: str) -> tuple[Path, Counter]:
    """Write n replicas; returns the input path for the CLI and how often each source record occurs."""
    mult: Counter = Counter()
    if fmt == "jsonl":
        path = workdir / f"corpus-{n}.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for k, rec in replicas(source, n):
                mult[k] += 1
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return path, mult
    root = workdir / f"corpus-{n}-{fmt}"
    if root.exists():
        shutil.rmtree(root)
    for i, (k, rec) in enumerate(replicas(source, n)):
        mult[k] += 1
        sub = root / f"{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True)
        if fmt == "json-files":   # one JSON object per file: metadata (date, outlet) kept
            (sub / f"{rec['id']}.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
        else:                     # txt-files: bare text, as a scraper would leave it
            (sub / f"{rec['id']}.txt").write_text(rec["text"], encoding="utf-8")
    return root, mult


def iter_texts(path: Path) -> Iterator[str]:
    """The document texts of a corpus written by :func:`write_corpus` (what the baseline parses)."""
    if path.is_file():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)["text"]
        return
    for f in sorted(p for p in path.rglob("*") if p.is_file()):
        raw = f.read_text(encoding="utf-8")
        yield json.loads(raw)["text"] if f.suffix == ".json" else raw


# --------------------------------------------------------------------------- measuring

@dataclass
class Measured:
    label: str
    command: list[str]
    wall_s: float = 0.0
    cpu_s: float = 0.0                 # user + sys of the whole tree (waited-for children)
    peak_rss_mb: float = 0.0           # peak of the summed RSS of the tree
    peak_pss_mb: Optional[float] = None
    peak_processes: int = 0
    peak_at_s: float = 0.0             # when the RSS peak was sampled, seconds after launch
    peak_breakdown_mb: list = None     # RSS of each process of the tree at that moment
    returncode: int = 0
    stdout: str = ""
    stderr: str = ""
    loadavg_before: tuple = ()


class TreeSampler(threading.Thread):
    """Every ``interval`` s: sum RSS (and optionally PSS) over a process and all its descendants."""

    def __init__(self, pid: int, interval: float = SAMPLE_SECONDS, pss: bool = False) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.interval, self.pss = interval, pss
        self.peak_rss = self.peak_pss = 0
        self.peak_procs = 0
        self.peak_at = 0.0
        self.peak_breakdown: list = []
        self.t0 = time.perf_counter()
        self._halt = threading.Event()

    def sample(self) -> None:
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        rss = pss = alive = 0
        each = []
        for p in procs:
            try:
                if self.pss:
                    mi = p.memory_full_info()
                    pss += mi.pss
                else:
                    mi = p.memory_info()
                rss += mi.rss
                each.append(round(mi.rss / 2**20))
                alive += 1
            except psutil.Error:     # exited between listing and reading
                continue
        if rss > self.peak_rss:
            self.peak_rss, self.peak_at, self.peak_breakdown = rss, time.perf_counter() - self.t0, each
        self.peak_pss = max(self.peak_pss, pss)
        self.peak_procs = max(self.peak_procs, alive)

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def measure(label: str, cmd: list[str], *, pss: bool, env: Optional[dict] = None) -> Measured:
    m = Measured(label, cmd, loadavg_before=tuple(round(x, 2) for x in os.getloadavg()))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out_f = tempfile.TemporaryFile()
    err_f = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out_f, stderr=err_f, env=env)
    sampler = TreeSampler(proc.pid, pss=pss)
    sampler.start()
    m.returncode = proc.wait()
    m.wall_s = time.perf_counter() - t0
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    m.cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    m.peak_rss_mb = sampler.peak_rss / 2**20
    m.peak_pss_mb = sampler.peak_pss / 2**20 if pss else None
    m.peak_processes = sampler.peak_procs
    m.peak_at_s = round(sampler.peak_at, 1)
    m.peak_breakdown_mb = sampler.peak_breakdown
    for f, attr in ((out_f, "stdout"), (err_f, "stderr")):
        f.seek(0)
        setattr(m, attr, f.read().decode("utf-8", "replace"))
        f.close()
    if m.returncode != 0:
        sys.stderr.write(f"\n{label} failed (exit {m.returncode}): {' '.join(cmd)}\n{m.stderr[-4000:]}\n")
        raise SystemExit(1)
    return m


# --------------------------------------------------------------------------- baseline (child process)

def load_baseline_model():
    import spacy

    from eventwire.nlp import MODEL_NAME

    # same model as eventwire; keep tok2vec, tagger, parser (senter is disabled in the package)
    nlp = spacy.load(MODEL_NAME, exclude=["ner", "lemmatizer", "attribute_ruler"])
    return nlp


def baseline_child(args: argparse.Namespace) -> None:
    """Runs in its own process: parse every document, print counts and timings as one JSON line."""
    t0 = time.perf_counter()
    nlp = load_baseline_model()
    t_loaded = time.perf_counter()
    docs = sents = tokens = 0
    for doc in nlp.pipe(iter_texts(Path(args.input)), n_process=args.n_process, batch_size=args.batch_size):
        docs += 1
        tokens += len(doc)
        sents += sum(1 for _ in doc.sents)
    t1 = time.perf_counter()
    print(json.dumps({"docs": docs, "sentences": sents, "tokens": tokens, "load_s": t_loaded - t0,
                      "parse_s": t1 - t_loaded, "pipeline": nlp.pipe_names}))


def baseline_sentence_counts(texts: list[str]) -> list[int]:
    """doc.sents per text, with the baseline's pipeline (used to count the corpus under --skip-baseline)."""
    nlp = load_baseline_model()
    return [sum(1 for _ in d.sents) for d in nlp.pipe(texts, batch_size=64)]


# --------------------------------------------------------------------------- eventwire summary

def prefilter_share(out_dir: Path) -> dict:
    """Sentences split and sentences sent to the parser, from the run's articles.jsonl.

    ``eventwire code --quiet`` prints no summary, so the parsed count is recomputed in-process with
    the library's own stages (``Pipeline.sentences`` then ``Pipeline.candidates``, default Config)
    on each coded article's text; the sentence count is checked against ``n_sentences``.
    """
    from eventwire.model import Article
    from eventwire.pipeline import Config, get_pipeline

    pipe = get_pipeline(Config())
    memo: dict[str, tuple[int, int]] = {}      # replicas repeat texts: count each text once
    coded = skipped = sentences = parsed = events = mismatched = 0
    with open(out_dir / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["status"] != "coded":
                skipped += 1
                continue
            coded += 1
            events += rec.get("n_events") or 0
            text = rec["text"]
            if text not in memo:
                sents = pipe.sentences(Article(doc_id=rec["doc_id"], text=text, language="en"))
                memo[text] = (len(sents), len(pipe.candidates(sents)))
            n, p = memo[text]
            if n != rec["n_sentences"]:
                mismatched += 1
            sentences += rec["n_sentences"]
            parsed += p
    return {"coded": coded, "skipped": skipped, "sentences_split": sentences, "sentences_parsed": parsed,
            "parse_share": parsed / sentences if sentences else None, "events": events,
            "sentence_count_mismatches": mismatched}


# --------------------------------------------------------------------------- main

def code_fingerprint() -> str:
    """Hash of the installed eventwire package's sources and data files."""
    import hashlib

    import eventwire

    h = hashlib.sha1()
    root = Path(eventwire.__file__).resolve().parent
    for f in sorted(root.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(root)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:12]


def eventwire_command(inp: Path, out: Path, jobs: int) -> list[str]:
    exe = Path(sys.executable).with_name("eventwire")
    head = [str(exe)] if exe.exists() else [sys.executable, "-m", "eventwire"]
    return [*head, "code", str(inp), "--out", str(out), "--jobs", str(jobs), "--quiet", "--no-reconcile"]


def reconcile_command(out: Path) -> list[str]:
    exe = Path(sys.executable).with_name("eventwire")
    head = [str(exe)] if exe.exists() else [sys.executable, "-m", "eventwire"]
    return [*head, "reconcile", str(out)]


def rates(m: Measured, articles: int, sentences: Optional[int]) -> dict:
    d = {"articles_per_s": articles / m.wall_s}
    if sentences:
        d["sentences_per_s"] = sentences / m.wall_s
    return d


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=5000, help="corpus size (default 5000)")
    ap.add_argument("--jobs", type=int, default=0, help="eventwire --jobs and baseline n_process (default: cores)")
    ap.add_argument("--skip-baseline", action="store_true", help="time eventwire only")
    ap.add_argument("--json", type=Path, help="write all figures to this JSON file")
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="JSONL of real articles to replicate")
    ap.add_argument("--workdir", type=Path, help="where the corpus and outputs go (default: a new /tmp folder)")
    ap.add_argument("--input", choices=("jsonl", "json-files", "txt-files"), default="jsonl",
                    help="corpus layout on disk: one JSONL file (default), one .json per article, "
                         "or one .txt per article (no date/outlet metadata)")
    ap.add_argument("--baseline-batch", type=int, default=16,
                    help="baseline nlp.pipe batch_size in documents (default 16: as fast as 64 or 1000 here, "
                         "a third of the memory)")
    ap.add_argument("--pss", action="store_true",
                    help="also sample PSS (shared pages split between processes; costs a little CPU)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (default: delete it when "
                                                        "it was created by this run)")
    # internal: the baseline runs in its own process so that its tree can be measured alone
    ap.add_argument("--baseline-child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--n-process", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--batch-size", type=int, default=64, help=argparse.SUPPRESS)
    ap.add_argument("--input-path", dest="input_path", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.baseline_child:
        args.input = args.input_path
        baseline_child(args)
        return 0

    if args.articles < 1:
        ap.error("--articles must be at least 1")
    cores = os.cpu_count() or 1
    jobs = args.jobs or cores
    if not args.source.exists():
        ap.error(f"source corpus not found: {args.source}")
    own_workdir = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="eventwire-bench-")) if own_workdir else args.workdir.resolve()
    if not own_workdir and (workdir == REPO or REPO in workdir.parents):
        ap.error("--workdir must be outside the repository")
    workdir.mkdir(parents=True, exist_ok=True)

    print(f"eventwire throughput benchmark  ({platform.node()}, {cores} cores, python {platform.python_version()})")
    source = load_source(args.source)
    t = time.perf_counter()
    corpus, mult = write_corpus(source, args.articles, workdir, args.input)
    print(f"corpus: {args.articles:,} articles ({len(source)} distinct, {args.input}) -> {corpus} "
          f"[{time.perf_counter() - t:.1f} s to write]")

    report: dict = {"articles": args.articles, "distinct_articles": len(source), "cores": cores, "jobs": jobs,
                    "input": args.input, "corpus": str(corpus), "source": str(args.source)}
    corpus_sentences: Optional[int] = None
    baseline: Optional[Measured] = None

    # -- baseline ------------------------------------------------------------------------
    if not args.skip_baseline:
        runs = {}
        for n_proc in sorted({1, jobs}):
            cmd = [sys.executable, str(Path(__file__).resolve()), "--baseline-child", "--input-path", str(corpus),
                   "--n-process", str(n_proc), "--batch-size", str(args.baseline_batch)]
            print(f"baseline spaCy nlp.pipe n_process={n_proc} ...", flush=True)
            m = measure(f"baseline n_process={n_proc}", cmd, pss=args.pss)
            info = json.loads(m.stdout.strip().splitlines()[-1])
            runs[n_proc] = (m, info)
            print(f"  {m.wall_s:,.1f} s wall ({info['parse_s']:,.1f} s in nlp.pipe), {info['sentences']:,} sentences, "
                  f"peak RSS {m.peak_rss_mb:,.0f} MB")
        counts = {info["sentences"] for _, info in runs.values()}
        corpus_sentences = max(counts)
        if len(counts) > 1:
            print(f"  note: sentence counts differ between runs: {sorted(counts)}")
        best = min(runs, key=lambda k: runs[k][0].wall_s)
        baseline = runs[best][0]
        report["baseline"] = {
            "best_n_process": best,
            "pipeline": runs[best][1]["pipeline"],
            "runs": {str(k): {**asdict(m), **info, **rates(m, args.articles, info["sentences"]),
                              "parse_only_sentences_per_s": info["sentences"] / info["parse_s"]}
                     for k, (m, info) in runs.items()},
        }
        for r in report["baseline"]["runs"].values():
            r.pop("stdout", None)
            r.pop("stderr", None)
        report["corpus_sentences_source"] = "baseline doc.sents"
    else:
        # the corpus is replicas: count doc.sents once per distinct text, multiply (not timed)
        print("counting corpus sentences with the baseline pipeline on the distinct texts (not timed) ...",
              flush=True)
        per_text = baseline_sentence_counts([r["text"] for r in source])
        corpus_sentences = sum(per_text[k] * c for k, c in mult.items())
        report["corpus_sentences_source"] = "baseline doc.sents on the distinct texts x replication"
    report["corpus_sentences"] = corpus_sentences

    # -- eventwire -----------------------------------------------------------------------
    out = workdir / f"out-{args.articles}"
    if out.exists():
        shutil.rmtree(out)
    cmd = eventwire_command(corpus, out, jobs)
    print(f"eventwire: {' '.join(cmd)} ...", flush=True)
    code_before = code_fingerprint()
    ew = measure("eventwire code", cmd, pss=args.pss)
    missing = [name for name in EXPECTED_OUTPUTS if not (out / name).exists()]
    if missing:
        print(f"eventwire run did not write: {', '.join(missing)}", file=sys.stderr)
        return 1
    print(f"  {ew.wall_s:,.1f} s wall, peak RSS {ew.peak_rss_mb:,.0f} MB; counting the pre-filter ...", flush=True)
    share = prefilter_share(out)
    share["code_fingerprint"] = code_before
    share["code_changed_during_run"] = code_fingerprint() != code_before
    if share["coded"] + share["skipped"] != args.articles:
        print(f"  warning: articles.jsonl has {share['coded'] + share['skipped']} records, "
              f"expected {args.articles}", file=sys.stderr)
    report["eventwire"] = {**asdict(ew), **rates(ew, args.articles, corpus_sentences), **share,
                           "outputs": {n: (out / n).stat().st_size for n in EXPECTED_OUTPUTS}}
    report["eventwire"].pop("stdout", None)
    report["eventwire"].pop("stderr", None)
    if baseline is not None:
        report["ratio_to_baseline"] = baseline.wall_s / ew.wall_s
    # reconciliation (stories, story events) as its own step, after the coding run
    rc = measure("eventwire reconcile", reconcile_command(out), pss=args.pss)
    report["reconcile"] = {"wall_s": rc.wall_s, "cpu_s": rc.cpu_s, "peak_rss_mb": rc.peak_rss_mb,
                           "share_of_coding": rc.wall_s / ew.wall_s,
                           "share_of_end_to_end": rc.wall_s / (ew.wall_s + rc.wall_s),
                           "cpu_share_of_end_to_end": rc.cpu_s / max(ew.cpu_s + rc.cpu_s, 1e-9)}

    # -- print ---------------------------------------------------------------------------
    print()
    print(f"corpus: {args.articles:,} articles, {corpus_sentences:,} sentences "
          f"({report['corpus_sentences_source']})")
    hdr = f"{'':46} {'wall s':>8} {'articles/s':>11} {'sentences/s':>12} {'CPU s':>8} {'peak RSS MB':>12}"
    if args.pss:
        hdr += f" {'peak PSS MB':>12}"
    print(hdr)

    def row(name: str, m: Measured) -> None:
        line = (f"{name:46} {m.wall_s:8.1f} {args.articles / m.wall_s:11.2f} "
                f"{corpus_sentences / m.wall_s:12.1f} {m.cpu_s:8.1f} {m.peak_rss_mb:12.0f}")
        if args.pss:
            line += f" {m.peak_pss_mb:12.0f}"
        print(line)

    if baseline is not None:
        for k, (m, _) in sorted(runs.items()):
            tag = "  <- the baseline" if m is baseline else ""
            row(f"spaCy nlp.pipe n_process={k}{tag}", m)
    row(f"eventwire code --jobs {jobs} --no-reconcile", ew)
    row("eventwire reconcile (stories, story events)", rc)
    print(f"reconciliation adds {100 * rc.wall_s / ew.wall_s:.1f}% to the coding run "
          f"({rc.wall_s:,.1f} s for {args.articles:,} articles, a separate process with its start-up); "
          f"share of the end-to-end run: {100 * report['reconcile']['share_of_end_to_end']:.1f}% of the wall "
          f"time, {100 * report['reconcile']['cpu_share_of_end_to_end']:.1f}% of the CPU time")
    if baseline is not None:
        print(f"ratio eventwire / baseline (articles/s): {report['ratio_to_baseline']:.2f}x "
              f"(baseline = n_process={report['baseline']['best_n_process']}, the faster)")
    print(f"pre-filter: {share['sentences_parsed']:,} of {share['sentences_split']:,} eventwire sentences parsed "
          f"({100 * share['parse_share']:.1f}%); {share['events']:,} events; "
          f"{share['coded']:,} coded, {share['skipped']:,} skipped")
    if share["code_changed_during_run"]:
        print("  warning: eventwire's code changed while it ran; the pre-filter share above was recomputed "
              "with the newer code and may not be the run's")
    print(f"eventwire peak RSS at {ew.peak_at_s:,.0f} s of {ew.wall_s:,.0f} s; per process (MB): "
          f"{ew.peak_breakdown_mb}")
    if share["sentence_count_mismatches"]:
        print(f"  warning: {share['sentence_count_mismatches']} articles whose recomputed sentence count "
              f"differs from n_sentences")
    print(f"load average before: baseline {[m.loadavg_before for m, _ in runs.values()] if baseline else '-'}, "
          f"eventwire {ew.loadavg_before}")

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    if own_workdir and not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        print(f"work folder kept: {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
