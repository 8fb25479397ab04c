"""quotes.jsonl / claims.jsonl written during run(), their Parquet and DuckDB tables, --resume,
the --no-quotes switch and the evaluation commands."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.model import Claim, Quote, Result, Speaker
from eventwire.pipeline import Config
from eventwire.quotes.sink import QuoteSink, finalize_quotes
from eventwire.runner import run

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data"

DOCS = {
    "a.txt": "“We will send aid,” Russian Foreign Minister Sergey Lavrov said. Russia sent 200 tonnes of food.",
    "b.txt": "Police said 12 people were killed and 30 injured when protesters clashed with police in the capital.",
    "c.txt": "The weather was mild on Sunday.",
}


def _corpus(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name, text in DOCS.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_run_writes_quotes_and_claims(tmp_path):
    out = tmp_path / "out"
    summary = run([_corpus(tmp_path)], out)
    quotes, claims = _jsonl(out / "quotes.jsonl"), _jsonl(out / "claims.jsonl")
    articles = {a["doc_id"]: a for a in _jsonl(out / "articles.jsonl")}
    direct = [q for q in quotes if q["kind"] == "direct"]
    assert direct[0]["text"] == "We will send aid," and direct[0]["speaker"]["name"] == "Sergey Lavrov"
    assert set(direct[0]) == {"id", "doc_id", "text", "char_start", "char_end", "kind", "speaker", "cue",
                              "sentence_index", "event_ids"}
    assert set(direct[0]["speaker"]) == {"text", "name", "country", "sector", "char_start", "char_end"}
    for rec in quotes + claims:     # offsets point into the article text
        assert articles[rec["doc_id"]]["text"][rec["char_start"]:rec["char_end"]] == rec["text"]
    assert sorted((c["value"], c["unit"]) for c in claims) == [(12, "people"), (30, None), (200, "tonnes")]
    events = _jsonl(out / "events.jsonl")
    assault = [e for e in events if e["doc_id"].endswith("b.txt") and e["dead"] is not None]
    assert assault and assault[0]["dead"] == 12 and assault[0]["injured"] == 30
    assert pq.read_table(out / "quotes.parquet").num_rows == len(quotes)
    assert pq.read_table(out / "claims.parquet").num_rows == len(claims)
    assert pq.read_table(out / "events.parquet").column_names[-3:] == ["dead", "injured", "size"]
    con = duckdb.connect(str(out / "eventwire.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM quotes").fetchone()[0] == len(quotes)
        assert con.execute("SELECT speaker.name FROM quotes WHERE kind = 'direct'").fetchone()[0] == "Sergey Lavrov"
        assert con.execute("SELECT count(*) FROM claims").fetchone()[0] == len(claims)
    finally:
        con.close()
    assert "quotes_parquet" in summary.outputs


def test_run_is_deterministic(tmp_path):
    src = _corpus(tmp_path)
    run([src], tmp_path / "one")
    run([src], tmp_path / "two")
    for name in ("quotes.jsonl", "claims.jsonl"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_quotes_off_writes_no_quote_files(tmp_path):
    out = tmp_path / "out"
    run([_corpus(tmp_path)], out, config=Config(quotes=False))
    assert not (out / "quotes.jsonl").exists() and not (out / "claims.jsonl").exists()
    assert (out / "events.jsonl").exists()


def _result(doc_id: str) -> Result:
    sp = Speaker("he", "X", "RUS", "GOV", 0, 2)
    q = Quote(f"q-{doc_id}", doc_id, "x", 0, 1, "direct", sp, "said", 0)
    c = Claim(f"c-{doc_id}", doc_id, 3, "troops", "troops", None, "3", 0, 1, None, None)
    return Result(record=None, quotes=[q], claims=[c])  # type: ignore[arg-type]


def test_resume_keeps_only_committed_documents(tmp_path):
    with QuoteSink(tmp_path) as sink:
        for d in ("d1", "d2", "d3"):
            sink.write(_result(d))
    # a torn last line, as after a kill
    with open(tmp_path / "claims.jsonl", "ab") as fh:
        fh.write(b'{"id": "c-d4", "doc')
    with QuoteSink(tmp_path, resume=True, done={"d1", "d3"}) as sink:
        assert sink.n_dropped == 2
        sink.write(_result("d2"))
    quotes = [r["doc_id"] for r in _jsonl(tmp_path / "quotes.jsonl")]
    claims = [r["doc_id"] for r in _jsonl(tmp_path / "claims.jsonl")]
    assert quotes == ["d1", "d3", "d2"] and claims == ["d1", "d3", "d2"]
    tables = finalize_quotes(tmp_path)
    assert tables["rows"] == {"quotes": 3, "claims": 3} and "duckdb" not in tables


def test_cli_no_quotes_and_evaluation_commands(tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    res = runner.invoke(app, ["code", str(_corpus(tmp_path)), "--out", str(out), "--no-quotes", "--quiet", "-j", "1"])
    assert res.exit_code == 0, res.output
    assert not (out / "quotes.jsonl").exists()
    res = runner.invoke(app, ["evaluate-quotes", str(GOLD / "quotes_gold.jsonl")])
    assert res.exit_code == 0 and "token_f1" in res.output and "speaker_accuracy" in res.output
    res = runner.invoke(app, ["evaluate-claims", str(GOLD / "claims_gold.jsonl")])
    assert res.exit_code == 0 and "value_unit_f1" in res.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n', encoding="utf-8")
    res = runner.invoke(app, ["evaluate-claims", str(bad)])
    assert res.exit_code == 2
