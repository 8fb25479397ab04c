"""The HTML report of an output folder: one self-contained page that works offline.

::

    >>> from eventwire.report import build_report
    >>> build_report("out")              # writes out/report.html, returns its path

:func:`render_report` returns the page as a string (what ``eventwire serve`` answers on
``GET /report``).  The page inlines Plotly's JavaScript (from the installed ``plotly``
package), its own script and style, the data (:mod:`eventwire.report.payload`) and the world
map's outlines (Natural Earth, :mod:`eventwire.report.geometry`): it makes no request to any
host, not even for fonts.
"""
from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Optional, Sequence, Union

from ..sinks.jsonl import atomic_path
from ..steps import BaseStep, RunContext
from .load import Corpus, ReportInputError, load_corpus
from .payload import Caps, build_payload
from .quad import QUAD_CLASSES, load_quad_classes

REPORT_FILE = "report.html"

PathLike = Union[str, "os.PathLike[str]"]


def _json_for_script(obj: object) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&`` or line
    separators survive literally, so a sentence holding ``</script>`` cannot end the block."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=False, allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _static(name: str) -> str:
    return resources.files("eventwire.report").joinpath("static", name).read_text(encoding="utf-8")


def render_payload(payload: dict) -> str:
    """The page for an already built payload."""
    import jinja2
    from markupsafe import Markup
    from plotly.offline import get_plotlyjs

    from .geometry import PROJECTION_JS

    env = jinja2.Environment(loader=jinja2.PackageLoader("eventwire.report", "templates"),
                             autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    template = env.get_template("report.html.j2")
    return template.render(
        p=payload, quad_classes=QUAD_CLASSES,
        data_json=Markup(_json_for_script(payload)),
        plotly_js=Markup(get_plotlyjs()),
        report_js=Markup(PROJECTION_JS + "\n" + _static("report.js")),
        report_css=Markup(_static("report.css")),
    )


def render_report(out_dir: PathLike, *, caps: Caps = Caps(), quad_files: Sequence[PathLike] = ()) -> str:
    """The report page of the output folder ``out_dir`` as one HTML string."""
    corpus = load_corpus(out_dir)
    return render_payload(build_payload(corpus, load_quad_classes(quad_files), caps))


def build_report(out_dir: PathLike, output: Optional[PathLike] = None, *, caps: Caps = Caps(),
                 quad_files: Sequence[PathLike] = ()) -> Path:
    """Write the report of ``out_dir`` to ``output`` (default ``out_dir/report.html``); return its path.

    The file is written under a temporary name and moved into place, so a reader never sees
    half a page.
    """
    html = render_report(out_dir, caps=caps, quad_files=quad_files)
    final = Path(output) if output is not None else Path(out_dir) / REPORT_FILE
    final.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(final) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return final


class ReportStep(BaseStep):
    """Run step (a finaliser): writes ``report.html`` once the run's tables (and stories) are final.

    A report that cannot be built never fails the run: the reason goes to the run's outputs as
    ``report_error`` (the CLI prints it as a warning).
    """

    name = "report"

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.path: Optional[Path] = None
        self.error: Optional[str] = None

    def build(self, out_dir: PathLike) -> Optional[Path]:
        """Write the report of ``out_dir``; ``None`` (and :attr:`error` set) when it cannot be built."""
        if not self.enabled:
            return None
        try:
            self.path = build_report(out_dir)
        except Exception as exc:  # noqa: BLE001 - the coded data is what a run must deliver
            self.error = f"{type(exc).__name__}: {exc}"
            return None
        return self.path

    def finish(self, ctx: RunContext) -> None:
        path = self.build(ctx.out_dir)
        if path is not None:
            ctx.outputs["report"] = str(path)
        elif self.error:
            ctx.outputs["report_error"] = self.error


__all__ = ["Caps", "Corpus", "REPORT_FILE", "ReportInputError", "ReportStep", "build_report", "load_corpus",
           "render_payload", "render_report"]
