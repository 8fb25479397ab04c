"""End to end through the real CLI (``python -m eventwire code``) over hostile input.

A generated folder mixes a few good English news articles (written here) with every kind of
bad input the issue lists; the run must exit 0, print no traceback, and account for every
input unit exactly once in ``articles.jsonl`` with the expected status and reason.  Then the
exit codes (usage errors 2 with one line, internal failure 1 with the traceback in a log) and
``--jobs 2`` under coding errors and dying workers.  Per-reader unit tests are in test_ingest.py.
"""
from __future__ import annotations

import codecs
import json
import os
import random
import re
import sys
from pathlib import Path

import pytest
from cli_support import check_outputs, read_jsonl, run_cli

GOOD = [
    "Germany offered to send aid to Ukraine on Monday. The German foreign minister said the package "
    "would include medical supplies and generators. Russia criticised the decision. Officials in Kyiv "
    "welcomed the offer.",
    "France accused Iran of supplying drones to rebel groups on Tuesday. The French foreign ministry "
    "summoned the Iranian ambassador in Paris. Tehran rejected the accusation. The two countries have "
    "clashed over the issue for months.",
    "Japan and South Korea agreed to resume security talks on Wednesday. The Japanese prime minister "
    "met the South Korean president in Tokyo. Both leaders praised the meeting. China did not comment.",
    "Police fired tear gas at protesters in Nairobi on Thursday. Thousands of people marched against "
    "new taxes. Kenya's interior minister threatened to arrest the organisers. Opposition leaders "
    "called for more demonstrations.",
    "Brazil and Argentina signed a trade agreement in Buenos Aires on Friday. The Brazilian president "
    "said the deal would cut tariffs on steel. Argentina's economy minister praised the accord. "
    "Farmers in both countries protested against it.",
]
GERMAN = ("Die Bundesregierung hat am Montag angekündigt, der Ukraine weitere Hilfe zu schicken. "
          "Der Außenminister sagte, die Lieferung werde Medikamente und Generatoren enthalten. "
          "Russland kritisierte die Entscheidung scharf.")
FRENCH = ("Le gouvernement français a accusé l'Iran mardi de fournir des drones à des groupes rebelles. "
          "Le ministère des affaires étrangères a convoqué l'ambassadeur iranien à Paris. "
          "Téhéran a rejeté ces accusations.")
SPANISH = ("El gobierno de México anunció el lunes que enviará ayuda humanitaria a Cuba. "
           "El ministro de relaciones exteriores dijo que el envío incluirá alimentos y medicinas. "
           "Estados Unidos criticó la decisión.")
HUGE_BYTES = 60_000_000          # three times what one file may put in memory (max_bytes: 20 MB)
MAX_CHARS = 200_000              # the CLI's default --max-chars
NON_UTF8_NAME = b"caf\xe9 report.txt"  # a latin-1 file name, as unzipped from an old archive
FILLER = "the river flowed past the old town under a grey sky"

CODED, SKIPPED = "coded", "skipped"


def build_corpus(d: Path) -> dict[str, tuple[str, str | None]]:
    """Write the corpus; return ``{doc_id: (status, reason)}`` for every input unit."""
    d.mkdir()
    expected: dict[str, tuple[str, str | None]] = {}

    def put(name: str, data: str | bytes, status: str, reason: str | None = None) -> None:
        (d / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expected[name] = (status, reason)

    # good articles, also under hostile file names
    put("good_1.txt", GOOD[0], CODED)
    put("good_2.html", f"<!DOCTYPE html><html><head><title>Paris summons envoy</title></head><body>"
                       f"<article><p>{GOOD[1]}</p></article></body></html>", CODED)
    put("news report 1.txt", GOOD[2], CODED)
    put("Zürich – Bericht ü.txt", GOOD[3], CODED)
    if sys.platform.startswith("linux"):
        (d / os.fsdecode(NON_UTF8_NAME)).write_bytes(GOOD[4].encode())
        expected["caf\\xe9 report.txt"] = (CODED, None)
    # empty and whitespace only
    put("empty.txt", b"", SKIPPED, "empty")
    put("whitespace.txt", b"  \n\t \r\n   \n", SKIPPED, "empty")
    put("whitespace.html", "\u00a0 \n\n \u2003\n", SKIPPED, "empty")
    # binary data, also under .txt / .html / .jsonl names
    put("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, SKIPPED, "binary")
    put("program.html", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 20, SKIPPED, "binary")
    put("noise.html", random.Random(7).randbytes(16_384), SKIPPED, "binary")
    put("dump.jsonl", b"\x1f\x8b\x08\x00" + random.Random(8).randbytes(4096), SKIPPED, "binary")
    # NUL bytes: a file of them, and stray ones inside an article
    put("nuls.txt", b"\x00" * 4000, SKIPPED, "binary")
    put("stray_nul.txt", GOOD[2].replace("Wednesday", "Wednes\x00day").encode() + b"\x00\n", CODED)
    # other encodings: decoded when they can be, else skipped
    put("latin1.txt", (GOOD[3] + " The café owner said the protest felt like déjà vu.").encode("latin-1"), CODED)
    put("utf16_bom.txt", GOOD[0].encode("utf-16"), CODED)
    put("utf16_bom.html", f"<html><body><p>{GOOD[1]}</p></body></html>".encode("utf-16"), CODED)
    put("utf16_broken.txt", codecs.BOM_UTF16_LE + b"\x00\xd8" * 2000, SKIPPED, "undecodable")
    # not English
    put("german.txt", GERMAN, SKIPPED, "not_english:de")
    put("french.html", f"<html><body><p>{FRENCH}</p></body></html>", SKIPPED, "not_english:fr")
    # huge: read in bounded memory, cut, and recorded as truncated
    with open(d / "huge.txt", "w", encoding="utf-8") as fh:
        fh.write(GOOD[0] + "\n\n")
        block = "The weather in the capital was mild and dry for most of the week.\n" * 2000
        while fh.tell() < HUGE_BYTES:
            fh.write(block)
    expected["huge.txt"] = (CODED, None)
    # a 1 MB line without punctuation (of words that are no trigger: parsing 200,000 characters of
    # trigger words costs some 10 s, which is the coder's business, not this test's)
    put("one_mb_line.txt", (FILLER + " ") * 19_000, CODED)
    # deeply nested and broken HTML
    put("deep.html", "<html><body>" + "<div>" * 5000 + f"<p>{GOOD[2]}</p>" + "</div>" * 5000 + "</body></html>",
        CODED)
    put("broken.html", f"<html><body><p>Unclosed <b>bold <i>{GOOD[3]}<div><table><tr><td><<<>>><p", CODED)
    # JSON Lines: one unit per non-blank line
    lines: list[tuple[str, str, str, str | None]] = [  # (line, doc_id, status, reason)
        (json.dumps({"id": "wire-1", "text": GOOD[0], "title": "Aid for Ukraine", "published": "2024-03-04"}),
         "wire-1", CODED, None),
        ('{"id": "wire-2", "text": "Germany offered to send aid', "wire.jsonl:2", SKIPPED, "bad_json"),
        (json.dumps([1, 2, 3]), "wire.jsonl:3", SKIPPED, "not_an_object"),
        (json.dumps("just a string"), "wire.jsonl:4", SKIPPED, "not_an_object"),
        ("42", "wire.jsonl:5", SKIPPED, "not_an_object"),
        (json.dumps({"id": "wire-3", "text": None}), "wire-3", SKIPPED, "no_text"),
        (json.dumps({"id": "wire-4", "text": 42}), "wire-4", SKIPPED, "no_text"),
        (json.dumps({"id": "wire-5", "text": ["a", "list"]}), "wire-5", SKIPPED, "no_text"),
        (json.dumps({"id": "wire-6", "title": "No body at all"}), "wire-6", SKIPPED, "no_text"),
        (json.dumps({"id": "wire-7", "text": "   "}), "wire-7", SKIPPED, "empty"),
        ("", "", "", None),  # a blank line is not a unit
        (json.dumps({"id": "wire-8", "text": GOOD[3].replace("Nairobi", "Nai\u0000robi\ud800")}), "wire-8",
         CODED, None),
        (json.dumps({"id": "wire-9", "text": SPANISH}), "wire-9", SKIPPED, "not_english:es"),
        (json.dumps({"id": "wire-10", "text": (FILLER + " ") * 19_000}), "wire-10",
         CODED, None),
        ("[" * 100_000 + "]" * 100_000, "wire.jsonl:15", SKIPPED, "bad_json"),
        (json.dumps({"id": "wire-11", "text": GOOD[4], "url": "https://news.example.org/trade"}), "wire-11",
         CODED, None),
        ('{"id": "wire-12", "text": "Japan and South Korea agre', "wire.jsonl:17", SKIPPED, "bad_json"),
    ]
    (d / "wire.jsonl").write_text("\n".join(line for line, *_ in lines), encoding="utf-8")  # torn: no final \n
    for _, doc_id, status, reason in lines:
        if doc_id:
            expected[doc_id] = (status, reason)
    return expected


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    expected = build_corpus(base / "in")
    ran = run_cli(["code", "in", "--out", "out", "--jobs", "2", "--quiet"], cwd=base)
    return base, expected, ran


def test_hostile_run_exits_0_without_traceback(hostile):
    _, _, ran = hostile
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert "Traceback" not in ran.stderr and "Traceback" not in ran.stdout, ran.stderr[-3000:]
    assert ran.stdout == ""


def test_every_unit_once_with_expected_status_and_reason(hostile):
    base, expected, _ = hostile
    articles, _ = check_outputs(base / "out")
    got = {a["doc_id"]: (a["status"], a["reason"]) for a in articles}
    assert len(got) == len(articles)  # each exactly once
    assert got == expected
    for a in articles:
        if a["status"] == SKIPPED:
            assert re.fullmatch(r"[a-z_]+(:[a-z]{2,3})?", a["reason"]), a["reason"]
            assert len(a["message"]) > 10
        if a["reason"] and a["reason"].startswith("not_english:"):
            assert a["language"] == a["reason"].split(":")[1]


def test_output_order_is_input_order(hostile):
    """``--jobs 2`` codes batches in parallel but writes them in input order."""
    from eventwire.ingest.readers import iter_units

    base, _, _ = hostile
    order = [u.doc_id for u in iter_units([base / "in"])]
    assert [a["doc_id"] for a in read_jsonl(base / "out" / "articles.jsonl")] == order


def test_good_articles_are_coded_with_events(hostile):
    base, _, _ = hostile
    articles = {a["doc_id"]: a for a in read_jsonl(base / "out" / "articles.jsonl")}
    events = read_jsonl(base / "out" / "events.jsonl")
    for doc_id in ("good_1.txt", "good_2.html", "news report 1.txt", "Zürich – Bericht ü.txt", "wire-1",
                   "wire-11", "latin1.txt", "utf16_bom.txt", "deep.html"):
        assert articles[doc_id]["n_events"] > 0, doc_id
    assert "café" in articles["latin1.txt"]["text"]
    assert "\x00" not in articles["stray_nul.txt"]["text"] and "Wednesday" in articles["stray_nul.txt"]["text"]
    assert articles["Zürich – Bericht ü.txt"]["source_path"].endswith("Zürich – Bericht ü.txt")
    assert articles["good_2.html"]["title"] == "Paris summons envoy"
    aid = [e for e in events if e["doc_id"] == "good_1.txt" and e["sentence_index"] == 0]
    assert aid and {a["country"] for e in aid for a in e["source"]} == {"DEU"}


def test_big_inputs_are_capped_and_recorded(hostile):
    base, _, ran = hostile
    articles = {a["doc_id"]: a for a in read_jsonl(base / "out" / "articles.jsonl")}
    for doc_id in ("huge.txt", "one_mb_line.txt", "wire-10"):
        a = articles[doc_id]
        assert a["truncated"] is True, doc_id
        assert 0 < len(a["text"]) <= MAX_CHARS, doc_id
    assert articles["huge.txt"]["text"].startswith("Germany offered to send aid")
    for doc_id in ("good_1.txt", "deep.html"):
        assert articles[doc_id]["truncated"] is False
    # the 60 MB file is read up to max_bytes (20 MB), never whole: the largest process (models
    # loaded: some 250 MB) stays well below what holding the file's bytes, text and cleaned
    # copies would take
    assert ran.max_rss_mb < 700, ran.max_rss_mb


# ---------------------------------------------------------------------------- exit codes

def _one_line_error(ran, code: int = 2) -> str:
    assert ran.returncode == code, (ran.returncode, ran.stderr)
    assert "Traceback" not in ran.stderr + ran.stdout
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1, ran.stderr
    return lines[0]


@pytest.mark.parametrize("args,needle", [
    (["code", "missing.txt", "--out", "out"], "no such file or folder: missing.txt"),
    (["code", "in", "--out", "out", "--bogus"], "No such option: --bogus"),
    (["code", "in", "--out", "out", "--jobs", "many"], "--jobs"),
    (["code", "in", "--out", "out", "--jobs", "-3"], "--jobs"),
    (["code", "in", "--out", "in/a.txt"], "not a folder"),
    (["code"], "Missing argument"),
    (["frobnicate"], "No such command"),
])
def test_usage_errors_exit_2_with_one_line(tmp_path, args, needle):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD[0])
    line = _one_line_error(run_cli(args, cwd=tmp_path, timeout=60))
    assert line.startswith("error: ") and needle in line, line
    assert not (tmp_path / "out").exists()


FAIL_AFTER_TWO = """
from eventwire.sinks import jsonl
_write = jsonl.RunWriter.write
def write(self, *args, **kwargs):
    if self.n_docs == 2:
        raise KeyError("simulated internal failure")
    return _write(self, *args, **kwargs)
jsonl.RunWriter.write = write
"""


def test_internal_failure_exits_1_with_traceback_in_log_then_resume(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i, text in enumerate(GOOD):
        (corpus / f"a{i}.txt").write_text(text)
    ran = run_cli(["code", "in", "--out", "out", "--jobs", "1"], cwd=tmp_path, prelude=FAIL_AFTER_TWO)
    line = _one_line_error(ran, code=1)
    assert "internal error" in line and "eventwire-error.log" in line
    log = (tmp_path / "out" / "eventwire-error.log").read_text()
    assert "Traceback (most recent call last)" in log and "simulated internal failure" in log
    assert len(read_jsonl(tmp_path / "out" / "articles.jsonl")) == 2  # what was done is kept
    (tmp_path / "out" / "eventwire-error.log").unlink()
    resumed = run_cli(["code", "in", "--out", "out", "--jobs", "1", "--resume", "--quiet"], cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    articles, _ = check_outputs(tmp_path / "out")
    assert sorted(a["doc_id"] for a in articles) == [f"a{i}.txt" for i in range(len(GOOD))]


def test_busy_output_folder_is_a_usage_error(tmp_path):
    from eventwire.sinks.jsonl import RunWriter

    (tmp_path / "a.txt").write_text(GOOD[0])
    with RunWriter(tmp_path / "out"):  # another run holds the folder
        ran = run_cli(["code", "a.txt", "--out", "out", "--jobs", "1"], cwd=tmp_path)
    assert "in use by another eventwire run" in _one_line_error(ran)


# ---------------------------------------------------------------------------- --jobs 2 under failure

MISBEHAVE = """
import os
from eventwire import pipeline
_code = pipeline.Pipeline.code_articles
def code_articles(self, articles):
    if any("RAISE-MARKER" in a.text for a in articles):
        raise RuntimeError("simulated coding bug")
    if any("EXIT-MARKER" in a.text for a in articles):
        os._exit(3)  # the worker dies as if killed (out of memory, a crash in native code)
    return _code(self, articles)
pipeline.Pipeline.code_articles = code_articles
"""


def test_jobs_2_survives_coding_errors_and_dying_workers(tmp_path):
    records, expected = [], {}
    for i in range(60):
        text = GOOD[i % len(GOOD)].replace("on ", f"on day {i} ", 1)
        if i == 20:
            text += " RAISE-MARKER."
        if i == 55:
            text += " EXIT-MARKER."
        records.append({"id": f"n{i}", "text": text})
        expected[f"n{i}"] = (SKIPPED, "coding_error") if i == 20 else (SKIPPED, "worker_crash") if i == 55 \
            else (CODED, None)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    ran = run_cli(["code", "in", "--out", "out", "--jobs", "2", "--quiet"], cwd=tmp_path, prelude=MISBEHAVE)
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert "Traceback" not in ran.stderr
    articles, events = check_outputs(tmp_path / "out")
    assert [a["doc_id"] for a in articles] == [r["id"] for r in records]  # input order kept
    assert {a["doc_id"]: (a["status"], a["reason"]) for a in articles} == expected
    assert {e["doc_id"] for e in events} == {k for k, v in expected.items() if v[0] == CODED}


def _stub_code_units(units, config):
    """Stands in for the worker body: no models, one result per unit, instantly."""
    from eventwire.model import Skipped
    from eventwire.pipeline import Result

    if any(getattr(u, "content", "").startswith("die") for u in units):
        os._exit(5)
    return [Result(Skipped(doc_id=u.doc_id, reason="stub", message=str(os.getpid()))) for u in units]


def _no_models(config):
    """Stands in for the worker initializer: loads nothing."""


def test_jobs_2_reads_ahead_a_bounded_number_of_batches(tmp_path, monkeypatch):
    """The reader never runs ahead of a slow consumer by more than the batches in flight."""
    import time

    from eventwire import pipeline, pool

    (tmp_path / "many.jsonl").write_text("".join(json.dumps({"id": f"u{i}", "text": "x"}) + "\n"
                                                 for i in range(400)))
    produced = [0]
    real_iter_units = pipeline.iter_units

    def counting(*args, **kwargs):
        for unit in real_iter_units(*args, **kwargs):
            produced[0] += 1
            yield unit

    monkeypatch.setattr(pipeline, "iter_units", counting)
    monkeypatch.setattr(pipeline, "code_units", _stub_code_units)
    monkeypatch.setattr(pipeline, "warm_worker", _no_models)
    jobs, batch = 2, 4
    bound = (jobs * pool.IN_FLIGHT_PER_JOB + 1) * batch
    seen, ahead = [], 0
    for res in pipeline.iter_results([tmp_path], jobs=jobs, batch_docs=batch):
        seen.append(res.record.doc_id)
        ahead = max(ahead, produced[0] - len(seen))
        time.sleep(0.002)  # a consumer slower than the workers
    assert seen == [f"u{i}" for i in range(400)]
    assert ahead <= bound, (ahead, bound)


def test_workers_that_cannot_work_stop_the_run(tmp_path, monkeypatch):
    """Units that kill their worker are skipped (``worker_crash``); when that happens to one unit
    after another, the run stops with an error instead of forking workers forever."""
    from eventwire import pipeline

    (tmp_path / "a.jsonl").write_text("".join(json.dumps({"id": f"u{i}", "text": "ok" if i % 2 else "die"}) + "\n"
                                              for i in range(6)))
    monkeypatch.setattr(pipeline, "code_units", _stub_code_units)
    monkeypatch.setattr(pipeline, "warm_worker", _no_models)
    got = {r.record.doc_id: r.record.reason for r in pipeline.iter_results([tmp_path], jobs=2, batch_docs=2)}
    assert got == {f"u{i}": "stub" if i % 2 else "worker_crash" for i in range(6)}

    (tmp_path / "a.jsonl").write_text("".join(json.dumps({"id": f"u{i}", "text": "die"}) + "\n" for i in range(6)))
    with pytest.raises(RuntimeError, match="in a row"):
        list(pipeline.iter_results([tmp_path], jobs=2, batch_docs=2))
