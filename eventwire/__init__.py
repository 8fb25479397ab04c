"""eventwire: news articles in, sourced PLOVER political event data out.

    >>> import eventwire
    >>> results = eventwire.code("Russia offered to send aid to Syria on Monday.")
    >>> results[0].events[0].event_type
    'AGREE'

See :func:`eventwire.api.code` and :func:`eventwire.api.iter_code` (texts, records,
articles or paths in; typed results out, in input order) and :func:`eventwire.runner.run`
(a corpus to an output folder, through pluggable steps).
"""
__version__ = "0.1.0"

from .api import code, iter_code  # noqa: E402
from .model import Actor, Article, Event, Result, Sentence, Skipped  # noqa: E402
from .pipeline import Config  # noqa: E402
from .runner import run  # noqa: E402

__all__ = ["Actor", "Article", "Config", "Event", "Result", "Sentence", "Skipped", "code", "iter_code", "run",
           "__version__"]
