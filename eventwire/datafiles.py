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
    def construct_mapping(self, node, deep=False):
        # a key given twice would silently keep only its last value (YAML's rule): in a word
        # list a user extends, that loses the first list without a word
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if key is not None and key in seen:
                    raise yaml.constructor.ConstructorError(
                        "while reading a mapping", node.start_mark,
                        f"duplicate key {key!r} (first at line {seen[key] + 1})", key_node.start_mark)
                seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


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


# --------------------------------------------------------------------------- word-list sections
#: shapes of a word-list section: a list of words, a mapping of names to lists of words, a
#: mapping of names to one word
WORDS, TABLE, MAP = "words", "table", "map"


def shape_of(value: Any) -> str:
    """The shape (:data:`WORDS`, :data:`TABLE`, :data:`MAP`) of a packaged section's value."""
    if isinstance(value, dict):
        return TABLE if all(isinstance(v, list) for v in value.values()) else MAP
    return WORDS


def read_sections(node: yaml.Node, source: str, shapes: dict[str, str]) -> dict[str, Any]:
    """Word-list sections of a parsed YAML mapping node, checked against ``shapes`` (section name
    -> shape); a ValueError names ``source:line`` of the first offence."""
    def where(n: yaml.Node) -> str:
        return f"{source}:{n.start_mark.line + 1}"

    def word(n: yaml.Node) -> str:
        if not isinstance(n, yaml.ScalarNode) or not str(n.value).strip():
            raise ValueError(f"{where(n)}: expected a word, got {_kind(n)}")
        return str(n.value)

    def words(n: yaml.Node) -> list[str]:
        if isinstance(n, yaml.ScalarNode):
            return [word(n)]
        if not isinstance(n, yaml.SequenceNode):
            raise ValueError(f"{where(n)}: expected a list of words, got {_kind(n)}")
        return [word(x) for x in n.value]

    if not isinstance(node, yaml.MappingNode):
        raise ValueError(f"{where(node)}: expected a mapping of section names to word lists, got {_kind(node)}")
    out: dict[str, Any] = {}
    for k, v in node.value:
        name = word(k)
        shape = shapes.get(name)
        if shape is None:
            raise ValueError(f"{where(k)}: unknown section {name!r} (known: {', '.join(sorted(shapes))})")
        if shape == WORDS:
            out[name] = words(v)
        else:
            if not isinstance(v, yaml.MappingNode):
                raise ValueError(f"{where(v)}: section {name!r} must be a mapping, got {_kind(v)}")
            out[name] = {word(a): (words(b) if shape == TABLE else word(b)) for a, b in v.value}
    return out


def merge_sections(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``base`` extended by ``extra``: lists gain the new words (in order, no repeats), tables
    gain words per name, maps gain or replace names."""
    out = dict(base)
    for name, value in extra.items():
        old = out.get(name)
        if isinstance(value, list):
            out[name] = list(dict.fromkeys([*(old or []), *value]))
        elif value and all(isinstance(v, list) for v in value.values()):
            table = {k: list(v) for k, v in (old or {}).items()}
            for k, v in value.items():
                table[k] = list(dict.fromkeys([*table.get(k, []), *v]))
            out[name] = table
        else:
            out[name] = {**(old or {}), **value}
    return out


def compose_yaml(text: str) -> yaml.Node:
    """The YAML node tree of ``text`` (with line marks), on the loader of :func:`load_yaml`."""
    return yaml.compose(text, Loader=_WordsLoader)  # noqa: S506 - a SafeLoader subclass


def _kind(n: yaml.Node) -> str:
    if isinstance(n, yaml.ScalarNode):
        return f"{n.value!r}"
    return "a list" if isinstance(n, yaml.SequenceNode) else "a mapping"
