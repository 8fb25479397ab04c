"""Quotes, speakers and numeric claims (see issue 12 and the README section "Quotes and numbers").

* :mod:`~eventwire.quotes.marks` — quote marks paired by a linear scan;
* :mod:`~eventwire.quotes.quotes` — direct and mixed quotes attributed by the frame next to them;
* :mod:`~eventwire.quotes.indirect` — indirect speech from the parse, "according to X";
* :mod:`~eventwire.quotes.speakers` — speakers resolved (titles, pronouns, surnames) and the
  pronoun hooks for the coder (:func:`speaker_for_offset`, :func:`antecedent_for`);
* :mod:`~eventwire.quotes.claims` — numeric claims;
* :mod:`~eventwire.quotes.extract` — one article's quotes and claims, linked to its events;
* :mod:`~eventwire.quotes.sink` — ``quotes.jsonl`` / ``claims.jsonl`` writer step and tables;
* :mod:`~eventwire.quotes.evaluation` — scoring against gold.
"""
