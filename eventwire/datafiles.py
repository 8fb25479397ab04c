"""Reading the YAML data files (lexicons, cues, boilerplate, time expressions).

PyYAML follows YAML 1.1, where bare ``on``, ``off``, ``yes`` and ``no`` are booleans: in a
list of prepositions ``[to, on]`` that silently turns "on" into ``True``.  Our loader only
treats ``true`` and ``false`` as booleans, so word lists stay words — in our files and in
the files users add.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml


class _WordsLoader(yaml.SafeLoader):
    pass


# drop the YAML 1.1 bool resolver and put back a strict one
_WordsLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_WordsLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))


def load_yaml(source: str | Path | Any) -> Any:
    """Parse YAML text, a path, or an open file, keeping on/off/yes/no as strings."""
    if isinstance(source, Path):
        source = source.read_text(encoding="utf-8")
    return yaml.load(source, Loader=_WordsLoader)  # noqa: S506 - a SafeLoader subclass
