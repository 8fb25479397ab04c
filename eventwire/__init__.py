"""eventwire: news articles in, sourced PLOVER political event data out.

    >>> import eventwire
    >>> results = eventwire.code("Russia offered to send aid to Syria on Monday.")
    >>> results[0].events[0].event_type
    'AGREE'

See :func:`eventwire.pipeline.code` (texts, articles or paths in; typed results out) and
:func:`eventwire.pipeline.run` (a corpus to an output folder).
"""
__version__ = "0.1.0"

from .model import Actor, Article, Event, Sentence, Skipped  # noqa: E402


def code(items, **kwargs):
    """Code texts, paths or articles; see :func:`eventwire.pipeline.code`."""
    from .pipeline import code as _code

    return _code(items, **kwargs)


def run(paths, out_dir, **kwargs):
    """Code a corpus into an output folder; see :func:`eventwire.pipeline.run`."""
    from .pipeline import run as _run

    return _run(paths, out_dir, **kwargs)


__all__ = ["Actor", "Article", "Event", "Sentence", "Skipped", "code", "run", "__version__"]
